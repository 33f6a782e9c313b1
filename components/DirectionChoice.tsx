import type { CallDirection } from '../lib/crm/adapter';
import { t } from '../lib/i18n';

/** Outbound or inbound, as two radios under one legend; `name` keeps two groups on a page apart. */
export function DirectionChoice({
  name,
  value,
  onChange,
}: {
  name: string;
  value: CallDirection;
  onChange: (direction: CallDirection) => void;
}) {
  return (
    <fieldset class="direction">
      <legend>{t('common_direction')}</legend>
      {(['outbound', 'inbound'] as const).map((option) => (
        <label key={option} class="choice">
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {option === 'outbound' ? t('common_outbound') : t('common_inbound')}
        </label>
      ))}
    </fieldset>
  );
}
