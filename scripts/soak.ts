/**
 * `npm run soak`: 1,000 call logs (SOAK_LOGS to change) across Close, Bullhorn and Entity CRM through
 * every sandbox fault kind while the service worker is stopped every few seconds, in the built extension.
 * Prints what was sent, what was injected, and how many logs were lost or duplicated (both must be 0).
 */
import { chromium } from '@playwright/test';
import { describeSoak, runSoak } from '../tests/e2e/soak-run';
import { startSandbox } from '../tests/sandbox/server';
import { CHROMIUM_HELP, extensionBuildDir, extensionLaunchArgs, findChromium } from './find-chromium';

const LOGS = Number(process.env.SOAK_LOGS ?? 1_000);
let lastProgress = 0;

async function main(): Promise<number> {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(CHROMIUM_HELP);
    return 1;
  }
  const sandbox = await startSandbox();
  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless: true,
    args: extensionLaunchArgs(extensionBuildDir()),
  });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const result = await runSoak(context, new URL(worker.url()).host, sandbox, {
      logs: LOGS,
      restartEveryMs: 3_000,
      timeoutMs: 15 * 60_000,
      onProgress: ({ delivered, open, restarts }) => {
        const now = Date.now();
        if (now - lastProgress < 10_000) return;
        lastProgress = now;
        console.log(`  … ${delivered} delivered, ${open} open, ${restarts} worker restarts`);
      },
    });
    console.log(describeSoak(result));
    for (const line of [...result.lost, ...result.duplicated].slice(0, 10)) console.log(`  ${line}`);
    return result.lost.length || result.duplicated.length || Number.isNaN(result.landedAfterMs) ? 1 : 0;
  } finally {
    await context.close();
    await sandbox.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Soak failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
