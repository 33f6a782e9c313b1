import { browser } from 'wxt/browser';

/**
 * Opening the side panel. Chrome's sidePanel and Firefox's sidebarAction both demand a user gesture, so
 * these are called synchronously from the message or click that carries one, never after an await.
 */

interface ChromeSidePanel {
  open(options: { tabId?: number; windowId?: number }): Promise<void>;
  setPanelBehavior(behavior: { openPanelOnActionClick: boolean }): Promise<void>;
}
interface FirefoxSidebarAction {
  open(): Promise<void>;
}
interface PanelGlobals {
  chrome?: { sidePanel?: ChromeSidePanel };
  browser?: { sidebarAction?: FirefoxSidebarAction };
}

const globals = globalThis as PanelGlobals;

export function openPanel(target: { tabId?: number | undefined; windowId?: number | undefined }): void {
  const failed = (error: unknown) =>
    // Without a gesture (or a window) the browser refuses; the panel still picks up the number when opened.
    console.info('Ringside: side panel not opened:', error instanceof Error ? error.message : String(error));
  const sidePanel = globals.chrome?.sidePanel;
  if (sidePanel) {
    const options = target.tabId !== undefined ? { tabId: target.tabId } : { windowId: target.windowId };
    sidePanel.open(options).catch(failed);
    return;
  }
  globals.browser?.sidebarAction?.open().catch(failed);
}

/**
 * The toolbar button opens the panel from `action.onClicked` rather than Chrome's panel behavior: only
 * a click the extension handles itself grants `activeTab`, which lets the panel see that tab's site
 * and offer "Enable on this site". Firefox opens its sidebar the same way.
 */
export function openPanelOnActionClick(): void {
  globals.chrome?.sidePanel?.setPanelBehavior({ openPanelOnActionClick: false }).catch(() => undefined);
  browser.action.onClicked.addListener((tab) => openPanel({ windowId: tab.windowId }));
}
