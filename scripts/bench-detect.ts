/**
 * `npm run bench:detect`: the page scanning engine (lib/dom/engine.ts) against the generated CRM list
 * pages (2,000 and 8,000 rows) in headless Chromium, without the extension: the engine is bundled for the
 * page with esbuild and injected. Measured on fresh loads of the same page:
 *   - the floor: a bare TreeWalker over every text node, first on a fresh load like the scan (the targets'
 *     reference), then repeated on the warm page;
 *   - the naive baseline: libphonenumber-js findPhoneNumbersInText on every text node, in one task;
 *   - two parts of the scan alone, each cold on a fresh load, to show where the floor's multiple goes: the
 *     walk (RunWalker handing out runs to hooks that do nothing) and the detector (mayHoldContact, then
 *     findContacts, over every text node's string, taken from the page beforehand: no DOM in the clock);
 *   - Ringside: script time of a full scan, wall time until done, longest main-thread task (PerformanceObserver
 *     'longtask' and the engine's own slices), time until the part in view is highlighted, precision and
 *     recall against the page's known values, the cost of appending 100 rows, and what "On this page"
 *     costs (found(), which checks visibility);
 *   - Ringside under a Chromium trace, on another fresh load: the main thread's CPU time while the scan
 *     runs (script, style, layout, paint, garbage collection: everything the page pays), the longest task
 *     in wall and in thread CPU time, and how many Paint events ran (each change to the highlights
 *     makes Chromium repaint the whole document).
 * Each figure is the median of BENCH_REPEATS (default 3) rounds of fresh loads. Wall-clock figures stretch
 * when the machine is busy with other work; thread CPU time from the trace does not.
 */
import { existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  DETECTION_PAGE_COUNTRY,
  type DetectionPage,
  renderDetectionPage,
  renderDetectionRows,
} from '../tests/sandbox/pages-detect';
import { pageBundle } from '../tests/support/page-bundle';
import { CHROMIUM_HELP, extensionBuildDir, findChromium } from './find-chromium';

const SIZES = (process.env.BENCH_ROWS ?? '2000,8000').split(',').map(Number);
const REPEATS = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3));
const BARE_REPEATS = 6;

function bundleEngine(): Promise<string> {
  return pageBundle(
    `
    import { startDetection } from './lib/dom/engine';
    import { HIGHLIGHT_CSS } from './lib/dom/highlight';
    import { RunWalker } from './lib/dom/walk';
    import * as detect from './lib/phone/detect';
    import { findPhoneNumbersInText } from 'libphonenumber-js';
    window.__bench = {
      startDetection, findPhoneNumbersInText, HIGHLIGHT_CSS, RunWalker,
      clearParseCache: detect.clearParseCache, findContacts: detect.findContacts, mayHoldContact: detect.mayHoldContact,
    };`,
    { minify: true },
  );
}

function serve(pages: Map<string, string>) {
  const server = createServer((req, res) => {
    const html = pages.get(req.url ?? '');
    res.writeHead(html ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((done) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      done({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise((closed) => server.close(() => closed())),
      });
    });
  });
}

interface Figures {
  textNodes: number;
  /** The first bare walk on a fresh load: the floor under the same conditions as the scan. */
  bareMs: number;
  /** The same walk repeated on that page. */
  bareWarmMs: number;
  naiveMs: number;
  naiveFound: number;
  /** RunWalker alone over the page, cold. */
  walkOnlyMs: number;
  /** The detector alone over every text node's string, cold. */
  detectorOnlyMs: number;
  scanBusyMs: number;
  scanWallMs: number;
  warmBusyMs: number;
  slices: number;
  longestSliceMs: number;
  longestTaskMs: number;
  longTasks: number;
  inViewMs: number;
  inViewCoverage: number;
  precision: number;
  recall: number;
  ranges: number;
  expectedRanges: number;
  appendBusyMs: number;
  appendLatencyMs: number;
  appendRecall: number;
  foundMs: number;
  foundWallMs: number;
  traceCpuMs: number;
  traceLongestWallMs: number;
  traceLongestCpuMs: number;
  tracePaints: number;
  falsePositives: string[];
  missed: string[];
}

async function fresh(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  // Let the page settle (first paint, the iframe) so its own work is not counted as ours.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50))));
}

/**
 * A fresh load with the engine injected and the detector's caches cleared. The extension's stylesheet is
 * in place before the page is (manifest CSS): the same here, with the style recalculation it causes done
 * before any clock starts.
 */
async function loadForScan(page: Page, url: string, bundle: string): Promise<void> {
  await fresh(page, url);
  await page.addScriptTag({ content: bundle });
  await page.evaluate(async () => {
    const bench = (window as unknown as { __bench: BenchGlobals }).__bench;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(bench.HIGHLIGHT_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    document.body.getBoundingClientRect();
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    bench.clearParseCache?.();
  });
}

async function measure(page: Page, url: string, bundle: string, sample: DetectionPage, extra: DetectionPage) {
  // The floor: a bare walk over every text node, first on the fresh load (as the scan runs: DOM wrappers
  // and compiled code cold), then again on the same page (warm: the median of the repeats).
  await fresh(page, url);
  const bare = await page.evaluate((repeats) => {
    const times: number[] = [];
    let count = 0;
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
      let nodes = 0;
      let chars = 0;
      while (walker.nextNode()) {
        nodes++;
        chars += (walker.currentNode as Text).data.length;
      }
      times.push(performance.now() - start);
      count = nodes + (chars > 0 ? 0 : 0);
    }
    const first = times[0] as number;
    const again = times.slice(1).sort((a, b) => a - b);
    return { ms: first, warmMs: again[Math.floor(again.length / 2)] as number, count };
  }, BARE_REPEATS);

  // The naive baseline: libphonenumber's finder on every text node, on a fresh load.
  await fresh(page, url);
  await page.addScriptTag({ content: bundle });
  const naive = await page.evaluate((country) => {
    const { findPhoneNumbersInText } = (window as unknown as { __bench: BenchGlobals }).__bench;
    const start = performance.now();
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    let found = 0;
    while (walker.nextNode())
      found += findPhoneNumbersInText((walker.currentNode as Text).data, country).length;
    return { ms: performance.now() - start, found };
  }, DETECTION_PAGE_COUNTRY);

  // Two parts of the scan alone, on a fresh load: the walk, then (strings taken from the page first) the
  // detector. Each runs its code for the first time, as in the scan.
  await fresh(page, url);
  await page.addScriptTag({ content: bundle });
  const parts = await page.evaluate((country) => {
    const bench = (window as unknown as { __bench: BenchGlobals }).__bench;
    let start = performance.now();
    new bench.RunWalker(document.documentElement, {
      // Methods, not arrows: tsx names arrows with a helper the page does not have.
      run() {},
      link() {},
      shadowRoot() {
        return true;
      },
    }).walk(() => false);
    const walkMs = performance.now() - start;
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) texts.push((walker.currentNode as Text).data);
    bench.clearParseCache?.();
    const options = { defaultCountry: country };
    let found = 0;
    start = performance.now();
    for (const text of texts)
      if (bench.mayHoldContact(text)) found += bench.findContacts(text, options).length;
    return { walkMs, detectorMs: performance.now() - start, found };
  }, DETECTION_PAGE_COUNTRY);

  // Ringside's engine, on a fresh load.
  await loadForScan(page, url, bundle);
  const scan = await page.evaluate(async (country) => {
    const bench = (window as unknown as { __bench: BenchGlobals }).__bench;
    const longTasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask', buffered: false });
    const { startDetection } = bench;
    const controller = new AbortController();
    const start = performance.now();
    const detection = startDetection(window, {
      defaultCountry: country,
      onDial() {},
      onLookupEmail() {},
      signal: controller.signal,
    });
    (window as unknown as { __detection: unknown }).__detection = detection;
    // In view: wait for the engine to say so, then check the phone cells in view really are drawn.
    while (detection.stats().inViewMs === undefined) await new Promise((done) => setTimeout(done, 1));
    const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
    const drawn = new Set<Node>();
    for (const range of registry.get('ringside-phone') ?? []) drawn.add(range.startContainer);
    const cells = [...document.querySelectorAll('td.phone')].filter((cell) => {
      const box = cell.getBoundingClientRect();
      return box.bottom > 0 && box.top < innerHeight && box.height > 0;
    });
    const covered = cells.filter((cell) => [...drawn].some((node) => cell.contains(node))).length;
    await detection.whenIdle();
    const wallMs = performance.now() - start;
    await new Promise((done) => setTimeout(done, 100));
    observer.disconnect();
    const stats = detection.stats();
    const ranges = stats.matches;
    // "On this page": the side panel's list, which asks which matches are shown (in idle slices).
    const foundStart = performance.now();
    const busyBefore = detection.stats().busyMs;
    const found = await detection.found();
    const foundWallMs = performance.now() - foundStart;
    const foundMs = detection.stats().busyMs - busyBefore;
    return {
      wallMs,
      stats,
      found,
      foundMs,
      foundWallMs,
      ranges,
      inViewCoverage: cells.length ? covered / cells.length : 1,
      longTasks: longTasks.filter((task) => task.startTime >= start).map((task) => task.duration),
    };
  }, DETECTION_PAGE_COUNTRY);

  // Appending 100 rows to the live page.
  const append = await page.evaluate(async (rowsHtml) => {
    const detection = (window as unknown as { __detection: BenchDetection }).__detection;
    const before = detection.stats();
    const target = before.phones;
    const start = performance.now();
    document.querySelector('tbody')?.insertAdjacentHTML('beforeend', rowsHtml);
    // Latency: until the new rows' numbers are drawn (the engine reads changes once per frame).
    while (detection.stats().phones <= target) await new Promise((done) => requestAnimationFrame(done));
    const latencyMs = performance.now() - start;
    await detection.whenIdle();
    const busyMs = detection.stats().busyMs - before.busyMs;
    // Asked after the figure is taken: the list's own cost is measured after the scan.
    const found = await detection.found();
    return { busyMs, latencyMs, found };
  }, extra.html);

  // A second full scan of the same page with the detector's caches warm (an SPA re-mounting its list):
  // what the engine itself costs once parsing is out of the way.
  const warm = await page.evaluate(async (country) => {
    const bench = (window as unknown as { __bench: BenchGlobals }).__bench;
    const controller = new AbortController();
    const detection = bench.startDetection(window, {
      defaultCountry: country,
      onDial() {},
      onLookupEmail() {},
      signal: controller.signal,
    });
    await detection.whenIdle();
    const busyMs = detection.stats().busyMs;
    controller.abort();
    return busyMs;
  }, DETECTION_PAGE_COUNTRY);

  const key = (item: { kind: string; value: string }) => `${item.kind}:${item.value}`;
  const expected = new Set(sample.expected.map(key));
  const found = new Set(scan.found.map(key));
  const hits = [...found].filter((item) => expected.has(item)).length;
  const extraExpected = extra.expected.map(key);
  const afterAppend = new Set(append.found.map(key));
  return {
    textNodes: bare.count,
    bareMs: bare.ms,
    bareWarmMs: bare.warmMs,
    naiveMs: naive.ms,
    naiveFound: naive.found,
    walkOnlyMs: parts.walkMs,
    detectorOnlyMs: parts.detectorMs,
    scanBusyMs: scan.stats.busyMs,
    scanWallMs: scan.wallMs,
    slices: scan.stats.slices,
    longestSliceMs: scan.stats.longestSliceMs,
    longestTaskMs: Math.max(0, ...scan.longTasks),
    longTasks: scan.longTasks.length,
    inViewMs: scan.stats.inViewMs ?? Number.NaN,
    inViewCoverage: scan.inViewCoverage,
    precision: found.size ? hits / found.size : 1,
    recall: expected.size ? hits / expected.size : 1,
    ranges: scan.ranges,
    expectedRanges: sample.expectedRanges,
    warmBusyMs: warm,
    appendBusyMs: append.busyMs,
    appendLatencyMs: append.latencyMs,
    appendRecall: extraExpected.filter((item) => afterAppend.has(item)).length / extraExpected.length,
    foundMs: scan.foundMs,
    foundWallMs: scan.foundWallMs,
    ...(await traceScan(page, url, bundle)),
    falsePositives: [...found].filter((item) => !expected.has(item)),
    missed: [...expected].filter((item) => !found.has(item)),
  } satisfies Figures;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * A full scan on a fresh load under a Chromium trace: the main thread's tasks between the scan's start
 * and a quiet moment after it (so the highlights' repaints count), in wall and thread CPU time.
 */
async function traceScan(page: Page, url: string, bundle: string) {
  await loadForScan(page, url, bundle);
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => {
    events.push(...(data.value as unknown as TraceEvent[]));
  });
  const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
  await cdp.send('Tracing.start', {
    // Top-level tasks (with thread time), paints and our marks; the detailed timeline categories would
    // slow the very paints being measured.
    categories: 'toplevel,devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  await page.evaluate(async (country) => {
    const { startDetection } = (window as unknown as { __bench: BenchGlobals }).__bench;
    performance.mark('ringside-scan-start');
    const detection = startDetection(window, {
      defaultCountry: country,
      onDial() {},
      onLookupEmail() {},
      signal: new AbortController().signal,
    });
    await detection.whenIdle();
    // The observer's reports are drawn a moment later, then painted: wait for them.
    await new Promise((done) => setTimeout(done, 500));
    performance.mark('ringside-scan-end');
  }, DETECTION_PAGE_COUNTRY);
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const start = events.find((event) => event.name === 'ringside-scan-start');
  const end = events.find((event) => event.name === 'ringside-scan-end');
  if (!start || !end) throw new Error('the trace lost the scan markers');
  const main = (event: TraceEvent) =>
    event.pid === start.pid && event.tid === start.tid && event.ts >= start.ts && event.ts <= end.ts;
  // Chromium names its top-level task events ThreadControllerImpl::RunTask (toplevel category).
  const tasks = events.filter(
    (event) => event.ph === 'X' && event.name === 'ThreadControllerImpl::RunTask' && main(event),
  );
  const longest = tasks.reduce<TraceEvent | undefined>(
    (top, task) => (!top || (task.dur ?? 0) > (top.dur ?? 0) ? task : top),
    undefined,
  );
  return {
    traceCpuMs: tasks.reduce((sum, task) => sum + (task.tdur ?? 0), 0) / 1000,
    traceLongestWallMs: (longest?.dur ?? 0) / 1000,
    traceLongestCpuMs: Math.max(0, ...tasks.map((task) => task.tdur ?? 0)) / 1000,
    tracePaints: events.filter((event) => event.ph === 'X' && event.name === 'Paint' && main(event)).length,
  };
}

/** Each figure's median over the rounds; the lists of misses from the round with the most. */
function medianOf(rounds: Figures[]): Figures {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2
      ? (sorted[middle] as number)
      : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  };
  const first = rounds[0] as Figures;
  const result = { ...first };
  for (const key of Object.keys(first) as (keyof Figures)[]) {
    if (typeof first[key] === 'number')
      (result as Record<string, unknown>)[key] = median(rounds.map((round) => round[key] as number));
  }
  // Precision and recall: the worst round, not the middle one.
  result.precision = Math.min(...rounds.map((round) => round.precision));
  result.recall = Math.min(...rounds.map((round) => round.recall));
  const worst = (pick: (round: Figures) => string[]) =>
    rounds.map(pick).reduce((most, list) => (list.length > most.length ? list : most), [] as string[]);
  result.falsePositives = worst((round) => round.falsePositives);
  result.missed = worst((round) => round.missed);
  return result;
}

interface BenchDetection {
  stats(): {
    phones: number;
    matches: number;
    drawn: number;
    busyMs: number;
    inViewMs?: number;
    longestSliceMs: number;
    slices: number;
  };
  found(): Promise<{ kind: string; value: string }[]>;
  whenIdle(): Promise<void>;
}
interface BenchGlobals {
  startDetection(win: Window, options: Record<string, unknown>): BenchDetection;
  findPhoneNumbersInText(text: string, country: string): unknown[];
  findContacts(text: string, options: { defaultCountry: string }): unknown[];
  mayHoldContact(text: string): boolean;
  RunWalker: new (
    root: Node,
    hooks: { run(): void; link(): void; shadowRoot(): boolean },
  ) => { walk(shouldYield: () => boolean): boolean };
  HIGHLIGHT_CSS: string;
  clearParseCache?: () => void;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
/** A figure and its multiple of the floor. */
const times = (value: number, floor: number) => `${ms(value)} (${(value / floor).toFixed(1)}× the bare walk)`;

async function main() {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(CHROMIUM_HELP);
    process.exit(1);
  }
  const bundle = await bundleEngine();
  const samples = new Map(SIZES.map((rows) => [rows, renderDetectionPage(rows)]));
  const pages = new Map([...samples].map(([rows, sample]) => [`/detect/${rows}/`, sample.html]));
  const server = await serve(pages);
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
  const results = new Map<number, Figures>();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    for (const [rows, sample] of samples) {
      const extra = renderDetectionRows(100, 99, rows, { shadow: false });
      const rounds: Figures[] = [];
      for (let round = 0; round < REPEATS; round++)
        rounds.push(await measure(page, `${server.url}/detect/${rows}/`, bundle, sample, extra));
      results.set(rows, medianOf(rounds));
    }
  } finally {
    await browser.close();
    await server.close();
  }

  console.log(
    `\nRingside detection benchmark — engine bundle ${(bundle.length / 1024).toFixed(0)} kB minified (libphonenumber-js included)` +
      `\nMedians of ${REPEATS} rounds of fresh loads. "Script time" is the engine's own slices (wall clock), as before;` +
      `\nthe trace rows add what the page pays besides (style, layout, paint, GC) in thread CPU time.\n`,
  );
  const header = ['', ...[...results.keys()].map((rows) => `${rows} rows`), 'target'];
  const row = (label: string, values: (figures: Figures, rows: number) => string, target = '') => [
    label,
    ...[...results].map(([rows, figures]) => values(figures, rows)),
    target,
  ];
  const table = [
    header,
    row('text nodes', (f) => String(f.textNodes)),
    row('bare text-node walk (floor), fresh load', (f) => ms(f.bareMs)),
    row('  same walk repeated on the page (warm)', (f) => ms(f.bareWarmMs)),
    row('naive: findPhoneNumbersInText per node', (f) => `${ms(f.naiveMs)} (${f.naiveFound} found)`),
    row('Ringside full scan, script time', (f) => ms(f.scanBusyMs)),
    row(
      '  × bare walk (both on a fresh load)',
      (f) => `${(f.scanBusyMs / f.bareMs).toFixed(1)}×`,
      '≤ 6× (2,000 rows)',
    ),
    row('  faster than naive', (f) => `${(f.naiveMs / f.scanBusyMs).toFixed(1)}×`, '≥ 5× (2,000 rows)'),
    row('  part alone: the walk (RunWalker), fresh load', (f) => times(f.walkOnlyMs, f.bareMs)),
    row('  part alone: the detector on the texts, no DOM', (f) => times(f.detectorOnlyMs, f.bareMs)),
    row(
      '  same, detector caches warm',
      (f) => `${ms(f.warmBusyMs)} (${(f.warmBusyMs / f.bareWarmMs).toFixed(1)}× the warm walk)`,
    ),
    row('  wall time until done (idle slices)', (f) => `${ms(f.scanWallMs)} in ${f.slices} slices`),
    row('  main-thread CPU while scanning (trace)', (f) => ms(f.traceCpuMs)),
    row('  Paint events while scanning (trace)', (f) => String(f.tracePaints)),
    row(
      'longest task (longtask API)',
      (f) => (f.longTasks ? ms(f.longestTaskMs) : 'none ≥ 50 ms'),
      '< 50 ms',
    ),
    row('longest engine slice', (f) => ms(f.longestSliceMs)),
    row(
      'longest task (trace): wall / thread CPU',
      (f) => `${ms(f.traceLongestWallMs)} / ${ms(f.traceLongestCpuMs)}`,
      '< 50 ms',
    ),
    row(
      'in view highlighted after',
      (f) => `${ms(f.inViewMs)} (${(f.inViewCoverage * 100).toFixed(0)}% of cells)`,
      '≤ 50 ms',
    ),
    row('precision', (f) => f.precision.toFixed(4), '≥ 0.999'),
    row('recall', (f) => f.recall.toFixed(4), '≥ 0.999'),
    row('matches held / expected', (f) => `${f.ranges} / ${f.expectedRanges}`),
    row('append 100 rows: engine script time', (f) => ms(f.appendBusyMs), '< 10 ms'),
    row(
      'append 100 rows: until drawn',
      (f) => `${ms(f.appendLatencyMs)} (recall ${f.appendRecall.toFixed(3)})`,
    ),
    row(
      '"On this page" list: script (idle slices) / until answered',
      (f) => `${ms(f.foundMs)} / ${ms(f.foundWallMs)}`,
    ),
  ];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  for (const cells of table)
    console.log(cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));

  const first = results.get(SIZES[0] as number);
  const last = results.get(SIZES[SIZES.length - 1] as number);
  if (first && last) {
    console.log('\nTargets:');
    console.log(
      `  full scan ≤ 6× bare walk (${SIZES[0]} rows): ${verdict(first.scanBusyMs <= 6 * first.bareMs)}`,
    );
    console.log(
      `  ≥ 5× faster than naive (${SIZES[0]} rows): ${verdict(first.naiveMs >= 5 * first.scanBusyMs)}`,
    );
    console.log(
      `  precision and recall ≥ 0.999: ${verdict([...results.values()].every((f) => f.precision >= 0.999 && f.recall >= 0.999))}`,
    );
    console.log(
      `  longest task < 50 ms (${SIZES[SIZES.length - 1]} rows), longtask API, wall: ${verdict(last.longestTaskMs < 50)}; ` +
        `trace, thread CPU: ${verdict(last.traceLongestCpuMs < 50)}`,
    );
    console.log(`  in view within 50 ms: ${verdict([...results.values()].every((f) => f.inViewMs <= 50))}`);
    console.log(
      `  append 100 rows < 10 ms: ${verdict([...results.values()].every((f) => f.appendBusyMs < 10))}`,
    );
  }
  // The content script as shipped (`npm run bench:detect` builds first): engine, detector and metadata.
  const contentScript = resolve(extensionBuildDir(), 'content-scripts', 'content.js');
  if (existsSync(contentScript)) {
    const kB = statSync(contentScript).size / 1024;
    console.log(`  content script bundle < 150 kB minified: ${verdict(kB < 150)} (${kB.toFixed(1)} kB)`);
  } else console.log(`  content script bundle: not built (${contentScript})`);
  for (const [rows, figures] of results) {
    if (figures.falsePositives.length)
      console.log(
        `\n${rows} rows, found but not expected (${figures.falsePositives.length}): ${figures.falsePositives.slice(0, 12).join(', ')}`,
      );
    if (figures.missed.length)
      console.log(
        `${rows} rows, expected but not found (${figures.missed.length}): ${figures.missed.slice(0, 12).join(', ')}`,
      );
  }
}

await main();
