import { browser } from 'wxt/browser';
import { isInstallTimePattern } from './patterns';

/**
 * Asks the browser for host permissions. Call it in the click's own task, before any await: browsers
 * show the prompt only for a user gesture. Install-time hosts (loopback) are not asked for again.
 */
export function requestOrigins(patterns: string[]): Promise<boolean> {
  const asked = patterns.filter((pattern) => !isInstallTimePattern(pattern));
  if (!asked.length) return Promise.resolve(true);
  return browser.permissions.request({ origins: asked }).catch(() => false);
}

/** Of `patterns`, those the browser does not let Ringside reach right now. */
export async function missingOrigins(patterns: string[]): Promise<string[]> {
  const granted = await Promise.all(
    patterns.map((origin) => browser.permissions.contains({ origins: [origin] }).catch(() => false)),
  );
  return patterns.filter((_, index) => !granted[index]);
}
