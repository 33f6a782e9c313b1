import type { CountryCode } from 'libphonenumber-js';
import { z } from 'zod';
import { lazyMessage, t } from '../../i18n';
import type {
  Account,
  ActivityInput,
  ActivityPatch,
  ActivityRef,
  ActivityType,
  Capabilities,
  Channel,
  CrmAdapter,
  CrmRecord,
  CrmUser,
  NewRecord,
  RecordPatch,
  RecordRef,
  SearchQuery,
} from '../adapter';
import { CrmError } from '../errors';
import { type AdapterConfig, type ProviderDefinition, requiredText } from '../provider';
import { createRestApi } from './bullhorn/client';
import {
  type BullhornEntity,
  changeSchema,
  emailChanges,
  emailQuery,
  entitySchema,
  isPersonKind,
  isRecordKind,
  listSchema,
  nationalNumber,
  noteHtml,
  noteSummarySchema,
  PERSON_KINDS,
  type PersonKind,
  phoneChanges,
  phoneQuery,
  RECORD_KINDS,
  type RecordKind,
  recordFields,
  recordUrl,
  settingsSchema,
  singleSchema,
  toRecord,
  userSchema,
} from './bullhorn/mapping';
import { type BullhornOptions, SessionManager } from './bullhorn/session';

/**
 * Bullhorn REST (https://bullhorn.github.io/rest-api-docs/). People are Candidates and ClientContacts,
 * companies ClientCorporations; activities are Notes. Sign-in and session upkeep live in bullhorn/session.ts.
 */

export type { BullhornOptions } from './bullhorn/session';

export const BULLHORN_DEFAULT_BASE_URL = 'https://rest.bullhornstaffing.com/rest-services/';

export const bullhornCapabilities: Capabilities = {
  searchByPhone: 'server',
  searchByEmail: 'server',
  readRecord: true,
  updateRecord: true,
  createRecord: true,
  listRecords: false,
  logActivity: true,
  updateActivity: true,
  listUsers: true,
  listActivityTypes: true,
};

const SEARCH_COUNT = 20;
const PAGE_SIZE = 500;
/** Bounds paging through users and a person's notes. */
const MAX_PAGES = 20;
const SETTINGS_TTL_MS = 5 * 60_000;
const PLACEHOLDER_COMPANY = 'Unassigned (Ringside)';

/** Words that pick a note action per channel when the log names none; the first list entry otherwise. */
const CHANNEL_ACTION_WORDS: Record<Channel, RegExp> = {
  call: /call/i,
  sms: /\bsms\b|text/i,
  whatsapp: /whats\s*app/i,
  email: /e-?mail/i,
  note: /note/i,
};

export function createBullhornAdapter(config: AdapterConfig, options: BullhornOptions = {}): CrmAdapter {
  const sessions = new SessionManager(config, options);
  const now = config.now ?? Date.now;
  const api = createRestApi(config, sessions);
  let settingsCache: { at: number; userId?: string; actions: string[] } | undefined;

  const entityPath = (kind: string, id: string) => `entity/${kind}/${encodeURIComponent(id)}`;

  function recordKindOf(ref: RecordRef): RecordKind {
    if (!isRecordKind(ref.kind)) {
      throw new CrmError({ kind: 'validation', message: t('bullhorn_noRecordKind', ref.kind) });
    }
    return ref.kind;
  }

  async function readEntity(kind: RecordKind, id: string): Promise<BullhornEntity> {
    const { data } = await api(singleSchema, (http) =>
      http.get(entityPath(kind, id), { searchParams: { fields: recordFields(kind) } }),
    );
    return data;
  }

  const map = (kind: RecordKind, entity: BullhornEntity, defaultCountry: CountryCode = 'US'): CrmRecord =>
    toRecord(kind, entity, { connectionId: config.connectionId, restUrl: sessions.restUrl, defaultCountry });

  async function searchEntity(kind: RecordKind, query: string): Promise<BullhornEntity[]> {
    const result = await api(listSchema(entitySchema), (http) =>
      http.get(`search/${kind}`, {
        searchParams: { query, fields: recordFields(kind), count: SEARCH_COUNT, start: 0 },
      }),
    );
    return result.data ?? [];
  }

  async function settings(): Promise<{ userId?: string; actions: string[] }> {
    if (settingsCache && now() - settingsCache.at < SETTINGS_TTL_MS) return settingsCache;
    const result = await api(settingsSchema, (http) => http.get('settings/userId,commentActionList'));
    settingsCache = {
      at: now(),
      ...(result.userId ? { userId: result.userId } : {}),
      actions: result.commentActionList ?? [],
    };
    return settingsCache;
  }

  function defaultAction(actions: string[], channel: Channel): string | undefined {
    return actions.find((action) => CHANNEL_ACTION_WORDS[channel].test(action)) ?? actions[0];
  }

  async function write(method: 'put' | 'post', path: string, body: Record<string, unknown>) {
    return api(changeSchema, (http) => http[method](path, { json: body }));
  }

  async function findCompany(name: string): Promise<string> {
    const wanted = name.trim().toLowerCase();
    const found = await searchEntity('ClientCorporation', `name:"${name.replace(/["\\]/g, '')}"`);
    const match = found.find((company) => company.name?.trim().toLowerCase() === wanted);
    if (match) return match.id;
    const created = await write('put', 'entity/ClientCorporation', { name: name.trim() });
    return created.changedEntityId;
  }

  function personOf(ref: RecordRef): PersonKind {
    if (!isPersonKind(ref.kind)) {
      throw new CrmError({
        kind: 'validation',
        message: t('bullhorn_notesOnPeople'),
      });
    }
    return ref.kind;
  }

  async function logNote(input: ActivityInput): Promise<ActivityRef> {
    personOf(input.record);
    const needsSettings = !input.userId || !input.typeId;
    const known = needsSettings ? await settings() : { actions: [] as string[] };
    const commentingPerson = input.userId ?? known.userId;
    const action = input.typeId ?? defaultAction(known.actions, input.channel);
    const body: Record<string, unknown> = {
      personReference: { id: Number(input.record.id) || input.record.id },
      ...(commentingPerson ? { commentingPerson: { id: Number(commentingPerson) || commentingPerson } } : {}),
      // Whether Bullhorn refuses an action missing from commentActionList is UNCONFIRMED; only list values
      // (or the mapped typeId) are sent.
      ...(action ? { action } : {}),
      comments: noteHtml(input.note),
      dateAdded: Date.parse(input.activityAt),
      ...(input.durationSec === undefined ? {} : { minutesSpent: Math.ceil(input.durationSec / 60) }),
      ...(input.clientId ? { externalID: input.clientId } : {}),
    };
    const created = await write('put', 'entity/Note', body);
    const kept = input.clientId
      ? await removeTwins(personOf(input.record), input.record.id, input.clientId)
      : undefined;
    return noteRef(kept ?? created.changedEntityId, input.record.id);
  }

  /** Ids of a person's live notes carrying our client id, oldest first. */
  async function notesWithExternalId(
    kind: PersonKind,
    personId: string,
    clientId: string,
  ): Promise<string[]> {
    const ids: string[] = [];
    // entity/{Person}/{id}/notes includes soft-deleted notes; /search/Note can be empty on some tenants.
    for (let page = 0, start = 0; page < MAX_PAGES; page++) {
      const result = await api(listSchema(noteSummarySchema), (http) =>
        http.get(`${entityPath(kind, personId)}/notes`, {
          searchParams: { fields: 'id,externalID,isDeleted', start, count: PAGE_SIZE },
        }),
      );
      const notes = result.data ?? [];
      ids.push(
        ...notes.filter((note) => note.externalID === clientId && !note.isDeleted).map((note) => note.id),
      );
      if (notes.length < PAGE_SIZE) break;
      start += notes.length;
    }
    return ids.sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  }

  /**
   * PUT is idempotent to HTTP, so a browser may send a create again by itself when a reused connection
   * closes before the answer (seen in the soak: two notes 3 ms apart). The externalID shows such twins;
   * all but the oldest are soft-deleted. Best effort: a failure here leaves the twins for the next log.
   */
  async function removeTwins(
    kind: PersonKind,
    personId: string,
    clientId: string,
  ): Promise<string | undefined> {
    try {
      const [oldest, ...twins] = await notesWithExternalId(kind, personId, clientId);
      for (const twin of twins)
        await write('post', `entity/Note/${encodeURIComponent(twin)}`, { isDeleted: true });
      return oldest;
    } catch {
      return undefined;
    }
  }

  function noteRef(id: string, personId: string): ActivityRef {
    const url = recordUrl(sessions.restUrl, 'Note', id);
    return {
      provider: 'bullhorn',
      connectionId: config.connectionId,
      kind: 'Note',
      id,
      parentId: personId,
      ...(url ? { url } : {}),
    };
  }

  return {
    provider: 'bullhorn',
    capabilities: bullhornCapabilities,

    async whoAmI(): Promise<Account> {
      const info = await api(settingsSchema, (http) => http.get('settings/userId,corporationName'));
      const organization = info.corporationName?.trim();
      let user: z.infer<typeof userSchema> | undefined;
      if (info.userId) {
        const userId = info.userId;
        ({ data: user } = await api(z.object({ data: userSchema }), (http) =>
          http.get(entityPath('CorporateUser', userId), {
            searchParams: { fields: 'id,firstName,lastName,name,email' },
          }),
        ));
      }
      const userName =
        user?.name?.trim() ||
        [user?.firstName, user?.lastName].filter(Boolean).join(' ') ||
        config.credentials.username ||
        t('bullhorn_defaultUser');
      return {
        userName,
        ...(user?.email ? { email: user.email } : {}),
        ...(organization ? { organization } : {}),
      };
    },

    async search(query: SearchQuery): Promise<CrmRecord[]> {
      const found: CrmRecord[] = [];
      if (query.phone) {
        const { digits, country } = nationalNumber(query.phone);
        if (digits.length >= 4) {
          const [people, companies] = await Promise.all([
            Promise.all(PERSON_KINDS.map((kind) => searchEntity(kind, phoneQuery(kind, digits)))),
            // Company phone search is UNCONFIRMED (RingCentral does not do it): a refusal is not a failure.
            searchEntity('ClientCorporation', phoneQuery('ClientCorporation', digits)).catch(
              (error: unknown) => {
                if (error instanceof CrmError && error.kind === 'validation') return [];
                throw error;
              },
            ),
          ]);
          PERSON_KINDS.forEach((kind, index) => {
            for (const entity of people[index] ?? []) found.push(map(kind, entity, country ?? 'US'));
          });
          for (const entity of companies) found.push(map('ClientCorporation', entity, country ?? 'US'));
        }
      }
      if (query.email) {
        const email = query.email.trim();
        const people = await Promise.all(
          PERSON_KINDS.map((kind) => searchEntity(kind, emailQuery(kind, email))),
        );
        PERSON_KINDS.forEach((kind, index) => {
          for (const entity of people[index] ?? []) found.push(map(kind, entity));
        });
      }
      // Ids are unique per entity only, so the key is the pair.
      return [...new Map(found.map((record) => [`${record.ref.kind}/${record.ref.id}`, record])).values()];
    },

    async getRecord(ref: RecordRef): Promise<CrmRecord> {
      const kind = recordKindOf(ref);
      return map(kind, await readEntity(kind, ref.id));
    },

    async updateRecord(ref: RecordRef, patch: RecordPatch): Promise<CrmRecord> {
      const kind = recordKindOf(ref);
      const current = await readEntity(kind, ref.id);
      const changes = {
        ...(patch.phones ? phoneChanges(kind, current, patch.phones, 'US') : {}),
        ...(patch.emails ? emailChanges(kind, current, patch.emails) : {}),
      };
      if (Object.keys(changes).length > 0) await write('post', entityPath(kind, ref.id), changes);
      return map(kind, await readEntity(kind, ref.id));
    },

    async createRecord(input: NewRecord): Promise<CrmRecord> {
      const kind = input.kind ?? 'Candidate';
      if (kind !== 'Candidate' && kind !== 'ClientContact') {
        throw new CrmError({
          kind: 'validation',
          message: t('bullhorn_createKinds'),
        });
      }
      const firstName = input.firstName?.trim() ?? '';
      const lastName = input.lastName?.trim() ?? '';
      const body: Record<string, unknown> = {
        firstName,
        lastName,
        // Bullhorn does not compute `name`; a record without one cannot be picked in its UI.
        name:
          [firstName, lastName].filter(Boolean).join(' ') || input.emails[0] || input.phones[0]?.number || '',
        ...(input.title?.trim() ? { occupation: input.title.trim() } : {}),
        ...phoneChanges(kind, undefined, input.phones, 'US'),
        ...emailChanges(kind, undefined, input.emails),
      };
      if (kind === 'ClientContact') {
        // A contact needs a company: the named one, found or created, else a placeholder (as RingCentral does).
        body.clientCorporation = {
          id: Number(await findCompany(input.company?.trim() || PLACEHOLDER_COMPANY)),
        };
      }
      const created = await write('put', `entity/${kind}`, body);
      const record = map(kind, await readEntity(kind, created.changedEntityId));
      if (input.note?.trim()) {
        await logNote({
          channel: 'note',
          record: record.ref,
          note: input.note,
          activityAt: new Date(now()).toISOString(),
        });
      }
      return record;
    },

    logActivity: logNote,

    async updateActivity(ref: ActivityRef, patch: ActivityPatch): Promise<void> {
      const body: Record<string, unknown> = {
        ...(patch.note === undefined ? {} : { comments: noteHtml(patch.note) }),
        ...(patch.typeId ? { action: patch.typeId } : {}),
      };
      // Bullhorn notes have no disposition field; outcomeId has nothing to go to.
      if (Object.keys(body).length === 0) return;
      try {
        await write('post', entityPath('Note', ref.id), body);
      } catch (error) {
        if (error instanceof CrmError && error.kind === 'permission') {
          throw new CrmError({
            kind: 'permission',
            message: t('bullhorn_editNotePermission'),
          });
        }
        throw error;
      }
    },

    async findActivity(input: ActivityInput): Promise<ActivityRef | undefined> {
      if (!input.clientId) return undefined;
      const [first] = await notesWithExternalId(personOf(input.record), input.record.id, input.clientId);
      return first === undefined ? undefined : noteRef(first, input.record.id);
    },

    async listUsers(): Promise<CrmUser[]> {
      const users: CrmUser[] = [];
      for (let page = 0, start = 0; page < MAX_PAGES; page++) {
        const result = await api(listSchema(userSchema), (http) =>
          http.get('query/CorporateUser', {
            searchParams: {
              where: 'isDeleted=false',
              fields: 'id,firstName,lastName,name,email',
              count: PAGE_SIZE,
              start,
            },
          }),
        );
        const data = result.data ?? [];
        for (const user of data) {
          const name =
            user.name?.trim() ||
            [user.firstName, user.lastName].filter(Boolean).join(' ') ||
            user.email ||
            user.id;
          users.push({ id: user.id, name, ...(user.email ? { email: user.email } : {}) });
        }
        // Whether /query sends `total` is UNCONFIRMED: a short page ends the list.
        if (data.length < PAGE_SIZE) break;
        start += data.length;
      }
      return users;
    },

    async listActivityTypes(): Promise<ActivityType[]> {
      settingsCache = undefined;
      const { actions } = await settings();
      return [...new Set(actions)].map((action) => ({ id: action, name: action, kind: 'type' as const }));
    },
  };
}

export const bullhornDefinition: ProviderDefinition = {
  id: 'bullhorn',
  label: 'Bullhorn',
  fields: [
    {
      name: 'clientId',
      get label() {
        return t('bullhorn_clientIdLabel');
      },
      secret: false,
      schema: requiredText({ empty: 'bullhorn_clientIdEmpty', tooLong: 'bullhorn_clientIdTooLong' }, 200),
      get help() {
        return t('bullhorn_clientIdHelp');
      },
    },
    {
      name: 'clientSecret',
      get label() {
        return t('bullhorn_clientSecretLabel');
      },
      secret: true,
      schema: requiredText(
        { empty: 'bullhorn_clientSecretEmpty', tooLong: 'bullhorn_clientSecretTooLong' },
        200,
      ),
    },
    {
      name: 'username',
      get label() {
        return t('bullhorn_usernameLabel');
      },
      secret: false,
      schema: requiredText({ empty: 'bullhorn_usernameEmpty', tooLong: 'bullhorn_usernameTooLong' }, 200),
      get help() {
        return t('bullhorn_usernameHelp');
      },
    },
    {
      name: 'password',
      get label() {
        return t('bullhorn_passwordLabel');
      },
      secret: true,
      // Not trimmed: spaces can be part of a password.
      schema: z
        .string()
        .min(1, { ...lazyMessage('bullhorn_passwordEmpty'), abort: true })
        .max(200, lazyMessage('bullhorn_passwordTooLong', 200)),
    },
  ],
  defaultBaseUrl: BULLHORN_DEFAULT_BASE_URL,
  baseUrlRequired: false,
  capabilities: bullhornCapabilities,
  // A note's action can change; Bullhorn notes have no disposition.
  activityEdits: { type: true, outcome: false },
  recordKinds: [
    {
      id: 'Candidate',
      get label() {
        return t('bullhorn_kindCandidate');
      },
    },
    {
      id: 'ClientContact',
      get label() {
        return t('crm_kindContact');
      },
    },
  ],
  create: (config) => createBullhornAdapter(config),
};

export { RECORD_KINDS as BULLHORN_RECORD_KINDS };
