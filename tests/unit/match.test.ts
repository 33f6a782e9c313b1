import { describe, expect, it } from 'vitest';
import { looseE164, nationalNumber, storedNumberMatches, tailKey } from '../../lib/phone/match';

const LONDON = '+442079460958';

describe('fuzzy phone matching (seed 004)', () => {
  it('reads every common way of writing one number as the same E.164', () => {
    for (const written of [
      '(020) 7946 0958',
      '+44 20 7946 0958',
      '0044 20 7946 0958',
      '2079460958',
      '020-7946-0958',
      '＋４４ ２０ ７９４６ ０９５８',
    ]) {
      expect(looseE164(written, ['GB']), written).toBe(LONDON);
    }
    expect(looseE164('011 44 20 7946 0958', ['US'])).toBe(LONDON);
  });

  it('matches stored text in any of those formats, whatever the recruiter’s own country', () => {
    for (const stored of ['(020) 7946 0958', '+44 20 7946 0958', '0044 20 7946 0958', '2079460958']) {
      expect(storedNumberMatches(LONDON, stored, 'US'), stored).toBe(true);
    }
  });

  it('still finds a number stored as invalid text by its national digits', () => {
    expect(storedNumberMatches(LONDON, 'tel 2079460958 (ask for Priya)', 'US')).toBe(true);
    expect(storedNumberMatches('+14155552671', '415.555.2671 x12', 'US')).toBe(true);
  });

  it('does not match a different number or a different country with the same digits', () => {
    expect(storedNumberMatches(LONDON, '(020) 7946 0959', 'GB')).toBe(false);
    expect(storedNumberMatches('+14155552671', '+44 415 555 2671', 'US')).toBe(false);
    expect(storedNumberMatches('+14155552671', '12345', 'US')).toBe(false);
  });

  it('keys every format of a number to the same tail', () => {
    const keys = new Set(
      ['(020) 7946 0958', '+44 20 7946 0958', '0044 20 7946 0958', '2079460958'].map(tailKey),
    );
    expect([...keys]).toEqual(['9460958']);
    expect(tailKey('12345')).toBeUndefined();
    expect(nationalNumber(LONDON)).toBe('2079460958');
  });
});
