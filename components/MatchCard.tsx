import type { CountryCode } from 'libphonenumber-js';
import type { CrmRecord } from '../lib/crm/adapter';
import { PhoneCleanup } from './PhoneCleanup';
import { RecordCard } from './RecordCard';

/** A match in the screen pop: the record card, with a cleanup beside every number that is not E.164. */
export function MatchCard({
  record,
  selected,
  onToggle,
  defaultCountry,
  canUpdate,
  crmLabel,
  onUpdated,
}: {
  record: CrmRecord;
  selected: boolean;
  onToggle: (selected: boolean) => void;
  defaultCountry: CountryCode;
  canUpdate: boolean;
  crmLabel: string;
  onUpdated: (record: CrmRecord) => void;
}) {
  return (
    <RecordCard
      record={record}
      selected={selected}
      onToggle={onToggle}
      phoneExtra={(phone) =>
        phone.e164 ? null : (
          <PhoneCleanup
            record={record}
            phone={phone}
            defaultCountry={defaultCountry}
            canUpdate={canUpdate}
            crmLabel={crmLabel}
            onUpdated={onUpdated}
          />
        )
      }
    />
  );
}
