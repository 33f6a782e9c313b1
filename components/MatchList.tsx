import type { CrmRecord, RecordRef } from '../lib/crm/adapter';
import type { LookupResult } from '../lib/protocol';
import { RecordCard } from './RecordCard';
import { StatusMessage } from './StatusMessage';

export const sameRef = (a: RecordRef | undefined, b: RecordRef) =>
  a !== undefined && a.connectionId === b.connectionId && a.kind === b.kind && a.id === b.id;

/** Matches per connection, each with its own state, so one failing CRM never hides another's records. */
export function MatchList({
  results,
  selected,
  onSelect,
  multiple = false,
}: {
  results: LookupResult[];
  selected: RecordRef | RecordRef[] | undefined;
  onSelect: (record: CrmRecord) => void;
  /** Checkboxes (one call logged to several records) rather than one choice. */
  multiple?: boolean;
}) {
  const chosen = Array.isArray(selected) ? selected : selected ? [selected] : [];
  return (
    <section aria-label="Matches">
      {results.map((result) => (
        <div key={result.connectionId} data-connection-state={result.state}>
          <h2>{result.label}</h2>
          {result.state === 'none' && <p class="muted">No match in {result.label}.</p>}
          {result.state === 'unsupported' && <p class="muted">{result.label} cannot look people up.</p>}
          {result.state === 'error' && <StatusMessage tone="error">{result.error}</StatusMessage>}
          <ul class="plain">
            {result.records.map((record) => (
              <RecordCard
                key={record.ref.id}
                record={record}
                selected={chosen.some((ref) => sameRef(ref, record.ref))}
                onSelect={() => onSelect(record)}
                multiple={multiple}
              />
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
