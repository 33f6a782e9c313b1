/**
 * `npm run bench`: figures for the local contact index, measured in the built extension in real
 * Chromium against the sandbox. Seeds the Connect sandbox (no phone search of its own) with 50,000
 * contacts, connects it, times the full index sync, then times lookups of numbers through the panel's
 * own message path (hits, misses, and numbers written in other formats).
 */
import { chromium } from '@playwright/test';
import { connectProvider } from '../tests/e2e/connect-ui';
import {
  CONNECT_DEMO,
  type ConnectState,
  generatedConnectPhone,
  seedConnectContacts,
} from '../tests/sandbox/connect';
import { startSandbox } from '../tests/sandbox/server';
import { CHROMIUM_HELP, extensionBuildDir, extensionLaunchArgs, findChromium } from './find-chromium';

const CONTACTS = Number(process.env.BENCH_CONTACTS ?? 50_000);
const LOOKUPS = 200;

const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return `median ${at(0.5).toFixed(1)} ms · p95 ${at(0.95).toFixed(1)} ms · max ${at(1).toFixed(1)} ms · mean ${mean.toFixed(1)} ms`;
};

async function main() {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(CHROMIUM_HELP);
    process.exit(1);
  }
  const sandbox = await startSandbox();
  seedConnectContacts(sandbox.api('connect').state as ConnectState, CONTACTS);
  const extensionPath = extensionBuildDir();
  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless: true,
    args: extensionLaunchArgs(extensionPath),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const connectionId = await connectProvider(page, {
      provider: 'connect',
      baseUrl: `${sandbox.url}/connect/`,
      fields: { secretKey: CONNECT_DEMO.secretKey },
    });

    // Saving started a first sync: let it finish, then time a full one of our own from start to finish.
    await page.waitForFunction(
      async (id) => {
        const reply = (await chrome.runtime.sendMessage({ type: 'index.status', payload: {} })) as {
          data?: { status: Record<string, { state: string }> };
        };
        return reply.data?.status[id]?.state === 'ok';
      },
      connectionId,
      { timeout: 300_000, polling: 500 },
    );
    // No named helpers inside evaluate(): tsx would wrap them in a __name() the page does not have.
    const syncMs = await page.evaluate(async (id) => {
      const started = performance.now();
      const reply = (await chrome.runtime.sendMessage({
        type: 'index.sync',
        payload: { connectionId: id },
      })) as {
        ok: boolean;
        data?: { count?: number };
      };
      if (!reply.ok) throw new Error(JSON.stringify(reply));
      return { ms: performance.now() - started, count: reply.data?.count ?? 0 };
    }, connectionId);
    console.log(
      `index sync: ${syncMs.count.toLocaleString()} contacts in ${(syncMs.ms / 1000).toFixed(2)} s`,
    );
    console.log(`  ${Math.round(syncMs.count / (syncMs.ms / 1000)).toLocaleString()} contacts/s`);

    const numbers = {
      hit: Array.from({ length: LOOKUPS }, (_, i) =>
        generatedConnectPhone(Math.floor((i * CONTACTS) / LOOKUPS)),
      ),
      miss: Array.from({ length: LOOKUPS }, (_, i) => `+1650555${String(1000 + i).padStart(4, '0')}`),
    };
    for (const [kind, list] of Object.entries(numbers)) {
      const { samples, found } = await page.evaluate(async (phones) => {
        const samples: number[] = [];
        let found = 0;
        for (const phone of phones) {
          const started = performance.now();
          const reply = (await chrome.runtime.sendMessage({ type: 'lookup', payload: { phone } })) as {
            data?: { results: { records: unknown[] }[] };
          };
          samples.push(performance.now() - started);
          if (reply.data?.results.some((result) => result.records.length > 0)) found += 1;
        }
        return { samples, found };
      }, list);
      console.log(`lookup (${kind}, ${list.length} numbers, ${found} found): ${stats(samples)}`);
    }
  } finally {
    await context.close();
    await sandbox.close();
  }
}

main().catch((error: unknown) => {
  console.error('Benchmark failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
