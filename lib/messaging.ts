import { browser } from 'wxt/browser';
import {
  type MessageErrorData,
  type MessageType,
  messages,
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
    throw new MessageError({ kind: 'internal', message: 'Ringside’s background did not answer. Try again.' });
  }
  const reply = replySchema.safeParse(raw);
  if (!reply.success)
    throw new MessageError({ kind: 'internal', message: 'Ringside got an unreadable answer.' });
  if (!reply.data.ok) throw new MessageError(reply.data.error);
  return messages[type].response.parse(reply.data.data) as ResponseOf<K>;
}
