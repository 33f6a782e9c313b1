import { dialerFocusItem } from '../store/dialer-focus';
import { openPanel } from './panel';

/** The manifest's `commands` entry (wxt.config.ts) for the "open the dialer" keyboard shortcut. */
export const OPEN_DIALER_COMMAND = 'open-dialer';

interface CommandTab {
  id?: number | undefined;
  windowId?: number | undefined;
}

/**
 * Opens the side panel on the tab the shortcut was pressed in and asks it to focus the number field.
 * The panel opens first, synchronously: the shortcut's user gesture expires at the first await.
 */
export function openDialer(tab: CommandTab | undefined, now = Date.now()): Promise<void> {
  openPanel({ tabId: tab?.id, windowId: tab?.windowId });
  return dialerFocusItem.set({ at: now });
}

export function onDialerCommand(command: string, tab: CommandTab | undefined): void {
  if (command === OPEN_DIALER_COMMAND) void openDialer(tab);
}
