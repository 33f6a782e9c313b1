import { useState } from 'preact/hooks';
import { providers } from '../lib/crm/registry';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import type { Connection } from '../lib/store/connections';
import type { IndexStatus } from '../lib/store/index-status';
import { CapabilityList } from './CapabilityList';
import { ConnectionAccess } from './ConnectionAccess';
import { ConnectionForm } from './ConnectionForm';
import { plural } from './i18n-ui';
import { LogSettings } from './LogSettings';
import { StatusMessage } from './StatusMessage';

function describeIndex(status: IndexStatus | undefined): string {
  if (!status) return t('index_notSynced');
  const when = status.lastSyncedAt ? new Date(status.lastSyncedAt).toLocaleString() : t('index_never');
  if (status.state === 'error') return t('index_failed', status.error ?? t('index_unknownError'), when);
  const syncing = status.state === 'syncing';
  if (status.count === undefined) return syncing ? t('index_syncing', when) : t('index_synced', when);
  const people = t(
    plural(status.count, 'index_people_one', 'index_people_other'),
    status.count.toLocaleString(),
  );
  return syncing ? t('index_syncingWithCount', when, people) : t('index_syncedWithCount', when, people);
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
        text: error instanceof MessageError ? error.message : t('common_didNotWork'),
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
        <summary class="muted">{t('connection_capabilities')}</summary>
        <CapabilityList capabilities={definition.capabilities} />
      </details>
      <LogSettings connection={connection} />
      <button
        type="button"
        class="secondary"
        onClick={() =>
          act(async () => {
            setStatus({ tone: 'info', text: t('connection_testingShort') });
            const result = await send('connections.test', { connectionId: connection.id });
            setStatus(
              result.success
                ? { tone: 'ok', text: t('connection_working', result.account.userName) }
                : { tone: 'error', text: result.error },
            );
            onChanged();
          })
        }
      >
        {t('connection_testShort')}
      </button>
      <button type="button" class="secondary" onClick={() => setEditing(true)}>
        {t('common_edit')}
      </button>
      {usesIndex && (
        <button
          type="button"
          class="secondary"
          onClick={() =>
            act(async () => {
              setStatus({ tone: 'info', text: t('index_syncingNow') });
              const result = await send('index.sync', { connectionId: connection.id });
              setStatus(
                result.state === 'ok'
                  ? {
                      tone: 'ok',
                      text: t(
                        plural(result.count ?? 0, 'index_syncDone_one', 'index_syncDone_other'),
                        result.count ?? 0,
                      ),
                    }
                  : { tone: 'error', text: result.error ?? t('index_syncFailed') },
              );
              onChanged();
            })
          }
        >
          {t('index_syncNow')}
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
        {t('connection_remove')}
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
  if (!connections.length) return <p class="muted">{t('connections_none')}</p>;
  return (
    <ul class="plain" aria-label={t('connections_saved')}>
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
