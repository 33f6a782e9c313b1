import { randomUUID } from 'node:crypto';
import {
  type ApiContext,
  type ApiResult,
  FieldErrors,
  isRecord,
  listParam,
  notFound,
  paginate,
  pickFields,
  requestedFields,
  requireObjectBody,
} from './close-http';
import {
  type CloseActivity,
  type CloseState,
  type CloseUser,
  findContact,
  findLead,
  findUser,
  userName,
} from './close-model';
import { closeId, closePhone, closeTimestamp, parseDateTime } from './close-values';

/**
 * Call and Note activities: create, update, get, delete, list. Bodies are checked against the OpenAPI request
 * schemas (CreateCallActivity, UpdateCallActivity, CreateNoteActivity, UpdateNoteActivity).
 */

type FieldType =
  | { kind: 'string' }
  | { kind: 'integer'; min: number }
  | { kind: 'boolean' }
  | { kind: 'datetime' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'url'; httpsOnly?: boolean }
  | { kind: 'object' }
  | { kind: 'attachments' };
/** Schema enums are not nullable; every other field in these schemas is. */
type Spec = Record<string, FieldType>;

const CALL_DIRECTIONS = ['inbound', 'outbound'] as const;
const CALL_STATUSES = [
  'created',
  'in-progress',
  'completed',
  'cancel',
  'no-answer',
  'busy',
  'failed',
  'timeout',
] as const;

const str = { kind: 'string' } as const;
const dateTime = { kind: 'datetime' } as const;

const CALL_UPDATE: Spec = {
  activity_at: dateTime,
  contact_id: str,
  conversation_type_id: str,
  custom_fields: { kind: 'object' },
  // Not in UpdateCallActivity, but the contract says only VoIP calls refuse a direction change: accepted.
  direction: { kind: 'enum', values: CALL_DIRECTIONS },
  duration: { kind: 'integer', min: 0 },
  lead_id: str,
  note: str,
  note_html: str,
  outcome_id: str,
  phone: str,
  playbook_id: str,
  quality_info: str,
  recording_url: { kind: 'url', httpsOnly: true },
  status: { kind: 'enum', values: CALL_STATUSES },
  user_id: str,
  voicemail_url: { kind: 'url' },
};
const CALL_CREATE: Spec = {
  ...CALL_UPDATE,
  created_by_id: str,
  date_created: dateTime,
  organization_id: str,
  source: { kind: 'enum', values: ['Close.io', 'External'] },
};
const NOTE_UPDATE: Spec = {
  activity_at: dateTime,
  attachments: { kind: 'attachments' },
  contact_id: str,
  note: str,
  note_html: str,
  pinned: { kind: 'boolean' },
  title: str,
};
const NOTE_CREATE: Spec = {
  ...NOTE_UPDATE,
  created_by_id: str,
  date_created: dateTime,
  lead_id: str,
  organization_id: str,
  user_id: str,
};

/** Close reports reference fields under the model's name: `lead`, not `lead_id` ([C-PY] tests; others by analogy). */
const ERROR_KEYS: Record<string, string> = {
  lead_id: 'lead',
  contact_id: 'contact',
  user_id: 'user',
  created_by_id: 'created_by',
  outcome_id: 'outcome',
};
function errorKey(field: string): string {
  return ERROR_KEYS[field] ?? field;
}

function checkValue(type: FieldType, value: unknown): { value: unknown } | { error: string } {
  switch (type.kind) {
    case 'string':
      return typeof value === 'string' ? { value } : { error: 'Not a valid string.' };
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { error: 'Not a valid boolean.' };
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return { error: 'Not a valid integer.' };
      return value >= type.min ? { value } : { error: `Must be greater than or equal to ${type.min}.` };
    case 'datetime':
      // Kept as sent: how Close re-formats an accepted timestamp in its echo is UNCONFIRMED.
      return typeof value === 'string' && parseDateTime(value)
        ? { value }
        : { error: 'Not a valid datetime.' };
    case 'enum':
      return typeof value === 'string' && type.values.includes(value)
        ? { value }
        : { error: `Must be one of: ${type.values.join(', ')}.` };
    case 'url': {
      if (typeof value !== 'string' || !URL.canParse(value)) return { error: 'Not a valid URL.' };
      if (type.httpsOnly && !value.startsWith('https://')) return { error: 'URL must be secure (https://).' };
      return { value };
    }
    case 'object':
      return isRecord(value) ? { value } : { error: 'Not a valid mapping type.' };
    case 'attachments': {
      const valid =
        Array.isArray(value) &&
        value.every(
          (item) =>
            isRecord(item) &&
            typeof item.filename === 'string' &&
            typeof item.url === 'string' &&
            // Documented: attachment URLs come from the Files API.
            item.url.startsWith('https://app.close.com/go/file/'),
        );
      return valid
        ? { value }
        : { error: 'Each attachment needs a filename and a https://app.close.com/go/file/ url.' };
    }
  }
}

/** The known fields of `body`, type-checked. Unknown keys are ignored (tolerant), not refused. */
function readFields(body: Record<string, unknown>, spec: Spec, errors: FieldErrors): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, type] of Object.entries(spec)) {
    if (!(field in body) || body[field] === undefined) continue;
    const value = body[field];
    if (value === null) {
      if (type.kind === 'enum') errors.add(errorKey(field), 'Field may not be null.');
      else out[field] = null;
      continue;
    }
    const checked = checkValue(type, value);
    if ('error' in checked) errors.add(errorKey(field), checked.error);
    else out[field] = checked.value;
  }
  if (typeof out.phone === 'string') {
    const phone = closePhone(out.phone, 'office');
    if (phone) out.phone = phone.phone;
    else errors.add('phone', 'Invalid phone number.');
  }
  return out;
}

function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .trim();
}

function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  return escaped ? `<p>${escaped.split('\n').join('<br>')}</p>` : '';
}

/** Setting `note` or `note_html` overwrites the other; when both are sent, `note_html` wins (Close quirk 4). */
function applyNoteText(activity: Record<string, unknown>, fields: Record<string, unknown>): void {
  if (fields.note_html !== undefined) {
    const html = (fields.note_html as string | null) ?? '';
    activity.note_html = html;
    activity.note = htmlToText(html);
  } else if (fields.note !== undefined) {
    const text = (fields.note as string | null) ?? '';
    activity.note = text;
    activity.note_html = textToHtml(text);
  }
}

/** Cross-record checks: the lead exists, the contact belongs to it, users and outcomes exist. */
function checkReferences(
  state: CloseState,
  fields: Record<string, unknown>,
  leadId: unknown,
  contactId: unknown,
  errors: FieldErrors,
): void {
  if (!errors.has('lead')) {
    if (typeof leadId !== 'string' || leadId === '') errors.add('lead', 'This field is required.');
    else if (!findLead(state, leadId)) errors.add('lead', `Lead ${JSON.stringify(leadId)} does not exist.`);
  }
  if (typeof contactId === 'string' && !errors.has('contact')) {
    const contact = findContact(state, contactId);
    if (!contact) errors.add('contact', `Contact ${JSON.stringify(contactId)} does not exist.`);
    else if (typeof leadId === 'string' && contact.lead_id !== leadId) {
      errors.add('contact', 'The contact does not belong to the lead.');
    }
  }
  // Whether a non-admin key may log for another user is UNCONFIRMED: any user of the organization is accepted.
  for (const field of ['user_id', 'created_by_id'] as const) {
    const id = fields[field];
    if (typeof id === 'string' && !findUser(state, id)) errors.add(errorKey(field), 'User does not exist.');
  }
  const outcomeId = fields.outcome_id;
  if (typeof outcomeId === 'string' && !state.outcomes.some((outcome) => outcome.id === outcomeId)) {
    errors.add('outcome', 'Outcome does not exist.');
  }
  if (typeof fields.organization_id === 'string' && fields.organization_id !== state.organization.id) {
    errors.add('organization', 'Must be your organization.');
  }
}

function userOrActor(state: CloseState, id: unknown, actor: CloseUser): CloseUser {
  return (typeof id === 'string' && findUser(state, id)) || actor;
}

type Kind = 'Call' | 'Note';

function activityList(state: CloseState, kind: Kind): CloseActivity[] {
  return kind === 'Call' ? state.calls : state.notes;
}

function createActivity(kind: Kind, context: ApiContext): ApiResult {
  const { state, user: actor } = context;
  const body = requireObjectBody(context.body);
  const errors = new FieldErrors();
  const fields = readFields(body, kind === 'Call' ? CALL_CREATE : NOTE_CREATE, errors);
  checkReferences(state, fields, fields.lead_id, fields.contact_id, errors);
  errors.throwIfAny();

  const owner = userOrActor(state, fields.user_id, actor);
  const creator = userOrActor(state, fields.created_by_id, actor);
  const now = closeTimestamp(new Date());
  const dateCreated = (fields.date_created as string | undefined) ?? now;
  const {
    created_by_id: _createdBy,
    organization_id: _organization,
    note: _note,
    note_html: _html,
    ...rest
  } = fields;
  const activity: CloseActivity = {
    id: closeId('acti', randomUUID()),
    _type: kind,
    organization_id: state.organization.id,
    lead_id: fields.lead_id as string,
    contact_id: null,
    user_id: owner.id,
    user_name: userName(owner),
    created_by: creator.id,
    created_by_name: userName(creator),
    updated_by: actor.id,
    updated_by_name: userName(actor),
    date_created: dateCreated,
    date_updated: now,
    activity_at: dateCreated,
    users: [owner.id],
    note: '',
    note_html: '',
    ...(kind === 'Call'
      ? {
          // A missing direction stays null: Close's default is UNCONFIRMED.
          direction: null,
          status: 'completed',
          duration: 0,
          phone: null,
          outcome_id: null,
          // Calls logged over the API come from outside Close's dialer.
          source: 'External',
          recording_url: null,
          voicemail_url: null,
        }
      : { title: null, pinned: false, attachments: [] }),
    ...rest,
  };
  activity.user_id = owner.id;
  activity.activity_at = (fields.activity_at as string | null | undefined) ?? dateCreated;
  applyNoteText(activity, fields);
  activityList(state, kind).push(activity);
  return { body: { ...activity } };
}

function findActivity(context: ApiContext, kind: Kind): CloseActivity {
  const activity = activityList(context.state, kind).find((candidate) => candidate.id === context.params.id);
  if (!activity) throw notFound();
  return activity;
}

function updateActivity(kind: Kind, context: ApiContext): ApiResult {
  const { state, user: actor } = context;
  const activity = findActivity(context, kind);
  const body = requireObjectBody(context.body);
  const errors = new FieldErrors();
  const fields = readFields(body, kind === 'Call' ? CALL_UPDATE : NOTE_UPDATE, errors);
  const leadId = 'lead_id' in fields ? fields.lead_id : activity.lead_id;
  const contactId = 'contact_id' in fields ? fields.contact_id : activity.contact_id;
  checkReferences(state, fields, leadId, contactId, errors);
  errors.throwIfAny();

  const { note: _note, note_html: _html, ...rest } = fields;
  Object.assign(activity, rest);
  if ('user_id' in fields) {
    const owner = userOrActor(state, fields.user_id, actor);
    activity.user_id = owner.id;
    activity.user_name = userName(owner);
    activity.users = [owner.id];
  }
  if (fields.activity_at === null) activity.activity_at = activity.date_created;
  applyNoteText(activity, fields);
  activity.updated_by = actor.id;
  activity.updated_by_name = userName(actor);
  activity.date_updated = closeTimestamp(new Date());
  return { body: { ...activity } };
}

function byNewest(a: CloseActivity, b: CloseActivity): number {
  return b.activity_at.localeCompare(a.activity_at) || b.date_created.localeCompare(a.date_created);
}

function listActivities(activities: CloseActivity[], query: URLSearchParams): ApiResult {
  const filters: [keyof CloseActivity, string[] | undefined][] = [
    ['lead_id', listParam(query, 'lead_id')],
    ['contact_id', listParam(query, 'contact_id')],
    ['user_id', listParam(query, 'user_id')],
    ['id', listParam(query, 'id__in')],
    ['_type', listParam(query, '_type')],
  ];
  const matching = activities
    .filter((activity) =>
      filters.every(([field, values]) => !values || values.includes(String(activity[field] ?? ''))),
    )
    .sort(byNewest);
  const page = paginate(matching, query);
  const fields = requestedFields(query);
  return { body: { ...page, data: page.data.map((activity) => pickFields(activity, fields)) } };
}

export const createCall = (context: ApiContext) => createActivity('Call', context);
export const createNote = (context: ApiContext) => createActivity('Note', context);
export const updateCall = (context: ApiContext) => updateActivity('Call', context);
export const updateNote = (context: ApiContext) => updateActivity('Note', context);
export const getCall = (context: ApiContext): ApiResult => ({ body: { ...findActivity(context, 'Call') } });
export const getNote = (context: ApiContext): ApiResult => ({ body: { ...findActivity(context, 'Note') } });
export const listCalls = (context: ApiContext) => listActivities(context.state.calls, context.query);
export const listNotes = (context: ApiContext) => listActivities(context.state.notes, context.query);
/** `GET /activity/`: every activity type the sandbox keeps, newest first. */
export const listAllActivities = (context: ApiContext) =>
  listActivities([...context.state.calls, ...context.state.notes], context.query);

function deleteActivity(kind: Kind, context: ApiContext): ApiResult {
  const activity = findActivity(context, kind);
  const list = activityList(context.state, kind);
  list.splice(list.indexOf(activity), 1);
  return { body: {} };
}
export const deleteCall = (context: ApiContext) => deleteActivity('Call', context);
export const deleteNote = (context: ApiContext) => deleteActivity('Note', context);
