import { z } from 'zod';
import { lazyMessage, type MessageKey } from '../i18n';
import type { Capabilities, CrmAdapter, ProviderId } from './adapter';

/**
 * What Ringside needs to know about a CRM besides its adapter: the form that connects it, its default
 * API URL, what it can do, and how to build its adapter. One definition per provider file.
 */

export interface CredentialField {
  /** Key in the connection's credentials, e.g. `apiKey`, `clientSecret`, `entityId`. */
  name: string;
  label: string;
  /** Secrets live only in the background's secret store and are shown masked once saved. */
  secret: boolean;
  /** Validates and normalizes what was typed; its messages are shown beside the field. */
  schema: z.ZodType<string, string>;
  placeholder?: string;
  help?: string;
  /** Pre-filled value (e.g. the Connect API's header name). */
  defaultValue?: string;
}

/** Provider-owned state that must outlive the service worker (Bullhorn's tokens). Stored as a secret. */
export interface SessionStore {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
}

/** Runs `task` while holding the named lock, across every context of the extension where possible. */
export type LockFn = <T>(name: string, task: () => Promise<T>) => Promise<T>;

export interface AdapterConfig {
  connectionId: string;
  /** API base URL with a trailing slash. */
  baseUrl: string;
  /** Every field of the provider's form, secret or not, by field name. */
  credentials: Record<string, string>;
  session?: SessionStore;
  lock?: LockFn;
  timeoutMs?: number;
  /** Clock, for token expiry; tests move it. */
  now?: () => number;
}

export interface ProviderDefinition {
  id: ProviderId;
  label: string;
  fields: CredentialField[];
  /** Where the API lives unless the user asks for another address. */
  defaultBaseUrl: string;
  /** True where every customer has their own host, so the URL is part of the form from the start. */
  baseUrlRequired: boolean;
  capabilities: Capabilities;
  /** What editing a logged activity can change besides its text, where `capabilities.updateActivity`. */
  activityEdits?: { type: boolean; outcome: boolean };
  /** Kinds `createRecord` accepts, first is the default. Empty where it cannot create. */
  recordKinds: { id: string; label: string }[];
  create(config: AdapterConfig): CrmAdapter;
}

/** Runs the task with no cross-context lock: fine in tests and single-context code. */
export const noLock: LockFn = (_name, task) => task();

/**
 * A required, trimmed text field with a clear message when empty. Each field names its own sentences
 * (`tooLong` takes the limit as $1): languages do not build "Enter the …" from a field's name alike.
 */
export function requiredText(messages: { empty: MessageKey; tooLong: MessageKey }, max = 500) {
  return z
    .string()
    .trim()
    .min(1, { ...lazyMessage(messages.empty), abort: true })
    .max(max, lazyMessage(messages.tooLong, max));
}
