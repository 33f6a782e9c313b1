import { useState } from 'preact/hooks';
import type { CallEvent } from '../lib/call/machine';
import { defaultStart, type ElsewhereForm, parseElsewhere } from '../lib/call/transports/manual';
import type { CallDirection } from '../lib/crm/adapter';
import { t } from '../lib/i18n';
import { CallTimeFields } from './CallTimeFields';
import { DirectionChoice } from './DirectionChoice';

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
      <CallTimeFields
        duration={{
          id: 'elsewhere-duration',
          label: t('elsewhere_duration'),
          placeholder: '5:00',
          value: duration,
          error: errors.duration,
          onInput: (next) => {
            setDuration(next);
            if (!startEdited) setStart(defaultStart(next, Date.now()));
          },
        }}
        start={{
          id: 'elsewhere-start',
          label: t('elsewhere_start'),
          value: start,
          error: errors.start,
          onInput: (next) => {
            setStart(next);
            setStartEdited(true);
          },
        }}
      />
      <button type="submit">{t('elsewhere_submit')}</button>
    </form>
  );
}
