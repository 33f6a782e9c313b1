import { browser } from 'wxt/browser';
import type { MessageType, RequestOf } from '../../lib/protocol';

/**
 * The content script's side of the protocol: it only ever sends a few fire-and-forget messages (dial),
 * so it does not bundle zod and every schema (lib/messaging's `send` would add ~110 kB to every page).
 * The background parses the request as always; the reply is read only to report a refusal.
 * Types come from lib/protocol, so the payload is checked at compile time.
 */
export async function sendFromPage<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<void> {
  let reply: unknown;
  try {
    reply = await browser.runtime.sendMessage({ type, payload });
  } catch {
    throw new Error('Ringside’s background did not answer. Try again.');
  }
  if (typeof reply !== 'object' || reply === null || (reply as { ok?: unknown }).ok !== true) {
    const message = (reply as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(typeof message === 'string' ? message : 'Ringside got an unreadable answer.');
  }
}
