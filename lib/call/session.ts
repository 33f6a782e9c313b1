import { z } from 'zod';
import { callDirectionSchema, durationSecSchema, recordRefSchema } from '../crm/adapter';

/**
 * One call as the side panel lives it: idle → dialing → in-call → wrap-up → logged. The panel, the
 * dialer and the wrap-up all read this one shape; transports (lib/call/transports) drive its
 * transitions and the reducer in lib/call/machine.ts decides which are allowed.
 */

export const callStates = ['idle', 'dialing', 'in-call', 'wrap-up', 'logged'] as const;
export const callStateSchema = z.enum(callStates);
export type CallState = z.infer<typeof callStateSchema>;

/** How the call is (or was) carried: `tel` hands off to the system's phone app; `manual` was made elsewhere. */
export const transportIdSchema = z.enum(['tel', 'manual', 'sip']);
export type TransportId = z.infer<typeof transportIdSchema>;

export const callSessionSchema = z.object({
  /** Client-generated, unique per call; drafts and the outbox's clientIds derive from it. */
  id: z.string().min(8).max(100),
  /** E.164 of the other party; absent for an email lookup. */
  phone: z
    .string()
    .regex(/^\+\d{6,16}$/)
    .optional(),
  email: z.email().max(320).optional(),
  direction: callDirectionSchema,
  state: callStateSchema,
  transport: transportIdSchema,
  /** Epoch ms: when dialing started (or, for a call made elsewhere, when it started). */
  startedAt: z.number().int().optional(),
  /** Epoch ms: when the call was connected (the timer runs from here). */
  connectedAt: z.number().int().optional(),
  endedAt: z.number().int().optional(),
  /** Whole seconds; set when the call ends, or typed for a call made elsewhere. */
  durationSec: durationSecSchema.optional(),
  /** The records this call is about, as chosen in the screen pop (one or several, across CRMs). */
  records: z.array(recordRefSchema).max(20).default([]),
  /** The active dial (its `at`) that started this session: a panel opening later does not start it again. */
  dialAt: z.number().int().optional(),
  /** A number (or address) dialled while this call was live: offered once this one is over. */
  next: z
    .object({
      phone: z
        .string()
        .regex(/^\+\d{6,16}$/)
        .optional(),
      email: z.email().max(320).optional(),
      at: z.number().int(),
    })
    .optional(),
  /** Why the transport could not place or keep the call, as the recruiter should read it. */
  failure: z.string().max(300).optional(),
});
export type CallSession = z.infer<typeof callSessionSchema>;
