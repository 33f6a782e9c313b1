import { type CountryCode, getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { isCountryCode } from '../lib/phone/normalize';

const regionNames = new Intl.DisplayNames([navigator.language, 'en'], { type: 'region' });

/** The country's name in the browser's language ("United Kingdom"). */
export function countryName(code: CountryCode): string {
  return regionNames.of(code) ?? code;
}

const countries = getCountries()
  .map((code) => ({ code, label: `${countryName(code)} (+${getCountryCallingCode(code)})` }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** Every country libphonenumber knows, by name with its calling code. */
export function CountrySelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: CountryCode;
  onChange: (country: CountryCode) => void;
}) {
  return (
    <select
      id={id}
      value={value}
      onChange={(event) => {
        const next = event.currentTarget.value;
        if (isCountryCode(next)) onChange(next);
      }}
    >
      {countries.map((country) => (
        <option key={country.code} value={country.code}>
          {country.label}
        </option>
      ))}
    </select>
  );
}
