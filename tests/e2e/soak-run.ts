import type { BrowserContext, Page } from '@playwright/test';
import type { ProviderId } from '../../lib/crm/adapter';
import { bullhornTarget } from '../conformance/bullhorn.target';
import { closeTarget } from '../conformance/close.target';
import { entityCrmTarget } from '../conformance/entity-crm.target';
import type { ConformanceTarget } from '../conformance/harness';
import type { FaultKind } from '../sandbox/faults';
import type { Sandbox } from '../sandbox/server';
import { connectProvider } from './connect-ui';

/**
 * The outbox soak: many call logs across three CRMs while every sandbox API fails in every way we know
 * and the service worker is stopped again and again. Then every log must exist exactly once.
 */

export interface SoakOptions {
  logs: number;
  /** How often the service worker is stopped while deliveries run. */
  restartEveryMs: number;
  /** Give up waiting after this long. */
  timeoutMs: number;
  onProgress?: (progress: { delivered: number; open: number; restarts: number }) => void;
}

export interface SoakResult {
  sent: number;
  faults: Record<FaultKind, number>;
  restarts: number;
  lost: string[];
  duplicated: string[];
  landedAfterMs: number;
  needsAttention: number;
}

const TARGETS: ConformanceTarget[] = [closeTarget, bullhornTarget, entityCrmTarget];
const JANE = '+14155552671';

interface Reply<T> {
  ok: boolean;
  data?: T;
  error?: { message: string };
}

/**
 * One message from an extension page. Reads are retried: a message can land while the worker is being
 * stopped and then never be answered. Writes (`retry: false`) are not, so the driver never sends twice.
 */
async function message<T>(page: Page, type: string, payload: unknown, retry = true): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const reply = (await page.evaluate(
        ([t, p]) =>
          Promise.race([
            chrome.runtime.sendMessage({ type: t, payload: p }),
            new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 10 s')), 10_000)),
          ]),
        [type, payload] as const,
      )) as Reply<T>;
      if (!reply?.ok || reply.data === undefined) throw new Error(reply?.error?.message ?? 'no answer');
      return reply.data;
    } catch (error) {
      if (!retry || attempt >= 20) throw error;
      await page.waitForTimeout(250);
    }
  }
}

interface OutboxRow {
  id: string;
  state: string;
  op: { input?: { note?: string } };
}

export async function runSoak(
  context: BrowserContext,
  extensionId: string,
  sandbox: Sandbox,
  options: SoakOptions,
): Promise<SoakResult> {
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  for (const target of TARGETS) {
    await connectProvider(page, {
      provider: target.definition.id,
      baseUrl: target.baseUrl(sandbox),
      fields: target.credentials,
    });
  }
  // Entity CRM searches through the local index: wait for its first sync.
  await page.waitForFunction(
    async () => {
      const reply = (await chrome.runtime.sendMessage({ type: 'index.status', payload: {} })) as Reply<{
        status: Record<string, { state: string }>;
      }>;
      return Object.values(reply.data?.status ?? {}).some((status) => status.state === 'ok');
    },
    undefined,
    { polling: 250, timeout: 30_000 },
  );
  const lookup = await message<{
    results: { provider: ProviderId; records: { ref: unknown; name: string }[] }[];
  }>(page, 'lookup', { phone: JANE });
  const records = TARGETS.map((target) => {
    const found = lookup.results.find((result) => result.provider === target.definition.id)?.records[0];
    if (!found) throw new Error(`${target.definition.label}: Jane Doe was not found`);
    return { target, ref: found.ref };
  });

  // Every fault kind, on every API, for the whole delivery phase.
  // About one request in seven fails: hundreds of faults over a run, while a log whose every request
  // must get through (a check, then the write) still lands within a few tries of backoff.
  const rules = [
    { kind: 'status', status: 503, probability: 0.04 },
    { kind: 'status', status: 500, probability: 0.02 },
    { kind: 'rate-limit', resetSeconds: 1, probability: 0.03 },
    { kind: 'drop', probability: 0.02 },
    { kind: 'drop-after-commit', probability: 0.03 },
    { kind: 'latency', ms: 150, probability: 0.1 },
  ] as const;
  // And each kind at least once per CRM, whatever the dice say: the first writes lose their answer
  // after committing, the first requests fail every other way.
  const firsts = [
    { kind: 'drop-after-commit', method: 'POST', times: 1 },
    { kind: 'drop-after-commit', method: 'PUT', times: 1 },
    { kind: 'status', status: 503, times: 1 },
    { kind: 'rate-limit', resetSeconds: 1, times: 1 },
    { kind: 'drop', times: 1 },
  ] as const;
  for (const { target } of records) {
    const faults = sandbox.api(target.definition.id).faults;
    faults.clear();
    for (const rule of [...firsts, ...rules]) faults.add({ ...rule });
  }

  const started = Date.now();
  const notes: string[] = [];
  const batch = 50;
  for (let first = 0; first < options.logs; first += batch) {
    const sends: Promise<unknown>[] = [];
    for (let i = first; i < Math.min(options.logs, first + batch); i++) {
      const { ref } = records[i % records.length] ?? {};
      const note = `Soak log ${i} ${Math.random().toString(36).slice(2, 10)}: discussed the role.`;
      notes.push(note);
      sends.push(
        message(
          page,
          'call.log',
          {
            label: `Soak ${i}`,
            input: {
              channel: 'call',
              record: ref,
              direction: 'outbound',
              durationSec: i % 600,
              phone: JANE,
              note,
              activityAt: new Date(started - i * 1000).toISOString(),
            },
          },
          false,
        ),
      );
    }
    await Promise.all(sends);
  }

  // Stop the worker again and again while it delivers; polling the outbox wakes it each time.
  const cdp = await context.newCDPSession(page);
  // Without the ServiceWorker domain enabled, stopAllWorkers refuses ("domain not enabled") and stops nothing.
  await cdp.send('ServiceWorker.enable');
  let restarts = 0;
  let lastRestart = Date.now();
  let landedAfterMs = Number.NaN;
  let rows: OutboxRow[] = [];
  while (Date.now() - started < options.timeoutMs) {
    if (Date.now() - lastRestart >= options.restartEveryMs) {
      // Counted only when Chromium accepted the stop: a refused call must not pass for a restart.
      const stopped = await cdp.send('ServiceWorker.stopAllWorkers').then(
        () => true,
        () => false,
      );
      if (stopped) restarts += 1;
      lastRestart = Date.now();
    }
    rows = (await message<{ items: OutboxRow[] }>(page, 'outbox.list', {})).items;
    const open = rows.filter((row) => row.state !== 'sent');
    options.onProgress?.({ delivered: options.logs - open.length, open: open.length, restarts });
    // Every log was enqueued before this loop, and the outbox prunes only delivered ones (it keeps the
    // newest 500): done when nothing is left to deliver.
    if (open.every((row) => row.state === 'attention')) {
      landedAfterMs = Date.now() - started;
      break;
    }
    await page.waitForTimeout(300);
  }

  const faults: Record<FaultKind, number> = {
    latency: 0,
    status: 0,
    'rate-limit': 0,
    drop: 0,
    'drop-after-commit': 0,
    garbage: 0,
    hostile: 0,
  };
  for (const { target } of records) {
    const api = sandbox.api(target.definition.id);
    for (const [kind, count] of Object.entries(api.faults.injected)) faults[kind as FaultKind] += count;
    api.faults.clear();
  }
  const lost: string[] = [];
  const duplicated: string[] = [];
  notes.forEach((note, i) => {
    const target = records[i % records.length]?.target;
    const stored = target?.inspect.countActivities?.(sandbox, note) ?? 0;
    if (stored === 0) lost.push(note);
    if (stored > 1) duplicated.push(`${target?.definition.label}: ${note} (${stored} times)`);
  });
  await page.close();
  return {
    sent: notes.length,
    faults,
    restarts,
    lost,
    duplicated,
    landedAfterMs,
    needsAttention: rows.filter((row) => row.state === 'attention').length,
  };
}

export function describeSoak(result: SoakResult): string {
  const faults = Object.entries(result.faults)
    .map(([kind, count]) => `${kind} ${count}`)
    .join(', ');
  return [
    `logs sent: ${result.sent}`,
    `faults injected: ${faults}`,
    `worker restarts: ${result.restarts}`,
    `lost: ${result.lost.length}`,
    `duplicated: ${result.duplicated.length}`,
    `needs attention: ${result.needsAttention}`,
    `time until the last one landed: ${Number.isNaN(result.landedAfterMs) ? 'did not finish' : `${(result.landedAfterMs / 1000).toFixed(1)} s`}`,
  ].join('\n');
}
