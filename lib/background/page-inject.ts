import { browser } from 'wxt/browser';
import { patternMatches } from '../access/patterns';
import { PAGE_SCRIPT_FILES } from './page-scripts';

/**
 * The browser side of "Enable on this site": start the content script in the tab at once (registration
 * only covers pages loaded later), and give back hosts nothing needs any more.
 */
export async function injectIntoTab(tabId: number, site: string): Promise<void> {
  const tab = await browser.tabs.get(tabId);
  // The tab may have navigated away since the click: never inject where the site does not match.
  if (!tab.url || !patternMatches(site, tab.url)) return;
  const target = { tabId };
  await browser.scripting.insertCSS({ target, files: [PAGE_SCRIPT_FILES.css] });
  await browser.scripting.executeScript({ target, files: [PAGE_SCRIPT_FILES.js] });
}

export async function removeOrigins(origins: string[]): Promise<void> {
  await browser.permissions.remove({ origins }).catch(() => false);
}
