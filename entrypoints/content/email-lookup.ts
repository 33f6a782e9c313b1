import { sendFromPage } from './send';

/** A click on a found email (or its "Look up" button) opens the side panel's lookup of that address. */
export function lookupEmailFromPage(email: string): void {
  sendFromPage('lookup.email', { email, source: 'page' }).catch((error: unknown) => {
    console.warn('Ringside could not look up that address:', error instanceof Error ? error.message : error);
  });
}
