import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createConnectionService } from '../../lib/background/connections';
import { createIndexSync, usesIndex } from '../../lib/background/index-sync';
import { createLookups } from '../../lib/background/lookup';
import { createLookupCache } from '../../lib/background/lookup-cache';
import { createRecordHandlers } from '../../lib/background/record-handlers';
import type { NewRecord, RecordRef } from '../../lib/crm/adapter';
import { CrmError } from '../../lib/crm/errors';
import { createContactIndex } from '../../lib/store/contact-index';
import { bullhornTarget } from '../conformance/bullhorn.target';
import { closeTarget } from '../conformance/close.target';
import { closingdealzTarget } from '../conformance/closingdealz.target';
import { connectTarget } from '../conformance/connect.target';
import { entityCrmTarget } from '../conformance/entity-crm.target';
import type { ConformanceTarget } from '../conformance/harness';
import { BULLHORN_SEEDED, type BullhornState } from '../sandbox/bullhorn/model';
import type { ClosingdealzState } from '../sandbox/closingdealz';
import type { ConnectState } from '../sandbox/connect';
import { ENTITY_SEEDED, type EntityCrmState } from '../sandbox/entity-crm';
import { SEEDED } from '../sandbox/seed';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';

/**
 * The screen pop's record messages over real HTTP against the sandbox: a record created for an unknown caller
 * in each CRM that can, and a stored number corrected with nothing else on the record changing.
 */

const sandbox = useSandbox();

const sender = {} as Parameters<ReturnType<typeof createRecordHandlers>['record.create']>[1];

async function setUp(target: ConformanceTarget, fields: Record<string, string> = target.credentials) {
  const connections = createConnectionService(memorySecrets());
  const connection = await connections.save({
    provider: target.definition.id,
    baseUrl: target.baseUrl(sandbox),
    fields,
  });
  const index = createContactIndex(new IDBFactory());
  if (usesIndex(connection)) {
    const status = await createIndexSync(connections, index).sync(connection);
    expect(status.state, status.error).toBe('ok');
  }
  const defaultCountry = () => 'US' as const;
  const lookups = createLookups({
    connections,
    index,
    defaultCountry,
    cache: createLookupCache(fakeBrowser.storage.session),
  });
  const handlers = createRecordHandlers({ connections, index, lookups, defaultCountry });
  const ref = (kind: string, id: string): RecordRef => ({
    provider: target.definition.id,
    connectionId: connection.id,
    kind,
    id,
  });
  return { connection, handlers, lookups, ref };
}

async function refusal(promise: Promise<unknown>): Promise<CrmError> {
  const error = await promise.then(
    () => undefined,
    (cause: unknown) => cause,
  );
  expect(error).toBeInstanceOf(CrmError);
  return error as CrmError;
}

const caller = (kind?: string): NewRecord => ({
  ...(kind ? { kind } : {}),
  firstName: 'Nora',
  lastName: 'Quinn',
  company: 'Quinn Robotics',
  title: 'CTO',
  phones: [{ number: '+16505550111' }],
  emails: ['nora@quinn-robotics.example'],
});

describe('record.create in every CRM that can create', () => {
  it('Close: a lead with the caller as its contact, found by the next lookup despite the cached "none"', async () => {
    const { connection, handlers, lookups } = await setUp(closeTarget);
    expect((await lookups.one(connection, { phone: '+16505550111' })).result.state).toBe('none');
    const { record } = await handlers['record.create'](
      { connectionId: connection.id, record: caller() },
      sender,
    );
    expect(record).toMatchObject({ name: 'Nora Quinn', company: 'Quinn Robotics', title: 'CTO' });
    const lead = sandbox.state.leads.find((item) => item.name === 'Quinn Robotics');
    expect(
      lead?.contacts.map((contact) => [contact.name, contact.phones.map((phone) => phone.phone)]),
    ).toEqual([['Nora Quinn', ['+16505550111']]]);
    const after = await lookups.one(connection, { phone: '+16505550111' });
    expect(after.cached).toBe(false);
    expect(after.result.records.map((item) => item.ref.id)).toEqual([record.ref.id]);
  });

  it.each(['Candidate', 'ClientContact'])('Bullhorn: a %s with the number in a phone field', async (kind) => {
    const { connection, handlers } = await setUp(bullhornTarget);
    const { record } = await handlers['record.create'](
      { connectionId: connection.id, record: caller(kind) },
      sender,
    );
    expect(record.ref.kind).toBe(kind);
    const row = (sandbox.api('bullhorn').state as BullhornState).entities[kind as 'Candidate'].get(
      Number(record.ref.id),
    );
    expect(row).toMatchObject({ firstName: 'Nora', lastName: 'Quinn', name: 'Nora Quinn' });
    expect(Object.values(row ?? {})).toContain('+16505550111');
  });

  it('Entity CRM: a contact, found at once through the local index (no sync needed)', async () => {
    const { connection, handlers, lookups } = await setUp(entityCrmTarget);
    const { record } = await handlers['record.create'](
      { connectionId: connection.id, record: caller() },
      sender,
    );
    const stored = (sandbox.api('entity-crm').state as EntityCrmState).contacts.get(record.ref.id);
    expect(stored?.phones.map((phone) => phone.number)).toEqual(['+16505550111']);
    const found = await lookups.one(connection, { phone: '+16505550111' });
    expect(found.result.records.map((item) => item.ref.id)).toEqual([record.ref.id]);
  });

  it('Connect: a contact, found at once through the local index', async () => {
    const { connection, handlers, lookups } = await setUp(connectTarget);
    const { record } = await handlers['record.create'](
      { connectionId: connection.id, record: caller() },
      sender,
    );
    const stored = (sandbox.api('connect').state as ConnectState).contacts.find(
      (contact) => String(contact.id) === record.ref.id,
    );
    expect(stored).toMatchObject({ firstName: 'Nora', lastName: 'Quinn', companyName: 'Quinn Robotics' });
    expect(JSON.stringify(stored?.phoneNumbers)).toContain('+16505550111');
    const found = await lookups.one(connection, { phone: '+16505550111' });
    expect(found.result.records.map((item) => item.ref.id)).toEqual([record.ref.id]);
  });

  it('ClosingDealz: a lead with the number', async () => {
    const { connection, handlers } = await setUp(closingdealzTarget);
    const { record } = await handlers['record.create'](
      { connectionId: connection.id, record: caller() },
      sender,
    );
    expect(record.phones.map((phone) => phone.e164)).toEqual(['+16505550111']);
    const leads = Object.values((sandbox.api('closingdealz').state as ClosingdealzState).workspaces).flatMap(
      (workspace) => workspace.leads,
    );
    expect(leads.filter((lead) => lead.company === 'Quinn Robotics').map((lead) => lead.phoneNumber)).toEqual(
      ['+16505550111'],
    );
  });

  it('refuses a kind the CRM does not offer, and passes on the CRM’s own sentence', async () => {
    const { connection, handlers } = await setUp(bullhornTarget);
    const wrongKind = await refusal(
      handlers['record.create']({ connectionId: connection.id, record: caller('Placement') }, sender),
    );
    expect(wrongKind.message).toBe('Bullhorn cannot create a “Placement”.');
    expect(wrongKind.fieldErrors).toEqual({ kind: 'Choose one of the kinds offered.' });

    const entity = await setUp(entityCrmTarget);
    const { firstName: _first, lastName: _last, ...companyOnly } = caller();
    const noName = await refusal(
      entity.handlers['record.create']({ connectionId: entity.connection.id, record: companyOnly }, sender),
    );
    expect(noName.message).toBe('Entity CRM needs a first or last name for a new contact.');
  });
});

describe('record.create when the CRM’s answer is lost', () => {
  const quinnLeads = () => sandbox.state.leads.filter((lead) => lead.name === 'Quinn Robotics');

  it('Close: made before the connection dropped, the record is found and returned; Create is not needed twice', async () => {
    const { connection, handlers, lookups } = await setUp(closeTarget);
    sandbox.faults.add({ kind: 'drop-after-commit', method: 'POST', path: 'lead/', times: 1 });
    const { record } = await handlers['record.create'](
      { connectionId: connection.id, record: caller() },
      sender,
    );
    expect(sandbox.faults.injected['drop-after-commit']).toBe(1);
    expect(record).toMatchObject({ name: 'Nora Quinn' });
    expect(quinnLeads()).toHaveLength(1);
    // Treated as created: the next lookup shows it.
    const after = await lookups.one(connection, { phone: '+16505550111' });
    expect(after.result.records.map((item) => item.ref.id)).toEqual([record.ref.id]);
  });

  it('Close: dropped before anything was made, the recruiter is told to check before creating again', async () => {
    const { connection, handlers } = await setUp(closeTarget);
    sandbox.faults.add({ kind: 'drop', method: 'POST', path: 'lead/', times: 1 });
    const error = await refusal(
      handlers['record.create']({ connectionId: connection.id, record: caller() }, sender),
    );
    expect(sandbox.faults.injected.drop).toBe(1);
    expect(error.kind).toBe('network');
    expect(error.message).toBe(
      'Close did not confirm the new record, and Ringside could not find it there. Check Close before creating it again, so it is not made twice.',
    );
    expect(quinnLeads()).toHaveLength(0);
  });

  it('Close: a record already there with the same number but another name is not taken for the new one', async () => {
    const { connection, handlers } = await setUp(closeTarget);
    await handlers['record.create']({ connectionId: connection.id, record: caller() }, sender);
    sandbox.faults.add({ kind: 'drop', method: 'POST', path: 'lead/', times: 1 });
    const error = await refusal(
      handlers['record.create'](
        { connectionId: connection.id, record: { ...caller(), firstName: 'Nolan' } },
        sender,
      ),
    );
    expect(error.message).toMatch(/could not find it/);
    expect(quinnLeads().flatMap((lead) => lead.contacts.map((contact) => contact.name))).toEqual([
      'Nora Quinn',
    ]);
  });

  it('Entity CRM (no search by number): the record may exist, so the recruiter is told to check', async () => {
    const { connection, handlers } = await setUp(entityCrmTarget);
    const api = sandbox.api('entity-crm');
    api.faults.add({ kind: 'drop-after-commit', method: 'POST', times: 1 });
    const error = await refusal(
      handlers['record.create']({ connectionId: connection.id, record: caller() }, sender),
    );
    expect(api.faults.injected['drop-after-commit']).toBe(1);
    expect(error.message).toMatch(/^Entity CRM did not confirm the new record/);
  });

  it('a refusal is passed on as it is: nothing was made, nothing is searched for', async () => {
    const { connection, handlers } = await setUp(closeTarget);
    sandbox.faults.add({ kind: 'status', status: 400, method: 'POST', path: 'lead/', times: 1 });
    const searchesBefore = sandbox.requests.filter((request) => request.method === 'GET').length;
    const error = await refusal(
      handlers['record.create']({ connectionId: connection.id, record: caller() }, sender),
    );
    expect(error.message).not.toMatch(/did not confirm/);
    expect(sandbox.requests.filter((request) => request.method === 'GET').length).toBe(searchesBefore);
  });
});

describe('record.cleanupPhone replaces one number and nothing else', () => {
  it('Close: the corrected number in its place with its type; the other number, emails and fields untouched', async () => {
    const { handlers, ref } = await setUp(closeTarget);
    const jane = sandbox.state.leads
      .flatMap((lead) => lead.contacts)
      .find((c) => c.id === SEEDED.jane.contactId);
    if (!jane?.phones[1]) throw new Error('Jane is not seeded');
    // Imported text Close never normalized: what the cleanup exists for.
    jane.phones[1] = {
      phone: '020 7946 0000',
      phone_formatted: '020 7946 0000',
      type: 'office',
      country: null,
    };
    const janeRef = { ...ref('contact', SEEDED.jane.contactId), parentId: SEEDED.jane.leadId };
    const before = closeTarget.inspect.recordWithoutContactFields(sandbox, janeRef);
    const { record } = await handlers['record.cleanupPhone'](
      { ref: janeRef, raw: '020 7946 0000', e164: '+442079460000' },
      sender,
    );
    expect(record.phones.map((phone) => [phone.e164, phone.type])).toEqual([
      ['+14155552671', 'mobile'],
      ['+442079460000', 'office'],
    ]);
    expect(jane.phones.map((phone) => [phone.phone, phone.type])).toEqual([
      ['+14155552671', 'mobile'],
      ['+442079460000', 'office'],
    ]);
    expect(jane.emails.map((email) => email.email)).toEqual([SEEDED.jane.email]);
    expect(closeTarget.inspect.recordWithoutContactFields(sandbox, janeRef)).toEqual(before);
  });

  it('Bullhorn: the number stays in its own field, even where its type names another empty field', async () => {
    const { connection, handlers, lookups, ref } = await setUp(bullhornTarget);
    const rows = (sandbox.api('bullhorn').state as BullhornState).entities.Candidate;
    const priya = rows.get(BULLHORN_SEEDED.priya.id);
    if (!priya) throw new Error('Priya is not seeded');
    // phone2 and workPhone are both "work": the correction must not move to the empty workPhone.
    priya.phone2 = '020 7946 0111';
    priya.workPhone = null;
    const priyaRef = ref('Candidate', String(BULLHORN_SEEDED.priya.id));
    const before = bullhornTarget.inspect.recordWithoutContactFields(sandbox, priyaRef);
    const contactBefore = { ...priya };

    const popped = await lookups.one(connection, { phone: '+442079460111' });
    expect(popped.result.records[0]?.phones.find((phone) => phone.field === 'phone2')?.raw).toBe(
      '020 7946 0111',
    );
    await handlers['record.cleanupPhone'](
      { ref: priyaRef, raw: '020 7946 0111', field: 'phone2', e164: '+442079460111' },
      sender,
    );
    expect(priya).toMatchObject({
      phone2: '+442079460111',
      phone: contactBefore.phone,
      phone3: contactBefore.phone3,
      email: contactBefore.email,
    });
    expect(priya.workPhone ?? null).toBeNull();
    expect(bullhornTarget.inspect.recordWithoutContactFields(sandbox, priyaRef)).toEqual(before);
    // The cached pop is gone: the next lookup shows the corrected number.
    const after = await lookups.one(connection, { phone: '+442079460111' });
    expect(after.cached).toBe(false);
    expect(after.result.records[0]?.phones.find((phone) => phone.field === 'phone2')?.raw).toBe(
      '+442079460111',
    );
  });

  it('Bullhorn: a UK mobile stored without its country code (Oliver)', async () => {
    const { handlers, ref } = await setUp(bullhornTarget);
    const oliverRef = ref('Candidate', String(BULLHORN_SEEDED.oliver.id));
    const before = bullhornTarget.inspect.recordWithoutContactFields(sandbox, oliverRef);
    const { record } = await handlers['record.cleanupPhone'](
      {
        ref: oliverRef,
        raw: BULLHORN_SEEDED.oliver.mobile,
        field: 'mobile',
        e164: BULLHORN_SEEDED.oliver.e164,
      },
      sender,
    );
    expect(record.phones).toEqual([
      {
        raw: BULLHORN_SEEDED.oliver.e164,
        e164: BULLHORN_SEEDED.oliver.e164,
        type: 'mobile',
        field: 'mobile',
      },
    ]);
    expect(bullhornTarget.inspect.recordWithoutContactFields(sandbox, oliverRef)).toEqual(before);
  });

  it('Entity CRM: the list entry keeps its type and primary flag; the other entry stays exactly as stored', async () => {
    // Without a default country, national numbers are flagged for cleanup instead of guessed.
    const { apiKey = '', entityId = '' } = entityCrmTarget.credentials;
    const { connection, handlers, lookups, ref } = await setUp(entityCrmTarget, { apiKey, entityId });
    const contact = (sandbox.api('entity-crm').state as EntityCrmState).contacts.get(ENTITY_SEEDED.jane.id);
    if (!contact) throw new Error('Jane is not seeded');
    const janeRef = ref('contact', ENTITY_SEEDED.jane.id);
    const before = entityCrmTarget.inspect.recordWithoutContactFields(sandbox, janeRef);
    const office = { ...contact.phones[1] };
    const emails = structuredClone(contact.emails);

    await handlers['record.cleanupPhone'](
      { ref: janeRef, raw: ENTITY_SEEDED.jane.mobileRaw, e164: ENTITY_SEEDED.jane.mobile },
      sender,
    );
    expect(contact.phones).toEqual([
      { number: ENTITY_SEEDED.jane.mobile, type: 'mobile', isPrimary: true },
      office,
    ]);
    expect(contact.emails).toEqual(emails);
    expect(entityCrmTarget.inspect.recordWithoutContactFields(sandbox, janeRef)).toEqual(before);
    // The local index has the corrected record at once.
    const found = await lookups.one(connection, { phone: ENTITY_SEEDED.jane.mobile });
    expect(found.result.records[0]?.phones[0]).toMatchObject({ raw: ENTITY_SEEDED.jane.mobile });
  });

  it('refuses where the CRM cannot update, and where the number is no longer on the record', async () => {
    const connect = await setUp(connectTarget);
    const cannot = await refusal(
      connect.handlers['record.cleanupPhone'](
        { ref: connect.ref('contact', '1'), raw: '415 555 2671', e164: '+14155552671' },
        sender,
      ),
    );
    expect(cannot.message).toBe('Connect cannot update records from Ringside; correct the number there.');

    const bullhorn = await setUp(bullhornTarget);
    const gone = await refusal(
      bullhorn.handlers['record.cleanupPhone'](
        {
          ref: bullhorn.ref('Candidate', String(BULLHORN_SEEDED.oliver.id)),
          raw: '07400 999999',
          e164: '+447400999999',
        },
        sender,
      ),
    );
    expect(gone.message).toBe(
      '“07400 999999” is no longer on this record in Bullhorn. Look the number up again.',
    );
    expect(gone.kind).toBe('not-found');
  });
});
