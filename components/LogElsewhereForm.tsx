import { useState } from 'preact/hooks';
import type { CallEvent } from '../lib/call/machine';
import { defaultStart, type ElsewhereForm, parseElsewhere } from '../lib/call/transports/manual';
import type { CallDirection } from '../lib/crm/adapter';
import { t } from '../lib/i18n';
import { DirectionChoice } from './DirectionChoice';
import { FieldError } from './FieldError';

/**
 * "Log a call made elsewhere": direction, when it started (now minus the length, until edited) and how
 * long it lasted. Submitting puts the session straight into wrap-up.
 */
export function LogElsewhereForm({
  direction: initialDirection,
  onSubmit,
}: {
  direction: CallDirection;
  onSubmit: (event: CallEvent) => void;
}) {
  const [direction, setDirection] = useState<CallDirection>(initialDirection);
  const [duration, setDuration] = useState('');
  const [start, setStart] = useState(() => defaultStart('', Date.now()));
  const [startEdited, setStartEdited] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<keyof ElsewhereForm, string>>>({});

  return (
    <form
      class="elsewhere"
      aria-label={t('elsewhere_label')}
      onSubmit={(event) => {
        event.preventDefault();
        const parsed = parseElsewhere({ direction, start, duration }, Date.now());
        if ('errors' in parsed) {
          setErrors(parsed.errors);
          return;
        }
        setErrors({});
        onSubmit(parsed.event);
      }}
    >
      <DirectionChoice name="elsewhere-direction" value={direction} onChange={setDirection} />
      <div class="row">
        <div>
          <label for="elsewhere-duration">{t('elsewhere_duration')}</label>
          <input
            id="elsewhere-duration"
            type="text"
            inputMode="numeric"
            placeholder="5:00"
            value={duration}
            aria-invalid={errors.duration ? 'true' : 'false'}
            aria-describedby="elsewhere-duration-error"
            onInput={(event) => {
              const next = event.currentTarget.value;
              setDuration(next);
              if (!startEdited) setStart(defaultStart(next, Date.now()));
            }}
          />
        </div>
        <div>
          <label for="elsewhere-start">{t('elsewhere_start')}</label>
          <input
            id="elsewhere-start"
            type="datetime-local"
            value={start}
            aria-invalid={errors.start ? 'true' : 'false'}
            aria-describedby="elsewhere-start-error"
            onInput={(event) => {
              setStart(event.currentTarget.value);
              setStartEdited(true);
            }}
          />
        </div>
      </div>
      <FieldError id="elsewhere-duration-error" text={errors.duration} />
      <FieldError id="elsewhere-start-error" text={errors.start} />
      <button type="submit">{t('elsewhere_submit')}</button>
    </form>
  );
}
