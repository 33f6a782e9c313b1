import { useState } from 'preact/hooks';
import { MessageError, send } from '../lib/messaging';
import { FieldError } from './FieldError';

/** Type a number to look it up; the full dialer with formatting and countries is issue 5. */
export function DialForm() {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string>();

  async function submit() {
    try {
      await send('dial', { phone, source: 'panel' });
      setError(undefined);
    } catch (cause) {
      setError(cause instanceof MessageError ? cause.message : 'Could not dial that number.');
    }
  }

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for="dial-number">Phone number</label>
      <input
        id="dial-number"
        type="tel"
        value={phone}
        aria-invalid={error ? 'true' : 'false'}
        aria-describedby="dial-error"
        onInput={(event) => setPhone(event.currentTarget.value)}
      />
      <FieldError id="dial-error" text={error} />
      <button type="submit">Look up</button>
    </form>
  );
}
