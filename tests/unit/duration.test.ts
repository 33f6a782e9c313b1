import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../lib/call/duration';

describe('parseDuration', () => {
  it('reads m:ss, h:mm:ss and plain seconds', () => {
    expect(parseDuration('3:25')).toEqual({ seconds: 205 });
    expect(parseDuration('1:02:03')).toEqual({ seconds: 3723 });
    expect(parseDuration('90')).toEqual({ seconds: 90 });
    expect(parseDuration('  ')).toEqual({ seconds: 0 });
  });
  it('says what is wrong with bad input', () => {
    expect(parseDuration('3m')).toEqual({ error: 'Enter the duration as minutes:seconds, such as 3:25.' });
    expect(parseDuration('3:75')).toEqual({ error: 'Minutes and seconds go up to 59.' });
    expect(parseDuration('25:00:00')).toEqual({ error: 'A call longer than 24 hours cannot be logged.' });
  });
});

describe('formatDuration', () => {
  it('round-trips through parseDuration', () => {
    for (const seconds of [0, 59, 61, 3599, 3723]) {
      expect(parseDuration(formatDuration(seconds))).toEqual({ seconds });
    }
    expect(formatDuration(205)).toBe('3:25');
  });
});
