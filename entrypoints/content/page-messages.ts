import { browser } from 'wxt/browser';
import type { Detection } from '../../lib/dom/engine';

/**
 * Answers extension pages (the side panel's "On this page") about this tab. Only our own extension's
 * pages are answered: a sender with our id whose URL is one of our pages. The request carries nothing but
 * its type, so a shape check stands in for zod here (zod would double the content script); the panel
 * parses the answer. The answer goes through `sendResponse` (returning true keeps the channel open until
 * it is ready): the content script uses the browser's own API, and Chrome's does not take a returned
 * promise as the answer.
 */
export function answerPageMessages(detection: Detection, signal: AbortSignal): void {
  const ours = browser.runtime.getURL('/');
  const listener = (
    message: unknown,
    sender: { id?: string; url?: string },
    sendResponse: (answer: unknown) => void,
  ) => {
    if (sender.id !== browser.runtime.id || !sender.url?.startsWith(ours)) return undefined;
    if (
      typeof message !== 'object' ||
      message === null ||
      (message as { type?: unknown }).type !== 'page.contacts'
    ) {
      return undefined;
    }
    void detection.found().then((contacts) => sendResponse({ ok: true, data: { contacts } }));
    // The answer comes later: keep the channel open.
    return true;
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener));
}
