import { type CountryCode, Metadata } from 'libphonenumber-js/min';

/**
 * libphonenumber-js's `parsePhoneNumberFromString(input, country)?.isValid()` for input made of ASCII
 * digits with an optional leading `+` (what the detector hands over), step for step over the same min
 * metadata, with each pattern compiled once. The library builds every RegExp anew on each call and runs
 * its input extraction regexes first, ~20 µs a number; this is ~1 µs, which is what a cold page of
 * thousands of numbers needs. tests/unit/phone-valid.test.ts checks it answers exactly as the library
 * does for every country's example numbers and variants of them.
 */

interface TypeLike {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface NumberingPlanLike {
  callingCode(): string;
  IDDPrefix(): string | undefined;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(name: string): TypeLike | undefined;
}
interface MetadataLike {
  hasCountry(country: string): boolean;
  hasCallingCode(callingCode: string): boolean;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  selectNumberingPlan(countryOrCallingCode: string): unknown;
  numberingPlan?: NumberingPlanLike;
}

/** libphonenumber's type names, fixed line first: a number is valid in a typed plan when one matches. */
const TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];
const MAX_CALLING_CODE_LENGTH = 3;
const MIN_NATIONAL_LENGTH = 2;
const MAX_NATIONAL_LENGTH = 17;

interface Plan {
  callingCode: string;
  /** The national number pattern, whole-string. */
  pattern: RegExp;
  lengths: number[] | undefined;
  /** International dialling prefix, matched at the start. */
  idd: RegExp;
  prefixForParsing: RegExp | undefined;
  transformRule: string | undefined;
  leadingDigits: RegExp | undefined;
  typed: boolean;
  types: { pattern: RegExp; lengths: number[] | undefined }[];
}

const metadata = new Metadata() as unknown as MetadataLike;
const plans = new Map<string, Plan>();

/** A metadata question asked again and again (every number asks one), answered once per key. */
function remembered<T>(ask: (key: string) => T): (key: string) => T {
  const answers = new Map<string, T>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as T;
    const answer = ask(key);
    answers.set(key, answer);
    return answer;
  };
}

/** metadata.hasCallingCode: asked for one to three leading digits of every number. */
const isCallingCode = remembered((digits) => Boolean(metadata.hasCallingCode(digits)));

const whole = (source: string) => new RegExp(`^(?:${source})$`);
const atStart = (source: string) => new RegExp(`^(?:${source})`);

/** The numbering plan of a country ("GB") or of a calling code's main country ("44"). */
function planOf(key: string): Plan {
  const known = plans.get(key);
  if (known) return known;
  metadata.selectNumberingPlan(key);
  const plan = metadata.numberingPlan as NumberingPlanLike;
  const types: Plan['types'] = [];
  for (const name of TYPES) {
    const type = plan.type(name);
    if (type?.pattern()) types.push({ pattern: whole(type.pattern()), lengths: type.possibleLengths() });
  }
  const prefixForParsing = plan.nationalPrefixForParsing();
  const leadingDigits = plan.leadingDigits();
  const compiled: Plan = {
    callingCode: plan.callingCode(),
    pattern: whole(plan.nationalNumberPattern()),
    lengths: plan.possibleLengths(),
    // `new RegExp(undefined)` in the library matches the empty string: same here.
    idd: atStart(plan.IDDPrefix() ?? ''),
    prefixForParsing: prefixForParsing ? atStart(prefixForParsing) : undefined,
    transformRule: plan.nationalPrefixTransformRule(),
    leadingDigits: leadingDigits ? atStart(leadingDigits) : undefined,
    typed: plan.hasTypes(),
    types,
  };
  plans.set(key, compiled);
  return compiled;
}

/** checkNumberLength: too short and invalid lengths are not possible. */
function lengthCheck(
  national: string,
  lengths: number[] | undefined,
): 'possible' | 'short' | 'long' | 'invalid' {
  if (!lengths) return 'possible';
  const length = national.length;
  const min = lengths[0] as number;
  if (min === length) return 'possible';
  if (min > length) return 'short';
  if ((lengths[lengths.length - 1] as number) < length) return 'long';
  return lengths.indexOf(length, 1) >= 0 ? 'possible' : 'invalid';
}

/** getNumberType(...) !== undefined. */
function hasType(national: string, plan: Plan): boolean {
  if (!plan.pattern.test(national)) return false;
  for (const type of plan.types) {
    if ((!type.lengths || type.lengths.includes(national.length)) && type.pattern.test(national)) return true;
  }
  return false;
}

/** metadata.getCountryCodesForCallingCode. */
const countriesOf = remembered((callingCode) => metadata.getCountryCodesForCallingCode(callingCode));

/**
 * Set by countryOf: whether it chose its country because the number has a type there, which is then
 * also the answer to validity (validNumber would ask hasType again, the costliest step).
 */
let countryHasType = false;

/** getCountryByCallingCode. */
function countryOf(callingCode: string, national: string): string | undefined {
  countryHasType = false;
  const countries = countriesOf(callingCode);
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  for (const country of countries) {
    const plan = planOf(country);
    if (plan.leadingDigits) {
      if (national && plan.leadingDigits.test(national)) return country;
    } else if (hasType(national, plan)) {
      countryHasType = true;
      return country;
    }
  }
  return undefined;
}

/** extractNationalNumber: strips the national (trunk) prefix where the plan says the result is still sound. */
function nationalNumberOf(number: string, plan: Plan): string {
  let national = number;
  const match = plan.prefixForParsing?.exec(number);
  if (number && match && plan.prefixForParsing) {
    const groups = match.length - 1;
    const captured = groups > 0 && match[groups];
    national =
      plan.transformRule && captured
        ? number.replace(plan.prefixForParsing, plan.transformRule)
        : number.slice(match[0].length);
  }
  if (national === number) return national;
  if (plan.pattern.test(number) && !plan.pattern.test(national)) return number;
  if (plan.lengths) {
    const country = countryOf(plan.callingCode, national);
    const lengths = country ? planOf(country).lengths : plan.lengths;
    const check = lengthCheck(national, lengths);
    if (check === 'short' || check === 'invalid') return number;
  }
  return national;
}

/** extractCountryCallingCode for a number with `+` (or whose IDD prefix became one). */
function withPlus(number: string): { callingCode?: string; rest?: string } {
  if (number[1] === '0') return {};
  for (let end = 2; end - 1 <= MAX_CALLING_CODE_LENGTH && end <= number.length; end++) {
    const callingCode = number.slice(1, end);
    if (isCallingCode(callingCode)) return { callingCode, rest: number.slice(end) };
  }
  return {};
}

/** extractCountryCallingCode, for digits with an optional leading `+`. */
function callingCodeOf(
  number: string,
  defaultCountry: string | undefined,
): { callingCode?: string; rest?: string } {
  if (number[0] === '+') return withPlus(number);
  if (defaultCountry) {
    const plan = planOf(defaultCountry);
    // stripIddPrefix: an IDD prefix followed by a 0 is not one.
    const idd = plan.idd.exec(number);
    if (idd) {
      const rest = number.slice(idd[0].length);
      if (rest && rest[0] !== '0' && rest !== number) return withPlus(`+${rest}`);
    }
    // The country's own calling code typed without `+` ("14155552671" in the US).
    const own = plan.callingCode;
    if (number.startsWith(own)) {
      const shorter = number.slice(own.length);
      const shorterNational = nationalNumberOf(shorter, plan);
      const national = nationalNumberOf(number, plan);
      if (
        (!plan.pattern.test(national) && plan.pattern.test(shorterNational)) ||
        lengthCheck(national, plan.lengths) === 'long'
      )
        return { callingCode: own, rest: shorter };
    }
  }
  return { rest: number };
}

/** metadata.hasCountry. */
const isKnownCountry = remembered((country) => metadata.hasCountry(country));

/**
 * E.164 when `input` (ASCII digits, optionally after one `+`) is a valid number read in `defaultCountry`,
 * else undefined.
 */
export function validNumber(input: string, defaultCountry: CountryCode | undefined): string | undefined {
  const country = defaultCountry && isKnownCountry(defaultCountry) ? defaultCountry : undefined;
  const extracted = callingCodeOf(input, country);
  let callingCode = extracted.callingCode;
  let plan: Plan;
  let selected: string | undefined;
  if (callingCode) plan = planOf(callingCode);
  else if (extracted.rest && country) {
    selected = country;
    plan = planOf(country);
    callingCode = plan.callingCode;
  } else return undefined;
  if (!extracted.rest) return undefined;
  const national = nationalNumberOf(extracted.rest, plan);
  const byCallingCode = countryOf(callingCode, national);
  // A type there implies the whole pattern matches too (hasType tests it first).
  const typeKnown = countryHasType;
  selected = byCallingCode ?? selected;
  if (national.length < MIN_NATIONAL_LENGTH || national.length > MAX_NATIONAL_LENGTH) return undefined;
  const rules = planOf(selected ?? callingCode);
  const valid = typeKnown || (rules.typed ? hasType(national, rules) : rules.pattern.test(national));
  return valid ? `+${callingCode}${national}` : undefined;
}
