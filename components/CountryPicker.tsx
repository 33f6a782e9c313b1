import { type CountryCode, getCountries, getCountryCallingCode } from 'libphonenumber-js';
import { countryName } from '../lib/phone/dial-input';
import { isCountryCode } from '../lib/phone/normalize';

/** Every country libphonenumber knows, by name in the browser's language, with its calling code. */
const countries = getCountries()
  .map((code) => ({ code, label: `${countryName(code)} (+${getCountryCallingCode(code)})` }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** A native select: typing a name's first letters and the arrow keys work as in any form. */
export function CountryPicker({
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
