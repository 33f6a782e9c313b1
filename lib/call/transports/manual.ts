import { z } from 'zod';
import { callDirectionSchema } from '../../crm/adapter';
import { t } from '../../i18n';
import { parseDuration } from '../duration';
import type { CallEvent } from '../machine';
import { parseStartTime, toLocalInput } from '../start-time';
import { type CallTransport, createEmitter } from '../transport';

/**
 * A call made on another phone, logged after the fact. There is nothing to place or hang up: the
 * recruiter enters direction, start and duration, and `parseElsewhere` turns that into the machine's
 * `log-elsewhere` event, which puts the session straight into wrap-up.
 */
export const manualTransport: CallTransport = {
  id: 'manual',
  get label() {
    return t('transport_manualLabel');
  },
  // The call already happened; the session records it through `log-elsewhere`, not through events.
  start: () => undefined,
  subscribe: createEmitter().subscribe,
};

const formSchema = z.object({
  direction: callDirectionSchema,
  /** A `datetime-local` value: local time, minutes or seconds. */
  start: z.string().trim().max(40),
  duration: z.string().max(40),
});
export type ElsewhereForm = z.input<typeof formSchema>;

/** The start a form shows until the recruiter edits it: now minus the duration typed so far. */
export function defaultStart(duration: string, now: number): string {
  const parsed = parseDuration(duration);
  return toLocalInput(now - ('seconds' in parsed ? parsed.seconds : 0) * 1000);
}

/** The form's fields as the machine's event, or a sentence per field saying what is wrong. */
export function parseElsewhere(
  input: ElsewhereForm,
  now: number,
):
  | { event: Extract<CallEvent, { type: 'log-elsewhere' }> }
  | { errors: Partial<Record<keyof ElsewhereForm, string>> } {
  const form = formSchema.safeParse(input);
  if (!form.success) return { errors: { direction: t('manualLog_chooseDirection') } };
  const errors: Partial<Record<keyof ElsewhereForm, string>> = {};
  const duration = form.data.duration.trim()
    ? parseDuration(form.data.duration)
    : { error: t('manualLog_durationEmpty') };
  if ('error' in duration) errors.duration = duration.error;
  // The same rules and sentences as the wrap-up's time field.
  const start = parseStartTime(form.data.start, now);
  if ('error' in start) errors.start = start.error;
  if (Object.keys(errors).length || 'error' in start || 'error' in duration) return { errors };
  return {
    event: {
      type: 'log-elsewhere',
      direction: form.data.direction,
      startedAt: start.at,
      durationSec: duration.seconds,
    },
  };
}
