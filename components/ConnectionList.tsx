import { useState } from 'preact/hooks';
import { providers } from '../lib/crm/registry';
import { MessageError, send } from '../lib/messaging';
import type { Connection } from '../lib/store/connections';
import type { IndexStatus } from '../lib/store/index-status';
import { CapabilityList } from './CapabilityList';
import { ConnectionAccess } from './ConnectionAccess';
import { ConnectionForm } from './ConnectionForm';
import { LogSettings } from './LogSettings';
import { StatusMessage } from './StatusMessage';

function describeIndex(status: IndexStatus | undefined): string {
  if (!status) return 'Local index: not synced yet.';
  const when = status.lastSyncedAt ? new Date(status.lastSyncedAt).toLocaleString() : 'never';
  const count = status.count === undefined ? '' : ` · ${status.count.toLocaleString()} people`;
  if (status.state === 'syncing') return `Local index: syncing… (last synced ${when}${count})`;
  if (status.state === 'error')
    return `Local index: last sync failed: ${status.error ?? 'unknown error'} (last good sync ${when})`;
  return `Local index: last synced ${when}${count}`;
}

function ConnectionRow({
  connection,
  indexStatus,
  onChanged,
}: {
  connection: Connection;
  indexStatus: IndexStatus | undefined;
  onChanged: () => void;
}) {
  const [status, setStatus] = useState<{ tone: 'ok' | 'error' | 'info'; text: string }>();
  const [editing, setEditing] = useState(false);
  const definition = providers[connection.provider];
  const usesIndex =
    definition.capabilities.searchByPhone === 'index' || definition.capabilities.searchByEmail === 'index';

  async function act(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      setStatus({
        tone: 'error',
        text: error instanceof MessageError ? error.message : 'That did not work.',
      });
    }
  }

  if (editing) {
    return (
      <li>
        <ConnectionForm
          connection={connection}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            onChanged();
          }}
        />
      </li>
    );
  }

  return (
    <li class="card" data-connection-id={connection.id} data-provider={connection.provider}>
      <strong>{definition.label}</strong>
      {connection.account && (
        <span>
          {' '}
          · {connection.account.userName}
          {connection.account.organization ? ` · ${connection.account.organization}` : ''}
        </span>
      )}
      <div class="muted">
        {Object.entries(connection.secretHints).map(([name, hint]) => (
          <span key={name}>
            {definition.fields.find((field) => field.name === name)?.label ?? name}{' '}
            <code data-testid="key-hint">{hint}</code> ·{' '}
          </span>
        ))}
        {connection.baseUrl}
      </div>
      <ConnectionAccess connection={connection} />
      {usesIndex && (
        <div class="muted" data-testid="index-status">
          {describeIndex(indexStatus)}
        </div>
      )}
      <details>
        <summary class="muted">What Ringside can do here</summary>
        <CapabilityList capabilities={definition.capabilities} />
      </details>
      <LogSettings connection={connection} />
      <button
        type="button"
        class="secondary"
        onClick={() =>
          act(async () => {
            setStatus({ tone: 'info', text: 'Testing…' });
            const result = await send('connections.test', { connectionId: connection.id });
            setStatus(
              result.success
                ? { tone: 'ok', text: `Working: signed in as ${result.account.userName}.` }
                : { tone: 'error', text: result.error },
            );
            onChanged();
          })
        }
      >
        Test
      </button>
      <button type="button" class="secondary" onClick={() => setEditing(true)}>
        Edit
      </button>
      {usesIndex && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            act(async () => {
              setStatus({ tone: 'info', text: 'Syncing the local index…' });
              const result = await send('index.sync', { connectionId: connection.id });
              setStatus(
                result.state === 'ok'
                  ? { tone: 'ok', text: `Synced ${result.count ?? 0} people.` }
                  : { tone: 'error', text: result.error ?? 'The sync failed.' },
              );
              onChanged();
            })
          }
        >
          Sync now
        </button>
      )}
      <button
        type="button"
        class="secondary"
        onClick={() =>
          act(async () => {
            await send('connections.remove', { connectionId: connection.id });
            onChanged();
          })
        }
      >
        Remove
      </button>
      {status && <StatusMessage tone={status.tone}>{status.text}</StatusMessage>}
    </li>
  );
}

export function ConnectionList({
  connections,
  indexStatus,
  onChanged,
}: {
  connections: Connection[];
  indexStatus: Record<string, IndexStatus>;
  onChanged: () => void;
}) {
  if (!connections.length) return <p class="muted">No CRM connected yet.</p>;
  return (
    <ul class="plain" aria-label="Saved connections">
      {connections.map((connection) => (
        <ConnectionRow
          key={connection.id}
          connection={connection}
          indexStatus={indexStatus[connection.id]}
          onChanged={onChanged}
        />
      ))}
    </ul>
  );
}
