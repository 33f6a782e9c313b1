import { type CrmAdapter, type CrmUser, providerLabels } from '../crm/adapter';
import { CrmError } from '../crm/errors';
import { providers } from '../crm/registry';
import { t } from '../i18n';
import type { Connection } from '../store/connections';
import { type UserMapping, userMapItem } from '../store/user-map';
import type { ConnectionService } from './connections';

/**
 * The user mapping: on connecting, the CRM's users are matched to the connection's account by email, so
 * calls are logged as the recruiter; options shows the match and lets them choose another user.
 */

export type UserMatch =
  | { kind: 'matched'; user: CrmUser }
  | { kind: 'no-email' }
  | { kind: 'none' }
  | { kind: 'ambiguous'; users: CrmUser[] };

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The one user whose email is the account's, compared case-insensitively and without surrounding spaces. */
export function matchUserByEmail(users: CrmUser[], email: string | undefined): UserMatch {
  if (!email?.trim()) return { kind: 'no-email' };
  const wanted = normalizeEmail(email);
  const found = users.filter((user) => user.email && normalizeEmail(user.email) === wanted);
  const [only, ...others] = found;
  if (!only) return { kind: 'none' };
  return others.length ? { kind: 'ambiguous', users: found } : { kind: 'matched', user: only };
}

/** What options says when no user was matched. */
export function describeMatch(match: UserMatch, crm: string, email: string | undefined): string | undefined {
  switch (match.kind) {
    case 'matched':
      return undefined;
    case 'no-email':
      return t('bgUserMapping_noEmail', crm);
    case 'none':
      return t('bgUserMapping_noMatch', crm, email ?? '');
    case 'ambiguous':
      return t('bgUserMapping_ambiguous', match.users.length, crm, email ?? '');
  }
}

export function createUserMapping(connections: ConnectionService, now: () => number = Date.now) {
  // Read-modify-write of one storage item: one change at a time within this worker.
  let queue: Promise<unknown> = Promise.resolve();
  function change(connectionId: string, mapping: UserMapping | undefined): Promise<void> {
    const next = queue.then(async () => {
      const { [connectionId]: _old, ...rest } = await userMapItem.get();
      await userMapItem.set(mapping ? { ...rest, [connectionId]: mapping } : rest);
    });
    queue = next.catch(() => undefined);
    return next;
  }

  async function usersOf(connection: Connection, built?: CrmAdapter): Promise<CrmUser[]> {
    const adapter = built ?? (await connections.adapterFor(connection));
    if (!adapter.listUsers) {
      throw new CrmError({
        kind: 'validation',
        message: t('bgUserMapping_cannotList', providerLabels[connection.provider]),
      });
    }
    return adapter.listUsers();
  }

  async function automatic(connection: Connection): Promise<UserMapping> {
    const crm = providerLabels[connection.provider];
    try {
      const adapter = await connections.adapterFor(connection);
      // One after the other on one adapter: the first request opens the session the second reuses.
      const account = await adapter.whoAmI();
      const users = await usersOf(connection, adapter);
      const match = matchUserByEmail(users, account.email);
      if (match.kind === 'matched')
        return { source: 'email', userId: match.user.id, userName: match.user.name, at: now() };
      return { source: 'none', reason: describeMatch(match, crm, account.email) ?? '', at: now() };
    } catch (error) {
      const why = error instanceof CrmError ? error.message : t('bgUserMapping_somethingWrong');
      return { source: 'none', reason: t('bgUserMapping_listFailed', crm, why), at: now() };
    }
  }

  return {
    get: async (connectionId: string): Promise<UserMapping | undefined> =>
      (await userMapItem.get())[connectionId],

    /**
     * On connecting (and on every re-save): matches the account's email, unless the recruiter chose a user,
     * which is kept. Never throws: a CRM that cannot answer leaves a mapping that says why.
     */
    async refresh(connection: Connection): Promise<UserMapping | undefined> {
      if (!providers[connection.provider].capabilities.listUsers) return undefined;
      const current = (await userMapItem.get())[connection.id];
      if (current?.source === 'chosen') return current;
      const mapping = await automatic(connection);
      await change(connection.id, mapping);
      return mapping;
    },

    /** The CRM's users, for the options page's select. */
    async list(connectionId: string): Promise<{ users: CrmUser[]; mapping?: UserMapping }> {
      const connection = await connections.find(connectionId);
      const users = await usersOf(connection);
      const mapping = (await userMapItem.get())[connectionId];
      return { users, ...(mapping ? { mapping } : {}) };
    },

    /** The recruiter's choice; `null` goes back to matching by email. */
    async choose(connectionId: string, userId: string | null): Promise<UserMapping | undefined> {
      const connection = await connections.find(connectionId);
      if (userId === null) {
        await change(connectionId, undefined);
        const mapping = await automatic(connection);
        await change(connectionId, mapping);
        return mapping;
      }
      const user = (await usersOf(connection)).find((candidate) => candidate.id === userId);
      if (!user) {
        throw new CrmError({
          kind: 'not-found',
          message: t('bgUserMapping_userGone', providerLabels[connection.provider]),
        });
      }
      const mapping: UserMapping = { source: 'chosen', userId: user.id, userName: user.name, at: now() };
      await change(connectionId, mapping);
      return mapping;
    },

    forget: (connectionId: string) => change(connectionId, undefined),
  };
}

export type UserMappingService = ReturnType<typeof createUserMapping>;
