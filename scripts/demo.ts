/**
 * `npm run demo [-- --headless]`: the built extension in Chromium against the sandbox CRM. Walks the
 * recruiter's flow (connect Close, click a number, see the match, log the call) and, headed, leaves the
 * browser open to try more. Without a display, or with --headless, it walks headless and saves screenshots.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { DEMO_KEYS, SEEDED } from '../tests/sandbox/seed';
import { startSandbox } from '../tests/sandbox/server';
import { CHROMIUM_HELP, extensionBuildDir, extensionLaunchArgs, findChromium } from './find-chromium';

const root = resolve(import.meta.dirname, '..');
const extensionPath = extensionBuildDir();
const outputDir = resolve(root, 'demo-output');
const hasDisplay =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const headless = process.argv.includes('--headless') || !hasDisplay;

let stepNumber = 0;
function step(text: string) {
  stepNumber += 1;
  console.log(`${String(stepNumber).padStart(2)}. ${text}`);
}

async function screenshot(page: Page, name: string) {
  const path = resolve(outputDir, name);
  await page.screenshot({ path, fullPage: true });
  console.log(`    screenshot: ${path}`);
}

async function main() {
  const executablePath = findChromium();
  if (!executablePath) {
    console.error(CHROMIUM_HELP);
    process.exit(1);
  }
  mkdirSync(outputDir, { recursive: true });
  const sandbox = await startSandbox({ port: Number(process.env.SANDBOX_PORT ?? 4010) }).catch(() =>
    startSandbox(),
  );
  console.log(`Ringside demo (${headless ? 'headless' : 'headed'}) with ${executablePath}`);
  step(`Sandbox CRM running at ${sandbox.url} (Close API at ${sandbox.closeApiUrl})`);

  const context = await chromium.launchPersistentContext('', {
    executablePath,
    headless,
    viewport: { width: 1100, height: 800 },
    args: extensionLaunchArgs(extensionPath),
  });
  const cleanUp = async () => {
    await context.close().catch(() => undefined);
    await sandbox.close();
  };
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    step(`Loaded the extension from ${extensionPath} (id ${extensionId})`);

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByLabel('Close API key').fill(DEMO_KEYS.riley);
    await options.getByLabel('Use a different API URL').check();
    await options.getByLabel('API URL', { exact: true }).fill(sandbox.closeApiUrl);
    await options.getByRole('button', { name: 'Test connection' }).click();
    const tested = options.locator('[data-tone="ok"], [data-tone="error"]').first();
    await tested.waitFor();
    step(`Options: entered the demo key and the sandbox URL, tested: "${await tested.textContent()}"`);
    await options.getByRole('button', { name: 'Save' }).click();
    await options.getByTestId('key-hint').waitFor();
    step(`Options: saved; the key now shows as ${await options.getByTestId('key-hint').textContent()}`);
    await screenshot(options, '01-options.png');

    const lead = await context.newPage();
    await lead.goto(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    await lead.waitForFunction(() => {
      const registry = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights;
      return (registry.get('ringside-phone')?.size ?? 0) > 0;
    });
    step('Lead page: Ringside highlighted the phone numbers without changing the page');
    await screenshot(lead, '02-lead-page.png');
    await lead.locator(`span.phone[data-phone="${SEEDED.jane.mobile}"]`).first().click();
    step(`Lead page: clicked ${SEEDED.jane.mobile}; Ringside asked the background to dial it`);

    // The side panel itself is browser chrome a screenshot cannot see, so the demo shows the same page in a tab.
    const panel = await context.newPage();
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    await panel.getByTestId('record-name').first().waitFor();
    step(`Side panel: matched ${await panel.getByTestId('record-name').first().textContent()} in Close`);
    await panel.getByLabel('Duration (m:ss)').fill('3:25');
    await panel.getByLabel('Note').fill('Demo call: interested in the robotics role, follow up Friday.');
    await panel.getByRole('button', { name: 'Log call' }).click();
    const logged = panel.locator('[data-tone="ok"], [data-tone="error"]').first();
    await logged.waitFor();
    step(`Side panel: "${(await logged.textContent())?.trim()}"`);
    await screenshot(panel, '03-side-panel.png');

    const call = sandbox.state.calls.at(-1);
    if (!call) throw new Error('The sandbox holds no call activity: the log did not land.');
    step(`Sandbox CRM holds call ${call.id} on ${call.lead_id}: ${call.duration} s, "${call.note}"`);

    if (headless) {
      console.log(`Done. Screenshots are in ${outputDir}.`);
      await cleanUp();
      return;
    }
    await lead.bringToFront();
    console.log('\nThe browser stays open: click numbers on the sample pages, or open the Ringside panel.');
    console.log(`Sample pages: ${sandbox.url}/  ·  Ctrl-C or close the browser to stop.`);
    await new Promise<void>((done) => {
      context.on('close', () => done());
      process.once('SIGINT', () => done());
    });
    await cleanUp();
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

main().catch((error: unknown) => {
  console.error('Demo failed:', error instanceof Error ? error.message : error);
  process.exit(1);
});
