import { isValidPhoneNumber } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import { createCloseState, DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { startSandbox } from '../sandbox/server';
import { useSandbox } from '../support/use-sandbox';

const sandbox = useSandbox();

function basic(key: string): string {
  return `Basic ${Buffer.from(`${key}:`).toString('base64')}`;
}

interface CallOptions {
  method?: string;
  json?: unknown;
  key?: string | null;
  headers?: Record<string, string>;
  base?: string;
}

/** A Close API call with Riley's key unless told otherwise. */
function api(path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? DEMO_KEYS.riley : options.key;
  if (key) headers.Authorization = basic(key);
  if (options.json !== undefined) headers['Content-Type'] ??= 'application/json';
  return fetch(`${options.base ?? sandbox.closeApiUrl}${path}`, {
    method: options.method ?? (options.json === undefined ? 'GET' : 'POST'),
    headers,
    ...(options.json === undefined ? {} : { body: JSON.stringify(options.json) }),
  });
}

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function phoneQuery(value: string, extra: Record<string, unknown> = {}) {
  return searchBody('contact_phone', 'phone', value, extra);
}

function searchBody(related: string, field: string, value: string, extra: Record<string, unknown> = {}) {
  return {
    query: {
      type: 'and',
      queries: [
        { type: 'object_type', object_type: 'contact' },
        {
          type: 'has_related',
          this_object_type: 'contact',
          related_object_type: related,
          related_query: {
            type: 'field_condition',
            field: { type: 'regular_field', object_type: related, field_name: field },
            condition: { type: 'text', mode: 'phrase', value },
          },
        },
      ],
    },
    ...extra,
  };
}

function janeCall(extra: Record<string, unknown> = {}) {
  return {
    lead_id: SEEDED.jane.leadId,
    contact_id: SEEDED.jane.contactId,
    direction: 'outbound',
    duration: 125,
    phone: SEEDED.jane.mobile,
    note: 'Discussed the senior role.',
    activity_at: '2026-11-22T09:30:00.000Z',
    ...extra,
  };
}

describe('seed', () => {
  it('is deterministic and holds 2,000 generated leads with valid, distinct numbers', () => {
    const state = createCloseState();
    expect(createCloseState()).toEqual(state);
    const generated = state.leads.slice(-SEEDED.longList.count);
    expect(generated).toHaveLength(2000);
    expect(generated[0]?.id).toBe(SEEDED.longList.first.leadId);
    const phones = generated.map((lead) => lead.contacts[0]?.phones[0]?.phone ?? '');
    expect(phones.every((phone) => isValidPhoneNumber(phone))).toBe(true);
    expect(new Set(phones).size).toBe(2000);
    expect(phones).not.toContain(SEEDED.shared.phone);
  });

  it('stores phones and emails the way Close does', () => {
    const jane = createCloseState()
      .leads.find((lead) => lead.id === SEEDED.jane.leadId)
      ?.contacts.find((contact) => contact.id === SEEDED.jane.contactId);
    expect(jane?.phones).toEqual([
      { phone: '+14155552671', phone_formatted: '+1 415-555-2671', type: 'mobile', country: 'US' },
      { phone: '+14155550132', phone_formatted: '+1 415-555-0132', type: 'office', country: 'US' },
    ]);
    expect(jane?.emails).toEqual([
      { email: 'jane.doe@acme-robotics.example', type: 'office', is_unsubscribed: false },
    ]);
    expect(SEEDED.organization.id).toMatch(/^orga_[0-9A-Za-z]{43}$/);
  });
});

describe('auth and routing', () => {
  it('answers 401 without a key, with an unknown key and with a Bearer token', async () => {
    for (const response of [
      await api('me/', { key: null }),
      await api('me/', { key: 'api_NotARealKey42' }),
      await api('me/', { key: null, headers: { Authorization: `Bearer ${DEMO_KEYS.riley}` } }),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'Unauthorized' });
    }
    expect(sandbox.requests.map((request) => request.authorized)).toEqual([false, false, false]);
  });

  it('GET /me/ returns the key’s user and organization, honouring _fields', async () => {
    const response = await api('me/');
    expect(response.status).toBe(200);
    expect(response.headers.get('ratelimit')).toMatch(/^limit=100, remaining=99, reset=\d+$/);
    const me = await json(response);
    expect(me).toMatchObject({
      id: SEEDED.users.riley.id,
      first_name: 'Riley',
      last_name: 'Recruiter',
      email: 'riley@ringside-demo.example',
      organizations: [{ id: SEEDED.organization.id, name: 'Ringside Demo Agency' }],
      memberships: [{ organization_id: SEEDED.organization.id, role: 'user' }],
    });
    expect(await json(await api('me/?_fields=id,email', { key: DEMO_KEYS.sam }))).toEqual({
      id: SEEDED.users.sam.id,
      email: 'sam@ringside-demo.example',
    });
    expect(sandbox.requests[0]).toEqual({
      method: 'GET',
      path: '/api/v1/me/',
      query: {},
      body: undefined,
      headers: expect.objectContaining({ authorization: expect.stringMatching(/^Basic /) }),
      authorized: true,
    });
  });

  it('404s a path without its trailing slash, 405s a wrong method', async () => {
    const missingSlash = await api('me');
    expect(missingSlash.status).toBe(404);
    expect(await missingSlash.json()).toEqual({ error: 'Not found' });
    expect((await api(`contact/${SEEDED.jane.contactId}`)).status).toBe(404);
    expect((await api('nothing/here/')).status).toBe(404);
    expect((await api(`contact/cont_unknown/`)).status).toBe(404);
    const wrongMethod = await api('me/', { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('lists users, outcomes and custom activity types in the list envelope with _limit/_skip', async () => {
    const users = await json(await api('user/?_order_by=first_name,last_name&_limit=2'));
    expect(users.has_more).toBe(true);
    expect((users.data as { first_name: string }[]).map((user) => user.first_name)).toEqual([
      'Morgan',
      'Riley',
    ]);
    const user = await json(await api(`user/${SEEDED.users.sam.id}/`));
    expect(user).toMatchObject({ first_name: 'Sam', organizations: [SEEDED.organization.id] });
    const outcomes = await json(await api('outcome/?_skip=1&_fields=id,name'));
    expect(outcomes).toEqual({
      data: [
        { id: SEEDED.outcomes.leftVoicemail, name: 'Left voicemail' },
        { id: SEEDED.outcomes.noAnswer, name: 'No answer' },
        { id: SEEDED.outcomes.notInterested, name: 'Not interested' },
      ],
      has_more: false,
    });
    const types = await json(await api('custom_activity/'));
    expect((types.data as { id: string }[]).map((type) => type.id)).toEqual([
      SEEDED.customActivityTypes.candidateScreen,
      SEEDED.customActivityTypes.whatsappTouch,
    ]);
    expect((await api('outcome/?_limit=201')).status).toBe(400);
  });

  it('GET /lead/{id}/ embeds the contacts', async () => {
    const lead = await json(await api(`lead/${SEEDED.jane.leadId}/?_fields=id,display_name,contacts`));
    expect(Object.keys(lead).sort()).toEqual(['contacts', 'display_name', 'id']);
    expect(lead.display_name).toBe('Acme Robotics');
    expect((lead.contacts as { id: string }[]).map((contact) => contact.id)).toEqual([
      SEEDED.jane.contactId,
      SEEDED.tom.contactId,
    ]);
    const found = await json(
      await api(`lead/?query=${encodeURIComponent('email_address:"priya@northwind.example"')}`),
    );
    expect(found.total_results).toBe(1);
    expect((found.data as { id: string }[])[0]?.id).toBe(SEEDED.priya.leadId);
  });
});

describe('POST /data/search/', () => {
  it('finds a contact by E.164, national digits or a 7+ digit suffix, returning only ids without _fields', async () => {
    const expected = { data: [{ __object_type: 'contact', id: SEEDED.jane.contactId }], cursor: null };
    expect(await json(await api('data/search/', { json: phoneQuery('+14155552671') }))).toEqual(expected);
    expect(await json(await api('data/search/', { json: phoneQuery('4155552671') }))).toEqual(expected);
    expect(await json(await api('data/search/', { json: phoneQuery('(415) 555-2671') }))).toEqual(expected);
    expect(await json(await api('data/search/', { json: phoneQuery('5552671') }))).toEqual(expected);
    // Six digits are too few to count as a suffix match.
    expect(await json(await api('data/search/', { json: phoneQuery('552671') }))).toEqual({
      data: [],
      cursor: null,
    });
  });

  it('finds by email case-insensitively and returns the requested _fields', async () => {
    const body = searchBody('contact_email', 'email', 'PRIYA@Northwind.example', {
      _fields: { contact: ['id', 'name', 'lead_id', 'phones', 'emails'] },
    });
    const result = await json(await api('data/search/', { json: body }));
    expect(result).toEqual({
      data: [
        {
          __object_type: 'contact',
          id: SEEDED.priya.contactId,
          name: 'Priya Patel',
          lead_id: SEEDED.priya.leadId,
          phones: [
            { phone: '+442079460958', phone_formatted: '+44 20 7946 0958', type: 'office', country: 'GB' },
          ],
          emails: [{ email: 'priya@northwind.example', type: 'office', is_unsubscribed: false }],
        },
      ],
      cursor: null,
    });
  });

  it('pages with an opaque cursor until it is null', async () => {
    const first = await json(
      await api('data/search/', { json: phoneQuery(SEEDED.shared.phone, { _limit: 1 }) }),
    );
    expect(first.data).toHaveLength(1);
    expect(typeof first.cursor).toBe('string');
    const second = await json(
      await api('data/search/', {
        json: phoneQuery(SEEDED.shared.phone, { _limit: 1, cursor: first.cursor }),
      }),
    );
    expect(second.data).toHaveLength(1);
    expect(second.cursor).toBeNull();
    const ids = [...(first.data as { id: string }[]), ...(second.data as { id: string }[])].map(
      (hit) => hit.id,
    );
    expect(ids.sort()).toEqual([...SEEDED.shared.contactIds].sort());
  });

  it('refuses an over-limit _limit, a bad cursor and query shapes it does not know', async () => {
    const overLimit = await api('data/search/', { json: phoneQuery(SEEDED.jane.mobile, { _limit: 201 }) });
    expect(overLimit.status).toBe(400);
    expect(await json(overLimit)).toMatchObject({
      errors: [],
      'field-errors': { _limit: expect.any(String) },
    });
    expect((await api('data/search/', { json: phoneQuery('1', { cursor: 'nonsense' }) })).status).toBe(400);
    const unknownShape = await api('data/search/', {
      json: {
        query: {
          type: 'and',
          queries: [{ type: 'object_type', object_type: 'contact' }, { type: 'match_all' }],
        },
      },
    });
    expect(unknownShape.status).toBe(400);
    expect(((await json(unknownShape))['field-errors'] as Record<string, string>).query).toContain(
      'match_all',
    );
    const noObjectType = await api('data/search/', {
      json: { query: (phoneQuery('+14155552671').query.queries as unknown[])[1] },
    });
    expect(noObjectType.status).toBe(400);
  });
});

describe('contacts', () => {
  it('PUT replaces the phones array whole and normalizes each number', async () => {
    const response = await api(`contact/${SEEDED.jane.contactId}/`, {
      method: 'PUT',
      json: {
        phones: [
          { phone: '415 555 0100', type: 'mobile' },
          { phone: '+447400123456', type: 'mobile' },
        ],
      },
    });
    expect(response.status).toBe(200);
    const contact = await json(response);
    const phones = [
      { phone: '+14155550100', phone_formatted: '+1 415-555-0100', type: 'mobile', country: 'US' },
      { phone: '+447400123456', phone_formatted: '+44 7400 123456', type: 'mobile', country: 'GB' },
    ];
    expect(contact).toMatchObject({ id: SEEDED.jane.contactId, name: 'Jane Doe', phones });
    expect(contact.emails).toEqual([
      { email: 'jane.doe@acme-robotics.example', type: 'office', is_unsubscribed: false },
    ]);
    expect(contact.updated_by).toBe(SEEDED.users.riley.id);
    expect(await json(await api(`contact/${SEEDED.jane.contactId}/?_fields=phones`))).toEqual({ phones });
    // The old numbers are gone, so they no longer find her.
    expect((await json(await api('data/search/', { json: phoneQuery(SEEDED.jane.office) }))).data).toEqual(
      [],
    );
  });

  it('refuses an unparseable phone and changes nothing', async () => {
    const response = await api(`contact/${SEEDED.jane.contactId}/`, {
      method: 'PUT',
      json: { title: 'CTO', phones: [{ phone: 'not-a-number', type: 'office' }] },
    });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body.errors).toEqual([]);
    expect((body['field-errors'] as Record<string, string>).phones).toContain('not-a-number');
    const jane = await json(await api(`contact/${SEEDED.jane.contactId}/?_fields=title,phones`));
    expect(jane.title).toBe('Head of Talent');
    expect((jane.phones as { phone: string }[]).map((phone) => phone.phone)).toEqual([
      SEEDED.jane.mobile,
      SEEDED.jane.office,
    ]);
  });
});

describe('call and note activities', () => {
  it('creates a call with every sent field plus Close’s own', async () => {
    const response = await api('activity/call/', {
      json: janeCall({ outcome_id: SEEDED.outcomes.interested }),
    });
    expect(response.status).toBe(200);
    const call = await json(response);
    expect(call).toMatchObject({
      _type: 'Call',
      lead_id: SEEDED.jane.leadId,
      contact_id: SEEDED.jane.contactId,
      direction: 'outbound',
      status: 'completed',
      duration: 125,
      phone: '+14155552671',
      note: 'Discussed the senior role.',
      note_html: '<p>Discussed the senior role.</p>',
      activity_at: '2026-11-22T09:30:00.000Z',
      outcome_id: SEEDED.outcomes.interested,
      user_id: SEEDED.users.riley.id,
      user_name: 'Riley Recruiter',
      created_by: SEEDED.users.riley.id,
      organization_id: SEEDED.organization.id,
    });
    expect(call.id).toMatch(/^acti_/);
    expect(call.date_created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/);
    expect(sandbox.state.calls).toEqual([call]);

    const listed = await json(await api(`activity/call/?lead_id=${SEEDED.jane.leadId}`));
    expect(listed).toEqual({ data: [call], has_more: false });
    expect(await json(await api(`activity/call/?lead_id=${SEEDED.priya.leadId}`))).toEqual({
      data: [],
      has_more: false,
    });
  });

  it('answers a missing lead_id with Close’s validation body', async () => {
    const { lead_id: _lead, ...withoutLead } = janeCall();
    const response = await api('activity/call/', { json: withoutLead });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [],
      'field-errors': { lead: 'This field is required.' },
    });
    expect(sandbox.state.calls).toEqual([]);
  });

  it('refuses enum values, durations and contacts Close would refuse', async () => {
    const badDirection = await api('activity/call/', { json: janeCall({ direction: 'sideways' }) });
    expect(badDirection.status).toBe(400);
    expect(await badDirection.json()).toEqual({
      errors: [],
      'field-errors': { direction: 'Must be one of: inbound, outbound.' },
    });
    const badStatus = await json(await api('activity/call/', { json: janeCall({ status: 'done' }) }));
    expect(Object.keys(badStatus['field-errors'] as object)).toEqual(['status']);
    const negative = await json(await api('activity/call/', { json: janeCall({ duration: -1 }) }));
    expect(Object.keys(negative['field-errors'] as object)).toEqual(['duration']);
    const badDate = await json(await api('activity/call/', { json: janeCall({ activity_at: 'yesterday' }) }));
    expect(Object.keys(badDate['field-errors'] as object)).toEqual(['activity_at']);
    const otherLead = await json(
      await api('activity/call/', { json: janeCall({ contact_id: SEEDED.priya.contactId }) }),
    );
    expect(Object.keys(otherLead['field-errors'] as object)).toEqual(['contact']);
    const unknownLead = await json(
      await api('activity/call/', { json: janeCall({ lead_id: 'lead_doesNotExist', contact_id: null }) }),
    );
    expect(Object.keys(unknownLead['field-errors'] as object)).toEqual(['lead']);
    expect(sandbox.state.calls).toEqual([]);
  });

  it('refuses a non-JSON content type (415) and malformed JSON (400)', async () => {
    const form = await api('activity/call/', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      json: janeCall(),
    });
    expect(form.status).toBe(415);
    const broken = await fetch(`${sandbox.closeApiUrl}activity/call/`, {
      method: 'POST',
      headers: { Authorization: basic(DEMO_KEYS.riley), 'Content-Type': 'application/json' },
      body: '{"lead_id":',
    });
    expect(broken.status).toBe(400);
    expect(sandbox.state.calls).toEqual([]);
  });

  it('updates a call; note_html overwrites note', async () => {
    const created = await json(await api('activity/call/', { json: janeCall() }));
    const updated = await json(
      await api(`activity/call/${created.id}/`, {
        method: 'PUT',
        json: {
          note_html: '<p>Offer <b>accepted</b> &amp; signed</p>',
          outcome_id: SEEDED.outcomes.leftVoicemail,
        },
      }),
    );
    expect(updated).toMatchObject({
      id: created.id,
      note_html: '<p>Offer <b>accepted</b> &amp; signed</p>',
      note: 'Offer accepted & signed',
      outcome_id: SEEDED.outcomes.leftVoicemail,
      duration: 125,
    });
    expect((await api('activity/call/acti_missing/', { method: 'PUT', json: { note: 'x' } })).status).toBe(
      404,
    );
  });

  it('creates and updates a note on a lead, by Sam', async () => {
    const created = await json(
      await api('activity/note/', {
        key: DEMO_KEYS.sam,
        json: { lead_id: SEEDED.priya.leadId, note: 'Prefers email.' },
      }),
    );
    expect(created).toMatchObject({
      _type: 'Note',
      lead_id: SEEDED.priya.leadId,
      contact_id: null,
      user_name: 'Sam Sourcer',
      note: 'Prefers email.',
    });
    const updated = await json(
      await api(`activity/note/${created.id}/`, {
        method: 'PUT',
        json: { note: 'Prefers calls after 4pm.' },
      }),
    );
    expect(updated).toMatchObject({ note: 'Prefers calls after 4pm.', updated_by: SEEDED.users.riley.id });
    expect(sandbox.state.notes).toHaveLength(1);
    const listed = await json(await api(`activity/note/?lead_id=${SEEDED.priya.leadId}`));
    expect((listed.data as { id: string }[]).map((note) => note.id)).toEqual([created.id]);
    const missingLead = await api('activity/note/', { json: { note: 'orphan' } });
    expect(await missingLead.json()).toEqual({
      errors: [],
      'field-errors': { lead: 'This field is required.' },
    });
  });
});

describe('creating leads and contacts', () => {
  it('POST /lead/ creates a lead with nested contacts, normalized like the contact PUT', async () => {
    const response = await api('lead/', {
      json: {
        name: 'Fjord Freight',
        description: 'Hiring drivers.',
        url: 'https://fjord-freight.example',
        contacts: [
          {
            name: 'Ola Nordmann',
            title: 'COO',
            phones: [
              { phone: '(415) 555-0100', type: 'mobile' },
              { phone: '+447400123456', type: 'office' },
            ],
            emails: [{ email: 'ola@fjord-freight.example', type: 'office' }],
          },
          { name: 'Kari Nordmann' },
        ],
      },
    });
    expect(response.status).toBe(200);
    const lead = await json(response);
    expect(lead.id).toMatch(/^lead_[0-9A-Za-z]{43}$/);
    expect(lead).toMatchObject({
      name: 'Fjord Freight',
      display_name: 'Fjord Freight',
      description: 'Hiring drivers.',
      url: 'https://fjord-freight.example',
      organization_id: SEEDED.organization.id,
      status_label: 'Potential',
      created_by: SEEDED.users.riley.id,
      created_by_name: 'Riley Recruiter',
      html_url: `${sandbox.url}/lead/${lead.id}/`,
    });
    const [ola, kari] = lead.contacts as Record<string, unknown>[];
    expect(ola).toMatchObject({
      lead_id: lead.id,
      name: 'Ola Nordmann',
      display_name: 'Ola Nordmann',
      title: 'COO',
      phones: [
        { phone: '+14155550100', phone_formatted: '+1 415-555-0100', type: 'mobile', country: 'US' },
        { phone: '+447400123456', phone_formatted: '+44 7400 123456', type: 'office', country: 'GB' },
      ],
      emails: [{ email: 'ola@fjord-freight.example', type: 'office', is_unsubscribed: false }],
      urls: [],
      created_by: SEEDED.users.riley.id,
    });
    expect(ola?.id).toMatch(/^cont_/);
    expect(kari).toMatchObject({ name: 'Kari Nordmann', title: null, phones: [], emails: [] });
    expect(lead.contact_ids).toEqual([ola?.id, kari?.id]);
    // Exactly what GET /lead/{id}/ answers, and the new number is searchable.
    expect(await json(await api(`lead/${lead.id}/`))).toEqual(lead);
    const found = await json(await api('data/search/', { json: phoneQuery('+14155550100') }));
    expect(found.data).toEqual([{ __object_type: 'contact', id: ola?.id }]);
  });

  it('POST /lead/ refuses an unparseable nested phone or an unknown status and stores nothing', async () => {
    const leadCount = sandbox.state.leads.length;
    const badPhone = await api('lead/', {
      json: { name: 'Broken Co', contacts: [{ name: 'X', phones: [{ phone: 'call me', type: 'office' }] }] },
    });
    expect(badPhone.status).toBe(400);
    expect(await badPhone.json()).toEqual({
      errors: [],
      'field-errors': { contacts: 'Contact 0: phones: Item 0: invalid phone number "call me".' },
    });
    const badStatus = await api('lead/', { json: { name: 'Broken Co', status_id: 'stat_nope' } });
    expect(await badStatus.json()).toEqual({
      errors: [],
      'field-errors': { status_id: 'Object does not exist.' },
    });
    const both = await json(
      await api('lead/', { json: { name: 'Broken Co', status: 'Potential', status_id: 'stat_x' } }),
    );
    expect(Object.keys(both['field-errors'] as object)).toEqual(['status']);
    expect(sandbox.state.leads).toHaveLength(leadCount);
  });

  it('POST /contact/ adds a normalized contact to an existing lead', async () => {
    const response = await api('contact/?_fields=id,lead_id,name,phones', {
      json: {
        lead_id: SEEDED.priya.leadId,
        name: 'Noah Green',
        title: 'Recruiter',
        phones: [{ phone: '+44 20 7946 0000', type: 'office' }],
        emails: [{ email: 'noah@northwind.example', type: 'office' }],
      },
    });
    expect(response.status).toBe(200);
    const picked = await json(response);
    expect(picked).toEqual({
      id: expect.stringMatching(/^cont_/),
      lead_id: SEEDED.priya.leadId,
      name: 'Noah Green',
      phones: [
        { phone: '+442079460000', phone_formatted: '+44 20 7946 0000', type: 'office', country: 'GB' },
      ],
    });
    const contact = await json(await api(`contact/${picked.id}/`));
    expect(contact).toMatchObject({
      title: 'Recruiter',
      emails: [{ email: 'noah@northwind.example', type: 'office', is_unsubscribed: false }],
      organization_id: SEEDED.organization.id,
      created_by: SEEDED.users.riley.id,
    });
    const lead = await json(await api(`lead/${SEEDED.priya.leadId}/?_fields=contact_ids`));
    expect(lead.contact_ids).toEqual([SEEDED.priya.contactId, picked.id]);
  });

  it('POST /contact/ refuses an unknown lead_id and a bad phone; without lead_id it makes a lead', async () => {
    const leadCount = sandbox.state.leads.length;
    const unknown = await api('contact/', { json: { lead_id: 'lead_doesNotExist', name: 'Nobody' } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual({ errors: [], 'field-errors': { lead: 'Object does not exist.' } });
    const badPhone = await api('contact/', {
      json: { lead_id: SEEDED.priya.leadId, name: 'Nobody', phones: [{ phone: '12', type: 'office' }] },
    });
    expect(await badPhone.json()).toEqual({
      errors: [],
      'field-errors': { phones: 'Item 0: invalid phone number "12".' },
    });
    expect(sandbox.state.leads).toHaveLength(leadCount);
    expect(sandbox.state.leads.find((lead) => lead.id === SEEDED.priya.leadId)?.contacts).toHaveLength(1);

    // Documented: "If you do not provide a lead_id then a new lead will be created, named after the contact."
    const orphan = await json(await api('contact/', { json: { name: 'Solo Candidate' } }));
    expect(sandbox.state.leads).toHaveLength(leadCount + 1);
    const lead = await json(await api(`lead/${orphan.lead_id}/`));
    expect(lead).toMatchObject({ name: 'Solo Candidate', contact_ids: [orphan.id] });
  });
});

describe('activity lists', () => {
  it('filter calls and notes by lead_id and contact_id and page with _limit/_skip', async () => {
    const tomCall = { lead_id: SEEDED.tom.leadId, contact_id: SEEDED.tom.contactId };
    const calls: string[] = [];
    for (const [index, extra] of [{}, tomCall, {}].entries()) {
      const activityAt = `2026-11-2${index}T09:00:00.000Z`;
      const call = await json(
        await api('activity/call/', { json: janeCall({ activity_at: activityAt, ...extra }) }),
      );
      calls.push(call.id as string);
    }
    const ids = (body: Record<string, unknown>) => (body.data as { id: string }[]).map((item) => item.id);
    const byJane = await json(await api(`activity/call/?contact_id=${SEEDED.jane.contactId}`));
    expect(ids(byJane)).toEqual([calls[2], calls[0]]);
    const byLead = await json(await api(`activity/call/?lead_id=${SEEDED.jane.leadId}&_limit=2`));
    expect(byLead).toMatchObject({ has_more: true });
    expect(ids(byLead)).toEqual([calls[2], calls[1]]);
    const rest = await json(await api(`activity/call/?lead_id=${SEEDED.jane.leadId}&_limit=2&_skip=2`));
    expect(rest).toMatchObject({ has_more: false });
    expect(ids(rest)).toEqual([calls[0]]);

    const note = await json(
      await api('activity/note/', {
        json: { lead_id: SEEDED.tom.leadId, contact_id: SEEDED.tom.contactId, note: 'Tom: call back.' },
      }),
    );
    await api('activity/note/', { json: { lead_id: SEEDED.priya.leadId, note: 'Priya note.' } });
    const tomNotes = await json(
      await api(`activity/note/?lead_id=${SEEDED.tom.leadId}&contact_id=${SEEDED.tom.contactId}`),
    );
    expect(tomNotes).toEqual({ data: [note], has_more: false });
    const firstNote = await json(await api('activity/note/?_limit=1&_skip=0'));
    expect(firstNote).toMatchObject({ has_more: true });
    expect(firstNote.data).toHaveLength(1);
  });
});

describe('custom activities', () => {
  const summaryField = () => sandbox.state.customActivityTypes[0]?.fields[0];

  it('POST /activity/custom/ stores a published instance with its custom field values', async () => {
    const fieldId = summaryField()?.id;
    const response = await api('activity/custom/', {
      json: {
        custom_activity_type_id: SEEDED.customActivityTypes.candidateScreen,
        lead_id: SEEDED.jane.leadId,
        contact_id: SEEDED.jane.contactId,
        activity_at: '2026-11-22T10:00:00.000Z',
        pinned: true,
        [`custom.${fieldId}`]: 'Strong Go experience.',
      },
    });
    expect(response.status).toBe(200);
    const activity = await json(response);
    expect(activity).toMatchObject({
      _type: 'CustomActivity',
      custom_activity_type_id: SEEDED.customActivityTypes.candidateScreen,
      lead_id: SEEDED.jane.leadId,
      contact_id: SEEDED.jane.contactId,
      status: 'published',
      pinned: true,
      activity_at: '2026-11-22T10:00:00.000Z',
      user_id: SEEDED.users.riley.id,
      user_name: 'Riley Recruiter',
      users: [SEEDED.users.riley.id],
      organization_id: SEEDED.organization.id,
      [`custom.${fieldId}`]: 'Strong Go experience.',
    });
    expect(activity.id).toMatch(/^acti_/);
    expect(sandbox.state.customActivities).toContainEqual(activity);
  });

  it('requires custom_activity_type_id and lead_id and checks required fields unless draft', async () => {
    const count = sandbox.state.customActivities?.length ?? 0;
    const empty = await api('activity/custom/', { json: {} });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      errors: [],
      'field-errors': {
        custom_activity_type: 'This field is required.',
        lead: 'This field is required.',
      },
    });
    const unknown = await json(
      await api('activity/custom/', {
        json: { custom_activity_type_id: 'actitype_nope', lead_id: SEEDED.jane.leadId, status: 'done' },
      }),
    );
    expect(unknown['field-errors']).toEqual({
      custom_activity_type: 'Object does not exist.',
      status: 'Must be one of: draft, published.',
    });

    const field = summaryField();
    if (!field) throw new Error('seed has no custom field');
    field.required = true;
    const base = {
      custom_activity_type_id: SEEDED.customActivityTypes.candidateScreen,
      lead_id: SEEDED.jane.leadId,
    };
    const missing = await json(await api('activity/custom/', { json: base }));
    expect(missing['field-errors']).toEqual({ [`custom.${field.id}`]: 'This field is required.' });
    expect(sandbox.state.customActivities?.length ?? 0).toBe(count);
    const draft = await json(await api('activity/custom/', { json: { ...base, status: 'draft' } }));
    expect(draft).toMatchObject({ status: 'draft', pinned: false, contact_id: null });
    expect(sandbox.state.customActivities).toHaveLength(count + 1);
  });
});

describe('rate limiting', () => {
  it('answers 429 with the RateLimit header once a key’s bucket for an endpoint group is empty', async () => {
    const tight = await startSandbox({ rateLimit: { limit: 2, windowSeconds: 60 } });
    try {
      const call = (path: string, key: string = DEMO_KEYS.riley) =>
        api(path, { key, base: tight.closeApiUrl });
      const first = await call('me/');
      expect(first.headers.get('ratelimit')).toBe('limit=2, remaining=1, reset=30');
      expect((await call('me/')).status).toBe(200);
      const limited = await call('me/');
      expect(limited.status).toBe(429);
      expect(limited.headers.get('ratelimit')).toMatch(/^limit=2, remaining=0, reset=(29|30)$/);
      const body = await json(limited);
      expect(body).toEqual({
        error: { rate_reset: expect.any(Number), message: 'API call count exceeded for this period' },
      });
      // Other endpoint groups and other keys have their own buckets.
      expect((await call('user/')).status).toBe(200);
      expect((await call('me/', DEMO_KEYS.sam)).status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});

describe('faults', () => {
  it('status: answers the status the given number of times, only on matching paths', async () => {
    sandbox.faults.add({ kind: 'status', status: 503, path: 'me/', times: 1 });
    expect((await api('user/')).status).toBe(200);
    const failed = await api('me/');
    expect(failed.status).toBe(503);
    expect(await failed.json()).toEqual({ error: 'Service Unavailable' });
    expect((await api('me/')).status).toBe(200);
    expect(sandbox.faults.injected.status).toBe(1);
  });

  it('rate-limit: a 429 with the given reset', async () => {
    sandbox.faults.add({ kind: 'rate-limit', resetSeconds: 7, times: 1 });
    const limited = await api('me/');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit')).toBe('limit=100, remaining=0, reset=7');
    expect(await limited.json()).toEqual({
      error: { rate_reset: 7, message: 'API call count exceeded for this period' },
    });
  });

  it('latency: delays the answer', async () => {
    sandbox.faults.add({ kind: 'latency', ms: 300, method: 'get' });
    const started = performance.now();
    expect((await api('me/')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(sandbox.faults.injected.latency).toBe(1);
  });

  it('drop: the connection closes with no answer and nothing is written', async () => {
    sandbox.faults.add({ kind: 'drop', path: 'activity/call/', times: 1 });
    await expect(api('activity/call/', { json: janeCall() })).rejects.toThrow();
    expect(sandbox.state.calls).toEqual([]);
    expect(sandbox.faults.injected.drop).toBe(1);
  });

  it('drop-after-commit: the call is stored but the client never hears back', async () => {
    sandbox.faults.add({
      kind: 'drop-after-commit',
      method: 'POST',
      path: '/api/v1/activity/call/',
      times: 1,
    });
    await expect(api('activity/call/', { json: janeCall({ note: 'Outcome unknown' }) })).rejects.toThrow();
    expect(sandbox.state.calls).toHaveLength(1);
    expect(sandbox.state.calls[0]).toMatchObject({ lead_id: SEEDED.jane.leadId, note: 'Outcome unknown' });
    expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('probability draws from a seeded PRNG, so runs repeat', async () => {
    const pattern = async () => {
      sandbox.faults.clear();
      sandbox.faults.add({ kind: 'status', status: 502, probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await api('me/')).status);
      return statuses;
    };
    const first = await pattern();
    expect(first).toContain(502);
    expect(first).toContain(200);
    expect(await pattern()).toEqual(first);
  });

  it('is controllable over HTTP and never touches the pages', async () => {
    const added = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'status', status: 500 }),
    });
    expect(added.status).toBe(201);
    expect((await fetch(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`)).status).toBe(200);
    expect((await api('me/')).status).toBe(500);
    expect(await (await fetch(`${sandbox.url}/__sandbox/faults`)).json()).toMatchObject({
      rules: [{ kind: 'status', status: 500 }],
      injected: { status: 1, drop: 0 },
    });
    const invalid = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind: 'explode' }),
    });
    expect(invalid.status).toBe(400);
    expect((await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' })).status).toBe(204);
    expect((await api('me/')).status).toBe(200);
    expect(sandbox.faults.rules).toEqual([]);
  });
});

describe('pages', () => {
  it('the lead page shows escaped contacts, phones in two formats, decoys and the timeline', async () => {
    await api('activity/call/', { json: janeCall({ note: 'Send the <JD> & salary band' }) });
    const response = await fetch(`${sandbox.url}/lead/${SEEDED.jane.leadId}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<h1 id="lead-name">Acme Robotics</h1>');
    expect(html).toContain(`data-contact-id="${SEEDED.jane.contactId}"`);
    expect(html).toContain(
      '<a href="tel:+14155552671"><span class="phone" data-phone="+14155552671">+1 415-555-2671</span></a>',
    );
    expect(html).toContain('<span class="phone" data-phone="+14155550132">(415) 555-0132</span>');
    expect(html).toContain('href="mailto:jane.doe@acme-robotics.example"');
    for (const decoy of ['2026-11-22', '$1,250.00', '#4155552671']) expect(html).toContain(decoy);
    const timeline = html.slice(html.indexOf('<ul id="activities">'));
    expect(timeline).toContain('Send the &lt;JD&gt; &amp; salary band');
    expect(timeline).toContain('Outbound call');
  });

  it('escapes every CRM value', async () => {
    const html = await (await fetch(`${sandbox.url}/lead/${SEEDED.escaping.leadId}/`)).text();
    expect(html).toContain('Barker &amp; O&#39;Neil &lt;Talent&gt;');
    expect(html).toContain('Chris &quot;CJ&quot; O&#39;Neil');
    expect(html).toContain('Director &lt;Ops&gt; &amp; People');
    expect(html).not.toContain('<Talent>');
    expect(html).not.toContain('<Ops>');
  });

  it('lists every lead, links each one, and 404s an unknown lead', async () => {
    const html = await (await fetch(`${sandbox.url}/leads/`)).text();
    expect(html.match(/<tr data-lead-id=/g)).toHaveLength(sandbox.state.leads.length);
    expect(sandbox.state.leads.length).toBeGreaterThanOrEqual(2005);
    const last = SEEDED.longList.last;
    expect(html).toContain(`<a href="/lead/${last.leadId}/">${last.company}</a>`);
    expect(html).toContain(`data-phone="${last.phone}"`);
    expect((await fetch(`${sandbox.url}/lead/lead_unknown/`)).status).toBe(404);
    const index = await (await fetch(`${sandbox.url}/`)).text();
    expect(index).toContain(sandbox.closeApiUrl);
    expect(index).toContain(DEMO_KEYS.riley);
  });
});
