import { type CrmAdapter, providerLabels } from '../crm/adapter';
import { CrmError } from '../crm/errors';
import { createAdapter } from '../crm/registry';
import type { ConnectionDraft, ConnectionTest } from '../protocol';
import { type Connection, connectionsItem, maskKey } from '../store/connections';
import type { SecretStore } from '../store/secrets';

/** Saved connections and the adapters built from them. Secrets are read here and nowhere else. */
export function createConnectionService(secrets: SecretStore) {
  async function adapterFor(connection: Connection): Promise<CrmAdapter> {
    const apiKey = await secrets.get(connection.id);
    if (!apiKey) {
      throw new CrmError({
        kind: 'auth',
        message: `The ${providerLabels[connection.provider]} key for this connection is missing. Remove it and connect again.`,
      });
    }
    return createAdapter(connection.provider, {
      connectionId: connection.id,
      baseUrl: connection.baseUrl,
      apiKey,
    });
  }

  async function find(connectionId: string): Promise<Connection> {
    const connection = (await connectionsItem.get()).find((item) => item.id === connectionId);
    if (!connection) throw new CrmError({ kind: 'not-found', message: 'That connection no longer exists.' });
    return connection;
  }

  async function test(adapter: CrmAdapter): Promise<ConnectionTest> {
    try {
      return { success: true, account: await adapter.whoAmI() };
    } catch (error) {
      if (error instanceof CrmError) return { success: false, error: error.message, kind: error.kind };
      throw error;
    }
  }

  return {
    adapterFor,
    find,
    list: () => connectionsItem.get(),

    /** Testing never saves anything. */
    async testDraft(draft: ConnectionDraft): Promise<ConnectionTest> {
      return test(
        createAdapter(draft.provider, {
          connectionId: 'draft',
          baseUrl: draft.baseUrl,
          apiKey: draft.apiKey,
        }),
      );
    },

    async testSaved(connectionId: string): Promise<ConnectionTest> {
      const connection = await find(connectionId);
      const result = await test(await adapterFor(connection));
      if (result.success) {
        const all = await connectionsItem.get();
        await connectionsItem.set(
          all.map((item) => (item.id === connectionId ? { ...item, account: result.account } : item)),
        );
      }
      return result;
    },

    /** Saving the same key for the same CRM again replaces that connection rather than adding a twin. */
    async save(draft: ConnectionDraft): Promise<Connection> {
      const all = await connectionsItem.get();
      let twin: Connection | undefined;
      for (const item of all) {
        if (
          item.provider === draft.provider &&
          item.baseUrl === draft.baseUrl &&
          (await secrets.get(item.id)) === draft.apiKey
        ) {
          twin = item;
        }
      }
      const connection: Connection = {
        id: twin?.id ?? crypto.randomUUID(),
        provider: draft.provider,
        baseUrl: draft.baseUrl,
        keyHint: maskKey(draft.apiKey),
        createdAt: twin?.createdAt ?? Date.now(),
      };
      await secrets.set(connection.id, draft.apiKey);
      await connectionsItem.set([...all.filter((item) => item.id !== connection.id), connection]);
      return connection;
    },

    async remove(connectionId: string): Promise<void> {
      await connectionsItem.set((await connectionsItem.get()).filter((item) => item.id !== connectionId));
      await secrets.delete(connectionId);
    },
  };
}

export type ConnectionService = ReturnType<typeof createConnectionService>;
