import { t } from '../i18n';

/** The call's start time as a `datetime-local` field shows it: `YYYY-MM-DDTHH:mm`, local time. */
export function toLocalInput(at: number): string {
  const date = new Date(at);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Parses what was typed in the time field (local time); a call cannot start in the future. */
export function parseStartTime(text: string, now: number): { at: number } | { error: string } {
  const trimmed = text.trim();
  if (!trimmed) return { error: t('startTime_empty') };
  const parts = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:\d{2}(\.\d{1,3})?)?$/.exec(trimmed);
  if (!parts) return { error: t('startTime_format') };
  // Without a zone designator, Date reads an ISO date-time as local time.
  const date = new Date(trimmed);
  const at = date.getTime();
  // Date rolls 31 February over into March rather than refusing it: the fields must come back unchanged.
  const [, year, month, day, hours, minutes] = parts.map(Number);
  if (
    Number.isNaN(at) ||
    date.getFullYear() !== year ||
    date.getMonth() + 1 !== month ||
    date.getDate() !== day ||
    date.getHours() !== hours ||
    date.getMinutes() !== minutes
  )
    return { error: t('startTime_noSuchDate') };
  // A minute's grace: the field has no seconds, and clocks drift.
  if (at > now + 60_000) return { error: t('startTime_future') };
  return { at };
}
