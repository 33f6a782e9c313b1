import type { CountryCode } from 'libphonenumber-js';
import { type ContactMatch, findContacts } from '../phone/detect';

export type { ContactMatch };
export type ContactKind = ContactMatch['kind'];

/**
 * The text detector with a bounded memo keyed by the run's text: CRM pages re-render the same rows over
 * and over, and a re-read of an unchanged row should cost a Map lookup, not a parse. Callers hand it
 * only text that passed mayHoldContact (the engine tests it before joining a run): most text holds
 * nothing and is never hashed into the memo.
 */
export function createDetector(defaultCountry: CountryCode, maxEntries = 4000) {
  const memo = new Map<string, ContactMatch[]>();
  const options = { defaultCountry };
  return (text: string): ContactMatch[] => {
    const known = memo.get(text);
    if (known) return known;
    const found = findContacts(text, options);
    // Only texts that held something are worth remembering; the detector rejects the rest in a regex.
    if (found.length) {
      if (memo.size >= maxEntries) memo.clear();
      memo.set(text, found);
    }
    return found;
  };
}
