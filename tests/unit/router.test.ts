import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import {
  classifySender,
  createRouter,
  type Handlers,
  MAX_CONTENT_SCRIPT_MESSAGE_CHARS,
} from '../../lib/background/router';
import { CrmError } from '../../lib/crm/errors';
import { messages } from '../../lib/protocol';

const context = { extensionId: 'ext-id', extensionOrigin: 'chrome-extension://ext-id' };
type Sender = Browser.runtime.MessageSender;
const extensionPage: Sender = { id: 'ext-id', url: 'chrome-extension://ext-id/options.html' };
const panelInTab = {
  id: 'ext-id',
  url: 'chrome-extension://ext-id/sidepanel.html',
  tab: { id: 4 },
} as Sender;
const contentScript = {
  id: 'ext-id',
  url: 'https://app.close.com/lead/1/',
  tab: { id: 7, windowId: 1 },
} as Sender;

function recordingHandlers() {
  const calls: string[] = [];
  const handler = (name: string, answer: unknown) => async (): Promise<never> => {
    calls.push(name);
    return answer as never;
  };
  const handlers = {
    'connections.list': handler('connections.list', { connections: [] }),
    'connections.test': handler('connections.test', { success: true, account: { userName: 'Riley' } }),
    'connections.save': handler('connections.save', { nope: true }),
    'connections.remove': handler('connections.remove', {}),
    dial: handler('dial', { phone: '+14155552671' }),
    'lookup.email': handler('lookup.email', { email: 'jane@x.com' }),
    lookup: async () => {
      calls.push('lookup');
      throw new CrmError({ kind: 'rate-limited', message: 'Slow down', retryAfterMs: 2000 });
    },
    'index.sync': handler('index.sync', { state: 'ok', startedAt: 1 }),
    'index.status': handler('index.status', { status: {} }),
    'outbox.list': handler('outbox.list', { items: [] }),
    'outbox.retry': handler('outbox.retry', {}),
    'outbox.edit': handler('outbox.edit', {}),
    'outbox.discard': handler('outbox.discard', {}),
    'call.log': async () => {
      calls.push('call.log');
      throw new Error('boom with api_secretKey123');
    },
  } as unknown as Handlers;
  return { calls, route: createRouter(handlers, context) };
}

describe('classifySender', () => {
  it('knows extension pages by origin, even a panel opened in a tab', () => {
    expect(classifySender(extensionPage, context)).toBe('extension-page');
    expect(classifySender(panelInTab, context)).toBe('extension-page');
  });
  it('treats our code inside a web page as a content script', () => {
    expect(classifySender(contentScript, context)).toBe('content-script');
  });
  it('answers nobody else', () => {
    expect(
      classifySender({ id: 'other-ext', url: 'chrome-extension://other-ext/x.html' }, context),
    ).toBeUndefined();
    expect(classifySender({ url: 'https://evil.example/' }, context)).toBeUndefined();
    expect(classifySender({ id: 'ext-id' }, context)).toBeUndefined();
  });
});

describe('createRouter', () => {
  it('runs an allowed, well-formed request', async () => {
    const { calls, route } = recordingHandlers();
    const reply = await route(
      { type: 'dial', payload: { phone: '(415) 555-2671', source: 'page' } },
      contentScript,
    );
    expect(reply).toEqual({ ok: true, data: { phone: '+14155552671' } });
    expect(calls).toEqual(['dial']);
  });

  it('refuses privileged messages from a content script before parsing or handling them', async () => {
    const { calls, route } = recordingHandlers();
    // Every message but dial and lookup.email is privileged; a new type is covered without editing this.
    const privileged = Object.keys(messages).filter((type) => type !== 'dial' && type !== 'lookup.email');
    expect(privileged.length).toBeGreaterThanOrEqual(8);
    for (const type of privileged) {
      const reply = await route({ type, payload: { anything: 1 } }, contentScript);
      expect(reply).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    }
    expect(calls).toEqual([]);
  });

  it('refuses unknown senders, unknown types and malformed payloads without running a handler', async () => {
    const { calls, route } = recordingHandlers();
    expect(
      await route({ type: 'dial', payload: { phone: '1', source: 'page' } }, { id: 'other' }),
    ).toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(await route({ type: '__proto__', payload: {} }, extensionPage)).toMatchObject({
      ok: false,
      error: { kind: 'bad-request' },
    });
    expect(await route('not an envelope', extensionPage)).toMatchObject({
      ok: false,
      error: { kind: 'bad-request' },
    });
    expect(
      await route({ type: 'dial', payload: { phone: '1'.repeat(65), source: 'page' } }, contentScript),
    ).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    expect(calls).toEqual([]);
  });

  it('refuses an oversized message from a content script before reading it, but not from an extension page', async () => {
    const { calls, route } = recordingHandlers();
    const padded = { type: 'dial', payload: { phone: '4155552671', source: 'page' }, pad: 'x'.repeat(5000) };
    expect(await route(padded, contentScript)).toEqual({
      ok: false,
      error: { kind: 'bad-request', message: 'That message is too large.' },
    });
    const huge = { type: 'outbox.list', payload: { note: 'x'.repeat(MAX_CONTENT_SCRIPT_MESSAGE_CHARS) } };
    // Too large wins over forbidden: the type of an oversized message is not even looked at.
    expect(await route(huge, contentScript)).toMatchObject({ ok: false, error: { kind: 'bad-request' } });
    const longNote = { type: 'outbox.edit', payload: { id: 'item-0001', note: 'n'.repeat(15_000) } };
    expect(await route(longNote, extensionPage)).toMatchObject({ ok: true });
    expect(calls).toEqual(['outbox.edit']);
  });

  it('refuses extra fields in what a content script may send', async () => {
    const { calls, route } = recordingHandlers();
    for (const raw of [
      { type: 'dial', payload: { phone: '4155552671', source: 'page', connectionId: 'c1' } },
      { type: 'lookup.email', payload: { email: 'jane@x.com', source: 'page', results: [] } },
      { type: 'dial', payload: { phone: '4155552671', source: 'page' }, sender: 'extension-page' },
    ]) {
      expect(await route(raw, contentScript), JSON.stringify(raw)).toMatchObject({
        ok: false,
        error: { kind: 'bad-request' },
      });
    }
    expect(calls).toEqual([]);
  });

  it('passes CRM errors through with their kind and wait', async () => {
    const { route } = recordingHandlers();
    const reply = await route({ type: 'lookup', payload: { phone: '4155552671' } }, extensionPage);
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'rate-limited', message: 'Slow down', retryAfterMs: 2000 },
    });
  });

  it('hides internal errors and refuses answers that break the protocol', async () => {
    const { route } = recordingHandlers();
    const failed = await route(
      {
        type: 'call.log',
        payload: {
          label: 'Call with Jane',
          input: {
            channel: 'call',
            record: {
              provider: 'close',
              connectionId: 'c1',
              kind: 'contact',
              id: 'cont_1',
              parentId: 'lead_1',
            },
            direction: 'outbound',
            durationSec: 5,
            phone: '+14155552671',
            note: 'hi',
            activityAt: '2026-11-22T10:00:00.000Z',
          },
        },
      },
      extensionPage,
    );
    expect(failed).toEqual({
      ok: false,
      error: { kind: 'internal', message: 'Something went wrong inside Ringside. Try again.' },
    });
    const invalid = await route(
      {
        type: 'connections.save',
        payload: { draft: { provider: 'close', fields: { apiKey: 'api_abc' } } },
      },
      extensionPage,
    );
    expect(invalid).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });
});
