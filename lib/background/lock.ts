import type { LockFn } from '../crm/provider';

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/**
 * Web Locks: held across every context of the extension origin (worker, panel, options), so two of them
 * never spend one single-use refresh token. Falls back to running the task where the API is missing.
 */
export const webLock: LockFn = <T>(name: string, task: () => Promise<T>): Promise<T> => {
  const locks = (globalThis.navigator as Navigator & { locks?: LockManagerLike }).locks;
  return locks ? locks.request<T>(`ringside:${name}`, task) : task();
};
