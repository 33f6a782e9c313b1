import { describe, expect, it } from 'vitest';
import { createDetector } from '../../lib/dom/contacts';
import { findContacts } from '../../lib/phone/detect';

describe('createDetector (the engine’s detector for re-read text)', () => {
  const row = 'Jane Doe · (415) 555-2671 · jane@acme.io';

  it('answers as findContacts does', () => {
    const detect = createDetector('US');
    expect(detect(row)).toEqual(findContacts(row, { defaultCountry: 'US' }));
    expect(detect('no contact here')).toEqual([]);
  });

  it('answers a text seen before from its memo (the same result, not a new parse)', () => {
    const detect = createDetector('US');
    const first = detect(row);
    expect(first).toHaveLength(2);
    expect(detect(row)).toBe(first);
  });

  it('stays bounded: past maxEntries it forgets and parses again', () => {
    const detect = createDetector('US', 2);
    const first = detect(row);
    // Two more texts that hold something fill the memo (texts that hold nothing are never kept).
    expect(detect('ann@example.com')).toHaveLength(1);
    expect(detect('+44 20 7946 0958')).toHaveLength(1);
    const again = detect(row);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });
});
