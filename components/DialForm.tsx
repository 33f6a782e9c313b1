import type { CountryCode } from 'libphonenumber-js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import {
  checkDialInput,
  cleanPasted,
  type DialEdit,
  editDialInput,
  readNumber,
  rereadForCountry,
} from '../lib/phone/dial-input';
import { countryFromLocale, formatInternational } from '../lib/phone/normalize';
import { dialerFocusItem, isFreshFocus } from '../lib/store/dialer-focus';
import { rememberNumber } from '../lib/store/recent-numbers';
import { loadSettings } from '../lib/store/settings';
import { CountryPicker } from './CountryPicker';
import { FieldError } from './FieldError';
import { RecentNumbers } from './RecentNumbers';

/**
 * The dialer: a number field that formats as you type in the chosen country, a country picker, recent
 * numbers, and a sentence for whatever is wrong. "Look up" (or Enter) points the panel at the number.
 */
export function DialForm() {
  const input = useRef<HTMLInputElement>(null);
  const [country, setCountry] = useState<CountryCode>(() => countryFromLocale(navigator.language));
  const countryChosen = useRef(false);
  const [text, setText] = useState('');
  const [extension, setExtension] = useState<string>();
  const [error, setError] = useState<string>();
  const latest = useRef({ text, country });
  latest.current = { text, country };

  // The page settings' country, unless the recruiter already picked one here; anything typed before
  // the settings arrived is read again in it.
  useEffect(() => {
    void loadSettings(browser.storage.local).then(({ defaultCountry }) => {
      const { text: typed, country: current } = latest.current;
      if (countryChosen.current || !defaultCountry || defaultCountry === current) return;
      // A number typed with its country code keeps that country.
      if (typed && readNumber(typed, current).international) return;
      setCountry(defaultCountry);
      if (typed) setText(rereadForCountry(typed, current, defaultCountry));
    });
  }, []);

  useFocusRequests(input);

  function show(edit: DialEdit) {
    const field = input.current;
    if (field) {
      field.value = edit.text;
      if (document.activeElement === field) field.setSelectionRange(edit.caret, edit.caret);
    }
    setText(edit.text);
    if (edit.country) setCountry(edit.country);
    setError(undefined);
    if (!edit.text.trim()) setExtension(undefined);
  }

  function onPaste(event: ClipboardEvent) {
    const pasted = event.clipboardData?.getData('text/plain');
    const field = event.currentTarget as HTMLInputElement;
    if (!pasted) return;
    event.preventDefault();
    const clean = cleanPasted(pasted);
    const start = field.selectionStart ?? field.value.length;
    const end = field.selectionEnd ?? start;
    const raw = field.value.slice(0, start) + clean.text + field.value.slice(end);
    show(editDialInput(text, raw, start + clean.text.length, country, 'insertFromPaste'));
    setExtension(clean.extension);
  }

  async function dial(phone: string) {
    try {
      await send('dial', { phone, source: 'panel' });
      await rememberNumber(phone);
      setError(undefined);
    } catch (cause) {
      setError(cause instanceof MessageError ? cause.message : t('common_dialFailed'));
    }
  }

  function submit() {
    const check = checkDialInput(extension ? `${text} ext. ${extension}` : text, country);
    if (!check.ok) {
      // What was typed stays in the field, with the sentence under it.
      setError(check.message);
      input.current?.focus();
      return;
    }
    void dial(check.e164);
  }

  function redial(phone: string) {
    const formatted = formatInternational(phone);
    const read = readNumber(formatted, country);
    if (read.country) setCountry(read.country);
    setText(formatted);
    setExtension(undefined);
    void dial(phone);
  }

  return (
    <>
      <form
        class="dialer"
        aria-label={t('dialer_label')}
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <div class="row dial-row">
          <div class="dial-country">
            <label for="dial-country">{t('dialer_country')}</label>
            <CountryPicker
              id="dial-country"
              value={country}
              onChange={(next) => {
                countryChosen.current = true;
                const reread = rereadForCountry(text, country, next);
                setCountry(next);
                setText(reread);
                setError(undefined);
              }}
            />
          </div>
          <div class="dial-number">
            <label for="dial-number">{t('dialer_numberLabel')}</label>
            <input
              ref={input}
              id="dial-number"
              type="tel"
              autoComplete="tel"
              spellcheck={false}
              value={text}
              aria-invalid={error ? 'true' : 'false'}
              aria-describedby={extension ? 'dial-error dial-extension' : 'dial-error'}
              onInput={(event) => {
                const field = event.currentTarget;
                const inputType = (event as InputEvent).inputType || 'insertText';
                show(
                  editDialInput(
                    text,
                    field.value,
                    field.selectionStart ?? field.value.length,
                    country,
                    inputType,
                  ),
                );
              }}
              onPaste={onPaste}
            />
          </div>
        </div>
        <FieldError id="dial-error" text={error} />
        {extension && (
          <p id="dial-extension" class="muted">
            {t('dialer_extension', extension)}
          </p>
        )}
        <button type="submit">{t('dialer_lookUp')}</button>
      </form>
      <RecentNumbers onDial={redial} />
    </>
  );
}

/** Focuses the number field when the "open the dialer" shortcut asks, now or just before the panel opened. */
function useFocusRequests(input: { current: HTMLInputElement | null }) {
  useEffect(() => {
    let handled = 0;
    const focus = (flag: { at: number } | null) => {
      if (!isFreshFocus(flag, Date.now()) || flag.at === handled) return;
      handled = flag.at;
      window.focus();
      input.current?.focus();
      input.current?.select();
    };
    void dialerFocusItem.get().then(focus);
    return dialerFocusItem.watch(focus);
  }, [input]);
}
