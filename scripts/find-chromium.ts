import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

/**
 * A Chromium that can load an unpacked extension: `CHROMIUM_PATH`, Playwright's own Chromium when it was
 * installed, or a system Chromium. Branded Google Chrome ignores --load-extension, so it is not used.
 */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    const bundled = chromium.executablePath();
    if (bundled && existsSync(bundled)) return bundled;
  } catch {
    // Playwright has no browser of its own here; fall through to the system's.
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium'].find((path) =>
    existsSync(path),
  );
}

export const CHROMIUM_HELP = [
  'No Chromium that can load an unpacked extension was found. Install one of:',
  '  • Debian/Ubuntu:  sudo apt-get install chromium',
  '  • Playwright:     npx playwright install chromium',
  '  • or point CHROMIUM_PATH at a Chromium (not Google Chrome) binary.',
].join('\n');

/** Flags for a headless-capable, quiet Chromium with only Ringside loaded. */
export function extensionLaunchArgs(extensionPath: string): string[] {
  return [
    `--disable-extensions-except=${extensionPath}`,
    `--load-extension=${extensionPath}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--no-default-browser-check',
  ];
}

/**
 * The built Chrome extension. `RINGSIDE_OUT_DIR` (also read by wxt.config.ts) lets two checkouts or two
 * people build and test side by side without overwriting each other's build.
 */
export function extensionBuildDir(): string {
  return resolve(import.meta.dirname, '..', process.env.RINGSIDE_OUT_DIR ?? '.output', 'chrome-mv3');
}
