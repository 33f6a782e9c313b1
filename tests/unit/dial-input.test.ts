import type { CountryCode } from 'libphonenumber-js';
import { describe, expect, it } from 'vitest';
import {
  caretAfterSignificant,
  checkDialInput,
  cleanPasted,
  countSignificant,
  describeLengths,
  editDialInput,
  foldChars,
  isPlainNumber,
  mainCountry,
  readNumber,
  rereadForCountry,
} from '../../lib/phone/dial-input';

const english = new Intl.DisplayNames(['en'], { type: 'region' });
const name = (code: CountryCode) => english.of(code) ?? code;
const check = (text: string, country: CountryCode = 'US') => checkDialInput(text, country, name);

/** Types `keys` one at a time at the end of the field, as a recruiter does. */
function type(keys: string, country: CountryCode = 'US', start = '') {
  let text = start;
  const seen: string[] = [];
  for (const key of keys) {
    const edit = editDialInput(text, text + key, text.length + 1, country);
    text = edit.text;
    seen.push(text);
  }
  return seen;
}

describe('foldChars', () => {
  it('folds full-width digits and plus, NBSPs, thin spaces and dashes one character for one', () => {
    const raw = '＋１\u00A0４１５\u2009５５５\u2013２６７１\u2014\u2212';
    const folded = foldChars(raw);
    expect(folded).toBe('+1 415 555-2671--');
    expect(folded).toHaveLength(raw.length);
  });
  it('leaves letters and other characters alone', () => {
    expect(foldChars('Call me ☎ 555')).toBe('Call me ☎ 555');
  });
});

describe('cleanPasted', () => {
  it('reads tel: URIs, percent-encoded or not, with their extension', () => {
    expect(cleanPasted('tel:+1 (415) 555-2671')).toEqual({ text: '+1 (415) 555-2671' });
    expect(cleanPasted('tel:%2B1%20415%20555%202671')).toEqual({ text: '+1 415 555 2671' });
    expect(cleanPasted('TEL:+1-415-555-2671;ext=99')).toEqual({ text: '+1 415 555 2671', extension: '99' });
    expect(cleanPasted('tel:+44-20-7946-0958;phone-context=example.com')).toEqual({
      text: '+44-20-7946-0958',
    });
    expect(cleanPasted('callto:+14155552671')).toEqual({ text: '+14155552671' });
  });
  it('splits an extension written as ext., extension, x or #', () => {
    expect(cleanPasted('+44 20 7946 0958 ext. 12')).toEqual({ text: '+44 20 7946 0958', extension: '12' });
    expect(cleanPasted('(415) 555-2671 extension 7')).toEqual({ text: '(415) 555-2671', extension: '7' });
    expect(cleanPasted('415-555-2671x204')).toEqual({ text: '415-555-2671', extension: '204' });
    expect(cleanPasted('415 555 2671 #3')).toEqual({ text: '415 555 2671', extension: '3' });
  });
  it('does not take the end of a short number for an extension', () => {
    expect(cleanPasted('55 x 12')).toEqual({ text: '55 x 12' });
  });
  it('folds full-width digits, NBSPs and en dashes and trims', () => {
    expect(cleanPasted('  ＋４４\u00A020\u20137946\u20130958 ')).toEqual({ text: '+44 20-7946-0958' });
  });
});

describe('caret helpers', () => {
  it('counts digits and plus signs only', () => {
    expect(countSignificant('+1 (415) 555-2671')).toBe(12);
    expect(countSignificant('(')).toBe(0);
  });
  it('puts the caret after the nth digit', () => {
    expect(caretAfterSignificant('(415) 555-2671', 0)).toBe(0);
    expect(caretAfterSignificant('(415) 555-2671', 3)).toBe(4);
    expect(caretAfterSignificant('(415) 555-2671', 4)).toBe(7);
    expect(caretAfterSignificant('(415) 555-2671', 99)).toBe(14);
  });
  it('knows a plain number from text', () => {
    expect(isPlainNumber('+1 (415) 555-2671')).toBe(true);
    expect(isPlainNumber('415.555.2671 / 2')).toBe(true);
    expect(isPlainNumber('415 555 CALL')).toBe(false);
    expect(isPlainNumber('41+5')).toBe(false);
  });
});

describe('editDialInput: formats as you type', () => {
  it('formats a US number digit by digit with the caret at the end', () => {
    expect(type('4155552671')).toEqual([
      '4',
      '41',
      '(415)',
      '(415) 5',
      '(415) 55',
      '(415) 555',
      '(415) 555-2',
      '(415) 555-26',
      '(415) 555-267',
      '(415) 555-2671',
    ]);
    const last = editDialInput('(415) 555-267', '(415) 555-2671', 14, 'US');
    expect(last.caret).toBe(14);
  });
  it('formats a UK number in the UK', () => {
    expect(type('02079460958', 'GB').at(-1)).toBe('020 7946 0958');
  });
  it('keeps the caret after the same digit when a digit is typed in the middle', () => {
    // "(415) 5|55-267": typing 0 there regroups the number; the caret stays right after the 0.
    const edit = editDialInput('(415) 555-267', '(415) 5055-267', 8, 'US');
    expect(edit.text).toBe('(415) 505-5267');
    expect(edit.caret).toBe(8);
    expect(edit.text.slice(0, edit.caret)).toBe('(415) 50');
  });
  it('keeps the caret after the same digit when the grouping moves under it', () => {
    // "020 7946 095|8" → a 0 typed before the last digit of a UK number.
    const edit = editDialInput('020 7946 0958', '020 7946 09508', 13, 'GB');
    expect(edit.text.replace(/\D/g, '')).toBe('020794609508');
    expect(edit.text.slice(0, edit.caret).replace(/\D/g, '')).toBe('02079460950');
  });
  it('deletes the digit before a bracket or space that backspace removed', () => {
    const edit = editDialInput('(415) 555-2671', '(415 555-2671', 4, 'US', 'deleteContentBackward');
    expect(edit.text).toBe('(415) 552-671');
    expect(edit.caret).toBe(3);
    const dash = editDialInput('(415) 555-2671', '(415) 5552671', 9, 'US', 'deleteContentBackward');
    expect(dash.text).toBe('(415) 552-671');
    expect(dash.caret).toBe(8);
  });
  it('deletes the digit after a separator that forward delete removed', () => {
    const edit = editDialInput('(415) 555-2671', '(415) 5552671', 9, 'US', 'deleteContentForward');
    expect(edit.text).toBe('(415) 555-671');
    expect(edit.caret).toBe(9);
  });
  it('never adds or drops a digit while formatting', () => {
    for (const raw of [
      '4155552671',
      '+442079460958',
      '0044 20 7946 0958',
      '011 44 20',
      '1 415 555',
      '+81312345678',
    ]) {
      const edit = editDialInput('', raw, raw.length, 'US');
      expect(edit.text.replace(/[^\d+]/g, '')).toBe(raw.replace(/[^\d+]/g, ''));
    }
  });
  it('leaves text with letters as typed (the check says what is wrong)', () => {
    expect(editDialInput('', '415 555 CALL', 12, 'US')).toEqual({ text: '415 555 CALL', caret: 12 });
    expect(editDialInput('', '+44 20 7946 0958 ext', 20, 'US').text).toBe('+44 20 7946 0958 ext');
  });
  it('folds pasted full-width digits and formats them', () => {
    const edit = editDialInput('', '４１５５５５２６７１', 10, 'US', 'insertFromPaste');
    expect(edit).toEqual({ text: '(415) 555-2671', caret: 14 });
  });
});

describe('country detection', () => {
  it('a number typed with + picks its own country', () => {
    expect(editDialInput('', '+442079460958', 13, 'US')).toEqual({
      text: '+44 20 7946 0958',
      caret: 16,
      country: 'GB',
    });
    expect(readNumber('+1 416 555 0100', 'GB').country).toBe('CA');
  });
  it('00 and, from a +1 country, 011 are international prefixes', () => {
    expect(readNumber('0044 20 7946 0958', 'GB')).toMatchObject({ international: true, country: 'GB' });
    expect(readNumber('0044 20 7946 0958', 'US')).toMatchObject({ international: true, country: 'GB' });
    expect(readNumber('011 44 20 7946 0958', 'US')).toMatchObject({ international: true, country: 'GB' });
    expect(editDialInput('', '00442079460958', 14, 'US').country).toBe('GB');
  });
  it('a national number stays in the chosen country', () => {
    expect(editDialInput('', '2079460958', 10, 'GB').country).toBeUndefined();
    expect(readNumber('4155552671', 'US')).toMatchObject({ international: false, country: 'US' });
  });
  it('names the main country of a calling code', () => {
    expect(mainCountry('1')).toBe('US');
    expect(mainCountry('44')).toBe('GB');
    expect(mainCountry('999')).toBeUndefined();
  });
});

describe('rereadForCountry', () => {
  it('reads the typed digits again in the newly chosen country', () => {
    expect(rereadForCountry('02079460958', 'US', 'GB')).toBe('020 7946 0958');
    expect(rereadForCountry('(415) 555-2671', 'US', 'CA')).toBe('(415) 555-2671');
  });
  it('drops the country code of an international number and keeps its national digits', () => {
    expect(rereadForCountry('+1 415 555 2671', 'US', 'GB')).toBe('4155552671');
    expect(rereadForCountry('0044 20 7946 0958', 'US', 'GB')).toBe('2079460958');
  });
  it('leaves text with letters as it is', () => {
    expect(rereadForCountry('call me', 'US', 'GB')).toBe('call me');
  });
});

describe('checkDialInput: says what is wrong', () => {
  it('empty', () => {
    for (const text of ['', '   ', '+', '( )']) {
      expect(check(text)).toEqual({ ok: false, problem: 'empty', message: 'Enter a phone number.' });
    }
  });
  it('letters', () => {
    expect(check('415 555 CALL')).toEqual({
      ok: false,
      problem: 'letters',
      message: 'Phone numbers have no letters: remove “CALL”.',
    });
  });
  it('other characters', () => {
    expect(check('415@555*2671')).toEqual({
      ok: false,
      problem: 'characters',
      message: 'Remove “@*”: a phone number has only digits, spaces and + ( ) - . /',
    });
  });
  it('too short, with the lengths the country takes', () => {
    expect(check('415 555 267')).toEqual({
      ok: false,
      problem: 'too-short',
      message: 'Too short for United States (+1): 9 digits where a number has 10.',
    });
    expect(check('020 794', 'GB')).toMatchObject({
      problem: 'too-short',
      message:
        'Too short for United Kingdom (+44): 5 digits after the leading 0 where a number has 7, 9 or 10.',
    });
    expect(check('+44 20')).toMatchObject({
      problem: 'too-short',
      message: 'Too short for United Kingdom (+44): 2 digits where a number has 7, 9 or 10.',
    });
    expect(check('+9')).toMatchObject({
      problem: 'too-short',
      message: 'Too short: type the country code after +, then the number.',
    });
  });
  it('too long', () => {
    expect(check('415 555 267 12')).toEqual({
      ok: false,
      problem: 'too-long',
      message: 'Too long for United States (+1): 11 digits where a number has 10.',
    });
  });
  it('a length between the ones a country takes', () => {
    expect(check('2079 4600', 'GB')).toEqual({
      ok: false,
      problem: 'wrong-length',
      message: 'Wrong length for United Kingdom (+44): 8 digits where a number has 7, 9 or 10.',
    });
  });
  it('not valid in the country', () => {
    expect(check('555 555 5555')).toEqual({
      ok: false,
      problem: 'invalid',
      message: 'Not a valid number in United States (+1): check the digits.',
    });
    expect(check('+44 20 7946 095')).toMatchObject({
      problem: 'invalid',
      message: 'Not a valid number in United Kingdom (+44): check the digits.',
    });
  });
  it('unknown country code', () => {
    expect(check('+999 123 4567')).toEqual({
      ok: false,
      problem: 'unknown-country-code',
      message: '+999 is not a country calling code.',
    });
    expect(check('00 999 123 4567', 'GB')).toMatchObject({ problem: 'unknown-country-code' });
  });
  it('accepts numbers written every common way', () => {
    const ok = (text: string, country: CountryCode = 'US') => {
      const result = check(text, country);
      return result.ok ? result.e164 : result.message;
    };
    expect(ok('(415) 555-2671')).toBe('+14155552671');
    expect(ok('tel:+1 (415) 555-2671')).toBe('+14155552671');
    expect(ok('＋１ ４１５ ５５５ ２６７１')).toBe('+14155552671');
    expect(ok('+1\u00A0415\u2013555\u20132671')).toBe('+14155552671');
    expect(ok('0044 20 7946 0958')).toBe('+442079460958');
    expect(ok('011 44 20 7946 0958')).toBe('+442079460958');
    expect(ok('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(check('+44 20 7946 0958 ext. 12')).toEqual({
      ok: true,
      e164: '+442079460958',
      country: 'GB',
      extension: '12',
    });
  });
});

describe('describeLengths', () => {
  it('says lengths the way people do', () => {
    expect(describeLengths([10])).toBe('10');
    expect(describeLengths([10, 9])).toBe('9 or 10');
    expect(describeLengths([7, 9, 10])).toBe('7, 9 or 10');
    expect(describeLengths([8, 9, 10, 11, 12])).toBe('8 to 12');
    expect(describeLengths([])).toBe('');
  });
});
