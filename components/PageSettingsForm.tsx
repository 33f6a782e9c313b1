import { getCountries } from 'libphonenumber-js';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { t } from '../lib/i18n';
import { countryFromLocale, isCountryCode } from '../lib/phone/normalize';
import { DEFAULT_SETTINGS, loadSettings, type PageSettings, saveSettings } from '../lib/store/settings';
import { StatusMessage } from './StatusMessage';

const regionNames = new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' });
const countries = getCountries()
  .map((code) => ({ code, name: regionNames.of(code) ?? code }))
  .sort((a, b) => a.name.localeCompare(b.name));

/** How numbers on pages are read and where Ringside stays off. Saved as soon as it changes. */
export function PageSettingsForm() {
  const [settings, setSettings] = useState<PageSettings>(DEFAULT_SETTINGS);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void loadSettings(browser.storage.local).then(setSettings);
  }, []);

  function update(next: PageSettings) {
    setSettings(next);
    void saveSettings(browser.storage.local, next).then(() => setSaved(true));
  }

  const fromLocale = countryFromLocale(navigator.language);
  return (
    <form class="card" aria-label={t('options_pages')} onSubmit={(event) => event.preventDefault()}>
      <label for="default-country">{t('pages_country')}</label>
      <select
        id="default-country"
        value={settings.defaultCountry ?? ''}
        onChange={(event) => {
          const value = event.currentTarget.value;
          const { defaultCountry: _old, ...rest } = settings;
          update(isCountryCode(value) ? { ...rest, defaultCountry: value } : rest);
        }}
      >
        <option value="">{t('pages_countryFromBrowser', regionNames.of(fromLocale) ?? fromLocale)}</option>
        {countries.map((country) => (
          <option key={country.code} value={country.code}>
            {country.name}
          </option>
        ))}
      </select>
      <label class="row" style={{ fontWeight: 'normal' }}>
        <input
          type="checkbox"
          style={{ flex: '0 0 auto' }}
          checked={settings.leaveTelLinks}
          onChange={(event) => update({ ...settings, leaveTelLinks: event.currentTarget.checked })}
        />
        <span>{t('pages_leaveTel')}</span>
      </label>
      <h3>{t('pages_offSites')}</h3>
      {!settings.disabledSites.length && <p class="muted">{t('pages_offSitesNone')}</p>}
      <ul class="plain" aria-label={t('pages_offSites')}>
        {settings.disabledSites.map((site) => (
          <li key={site} class="row">
            <code>{site}</code>
            <button
              type="button"
              class="secondary"
              style={{ flex: '0 0 auto' }}
              onClick={() =>
                update({
                  ...settings,
                  disabledSites: settings.disabledSites.filter((other) => other !== site),
                })
              }
            >
              {t('pages_turnOnAgain')}
            </button>
          </li>
        ))}
      </ul>
      {saved && <StatusMessage tone="ok">{t('pages_saved')}</StatusMessage>}
    </form>
  );
}
