import { browser } from 'wxt/browser';
import type { z } from 'zod';
import { t } from './i18n';
import {
  type MessageErrorData,
  type MessageType,
  messages,
  type PageMessageType,
  pageMessages,
  type RequestOf,
  type ResponseOf,
  replySchema,
} from './protocol';

/** A refusal or failure reported by the background, with the sentence to show. */
export class MessageError extends Error {
  readonly kind: MessageErrorData['kind'];
  readonly fieldErrors: Record<string, string> | undefined;

  constructor(data: MessageErrorData) {
    super(data.message);
    this.name = 'MessageError';
    this.kind = data.kind;
    this.fieldErrors = data.fieldErrors;
  }
}

/** Sends a message to the background and parses its answer against the protocol. */
export async function send<K extends MessageType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ type, payload });
  } catch {
    throw new MessageError({ kind: 'internal', message: t('messaging_noAnswer') });
  }
  const reply = replySchema.safeParse(raw);
  if (!reply.success) throw new MessageError({ kind: 'internal', message: t('messaging_unreadable') });
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  return messages[type].response.parse(reply.data.data) as ResponseOf<K>;
}

/** Asks the content script in `tabId`; undefined when Ringside is not running on that page. */
export async function askPage<K extends PageMessageType>(
  tabId: number,
  type: K,
): Promise<z.output<(typeof pageMessages)[K]['response']> | undefined> {
  let raw: unknown;
  try {
    raw = await browser.tabs.sendMessage(tabId, { type, payload: {} });
  } catch {
    return undefined;
  }
  const reply = replySchema.safeParse(raw);
  if (!reply.success || !reply.data.ok) return undefined;
  const parsed = pageMessages[type].response.safeParse(reply.data.data);
  return parsed.success ? (parsed.data as z.output<(typeof pageMessages)[K]['response']>) : undefined;
}
