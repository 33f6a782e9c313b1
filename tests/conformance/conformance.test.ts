import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { createConnectionService } from '../../lib/background/connections';
import { createIndexSync, usesIndex } from '../../lib/background/index-sync';
import { lookup } from '../../lib/background/lookup';
import type { CrmAdapter, RecordRef } from '../../lib/crm/adapter';
import { CrmError, type CrmErrorKind } from '../../lib/crm/errors';
import { countryOf, looseE164 } from '../../lib/phone/match';
import type { Connection } from '../../lib/store/connections';
import { createContactIndex } from '../../lib/store/contact-index';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';
import { bullhornTarget } from './bullhorn.target';
import { closeTarget } from './close.target';
import { closingdealzTarget } from './closingdealz.target';
import { connectTarget } from './connect.target';
import { entityCrmTarget } from './entity-crm.target';
import type { ConformanceTarget } from './harness';

/**
 * One suite, every adapter, over real HTTP against its sandbox. Lookups go through the same service the
 * background uses (server search or the local index, whichever the provider's capabilities say).
 */

const targets: ConformanceTarget[] = [
  closeTarget,
  bullhornTarget,
  entityCrmTarget,
  connectTarget,
  closingdealzTarget,
];

async function kindOf(promise: Promise<unknown>): Promise<CrmErrorKind | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (error instanceof CrmError) return error.kind;
    throw error;
  }
}

/** Waits out the sandbox's own rate limit (as the outbox would) instead of failing a bulk setup. */
async function patiently<T>(task: () => Promise<T> | undefined): Promise<T> {
  for (;;) {
    try {
      const result = await task();
      if (result === undefined) throw new Error('the adapter method is missing');
      return result;
    } catch (error) {
      if (!(error instanceof CrmError) || error.kind !== 'rate-limited') throw error;
      await new Promise((resolve) => setTimeout(resolve, error.retryAfterMs ?? 1000));
    }
  }
}

const sandbox = useSandbox();

describe.each(targets.map((target) => [target.definition.label, target] as const))(
  '%s adapter',
  (_label, target) => {
    const { definition, fixtures } = target;
    const capabilities = definition.capabilities;
    let connection: Connection;
    let adapter: CrmAdapter;
    let connections: ReturnType<typeof createConnectionService>;
    let index: ReturnType<typeof createContactIndex>;
    const defaultCountry = () => 'US' as const;

    async function connect(fields: Record<string, string>) {
      const service = createConnectionService(memorySecrets());
      const saved = await service.save({ provider: definition.id, baseUrl: target.baseUrl(sandbox), fields });
      return { service, saved, built: await service.adapterFor(saved) };
    }

    beforeEach(async () => {
      ({ service: connections, saved: connection, built: adapter } = await connect(target.credentials));
      index = createContactIndex(new IDBFactory());
      if (usesIndex(connection)) {
        const status = await createIndexSync(connections, index).sync(connection);
        expect(status.state, status.error).toBe('ok');
      }
    });

    const find = async (query: { phone?: string; email?: string }) => {
      const [result] = await lookup({ connections, index, defaultCountry }, query);
      if (!result) throw new Error('no lookup result');
      return result;
    };
    const refOf = (record: Omit<RecordRef, 'connectionId'>): RecordRef => ({
      ...record,
      connectionId: connection.id,
    });

    it('reports exactly the methods its capabilities claim', () => {
      const has = (method: keyof CrmAdapter) => typeof adapter[method] === 'function';
      expect(adapter.capabilities).toEqual(capabilities);
      expect(has('search')).toBe(
        capabilities.searchByPhone === 'server' || capabilities.searchByEmail === 'server',
      );
      expect(has('listRecords')).toBe(capabilities.listRecords);
      expect(has('getRecord')).toBe(capabilities.readRecord);
      expect(has('updateRecord')).toBe(capabilities.updateRecord);
      expect(has('createRecord')).toBe(capabilities.createRecord);
      expect(has('logActivity')).toBe(capabilities.logActivity);
      expect(has('updateActivity')).toBe(capabilities.updateActivity);
      expect(has('listUsers')).toBe(capabilities.listUsers);
      expect(has('listActivityTypes')).toBe(capabilities.listActivityTypes);
      if (capabilities.searchByPhone === 'index' || capabilities.searchByEmail === 'index') {
        expect(capabilities.listRecords, 'an index needs a list endpoint').toBe(true);
      }
    });

    it('tests good credentials and refuses bad ones', async () => {
      expect(await adapter.whoAmI()).toMatchObject(target.expectedAccount);
      const bad = await connect(target.badCredentials);
      expect(await kindOf(bad.built.whoAmI())).toBe('auth');
    });

    describe('search', () => {
      it('finds one person by phone however the number is written', async () => {
        if (capabilities.searchByPhone === 'none') {
          expect(fixtures.phone).toBeUndefined();
          expect((await find({ phone: '+14155552671' })).state).toBe('unsupported');
          return;
        }
        const phone = fixtures.phone;
        if (!phone) throw new Error('a provider that searches by phone needs a phone fixture');
        const country = countryOf(phone.e164) ?? 'US';
        for (const written of [phone.e164, ...phone.formats]) {
          const e164 = looseE164(written, [country]);
          expect(e164, written).toBe(phone.e164);
          const result = await find({ phone: phone.e164 });
          expect(result.state, result.error).toBe('found');
          expect(result.records.map((record) => record.name)).toEqual([phone.name]);
        }
      });

      it('finds everyone sharing a number, and nobody for an unknown one', async () => {
        if (capabilities.searchByPhone === 'none') return;
        const shared = fixtures.sharedPhone;
        if (!shared) throw new Error('a provider that searches by phone needs a shared-phone fixture');
        expect((await find({ phone: shared.e164 })).records).toHaveLength(shared.count);
        const unknown = await find({ phone: fixtures.unknownPhone });
        expect(unknown.state).toBe('none');
      });

      it('finds one person by email', async () => {
        if (capabilities.searchByEmail === 'none') {
          expect((await find({ email: 'nobody@example.com' })).state).toBe('unsupported');
          return;
        }
        const email = fixtures.email;
        if (!email) throw new Error('a provider that searches by email needs an email fixture');
        const result = await find({ email: email.address.toUpperCase() });
        expect(result.records.map((record) => record.name)).toEqual([email.name]);
        expect((await find({ email: 'nobody-at-all@example.com' })).state).toBe('none');
      });
    });

    describe('records', () => {
      it('reads one record', async () => {
        if (!adapter.getRecord) return expect(capabilities.readRecord).toBe(false);
        const fixture = fixtures.record;
        if (!fixture) throw new Error('a provider that reads records needs a record fixture');
        expect((await adapter.getRecord(refOf(fixture))).name).toBe(fixture.name);
      });

      it('updates phones and emails and nothing else', async () => {
        if (!adapter.updateRecord || !adapter.getRecord) return expect(capabilities.updateRecord).toBe(false);
        const fixture = fixtures.record;
        if (!fixture) throw new Error('a provider that updates records needs a record fixture');
        const ref = refOf(fixture);
        const before = await adapter.getRecord(ref);
        const untouched = target.inspect.recordWithoutContactFields(sandbox, ref);
        const phones = [
          ...before.phones.map((phone) => ({ number: phone.e164 ?? phone.raw })),
          { number: '+442079460111' },
        ];
        const emails = [...before.emails, 'second.address@example.com'];
        const after = await adapter.updateRecord(ref, { phones, emails });
        expect(after.phones.map((phone) => phone.e164)).toContain('+442079460111');
        expect(after.emails).toContain('second.address@example.com');
        expect(after.phones).toHaveLength(phones.length);
        expect(target.inspect.recordWithoutContactFields(sandbox, ref)).toEqual(untouched);
      });

      it('creates a record from a caller, findable afterwards where the CRM searches', async () => {
        if (!adapter.createRecord) return expect(capabilities.createRecord).toBe(false);
        const created = await adapter.createRecord({
          kind: definition.recordKinds[0]?.id,
          firstName: 'Casey',
          lastName: 'Caller',
          company: 'Newcomer Labs',
          phones: [{ number: '+14155550999', type: 'mobile' }],
          emails: ['casey.caller@newcomer.example'],
        });
        expect(created.name).toContain('Casey');
        if (capabilities.searchByPhone === 'server') {
          const result = await find({ phone: '+14155550999' });
          expect(result.records.map((record) => record.name)).toEqual([created.name]);
        }
      });
    });

    describe('activities', () => {
      it('logs an activity, finds it again, and updates it where it can', async () => {
        if (!adapter.logActivity) return expect(capabilities.logActivity).toBe(false);
        const fixture = fixtures.record;
        if (!fixture) throw new Error('a provider that logs activities needs a record fixture');
        const record = adapter.getRecord ? (await adapter.getRecord(refOf(fixture))).ref : refOf(fixture);
        const input = {
          clientId: `conformance-${definition.id}-0001`,
          channel: 'call' as const,
          record,
          direction: 'outbound' as const,
          durationSec: 95,
          phone: '+14155552671',
          note: `Conformance call for ${definition.label}: discussed the role.`,
          activityAt: '2026-11-22T09:30:00.000Z',
        };
        const ref = await adapter.logActivity(input);
        expect(target.inspect.activity(sandbox, ref)?.note).toContain('discussed the role');
        if (adapter.findActivity) expect((await adapter.findActivity(input))?.id).toBe(ref.id);
        if (adapter.updateActivity) {
          await adapter.updateActivity(ref, { note: 'Edited later: sent the job description.' });
          expect(target.inspect.activity(sandbox, ref)?.note).toContain('Edited later');
        }
      });

      it('finds a logged activity again among more than a page of them', async () => {
        if (!adapter.logActivity || !adapter.findActivity)
          return expect(adapter.findActivity).toBeUndefined();
        const fixture = fixtures.record;
        if (!fixture) throw new Error('a provider that logs activities needs a record fixture');
        const record = adapter.getRecord ? (await adapter.getRecord(refOf(fixture))).ref : refOf(fixture);
        const inputs = Array.from({ length: 230 }, (_, i) => ({
          clientId: `page-check-${definition.id}-${String(i).padStart(4, '0')}`,
          channel: 'call' as const,
          record,
          note: `Page check ${i}`,
          activityAt: new Date(Date.parse('2026-11-22T08:00:00Z') + i * 60_000).toISOString(),
        }));
        const refs = [];
        for (const input of inputs) refs.push(await patiently(() => adapter.logActivity?.(input)));
        for (const index of [0, 115, 229]) {
          const input = inputs[index];
          if (!input) throw new Error('missing input');
          expect((await adapter.findActivity(input))?.id, `activity ${index}`).toBe(refs[index]?.id);
        }
        expect(
          await adapter.findActivity({
            ...inputs[0],
            clientId: 'never-logged-0000',
            note: 'never',
          } as (typeof inputs)[0]),
        ).toBeUndefined();
      });

      it('lists users and activity types', async () => {
        if (adapter.listUsers) {
          const user = fixtures.user;
          if (!user) throw new Error('a provider that lists users needs a user fixture');
          expect(await adapter.listUsers()).toContainEqual(expect.objectContaining(user));
        }
        if (adapter.listActivityTypes) {
          const names = (await adapter.listActivityTypes()).map((type) => type.name);
          expect(names).toContain(fixtures.activityType);
        }
      });
    });

    describe('errors', () => {
      const api = () => sandbox.api(definition.id);

      it('maps 403, 404 and 5xx to permission, not-found and unavailable', async () => {
        for (const [status, kind] of [
          [403, 'permission'],
          [404, 'not-found'],
          [500, 'unavailable'],
          [503, 'unavailable'],
        ] as const) {
          api().faults.clear();
          api().faults.add({ kind: 'status', status });
          expect(await kindOf(adapter.whoAmI()), `HTTP ${status}`).toBe(kind);
        }
      });

      it('reports a 429 as rate limited with the wait the CRM asked for', async () => {
        api().faults.add({ kind: 'rate-limit', resetSeconds: 7 });
        const error = await adapter.whoAmI().then(
          () => undefined,
          (cause: unknown) => cause,
        );
        expect(error).toBeInstanceOf(CrmError);
        expect((error as CrmError).kind).toBe('rate-limited');
        expect((error as CrmError).retryAfterMs).toBeGreaterThan(0);
      });

      it('reports a dropped connection, a timeout and garbage JSON for what they are', async () => {
        api().faults.add({ kind: 'drop' });
        expect(await kindOf(adapter.whoAmI())).toBe('network');
        api().faults.clear();
        api().faults.add({ kind: 'garbage' });
        expect(await kindOf(adapter.whoAmI())).toBe('invalid-response');
        api().faults.clear();
        api().faults.add({ kind: 'latency', ms: 2000 });
        const impatient = definition.create({
          connectionId: connection.id,
          baseUrl: connection.baseUrl,
          credentials: target.credentials,
          timeoutMs: 300,
        });
        expect(await kindOf(impatient.whoAmI())).toBe('timeout');
      });
    });
  },
);
