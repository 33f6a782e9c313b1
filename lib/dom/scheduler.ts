/**
 * Work in slices the page never notices: urgent jobs (what is in view, what just changed) run in the
 * next task, the rest when the browser is idle (requestIdleCallback, with a timer where it is missing).
 * Each slice stops at `budgetMs`, so no task of ours comes near the 50 ms long-task mark.
 */

/** A resumable job: does work until `shouldYield()` and returns true when it is finished. */
export type Job = (shouldYield: () => boolean) => boolean;

export interface SchedulerStats {
  slices: number;
  /** Milliseconds spent in slices, in total. */
  busyMs: number;
  longestSliceMs: number;
}

interface IdleWindow {
  requestIdleCallback?: (
    callback: (deadline: { timeRemaining(): number; didTimeout: boolean }) => void,
    options?: { timeout: number },
  ) => number;
  cancelIdleCallback?: (handle: number) => void;
}

export interface SchedulerOptions {
  budgetMs?: number;
  /** Longest wait for an idle period before running anyway. */
  idleTimeoutMs?: number;
  now?: () => number;
}

export function createScheduler(win: Window, options: SchedulerOptions = {}) {
  const budgetMs = options.budgetMs ?? 8;
  const idleTimeoutMs = options.idleTimeoutMs ?? 200;
  const now = options.now ?? (() => win.performance.now());
  const idleWin = win as unknown as IdleWindow;
  const urgent: Job[] = [];
  const idle: Job[] = [];
  const stats: SchedulerStats = { slices: 0, busyMs: 0, longestSliceMs: 0 };
  let urgentPending = false;
  let idlePending = false;
  let stopped = false;
  let waiters: (() => void)[] = [];
  const Channel = (win as Window & typeof globalThis).MessageChannel;
  const channel = typeof Channel === 'function' ? new Channel() : undefined;
  if (channel) channel.port1.onmessage = () => runSlice(true, budgetMs);

  function runSlice(urgentSlice: boolean, allowance: number): void {
    if (urgentSlice) urgentPending = false;
    else idlePending = false;
    if (stopped) return;
    const start = now();
    const deadline = start + Math.min(budgetMs, allowance);
    const shouldYield = () => now() >= deadline;
    const queue = urgent.length ? urgent : urgentSlice ? undefined : idle;
    if (queue) {
      while (queue.length && !shouldYield()) {
        const job = queue[0] as Job;
        if (job(shouldYield)) queue.shift();
      }
    }
    const spent = now() - start;
    stats.slices++;
    stats.busyMs += spent;
    if (spent > stats.longestSliceMs) stats.longestSliceMs = spent;
    schedule();
  }

  function schedule(): void {
    if (stopped) return;
    if (urgent.length && !urgentPending) {
      urgentPending = true;
      if (channel) channel.port2.postMessage(null);
      else win.setTimeout(() => runSlice(true, budgetMs), 0);
    } else if (!urgent.length && idle.length && !idlePending) {
      idlePending = true;
      if (idleWin.requestIdleCallback) {
        idleWin.requestIdleCallback(
          (deadline) =>
            runSlice(false, deadline.didTimeout ? budgetMs : Math.max(1, deadline.timeRemaining())),
          { timeout: idleTimeoutMs },
        );
      } else {
        win.setTimeout(() => runSlice(false, budgetMs), 16);
      }
    }
    if (!urgent.length && !idle.length && waiters.length) {
      const resolved = waiters;
      waiters = [];
      for (const resolve of resolved) resolve();
    }
  }

  return {
    /** Runs in the next task, ahead of idle work. */
    urgent(job: Job): void {
      urgent.push(job);
      schedule();
    },
    /** Runs when the browser is idle. */
    idle(job: Job): void {
      idle.push(job);
      schedule();
    },
    /** Runs a job now, for at most `allowanceMs` (one budget by default), leaving the rest for the next urgent slice. */
    runNow(job: Job, allowanceMs = budgetMs): void {
      const start = now();
      const deadline = start + allowanceMs;
      const done = job(() => now() >= deadline);
      const spent = now() - start;
      stats.slices++;
      stats.busyMs += spent;
      if (spent > stats.longestSliceMs) stats.longestSliceMs = spent;
      if (!done) urgent.push(job);
      schedule();
    },
    get busy() {
      return urgent.length + idle.length > 0;
    },
    /** Resolves once no job is queued. */
    whenIdle(): Promise<void> {
      if (!urgent.length && !idle.length) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    stats,
    stop(): void {
      stopped = true;
      urgent.length = 0;
      idle.length = 0;
      channel?.port1.close();
      const resolved = waiters;
      waiters = [];
      for (const resolve of resolved) resolve();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
