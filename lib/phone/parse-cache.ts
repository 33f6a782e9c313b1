/**
 * Parse results of the detector by default country, leading `+` and digits. A CRM page shows the same
 * few thousand numbers over and over (list, detail pane, activity feed); validating costs ~0.3 µs
 * (lib/phone/valid.ts). The key is a number computed from the digits in place, so a lookup builds no
 * string and hashes none: a Map keyed by digit strings cost about as much as the validation it saved.
 * Direct-mapped: a slot holds the last number whose key landed in it, so the table never grows and
 * never needs evicting; a collision only costs a validation.
 */

const SLOTS = 1 << 14;
/** Up to 15 digits the key is exact in a double; longer spans (rare) are not cached. */
const MAX_DIGITS = 15;
const POWERS_OF_TEN = Array.from({ length: MAX_DIGITS + 1 }, (_, power) => 10 ** power);

interface Table {
  /** 0 marks an empty slot: every key is at least 10^7. */
  keys: Float64Array;
  /** E.164, or null for digits that are not a valid number. */
  values: (string | null)[];
}

const tables = new Map<string, Table>();
/** A page is read with one default country: its table is at hand without a Map lookup per number. */
let lastCountry = '';
let lastTable: Table | undefined;

function tableFor(country: string): Table {
  if (country === lastCountry && lastTable) return lastTable;
  let table = tables.get(country);
  if (!table) {
    table = { keys: new Float64Array(SLOTS), values: new Array<string | null>(SLOTS).fill(null) };
    tables.set(country, table);
  }
  lastCountry = country;
  lastTable = table;
  return table;
}

/**
 * The key of the digits of text[start, end) (a leading 1 marks their count, so leading zeros count;
 * negative with a `+`), or 0 when there are too many digits to key exactly.
 */
export function numberKey(text: string, start: number, end: number, plus: boolean): number {
  let value = 0;
  let count = 0;
  for (let index = start; index < end; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) continue;
    if (++count > MAX_DIGITS) return 0;
    value = value * 10 + digit;
  }
  const key = (POWERS_OF_TEN[count] as number) + value;
  return plus ? -key : key;
}

function slotOf(key: number): number {
  // The low 32 bits of the integer key (exact below 2^53), masked.
  return (key | 0) & (SLOTS - 1);
}

/** The cached result: E.164, null for not a number, undefined when not known. */
export function cachedParse(country: string, key: number): string | null | undefined {
  if (key === 0) return undefined;
  const table = tableFor(country);
  const slot = slotOf(key);
  return table.keys[slot] === key ? table.values[slot] : undefined;
}

export function rememberParse(country: string, key: number, value: string | undefined): void {
  if (key === 0) return;
  const table = tableFor(country);
  const slot = slotOf(key);
  table.keys[slot] = key;
  table.values[slot] = value ?? null;
}

/** Forgets cached parse results (benchmarks measure a cold first scan with it). */
export function clearParseCache(): void {
  for (const table of tables.values()) table.keys.fill(0);
}
