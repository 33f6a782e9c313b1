import type { CountryCode } from 'libphonenumber-js';
import { type ContactMatch, findContacts, mayHoldContact } from '../phone/detect';

export type { ContactMatch };
export type ContactKind = ContactMatch['kind'];

/**
 * The text detector with a bounded memo keyed by the run's text: CRM pages re-render the same rows over
 * and over, and a re-read of an unchanged row should cost a Map lookup, not a parse.
 */
export function createDetector(defaultCountry: CountryCode, maxEntries = 4000) {
  const memo = new Map<string, ContactMatch[]>();
  const options = { defaultCountry };
  const none: ContactMatch[] = [];
  return (text: string): ContactMatch[] => {
    // Most text holds nothing: answered without hashing it into the memo.
    if (!mayHoldContact(text)) return none;
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
