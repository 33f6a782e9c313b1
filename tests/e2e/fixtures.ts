import {
  type BrowserContext,
  test as base,
  chromium,
  expect,
  type Page,
  type Worker,
} from '@playwright/test';
import { sitePattern } from '../../lib/access/patterns';
import { extensionBuildDir, extensionLaunchArgs, findChromium } from '../../scripts/find-chromium';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { connectProvider } from './connect-ui';

export const EXTENSION_PATH = extensionBuildDir();

interface Fixtures {
  /**
   * The browser's UI language as a BCP 47 tag ("es-ES"), set per spec with `test.use({ uiLanguage })`;
   * unset, Chromium's own (English here). It picks the `_locales` catalogue `chrome.i18n` answers from.
   */
  uiLanguage: string | undefined;
  context: BrowserContext;
  extensionId: string;
  serviceWorker: Worker;
  /** Opens an extension page (options.html, sidepanel.html) in a tab. */
  openExtensionPage: (path: string) => Promise<Page>;
}

export const test = base.extend<Fixtures, { sandbox: Sandbox }>({
  sandbox: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature.
    async ({}, use) => {
      const sandbox = await startSandbox();
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  uiLanguage: [undefined, { option: true }],
  context: async ({ sandbox, uiLanguage }, use) => {
    sandbox.reset();
    const executablePath = findChromium();
    if (!executablePath)
      throw new Error('No Chromium found: install Debian’s chromium or set CHROMIUM_PATH.');
    const context = await chromium.launchPersistentContext('', {
      executablePath,
      headless: true,
      args: [
        ...extensionLaunchArgs(EXTENSION_PATH),
        ...(uiLanguage ? [`--lang=${primary(uiLanguage)}`] : []),
      ],
      ...(uiLanguage ? { env: languageEnv(uiLanguage), locale: uiLanguage } : {}),
    });
    await use(context);
    await context.close();
  },
  serviceWorker: async ({ context }, use) => {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await use(worker);
  },
  extensionId: async ({ serviceWorker }, use) => {
    await use(new URL(serviceWorker.url()).host);
  },
  openExtensionPage: async ({ context, extensionId }, use) => {
    await use(async (path) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path}`);
      return page;
    });
  },
});

export { expect };

const primary = (tag: string) => tag.split('-')[0] ?? tag;

/**
 * A browser in another language, as a user of it has: `--lang` picks the extension's catalogue (and
 * `<html lang>` follows the catalogue, lib/i18n.ts); LANGUAGE/LANG set Chromium's own language where its
 * language pack is installed; Playwright's `locale` is what pages read (`navigator.language`).
 */
function languageEnv(tag: string): Record<string, string> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return { ...env, LANGUAGE: primary(tag), LANG: `${tag.replace('-', '_')}.UTF-8` };
}

/**
 * Runs Ringside on the sandbox's pages, as "Enable on this site" in the side panel does once the browser
 * granted the host (loopback is granted at install, so no prompt is involved). tests/e2e/site-access
 * covers the panel's button itself.
 */
export async function enableSandboxPages(
  openExtensionPage: (path: string) => Promise<Page>,
  sandbox: Sandbox,
): Promise<void> {
  const page = await openExtensionPage('options.html');
  const reply = await page.evaluate(
    (site) => chrome.runtime.sendMessage({ type: 'site.enable', payload: { site } }),
    sitePattern(sandbox.url),
  );
  expect(reply).toMatchObject({ ok: true });
  await page.close();
}

/** Looks a number up from the side panel's dialer, as a recruiter types it. */
export async function lookUp(panel: Page, phone: string): Promise<void> {
  await panel.getByLabel('Phone number').fill(phone);
  await panel.getByRole('button', { name: 'Look up', exact: true }).click();
}

/** Connects Close to the sandbox through the options page, as a recruiter would. */
export async function connectSandbox(options: Page, sandbox: Sandbox, apiKey: string): Promise<void> {
  await connectProvider(options, { provider: 'close', baseUrl: sandbox.closeApiUrl, fields: { apiKey } });
}
