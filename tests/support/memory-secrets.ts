import type { SecretStore } from '../../lib/store/secrets';

/** The secret store in memory: IndexedDB is a browser facility, and the e2e tests use the real one. */
export function memorySecrets(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: async (id) => values.get(id),
    set: async (id, secret) => {
      values.set(id, secret);
    },
    delete: async (id) => {
      values.delete(id);
    },
  };
}
