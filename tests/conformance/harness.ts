import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Account, ActivityRef, ProviderId, RecordRef } from '../../lib/crm/adapter';
import type { ProviderDefinition } from '../../lib/crm/provider';
import type { Faults } from '../sandbox/faults';

/**
 * The contract between the conformance suite and each provider: its sandbox API module (mounted by
 * tests/sandbox/server.ts) and a target that tells the suite how to reach and inspect it.
 */

export interface RecordedApiRequest {
  method: string;
  /** Full path, e.g. /bullhorn/rest-services/abc/entity/Candidate/1 */
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string>;
}

/** One CRM API imitation, mounted at `prefix` on the shared sandbox server. */
export interface SandboxApi<State = unknown> {
  /** Path prefix with leading and trailing slash, e.g. '/bullhorn/'. Requests under it reach `handle`. */
  prefix: string;
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  /** Re-seeds data and clears faults, recorded requests and rate-limit state. */
  reset(): void;
  state: State;
  faults: Faults;
  requests: RecordedApiRequest[];
}

/** What a running sandbox offers a target: its origin and the mounted APIs by provider. */
export interface SandboxHandle {
  url: string;
  api(provider: ProviderId): SandboxApi;
}

export interface ConformanceTarget {
  definition: ProviderDefinition;
  /** The API base URL for Ringside's connection (trailing slash). */
  baseUrl(sandbox: SandboxHandle): string;
  /** Credentials that work, and ones the CRM refuses with its 401 equivalent. */
  credentials: Record<string, string>;
  badCredentials: Record<string, string>;
  expectedAccount: Account;
  fixtures: {
    /** Exactly one person has this number; `formats` are other ways to write it that must still find them. */
    phone?: { e164: string; name: string; formats: string[] };
    /** Several people share this number. */
    sharedPhone?: { e164: string; count: number };
    /** Exactly one person has this address. */
    email?: { address: string; name: string };
    /** Nobody has this number. */
    unknownPhone: string;
    /** A record to read and update (connectionId is filled in by the suite). */
    record?: Omit<RecordRef, 'connectionId'> & { name: string };
    /** A user `listUsers` must return. */
    user?: { name: string; email: string };
    /** An activity type name `listActivityTypes` must return. */
    activityType?: string;
  };
  inspect: {
    /** What the sandbox stored for an activity: its text and type id/name as the CRM keeps them. */
    activity(sandbox: SandboxHandle, ref: ActivityRef): { note: string; type?: string } | undefined;
    /** How many stored activities carry this text (exactly-once checks), where the CRM logs activities. */
    countActivities?(sandbox: SandboxHandle, text: string): number;
    /** The stored record with its phone and email fields (and update timestamps) left out. */
    recordWithoutContactFields(sandbox: SandboxHandle, ref: RecordRef): unknown;
  };
}
