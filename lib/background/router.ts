import type { Browser } from 'wxt/browser';
import { CrmError } from '../crm/errors';
import { t } from '../i18n';
import {
  envelopeSchema,
  isMessageType,
  type MessageErrorData,
  type MessageType,
  messages,
  type ParsedRequestOf,
  type Reply,
  type ResponseOf,
  type SenderClass,
} from '../protocol';

type Sender = Browser.runtime.MessageSender;

export type Handlers = {
  [K in MessageType]: (payload: ParsedRequestOf<K>, sender: Sender) => Promise<ResponseOf<K>>;
};

export interface RouterContext {
  extensionId: string;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`, no trailing slash. */
  extensionOrigin: string;
}

/**
 * Extension page by origin first (a side panel opened as a tab has `sender.tab` too), then content
 * script by id and tab. Anything else (another extension, a web page) is nobody we answer.
 */
export function classifySender(sender: Sender, context: RouterContext): SenderClass | undefined {
  if (sender.id !== context.extensionId) return undefined;
  const origin = sender.url ? safeOrigin(sender.url) : undefined;
  if (origin === context.extensionOrigin) return 'extension-page';
  if (sender.tab?.id !== undefined && origin !== undefined) return 'content-script';
  return undefined;
}

/** Scheme and host. Not `URL.origin`, which is "null" for extension schemes in some engines. */
export function safeOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

const fail = (error: MessageErrorData): Reply => ({ ok: false, error });

/**
 * The most a content script may send in one message, in characters of JSON. Its dial and email lookups
 * are under 500; anything near this is a page trying to make the background parse megabytes.
 */
export const MAX_CONTENT_SCRIPT_MESSAGE_CHARS = 4096;

/** Size of a message as JSON (runtime messages are JSON already); anything unserializable counts as huge. */
function jsonLength(raw: unknown): number {
  try {
    return JSON.stringify(raw)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Sender policy (who, how large, which type), then request parse, then handler, then response parse.
 * Nothing from a content script is parsed beyond its size and type before it is known to be allowed. The handler is called in the
 * same task as the message arrives, so user-gesture-bound APIs (sidePanel.open) still work in it.
 */
export function createRouter(handlers: Handlers, context: RouterContext) {
  return (raw: unknown, sender: Sender): Promise<Reply> => {
    const senderClass = classifySender(sender, context);
    if (!senderClass) return Promise.resolve(fail({ kind: 'forbidden', message: 'Unknown sender.' }));
    if (senderClass === 'content-script' && jsonLength(raw) > MAX_CONTENT_SCRIPT_MESSAGE_CHARS) {
      return Promise.resolve(fail({ kind: 'bad-request', message: t('bgRouter_tooLarge') }));
    }
    const envelope = envelopeSchema.safeParse(raw);
    if (!envelope.success || !isMessageType(envelope.data.type)) {
      return Promise.resolve(fail({ kind: 'bad-request', message: 'Unknown message.' }));
    }
    const type = envelope.data.type;
    const definition = messages[type];
    if (!definition.senders.includes(senderClass)) {
      return Promise.resolve(
        fail({ kind: 'forbidden', message: `${type} is not allowed from a ${senderClass}.` }),
      );
    }
    const payload = definition.request.safeParse(envelope.data.payload);
    if (!payload.success) {
      const issue = payload.error.issues[0];
      return Promise.resolve(
        fail({ kind: 'bad-request', message: issue ? issue.message : t('bgRouter_notUnderstood') }),
      );
    }
    const handler = handlers[type] as (payload: unknown, sender: Sender) => Promise<unknown>;
    let pending: Promise<unknown>;
    try {
      pending = handler(payload.data, sender);
    } catch (error) {
      pending = Promise.reject(error);
    }
    return pending.then(
      (data): Reply => {
        const checked = definition.response.safeParse(data);
        if (checked.success) return { ok: true, data: checked.data };
        console.error(`Ringside: ${type} produced an invalid response`, checked.error.issues[0]?.path);
        return fail({ kind: 'internal', message: t('bgRouter_badAnswer') });
      },
      (error: unknown): Reply => {
        if (error instanceof CrmError) return fail(error.toData());
        console.error(`Ringside: ${type} failed`, error instanceof Error ? error.name : typeof error);
        return fail({ kind: 'internal', message: t('bgRouter_failed') });
      },
    );
  };
}
