import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnectionService } from '../../lib/background/connections';
import { createLookups } from '../../lib/background/lookup';
import {
  createLookupCache,
  LOOKUP_CACHE_MAX_ENTRIES,
  LOOKUP_CACHE_TTL_MS,
  queryKey,
} from '../../lib/background/lookup-cache';
import { createOutbox } from '../../lib/background/outbox';
import { createRecordChanges } from '../../lib/background/record-handlers';
import { createThrottle } from '../../lib/background/throttle';
import type { LookupResult } from '../../lib/protocol';
import { createContactIndex } from '../../lib/store/contact-index';
import { outboxStore } from '../../lib/store/outbox';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';

const result = (connectionId: string, name: string): LookupResult => ({
  connectionId,
  provider: 'close',
  label: 'Close',
  state: 'found',
  records: [
    {
      ref: { provider: 'close', connectionId, kind: 'contact', id: `cont_${name}` },
      name,
      phones: [{ raw: '+14155552671', e164: '+14155552671' }],
      emails: [],
    },
  ],
});

describe('lookup cache (storage.session)', () => {
  let clock = 1_000_000;
  const now = () => clock;
  beforeEach(() => {
    fakeBrowser.reset();
    clock = 1_000_000;
  });

  it('answers a repeat within the TTL and forgets it after', async () => {
    const cache = createLookupCache(fakeBrowser.storage.session, now);
    const key = queryKey({ phone: '+14155552671' });
    await cache.put('conn-1', key, result('conn-1', 'Jane'), cache.generation('conn-1'));
    clock += LOOKUP_CACHE_TTL_MS - 1;
    expect((await cache.get('conn-1', key))?.records[0]?.name).toBe('Jane');
    expect(await cache.get('conn-2', key)).toBeUndefined();
    expect(await cache.get('conn-1', queryKey({ phone: '+14155550000' }))).toBeUndefined();
    clock += 1;
    expect(await cache.get('conn-1', key)).toBeUndefined();
  });

  it('keys emails without case and phones by E.164', () => {
    expect(queryKey({ email: ' Jane@Example.COM ' })).toBe('email:jane@example.com');
    expect(queryKey({ phone: '+14155552671' })).toBe('phone:+14155552671');
  });

  it('invalidating a connection empties its entries only', async () => {
    const cache = createLookupCache(fakeBrowser.storage.session, now);
    const key = queryKey({ phone: '+14155552671' });
    await cache.put('conn-1', key, result('conn-1', 'Jane'), 0);
    await cache.put('conn-2', key, result('conn-2', 'Jane'), 0);
    await cache.invalidate('conn-1');
    expect(await cache.get('conn-1', key)).toBeUndefined();
    expect(await cache.get('conn-2', key)).toBeDefined();
  });

  it('a search that started before an invalidation does not write its older answer back', async () => {
    const cache = createLookupCache(fakeBrowser.storage.session, now);
    const key = queryKey({ phone: '+14155552671' });
    const startedAt = cache.generation('conn-1');
    await cache.invalidate('conn-1');
    await cache.put('conn-1', key, result('conn-1', 'Stale'), startedAt);
    expect(await cache.get('conn-1', key)).toBeUndefined();
    await cache.put('conn-1', key, result('conn-1', 'Fresh'), cache.generation('conn-1'));
    expect((await cache.get('conn-1', key))?.records[0]?.name).toBe('Fresh');
  });

  it('keeps the newest entries per connection, and writes finishing together all land', async () => {
    const cache = createLookupCache(fakeBrowser.storage.session, now);
    const keys = Array.from({ length: LOOKUP_CACHE_MAX_ENTRIES + 5 }, (_, i) => `phone:+1415555${1000 + i}`);
    for (const key of keys) {
      clock += 1;
      await cache.put('conn-1', key, result('conn-1', key), 0);
    }
    expect(await cache.get('conn-1', keys[0] ?? '')).toBeUndefined();
    expect(await cache.get('conn-1', keys.at(-1) ?? '')).toBeDefined();
    const stored = await fakeBrowser.storage.session.get('lookupCache:conn-1');
    expect(Object.keys((stored['lookupCache:conn-1'] as { entries: object }).entries)).toHaveLength(
      LOOKUP_CACHE_MAX_ENTRIES,
    );

    await cache.invalidate('conn-1');
    await Promise.all(
      ['a', 'b', 'c'].map((name) => cache.put('conn-1', `email:${name}`, result('conn-1', name), 1)),
    );
    for (const name of ['a', 'b', 'c']) expect(await cache.get('conn-1', `email:${name}`)).toBeDefined();
  });

  it('an unreadable stored value is a miss, not a crash', async () => {
    await fakeBrowser.storage.session.set({
      'lookupCache:conn-1': {
        v: 1,
        entries: { 'phone:+14155552671': { at: clock, result: { bogus: true } } },
      },
    });
    const cache = createLookupCache(fakeBrowser.storage.session, now);
    expect(await cache.get('conn-1', 'phone:+14155552671')).toBeUndefined();
  });
});

describe('cached lookups against the sandbox', () => {
  const sandbox = useSandbox();

  async function setUp() {
    const connections = createConnectionService(memorySecrets());
    const close = await connections.save({
      provider: 'close',
      baseUrl: sandbox.closeApiUrl,
      fields: { apiKey: DEMO_KEYS.riley },
    });
    const index = createContactIndex(new IDBFactory());
    const lookups = createLookups({
      connections,
      index,
      defaultCountry: () => 'US',
      cache: createLookupCache(fakeBrowser.storage.session),
    });
    const searches = () =>
      sandbox.requests.filter((request) => request.path === '/api/v1/data/search/').length;
    return { close, connections, index, lookups, searches };
  }

  it('a repeated number is answered from the cache without asking the CRM', async () => {
    const { close, lookups, searches } = await setUp();
    const first = await lookups.one(close, { phone: SEEDED.jane.mobile });
    expect(first.cached).toBe(false);
    expect(searches()).toBe(1);
    const again = await lookups.one(close, { phone: SEEDED.jane.mobile });
    expect(again).toEqual({ result: first.result, cached: true });
    expect(searches()).toBe(1);
  });

  it('two asks while the first search is out share it', async () => {
    const { close, lookups, searches } = await setUp();
    sandbox.faults.add({ kind: 'latency', ms: 200, path: 'data/search/' });
    const [a, b] = await Promise.all([
      lookups.one(close, { phone: SEEDED.jane.mobile }),
      lookups.one(close, { phone: SEEDED.jane.mobile }),
    ]);
    expect(a.result).toEqual(b.result);
    expect(searches()).toBe(1);
  });

  it('errors are not kept: the next ask tries the CRM again', async () => {
    const { close, lookups, searches } = await setUp();
    sandbox.faults.add({ kind: 'status', status: 503, path: 'data/search/', times: 1 });
    expect((await lookups.one(close, { phone: SEEDED.jane.mobile })).result.state).toBe('error');
    const retried = await lookups.one(close, { phone: SEEDED.jane.mobile });
    expect(retried).toMatchObject({ cached: false, result: { state: 'found' } });
    expect(searches()).toBe(2);
  });

  it('after invalidation the CRM is asked again and sees the change', async () => {
    const { close, lookups, searches } = await setUp();
    const unknown = '+16505550111';
    expect((await lookups.one(close, { phone: unknown })).result.state).toBe('none');
    // Someone gets the number in the CRM; the cache still says nobody until it is invalidated.
    const jane = sandbox.state.leads
      .flatMap((lead) => lead.contacts)
      .find((contact) => contact.id === SEEDED.jane.contactId);
    jane?.phones.push({ phone: unknown, phone_formatted: '+1 650-555-0111', type: 'other', country: 'US' });
    expect((await lookups.one(close, { phone: unknown })).result.state).toBe('none');
    await lookups.invalidate(close.id);
    const after = await lookups.one(close, { phone: unknown });
    expect(after).toMatchObject({ cached: false, result: { state: 'found' } });
    expect(after.result.records.map((record) => record.name)).toEqual(['Jane Doe']);
    expect(searches()).toBe(2);
  });

  it('an update-record the outbox delivers empties that connection’s cached lookups', async () => {
    const { close, connections, index, lookups } = await setUp();
    const outbox = createOutbox({
      connections,
      store: outboxStore,
      throttle: createThrottle(),
      wakeAt: () => undefined,
      onCounts: () => undefined,
      onRecordUpdated: (connection, record) =>
        void createRecordChanges({ index, lookups })(connection, record),
    });
    const before = await lookups.one(close, { phone: SEEDED.jane.mobile });
    expect(before.result.records[0]?.phones).toHaveLength(2);
    const ref = before.result.records[0]?.ref;
    if (!ref) throw new Error('Jane was not found');
    await outbox.enqueue({
      connectionId: close.id,
      provider: 'close',
      label: 'Add a number for Jane',
      op: {
        type: 'update-record',
        ref,
        patch: {
          phones: [
            { number: SEEDED.jane.mobile, type: 'mobile' },
            { number: SEEDED.jane.office, type: 'office' },
            { number: '+16505550111', type: 'other' },
          ],
        },
      },
    });
    await outbox.drain();
    await expect
      .poll(async () => (await lookups.one(close, { phone: SEEDED.jane.mobile })).cached)
      .toBe(false);
    const after = await lookups.one(close, { phone: SEEDED.jane.mobile });
    expect(after.result.records[0]?.phones.map((phone) => phone.e164)).toContain('+16505550111');
  });
});
