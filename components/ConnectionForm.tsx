import { useState } from 'preact/hooks';
import { CLOSE_DEFAULT_BASE_URL } from '../lib/crm/providers/close';
import { MessageError, send } from '../lib/messaging';
import { type ConnectionTest, connectionDraftSchema } from '../lib/protocol';
import { fieldErrors } from '../lib/validation';
import { FieldError } from './FieldError';
import { StatusMessage } from './StatusMessage';

type Outcome = { tone: 'ok' | 'error' | 'info'; text: string } | undefined;

function describeTest(result: ConnectionTest): Outcome {
  if (!result.success) return { tone: 'error', text: result.error };
  const { userName, organization } = result.account;
  return {
    tone: 'ok',
    text: `Connected to Close as ${userName}${organization ? ` (${organization})` : ''}.`,
  };
}

function isLoopback(url: string): boolean {
  try {
    return ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** Add a Close connection: key, optional API URL, test, save. What the user typed stays until saved. */
export function ConnectionForm({ onSaved }: { onSaved: () => void }) {
  const [apiKey, setApiKey] = useState('');
  const [customUrl, setCustomUrl] = useState(false);
  const [baseUrl, setBaseUrl] = useState(CLOSE_DEFAULT_BASE_URL);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState<'test' | 'save' | undefined>();

  function draft() {
    const parsed = connectionDraftSchema.safeParse({
      provider: 'close',
      apiKey,
      baseUrl: customUrl ? baseUrl : CLOSE_DEFAULT_BASE_URL,
    });
    setErrors(parsed.success ? {} : fieldErrors(parsed.error));
    return parsed.success ? parsed.data : undefined;
  }

  async function run(action: 'test' | 'save') {
    const valid = draft();
    if (!valid) {
      setOutcome(undefined);
      return;
    }
    setBusy(action);
    setOutcome({ tone: 'info', text: action === 'test' ? 'Testing the connection…' : 'Saving…' });
    try {
      if (action === 'test') {
        setOutcome(describeTest(await send('connections.test', { draft: valid })));
      } else {
        await send('connections.save', valid);
        setApiKey('');
        setOutcome({
          tone: 'ok',
          text: 'Saved. The key is stored in Ringside’s background and shown masked below.',
        });
        onSaved();
      }
    } catch (error) {
      setOutcome({
        tone: 'error',
        text: error instanceof MessageError ? error.message : 'Something went wrong.',
      });
      if (error instanceof MessageError && error.fieldErrors) setErrors(error.fieldErrors);
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <form
      class="card"
      aria-label="Add a Close connection"
      onSubmit={(event) => {
        event.preventDefault();
        void run('save');
      }}
    >
      <label for="api-key">Close API key</label>
      <input
        id="api-key"
        type="password"
        autocomplete="off"
        spellcheck={false}
        placeholder="api_…"
        value={apiKey}
        aria-invalid={errors.apiKey ? 'true' : 'false'}
        aria-describedby="api-key-error"
        onInput={(event) => setApiKey(event.currentTarget.value)}
      />
      <FieldError id="api-key-error" text={errors.apiKey} />
      <p class="muted">In Close: Settings → Developer → API Keys. The key is never shown again once saved.</p>

      <label class="row" style={{ fontWeight: 'normal' }}>
        <input
          type="checkbox"
          style={{ flex: '0 0 auto' }}
          checked={customUrl}
          onChange={(event) => setCustomUrl(event.currentTarget.checked)}
        />
        <span>Use a different API URL (for a test server)</span>
      </label>
      {customUrl && (
        <>
          <label for="base-url">API URL</label>
          <input
            id="base-url"
            type="url"
            value={baseUrl}
            aria-invalid={errors.baseUrl ? 'true' : 'false'}
            aria-describedby="base-url-error"
            onInput={(event) => setBaseUrl(event.currentTarget.value)}
          />
          <FieldError id="base-url-error" text={errors.baseUrl} />
          {isLoopback(baseUrl) && (
            <StatusMessage tone="info">
              This is a test server on your own computer, not your real Close account.
            </StatusMessage>
          )}
        </>
      )}

      <div>
        <button
          type="button"
          class="secondary"
          disabled={busy !== undefined}
          onClick={() => void run('test')}
        >
          Test connection
        </button>
        <button type="submit" disabled={busy !== undefined}>
          Save
        </button>
      </div>
      {outcome && <StatusMessage tone={outcome.tone}>{outcome.text}</StatusMessage>}
    </form>
  );
}
