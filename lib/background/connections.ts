import { z } from 'zod';
import { connectionOrigins } from '../access/crm-origins';
import { type CrmAdapter, providerLabels } from '../crm/adapter';
import { type ConnectionDraft, maskSecret, type ValidDraft, validateDraft } from '../crm/drafts';
import { CrmError } from '../crm/errors';
import { type LockFn, noLock, type SessionStore } from '../crm/provider';
import { createAdapter, providers } from '../crm/registry';
import { t } from '../i18n';
import type { ConnectionTest } from '../protocol';
import { type Connection, connectionsItem } from '../store/connections';
import type { SecretStore } from '../store/secrets';
import { type MissingOrigins, noAccessError, noMissingOrigins } from './access';

const secretsSchema = z.record(z.string(), z.string());

/** Saved connections and the adapters built from them. Secrets are read here and nowhere else. */
export function createConnectionService(
  secrets: SecretStore,
  options: { lock?: LockFn; missingOrigins?: MissingOrigins } = {},
) {
  const lock = options.lock ?? noLock;
  const missingOrigins = options.missingOrigins ?? noMissingOrigins;

  /** Checked before every use: the recruiter can remove a CRM's host permission at any time. */
  async function requireAccess(valid: Pick<ValidDraft, 'provider' | 'baseUrl'>, saved: boolean) {
    const missing = await missingOrigins(connectionOrigins(valid).api);
    if (missing.length) throw noAccessError(missing, saved);
  }

  /** Secret fields of a connection; a bare string is a v1 Close key. */
  async function secretsOf(connectionId: string): Promise<Record<string, string> | undefined> {
    const raw = await secrets.get(connectionId);
    if (raw === undefined) return undefined;
    try {
      const parsed = secretsSchema.safeParse(JSON.parse(raw));
      if (parsed.success) return parsed.data;
    } catch {
      // Not JSON: the single key of a connection saved before secrets were grouped.
    }
    return { apiKey: raw };
  }

  function sessionStore(connectionId: string): SessionStore {
    const key = `session:${connectionId}`;
    return {
      async get() {
        const raw = await secrets.get(key);
        try {
          return raw === undefined ? undefined : JSON.parse(raw);
        } catch {
          return undefined;
        }
      },
      set: (value) => secrets.set(key, JSON.stringify(value)),
    };
  }

  function build(
    connectionId: string,
    valid: Pick<ValidDraft, 'provider' | 'baseUrl' | 'settings' | 'secrets'>,
  ) {
    return createAdapter(valid.provider, {
      connectionId,
      baseUrl: valid.baseUrl,
      credentials: { ...valid.settings, ...valid.secrets },
      session: sessionStore(connectionId),
      lock,
    });
  }

  async function adapterFor(connection: Connection): Promise<CrmAdapter> {
    const stored = await secretsOf(connection.id);
    if (!stored) {
      throw new CrmError({
        kind: 'auth',
        message: t('bgConnections_credentialsMissing', providerLabels[connection.provider]),
      });
    }
    await requireAccess(connection, true);
    return build(connection.id, { ...connection, secrets: stored });
  }

  async function find(connectionId: string): Promise<Connection> {
    const connection = (await connectionsItem.get()).find((item) => item.id === connectionId);
    if (!connection) throw new CrmError({ kind: 'not-found', message: t('bgConnections_gone') });
    return connection;
  }

  /** Validates a draft against its provider; an edit keeps the saved secrets left blank. */
  async function validate(draft: ConnectionDraft, connectionId?: string): Promise<ValidDraft> {
    const kept = connectionId ? ((await secretsOf(connectionId)) ?? {}) : {};
    const result = validateDraft(providers[draft.provider], draft, kept);
    if (!result.ok) {
      throw new CrmError({
        kind: 'validation',
        message: t('bgConnections_fieldsInvalid'),
        fieldErrors: result.fieldErrors,
      });
    }
    return result.value;
  }

  async function test(adapter: CrmAdapter): Promise<ConnectionTest> {
    try {
      return { success: true, account: await adapter.whoAmI() };
    } catch (error) {
      if (error instanceof CrmError) return { success: false, error: error.message, kind: error.kind };
      throw error;
    }
  }

  async function update(connectionId: string, change: (connection: Connection) => Connection): Promise<void> {
    const all = await connectionsItem.get();
    await connectionsItem.set(all.map((item) => (item.id === connectionId ? change(item) : item)));
  }

  return {
    adapterFor,
    find,
    list: () => connectionsItem.get(),

    /** Testing never saves anything. A draft of a saved connection may leave its secrets blank. */
    async testDraft(draft: ConnectionDraft, connectionId?: string): Promise<ConnectionTest> {
      const valid = await validate(draft, connectionId);
      await requireAccess(valid, false);
      return test(build(connectionId ?? `draft-${crypto.randomUUID()}`, valid));
    },

    async testSaved(connectionId: string): Promise<ConnectionTest> {
      const connection = await find(connectionId);
      const result = await test(await adapterFor(connection));
      if (result.success) await update(connectionId, (item) => ({ ...item, account: result.account }));
      return result;
    },

    /**
     * Saves a new connection, or edits `connectionId`. Saving the same credentials for the same CRM again
     * updates that connection rather than adding a twin.
     */
    async save(draft: ConnectionDraft, connectionId?: string): Promise<Connection> {
      const valid = await validate(draft, connectionId);
      const all = await connectionsItem.get();
      let existing = connectionId ? all.find((item) => item.id === connectionId) : undefined;
      if (connectionId && !existing)
        throw new CrmError({ kind: 'not-found', message: t('bgConnections_gone') });
      if (!existing) {
        for (const item of all) {
          if (item.provider !== valid.provider || item.baseUrl !== valid.baseUrl) continue;
          if (JSON.stringify(await secretsOf(item.id)) === JSON.stringify(valid.secrets)) existing = item;
        }
      }
      const connection: Connection = {
        id: existing?.id ?? crypto.randomUUID(),
        provider: valid.provider,
        baseUrl: valid.baseUrl,
        settings: valid.settings,
        secretHints: Object.fromEntries(
          Object.entries(valid.secrets).map(([name, value]) => [name, maskSecret(value)]),
        ),
        createdAt: existing?.createdAt ?? Date.now(),
      };
      await secrets.set(connection.id, JSON.stringify(valid.secrets));
      // New credentials invalidate any session the old ones opened.
      await secrets.delete(`session:${connection.id}`);
      await connectionsItem.set(
        existing ? all.map((item) => (item.id === connection.id ? connection : item)) : [...all, connection],
      );
      return connection;
    },

    async remove(connectionId: string): Promise<void> {
      await connectionsItem.set((await connectionsItem.get()).filter((item) => item.id !== connectionId));
      await secrets.delete(connectionId);
      await secrets.delete(`session:${connectionId}`);
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
