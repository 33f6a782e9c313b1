import { FieldError } from './FieldError';

/** One of the two fields. Its error sentence has the id `${id}-error`, which the input points to. */
export type CallTimeField = {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
};

/**
 * How long a call lasted ("m:ss") and when it started (`datetime-local`), side by side, each with its
 * error sentence below the pair. The form around it keeps the values and parses them.
 */
export function CallTimeFields({
  duration,
  start,
}: {
  duration: CallTimeField & { placeholder: string; disabled?: boolean };
  start: CallTimeField;
}) {
  return (
    <>
      <div class="row">
        <div>
          <label for={duration.id}>{duration.label}</label>
          <input
            id={duration.id}
            type="text"
            inputMode="numeric"
            placeholder={duration.placeholder}
            disabled={duration.disabled}
            value={duration.value}
            aria-invalid={duration.error ? 'true' : 'false'}
            aria-describedby={`${duration.id}-error`}
            onInput={(event) => duration.onInput(event.currentTarget.value)}
          />
        </div>
        <div>
          <label for={start.id}>{start.label}</label>
          <input
            id={start.id}
            type="datetime-local"
            value={start.value}
            aria-invalid={start.error ? 'true' : 'false'}
            aria-describedby={`${start.id}-error`}
            onInput={(event) => start.onInput(event.currentTarget.value)}
          />
        </div>
      </div>
      <FieldError id={`${duration.id}-error`} text={duration.error} />
      <FieldError id={`${start.id}-error`} text={start.error} />
    </>
  );
}
