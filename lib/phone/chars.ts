/**
 * The character classes the detector reads by char code (no regex, no allocation), one definition each
 * for detect.ts and detect-traps.ts.
 */

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** `[A-Za-z0-9_]`, as `\w` sees it. */
export function isAsciiWordChar(code: number): boolean {
  return isDigit(code) || isUpper(code) || (code >= 97 && code <= 122) || code === 95;
}

/** ASCII whitespace, as `\s` sees it. */
export function isAsciiSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13);
}

/**
 * What the detector reads a space-like or dash-like character, a full-width digit, plus or bracket as
 * (each one UTF-16 unit, so offsets hold), or undefined for any other character.
 */
export function normalizedChar(code: number): string | undefined {
  if (code < 0xa0) return undefined;
  if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
  if (code === 0xff0b) return '+';
  if (code === 0xff08) return '(';
  if (code === 0xff09) return ')';
  if (
    code === 0x00a0 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    (code >= 0x2000 && code <= 0x200a)
  )
    return ' ';
  if (
    (code >= 0x2010 && code <= 0x2015) ||
    code === 0x2212 ||
    code === 0xfe58 ||
    code === 0xfe63 ||
    code === 0xff0d
  )
    return '-';
  return undefined;
}
