import { useState } from 'preact/hooks';
import { providerLabels } from '../lib/crm/adapter';
import { MessageError, send } from '../lib/messaging';
import type { Connection } from '../lib/store/connections';
import { StatusMessage } from './StatusMessage';

function ConnectionRow({ connection, onChanged }: { connection: Connection; onChanged: () => void }) {
  const [status, setStatus] = useState<{ tone: 'ok' | 'error' | 'info'; text: string }>();

  async function test() {
    setStatus({ tone: 'info', text: 'Testing…' });
    try {
      const result = await send('connections.test', { connectionId: connection.id });
      setStatus(
        result.success
          ? { tone: 'ok', text: `Working: signed in as ${result.account.userName}.` }
          : { tone: 'error', text: result.error },
      );
      onChanged();
    } catch (error) {
      setStatus({ tone: 'error', text: error instanceof MessageError ? error.message : 'The test failed.' });
    }
  }

  async function remove() {
    try {
      await send('connections.remove', { connectionId: connection.id });
      onChanged();
    } catch (error) {
      setStatus({
        tone: 'error',
        text: error instanceof MessageError ? error.message : 'Could not remove it.',
      });
    }
  }

  return (
    <li class="card" data-connection-id={connection.id}>
      <strong>{providerLabels[connection.provider]}</strong>
      {connection.account && (
        <span>
          {' '}
          · {connection.account.userName}
          {connection.account.organization ? ` · ${connection.account.organization}` : ''}
        </span>
      )}
      <div class="muted">
        Key <code data-testid="key-hint">{connection.keyHint}</code> · {connection.baseUrl}
      </div>
      <button type="button" class="secondary" onClick={() => void test()}>
        Test
      </button>
      <button type="button" class="secondary" onClick={() => void remove()}>
        Remove
      </button>
      {status && <StatusMessage tone={status.tone}>{status.text}</StatusMessage>}
    </li>
  );
}

export function ConnectionList({
  connections,
  onChanged,
}: {
  connections: Connection[];
  onChanged: () => void;
}) {
  if (!connections.length) return <p class="muted">No CRM connected yet.</p>;
  return (
    <ul class="plain" aria-label="Saved connections">
      {connections.map((connection) => (
        <ConnectionRow key={connection.id} connection={connection} onChanged={onChanged} />
      ))}
    </ul>
  );
}
