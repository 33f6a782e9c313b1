import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { contentScriptWorld } from './content-world';
import { connectSandbox, expect, lookUp, test } from './fixtures';

/**
 * From Ringside's content script world on a CRM page (what a compromised renderer could drive), every
 * privileged message and every malformed form of the two it may send is refused, and nothing changes:
 * connections, outbox, storage, the secrets database, and the CRM (no request reaches it).
 */

/**
 * Every message type in lib/protocol.ts whose senders leave out content scripts. Read from the source: the
 * module itself cannot load in the test runner (its storage modules need a browser). Each definition is
 * `'type': message(['extension-page', ...], ...)`; the count check below notices a format change.
 */
function privilegedTypes(): string[] {
  const source = readFileSync(new URL('../../lib/protocol.ts', import.meta.url), 'utf8');
  const body = source.slice(source.indexOf('export const messages = {'), source.indexOf('} as const;'));
  const definitions = [...body.matchAll(/^ {2}'?([\w.]+)'?: message\(\s*\[([^\]]*)\]/gm)];
  expect(definitions.map(([, type]) => type)).toEqual(
    expect.arrayContaining(['dial', 'lookup.email', 'lookup']),
  );
  return definitions
    .filter(([, , senders]) => !senders?.includes('content-script'))
    .map(([, type]) => type ?? '');
}

/** Well-formed payloads, so a refusal can only come from who sent them. New types get `{}`, still refused. */
function privilegedPayloads(connectionId: string, outboxId: string): Record<string, unknown> {
  return {
    'connections.list': {},
    'connections.test': { connectionId },
    'connections.save': {
      draft: {
        provider: 'close',
        baseUrl: 'https://evil.example/api/v1/',
        fields: { apiKey: 'api_Attacker0000' },
      },
      connectionId,
    },
    'connections.remove': { connectionId },
    lookup: { phone: SEEDED.priya.phone },
    'index.sync': { connectionId },
    'index.status': {},
    'call.log': {
      label: 'Forged log',
      input: {
        channel: 'note',
        record: {
          provider: 'close',
          connectionId,
          kind: 'contact',
          id: SEEDED.priya.contactId,
          parentId: SEEDED.priya.leadId,
        },
        note: 'Written by a page',
        activityAt: '2026-11-22T10:00:00.000Z',
      },
    },
    'outbox.list': {},
    'outbox.retry': { id: outboxId },
    'outbox.edit': { id: outboxId, note: 'Tampered by a page' },
    'outbox.discard': { id: outboxId },
  };
}

/** Malformed messages of the types a content script may send, as JavaScript source (not all are JSON). */
const MALFORMED: [string, string][] = [
  ['dial with a null payload', `{ type: 'dial', payload: null }`],
  ['dial with a string payload', `{ type: 'dial', payload: '+14155552671' }`],
  ['dial with a number payload', `{ type: 'dial', payload: 4155552671 }`],
  ['dial with an array payload', `{ type: 'dial', payload: ['+14155552671', 'page'] }`],
  ['dial with no payload', `{ type: 'dial' }`],
  ['dial with a numeric phone', `{ type: 'dial', payload: { phone: 4155552671, source: 'page' } }`],
  ['dial with an array phone', `{ type: 'dial', payload: { phone: ['+14155552671'], source: 'page' } }`],
  [
    'dial with an unknown source',
    `{ type: 'dial', payload: { phone: '+14155552671', source: 'background' } }`,
  ],
  ['dial with no source', `{ type: 'dial', payload: { phone: '+14155552671' } }`],
  ['dial with an empty phone', `{ type: 'dial', payload: { phone: '   ', source: 'page' } }`],
  ['dial with a 65-character phone', `{ type: 'dial', payload: { phone: '1'.repeat(65), source: 'page' } }`],
  ['dial with a 100 kB phone', `{ type: 'dial', payload: { phone: '1'.repeat(100000), source: 'page' } }`],
  ['dial with a 5 MB phone', `{ type: 'dial', payload: { phone: '1'.repeat(5000000), source: 'page' } }`],
  [
    'dial with an extra field',
    `{ type: 'dial', payload: { phone: '+14155552671', source: 'page', connectionId: 'x' } }`,
  ],
  [
    'dial with a smuggled __proto__',
    `JSON.parse('{"type":"dial","payload":{"__proto__":{"phone":"+14155552671","source":"page"}}}')`,
  ],
  [
    'dial with an extra envelope field',
    `{ type: 'dial', payload: { phone: '+14155552671', source: 'page' }, as: 'extension-page' }`,
  ],
  ['lookup.email with a null payload', `{ type: 'lookup.email', payload: null }`],
  [
    'lookup.email with a non-address',
    `{ type: 'lookup.email', payload: { email: 'not an address', source: 'page' } }`,
  ],
  ['lookup.email with a numeric address', `{ type: 'lookup.email', payload: { email: 42, source: 'page' } }`],
  [
    'lookup.email with a 10 kB address',
    `{ type: 'lookup.email', payload: { email: 'a'.repeat(10000) + '@x.example', source: 'page' } }`,
  ],
  [
    'lookup.email with an extra field',
    `{ type: 'lookup.email', payload: { email: 'jane@x.example', source: 'page', results: [] } }`,
  ],
  ['a numeric type', `{ type: 42, payload: {} }`],
  ['an unknown type', `{ type: 'secrets.get', payload: {} }`],
  ['a prototype name as type', `{ type: '__proto__', payload: {} }`],
  ['an inherited name as type', `{ type: 'toString', payload: {} }`],
  ['a 1,000-character type', `{ type: 'd'.repeat(1000), payload: {} }`],
  ['a bare string', `'dial'`],
  ['null', 'null'],
  ['an array', `['dial', { phone: '+14155552671', source: 'page' }]`],
];

async function snapshot(options: Page, serviceWorkerState: () => Promise<unknown>, requests: () => number) {
  const ask = (type: string) =>
    options.evaluate((t) => chrome.runtime.sendMessage({ type: t, payload: {} }), type);
  const secretNames = await options.evaluate(
    () =>
      new Promise<string[]>((resolve) => {
        const request = indexedDB.open('ringside-secrets');
        request.onsuccess = () => {
          const tx = request.result.transaction('secrets', 'readonly');
          const keys = tx.objectStore('secrets').getAllKeys();
          tx.oncomplete = () => {
            request.result.close();
            resolve(keys.result.map(String).sort());
          };
        };
      }),
  );
  return {
    connections: await ask('connections.list'),
    outbox: await ask('outbox.list'),
    storage: await serviceWorkerState(),
    secretNames,
    crmWrites: requests(),
  };
}

test('the content script can ask for nothing privileged, and nothing malformed gets through', async ({
  context,
  extensionId,
  openExtensionPage,
  sandbox,
  serviceWorker,
}) => {
  // A connection and a delivered call log: things an attacker would like to read, change or remove.
  const options = await openExtensionPage('options.html');
  await connectSandbox(options, sandbox, DEMO_KEYS.riley);
  const panel = await openExtensionPage('sidepanel.html');
  await lookUp(panel, SEEDED.priya.phone);
  await expect(panel.getByTestId('record-name')).toHaveText('Priya Patel');
  await panel.getByLabel('Note').fill('Real note, not to be touched.');
  await panel.getByRole('button', { name: 'Log call' }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Logged' })).toContainText('Logged to Close.');
  await panel.close();
  const listed = (await options.evaluate(() =>
    chrome.runtime.sendMessage({ type: 'outbox.list', payload: {} }),
  )) as { data: { items: { id: string }[] } };
  const outboxId = listed.data.items[0]?.id ?? '';
  const connectionId =
    (await options.locator('li[data-provider="close"]').getAttribute('data-connection-id')) ?? '';
  expect(outboxId).not.toBe('');

  const lead = await context.newPage();
  await lead.goto(`${sandbox.url}/lead/${SEEDED.priya.leadId}/`);
  const world = await contentScriptWorld(lead, extensionId);
  await world.evaluate(`globalThis.__ask = (message) =>
    chrome.runtime.sendMessage(message).then((reply) => reply, (error) => ({ threw: String(error) }))`);

  const state = () => serviceWorker.evaluate(() => chrome.storage.local.get(null));
  // The allowed dial makes the background look the number up at once (reads: GETs and Close's search
  // POST); nothing a content script sends may make Ringside write to a CRM.
  const crmWrites = () =>
    sandbox.requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/data/search/'))
      .length;
  const before = await snapshot(options, state, crmWrites);

  const privileged = privilegedTypes();
  expect(privileged.length).toBeGreaterThanOrEqual(12);
  const payloads = privilegedPayloads(connectionId, outboxId);
  for (const type of privileged) {
    const message = JSON.stringify({ type, payload: payloads[type] ?? {} });
    const reply = await world.evaluate(`__ask(${message})`);
    expect(reply, type).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: `${type} is not allowed from a content-script.` },
    });
  }

  for (const [name, source] of MALFORMED) {
    const reply = (await world.evaluate(`__ask(${source})`)) as { ok?: boolean; error?: { kind?: string } };
    expect(reply.ok, name).toBe(false);
    expect(['forbidden', 'bad-request'], `${name}: ${JSON.stringify(reply)}`).toContain(reply.error?.kind);
  }
  console.log(
    `content-script attacks: ${privileged.length} privileged messages, ${MALFORMED.length} malformed ones, all refused`,
  );

  // The one thing a content script may do still works from there (so the refusals above were not a dead channel).
  const allowed = await world.evaluate(
    `__ask({ type: 'lookup.email', payload: { email: '${SEEDED.priya.email}', source: 'panel' } })`,
  );
  expect(allowed).toEqual({ ok: true, data: { email: SEEDED.priya.email } });

  const after = await snapshot(options, state, crmWrites);
  const { storage: storedAfter, ...restAfter } = after;
  const { storage: storedBefore, ...restBefore } = before;
  expect(restAfter).toEqual(restBefore);
  // The allowed lookup set the panel's subject; everything else in storage is as it was.
  const withoutDial = (stored: unknown) => {
    const { activeDial: _dial, ...rest } = stored as Record<string, unknown>;
    return rest;
  };
  expect(withoutDial(storedAfter)).toEqual(withoutDial(storedBefore));
});
