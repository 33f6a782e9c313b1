import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  type ActivityInput,
  type ActivityRef,
  accountSchema,
  activityRefSchema,
  activityTypeSchema,
  type CrmAdapter,
  crmRecordSchema,
  crmUserSchema,
  type RecordRef,
} from '../../lib/crm/adapter';
import { CrmError, type CrmErrorKind } from '../../lib/crm/errors';
import type { SessionStore } from '../../lib/crm/provider';
import { HOSTILE_BODIES, type HostileBody } from '../sandbox/hostile';
import { type Sandbox, startSandbox } from '../sandbox/server';
import { bullhornTarget } from './bullhorn.target';
import { closeTarget } from './close.target';
import { closingdealzTarget } from './closingdealz.target';
import { connectTarget } from './connect.target';
import { entityCrmTarget } from './entity-crm.target';
import type { ConformanceTarget } from './harness';

/**
 * Every method of every adapter, over real HTTP, against every hostile answer the sandbox can give
 * (tests/sandbox/hostile.ts): each either fails with a CrmError whose message is a sentence naming the
 * CRM and holding no credential, or (where the corrupted answer is still valid) returns a well-formed
 * result. Never a TypeError, never a hang. Test names count the cases: one per adapter, method and answer.
 */

const targets: ConformanceTarget[] = [
  closeTarget,
  bullhornTarget,
  entityCrmTarget,
  connectTarget,
  closingdealzTarget,
];

/**
 * JSON that still parses as JSON: the API's real answer corrupted, or nested 100,000 deep. An adapter may
 * accept what is left (fields it treats as optional, unknown keys, unreadable list items skipped) as long as
 * what it returns is well-formed. Everything else must be refused.
 */
const TOLERATED: readonly HostileBody[] = [
  'wrong-types',
  'missing-fields',
  'nulls',
  'huge-strings',
  'deep-arrays',
  'deep-objects',
];
/** Methods that make no request (Entity CRM's activity types are a fixed list): nothing to attack. */
const OFFLINE: Record<string, string[]> = { 'entity-crm': ['listActivityTypes'] };
/** Connect's one unpaged contact list may be 64 MB, so 6 MB there is refused by its schema, not its size. */
const BIG_CAP: Record<string, string[]> = { connect: ['listRecords'] };

/** What a replaced answer must become; corrupted answers have no fixed kind. */
const EXPECTED_KIND: Partial<Record<HostileBody, CrmErrorKind>> = {
  truncated: 'invalid-response',
  'wrong-content-type': 'invalid-response',
  empty: 'invalid-response',
  scalar: 'invalid-response',
  'huge-declared': 'invalid-response',
  'huge-chunked': 'invalid-response',
  'deep-arrays': 'invalid-response',
  'deep-objects': 'invalid-response',
  'html-200': 'invalid-response',
  'html-500': 'unavailable',
  'slow-body': 'timeout',
};

const TIMEOUT_MS = 3000;
/** A trickling body fails at the adapter's timeout; a short one keeps those cases quick. */
const SLOW_TIMEOUT_MS = 500;
const HANG_MS = 8000;

interface Setup {
  ref?: RecordRef;
  activity?: ActivityRef;
  input?: ActivityInput;
}

interface Method {
  name: string;
  has(adapter: CrmAdapter): boolean;
  call(adapter: CrmAdapter, target: ConformanceTarget, setup: Setup): Promise<unknown>;
  result: z.ZodType;
}

const METHODS: Method[] = [
  { name: 'whoAmI', has: () => true, call: (a) => a.whoAmI(), result: accountSchema },
  {
    name: 'search',
    has: (a) => !!a.search,
    call: (a, t) =>
      a.search?.(
        t.definition.capabilities.searchByPhone === 'server'
          ? { phone: t.fixtures.phone?.e164 ?? t.fixtures.unknownPhone }
          : { email: t.fixtures.email?.address ?? 'nobody@example.com' },
      ) ?? Promise.resolve([]),
    result: z.array(crmRecordSchema),
  },
  {
    name: 'listRecords',
    has: (a) => !!a.listRecords,
    call: (a) => a.listRecords?.() ?? Promise.resolve(),
    result: z.object({ records: z.array(crmRecordSchema), cursor: z.string().optional() }),
  },
  {
    name: 'getRecord',
    has: (a) => !!a.getRecord,
    call: (a, _t, s) => (s.ref ? (a.getRecord?.(s.ref) ?? Promise.resolve()) : Promise.reject('no record')),
    result: crmRecordSchema,
  },
  {
    name: 'updateRecord',
    has: (a) => !!a.updateRecord,
    call: (a, _t, s) =>
      s.ref
        ? (a.updateRecord?.(s.ref, { emails: ['hostile.check@example.com'] }) ?? Promise.resolve())
        : Promise.reject('no record'),
    result: crmRecordSchema,
  },
  {
    name: 'createRecord',
    has: (a) => !!a.createRecord,
    call: (a, t) =>
      a.createRecord?.({
        kind: t.definition.recordKinds[0]?.id,
        firstName: 'Hostile',
        lastName: 'Check',
        company: 'Fuzz Labs',
        phones: [{ number: '+14155550777' }],
        emails: ['hostile.check@fuzz.example'],
      }) ?? Promise.resolve(),
    result: crmRecordSchema,
  },
  {
    name: 'logActivity',
    has: (a) => !!a.logActivity,
    call: (a, _t, s) =>
      s.input ? (a.logActivity?.(s.input) ?? Promise.resolve()) : Promise.reject('no input'),
    result: activityRefSchema,
  },
  {
    name: 'findActivity',
    has: (a) => !!a.findActivity,
    call: (a, _t, s) =>
      s.input ? (a.findActivity?.(s.input) ?? Promise.resolve()) : Promise.reject('no input'),
    result: activityRefSchema.optional(),
  },
  {
    name: 'updateActivity',
    has: (a) => !!a.updateActivity,
    call: (a, _t, s) =>
      s.activity
        ? (a.updateActivity?.(s.activity, { note: 'Edited under fire.' }) ?? Promise.resolve())
        : Promise.reject('no activity'),
    result: z.undefined(),
  },
  {
    name: 'listUsers',
    has: (a) => !!a.listUsers,
    call: (a) => a.listUsers?.() ?? Promise.resolve(),
    result: z.array(crmUserSchema),
  },
  {
    name: 'listActivityTypes',
    has: (a) => !!a.listActivityTypes,
    call: (a) => a.listActivityTypes?.() ?? Promise.resolve(),
    result: z.array(activityTypeSchema),
  },
];

function memorySession(): SessionStore & { value: unknown } {
  const store = {
    value: undefined as unknown,
    get: async () => store.value,
    set: async (value: unknown) => {
      store.value = value;
    },
  };
  return store;
}

type Outcome =
  | { settled: 'rejected'; error: unknown }
  | { settled: 'resolved'; value: unknown }
  | { settled: 'hung' };

async function outcomeOf(promise: Promise<unknown>): Promise<Outcome> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ settled: 'hung' }), HANG_MS);
  });
  try {
    return await Promise.race([
      promise.then(
        (value): Outcome => ({ settled: 'resolved', value }),
        (error: unknown): Outcome => ({ settled: 'rejected', error }),
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

const tally = { cases: 0, refused: 0, wellFormed: 0 };

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: { limit: 100_000, windowSeconds: 1 } });
});
afterAll(async () => {
  await sandbox.close();
  console.log(
    `hostile CRM answers: ${tally.cases} cases, ${tally.refused} refused with a CrmError, ${tally.wellFormed} accepted as well-formed results`,
  );
});

describe.each(targets.map((target) => [target.definition.label, target] as const))(
  '%s adapter against hostile answers',
  (label, target) => {
    const session = memorySession();
    const build = (timeoutMs: number) =>
      target.definition.create({
        connectionId: `hostile-${target.definition.id}`,
        baseUrl: target.baseUrl(sandbox),
        credentials: target.credentials,
        session,
        timeoutMs,
      });
    let adapter: CrmAdapter;
    let impatient: CrmAdapter;
    const setup: Setup = {};
    const api = () => sandbox.api(target.definition.id);

    beforeAll(async () => {
      sandbox.reset();
      adapter = build(TIMEOUT_MS);
      impatient = build(SLOW_TIMEOUT_MS);
      // Signed in before the faults start (Bullhorn's session is shared by both), and one activity to edit.
      await adapter.whoAmI();
      const fixture = target.fixtures.record;
      if (fixture) {
        setup.ref = { ...fixture, connectionId: `hostile-${target.definition.id}` };
        if (adapter.getRecord) setup.ref = (await adapter.getRecord(setup.ref)).ref;
      }
      if (adapter.logActivity && setup.ref) {
        setup.input = {
          clientId: `hostile-${target.definition.id}-0001`,
          channel: 'call',
          record: setup.ref,
          note: 'Logged before the CRM turned hostile.',
          activityAt: '2026-11-22T09:30:00.000Z',
        };
        setup.activity = await adapter.logActivity(setup.input);
      }
    });

    /** Every value that must never appear in an error: the credentials and any session tokens. */
    function secrets(): string[] {
      const sessionValues = session.value ? Object.values(session.value as Record<string, unknown>) : [];
      return [...Object.values(target.credentials), ...sessionValues]
        .filter((value): value is string => typeof value === 'string' && value.length >= 8)
        .filter((value) => !/^https?:/.test(value));
    }

    // Which methods this adapter has, from an adapter that never connects.
    const probe = target.definition.create({
      connectionId: 'probe',
      baseUrl: 'https://crm.invalid/',
      credentials: target.credentials,
    });
    const cases = METHODS.filter(
      (method) => method.has(probe) && !OFFLINE[target.definition.id]?.includes(method.name),
    ).flatMap((method) => HOSTILE_BODIES.map((body) => [method.name, body] as const));

    it.each(cases)(`${label} %s survives a %s answer`, async (methodName, body) => {
      const method = METHODS.find((candidate) => candidate.name === methodName);
      if (!method) throw new Error(`unknown method ${methodName}`);
      tally.cases += 1;
      api().faults.clear();
      api().faults.add({ kind: 'hostile', body });
      const outcome = await outcomeOf(method.call(body === 'slow-body' ? impatient : adapter, target, setup));
      const served = api().faults.injected.hostile;
      api().faults.clear();
      expect(served, 'the hostile answer was served').toBeGreaterThan(0);
      expect(outcome.settled, 'the call must settle').not.toBe('hung');
      if (outcome.settled === 'resolved') {
        expect(TOLERATED, `a ${body} answer must be refused`).toContain(body);
        expect(method.result.safeParse(outcome.value).success, 'an accepted answer is well-formed').toBe(
          true,
        );
        tally.wellFormed += 1;
        return;
      }
      if (outcome.settled !== 'rejected') return;
      const { error } = outcome;
      expect(error, String(error)).toBeInstanceOf(CrmError);
      const crmError = error as CrmError;
      expect(crmError.message).toMatch(/^[A-Z].{20,}/);
      expect(crmError.message.length).toBeLessThanOrEqual(1000);
      for (const text of Object.values(crmError.fieldErrors ?? {}))
        expect(text.length).toBeLessThanOrEqual(300);
      expect(crmError.message).toContain(label === 'Entity CRM' ? 'Entity CRM' : label);
      for (const secret of secrets()) expect(crmError.message).not.toContain(secret);
      const kind = EXPECTED_KIND[body];
      if (kind) expect(crmError.kind, crmError.message).toBe(kind);
      if (body.startsWith('huge') && kind && !BIG_CAP[target.definition.id]?.includes(methodName)) {
        expect(crmError.message).toMatch(/larger than \d+ MB/);
      }
      tally.refused += 1;
    });
  },
);

/** Bullhorn signs in through five calls before any data: each of them meets every hostile answer too. */
describe('Bullhorn sign-in against hostile answers', () => {
  const steps = ['loginInfo', 'oauth/authorize', 'oauth/token', 'login$', 'ping'] as const;
  const cases = steps.flatMap((step) => HOSTILE_BODIES.map((body) => [step, body] as const));

  it.each(cases)('Bullhorn sign-in step %s survives a %s answer', async (step, body) => {
    sandbox.reset();
    tally.cases += 1;
    const session = memorySession();
    const adapter = bullhornTarget.definition.create({
      connectionId: 'hostile-sign-in',
      baseUrl: bullhornTarget.baseUrl(sandbox),
      credentials: bullhornTarget.credentials,
      session,
      timeoutMs: body === 'slow-body' ? SLOW_TIMEOUT_MS : TIMEOUT_MS,
    });
    const api = sandbox.api('bullhorn');
    api.faults.add({ kind: 'hostile', body, path: step });
    const outcome = await outcomeOf(adapter.whoAmI());
    expect(api.faults.injected.hostile, 'the step was reached').toBeGreaterThan(0);
    api.faults.clear();
    expect(outcome.settled).not.toBe('hung');
    if (outcome.settled === 'resolved') {
      // Authorize answers with a redirect, which corruption of 2xx JSON answers leaves as it is.
      const untouched = step === 'oauth/authorize' && ['truncated', 'wrong-content-type'].includes(body);
      if (!untouched) expect(TOLERATED).toContain(body);
      expect(accountSchema.safeParse(outcome.value).success).toBe(true);
      tally.wellFormed += 1;
      return;
    }
    if (outcome.settled !== 'rejected') return;
    expect(outcome.error, String(outcome.error)).toBeInstanceOf(CrmError);
    const message = (outcome.error as CrmError).message;
    expect(message).toMatch(/^[A-Z].{20,}/);
    expect(message.length).toBeLessThanOrEqual(1000);
    expect(message).toContain('Bullhorn');
    for (const secret of Object.values(bullhornTarget.credentials).filter((value) => value.length >= 8)) {
      expect(message).not.toContain(secret);
    }
    tally.refused += 1;
  });
});
