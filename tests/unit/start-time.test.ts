import { describe, expect, it } from 'vitest';
import { parseStartTime, toLocalInput } from '../../lib/call/start-time';

/** 6 January 2025, 09:30 local time. */
const NOW = new Date(2025, 0, 6, 9, 30).getTime();

describe('parseStartTime (the time fields of the wrap-up and of a call made elsewhere)', () => {
  it('reads a datetime-local value as local time, with or without seconds', () => {
    expect(parseStartTime('2025-01-06T09:00', NOW)).toEqual({ at: new Date(2025, 0, 6, 9, 0).getTime() });
    expect(parseStartTime(' 2025-01-05T23:59:30 ', NOW)).toEqual({
      at: new Date(2025, 0, 5, 23, 59, 30).getTime(),
    });
    expect(parseStartTime(toLocalInput(NOW), NOW)).toEqual({ at: NOW });
  });

  it.each([
    ['', 'Enter when the call started.'],
    ['yesterday', 'Enter the date and time the call started.'],
    ['2025-01-06 09:00', 'Enter the date and time the call started.'],
    // Date itself would roll these over into the next month or day.
    ['2024-02-30T10:00', 'That date does not exist.'],
    ['2025-04-31T10:00', 'That date does not exist.'],
    ['2025-01-05T24:00', 'That date does not exist.'],
    ['2025-13-01T10:00', 'That date does not exist.'],
    ['2025-01-06T10:31', 'The call cannot start in the future.'],
  ])('%j → %s', (text, error) => {
    expect(parseStartTime(text, NOW)).toEqual({ error });
  });

  it('allows a minute of clock drift into the future', () => {
    expect(parseStartTime('2025-01-06T09:31', NOW)).toEqual({ at: NOW + 60_000 });
  });
});
