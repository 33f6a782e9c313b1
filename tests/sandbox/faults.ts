import { z } from 'zod';
import { HOSTILE_BODIES, type HostileBody } from './hostile';
import { mulberry32 } from './seeded-random';

/**
 * Fault injection for the Close API routes (never the pages or control routes). Rules are checked in the
 * order they were added: every firing `latency` rule adds its delay, the first firing rule of any other kind
 * decides the outcome. Probabilities draw from a seeded PRNG, so a run is reproducible.
 */

export const FAULT_KINDS = [
  'latency',
  'status',
  'rate-limit',
  'drop',
  'drop-after-commit',
  'garbage',
  'hostile',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  kind: FaultKind;
  /** Matches any method when absent. */
  method?: string;
  /** Prefix under /api/v1/, e.g. 'activity/call/'; ending in `$`, the whole path. Matches every path when absent. */
  path?: string;
  /** Fires this many times, then is removed. Default: until cleared. */
  times?: number;
  /** 0..1, default 1. */
  probability?: number;
  /** For 'latency': delay in ms (default 1000). */
  ms?: number;
  /** For 'status': the HTTP status to answer with (default 503). */
  status?: number;
  /** For 'rate-limit': the `reset` seconds in the 429 (default 1). */
  resetSeconds?: number;
  /** For 'hostile': which hostile answer (tests/sandbox/hostile.ts; default 'wrong-types'). */
  body?: HostileBody;
}

export const faultRuleSchema: z.ZodType<FaultRule> = z.strictObject({
  kind: z.enum(FAULT_KINDS),
  method: z.string().min(1).optional(),
  path: z.string().optional(),
  times: z.number().int().positive().optional(),
  probability: z.number().min(0).max(1).optional(),
  ms: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  resetSeconds: z.number().int().min(0).optional(),
  body: z.enum(HOSTILE_BODIES).optional(),
});

/** What the API must do with one request. */
export type FaultAction =
  | { kind: 'status'; status: number }
  | { kind: 'rate-limit'; resetSeconds: number }
  | { kind: 'drop' }
  | { kind: 'drop-after-commit' }
  /** 200 with a truncated JSON body: what a proxy or a half-deployed CRM sends. */
  | { kind: 'garbage' }
  /** A broken, compromised or impostor CRM's answer (sendHostile). */
  | { kind: 'hostile'; body: HostileBody };

export interface FaultDecision {
  latencyMs: number;
  action?: FaultAction;
}

interface ActiveRule {
  rule: FaultRule;
  remaining: number | undefined;
}

const PRNG_SEED = 0x5eed_cafe;

function emptyCounts(): Record<FaultKind, number> {
  return { latency: 0, status: 0, 'rate-limit': 0, drop: 0, 'drop-after-commit': 0, garbage: 0, hostile: 0 };
}

/** 'activity/call/', '/activity/call/' and '/api/v1/activity/call/' all mean the same prefix. */
function normalizePath(path: string): string {
  return path.replace(/^\/+/, '').replace(/^api\/v1\//, '');
}

/** A prefix, or with a trailing `$` the exact path ('login$' is not 'loginInfo'). */
function matchesPath(path: string, rule: string): boolean {
  return rule.endsWith('$') ? path === rule.slice(0, -1) : path.startsWith(rule);
}

export class Faults {
  private active: ActiveRule[] = [];
  private random = mulberry32(PRNG_SEED);
  /** How many times each kind fired since the last clear(). */
  readonly injected: Record<FaultKind, number> = emptyCounts();

  /** Validates and adds a rule; throws on an invalid one. */
  add(rule: FaultRule): void {
    const parsed = faultRuleSchema.parse(rule);
    this.active.push({ rule: parsed, remaining: parsed.times });
  }

  /** Removes every rule, zeroes the counts and re-seeds the PRNG. */
  clear(): void {
    this.active = [];
    Object.assign(this.injected, emptyCounts());
    this.random = mulberry32(PRNG_SEED);
  }

  get rules(): FaultRule[] {
    return this.active.map(({ rule, remaining }) => ({
      ...rule,
      ...(remaining === undefined ? {} : { times: remaining }),
    }));
  }

  /** Decides the faults for one request; `apiPath` is the path under /api/v1/ (e.g. 'activity/call/'). */
  decide(method: string, apiPath: string): FaultDecision {
    const decision: FaultDecision = { latencyMs: 0 };
    const path = normalizePath(apiPath);
    for (const entry of [...this.active]) {
      const { rule } = entry;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !matchesPath(path, normalizePath(rule.path))) continue;
      if ((rule.probability ?? 1) < 1 && this.random() >= (rule.probability ?? 1)) continue;
      if (entry.remaining !== undefined) {
        entry.remaining -= 1;
        if (entry.remaining <= 0) this.active = this.active.filter((other) => other !== entry);
      }
      this.injected[rule.kind] += 1;
      if (rule.kind === 'latency') {
        decision.latencyMs += rule.ms ?? 1000;
        continue;
      }
      decision.action = toAction(rule);
      break;
    }
    return decision;
  }
}

function toAction(rule: FaultRule): FaultAction {
  switch (rule.kind) {
    case 'status':
      return { kind: 'status', status: rule.status ?? 503 };
    case 'rate-limit':
      return { kind: 'rate-limit', resetSeconds: rule.resetSeconds ?? 1 };
    case 'drop':
      return { kind: 'drop' };
    case 'garbage':
      return { kind: 'garbage' };
    case 'hostile':
      return { kind: 'hostile', body: rule.body ?? 'wrong-types' };
    default:
      return { kind: 'drop-after-commit' };
  }
}
