import { useEffect, useState } from 'preact/hooks';
import { type CrmUser, providerLabels } from '../lib/crm/adapter';
import { providers } from '../lib/crm/registry';
import { type MessageKey, t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import type { Connection } from '../lib/store/connections';
import { type LogChannel, logChannels, logDefaultsItem, setDefaultType } from '../lib/store/log-defaults';
import { userMapItem } from '../lib/store/user-map';
import { StatusMessage } from './StatusMessage';
import { useActivityTypes } from './useActivityTypes';
import { useStoredItem } from './useStoredItem';

/**
 * Options, per connection: which CRM user calls are logged as (matched by email on connecting, or chosen
 * here) and the activity type each channel is logged as by default.
 */

const TYPE_LABELS: Record<LogChannel, MessageKey> = {
  call: 'logSettings_typeForCall',
  sms: 'logSettings_typeForSms',
  whatsapp: 'logSettings_typeForWhatsApp',
  email: 'logSettings_typeForEmail',
};

function UserMappingSetting({ connection }: { connection: Connection }) {
  const crm = providerLabels[connection.provider];
  const mapping = useStoredItem(userMapItem)?.[connection.id];
  const [users, setUsers] = useState<CrmUser[]>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = `log-as-${connection.id}`;

  useEffect(() => {
    let alive = true;
    send('users.list', { connectionId: connection.id })
      .then((result) => {
        if (alive) setUsers(result.users);
      })
      .catch((cause: unknown) => {
        if (alive)
          setError(cause instanceof MessageError ? cause.message : t('logSettings_usersFailed', crm));
      });
    return () => {
      alive = false;
    };
  }, [connection.id]);

  async function choose(userId: string) {
    setBusy(true);
    setError(undefined);
    try {
      await send('users.map', { connectionId: connection.id, userId: userId || null });
    } catch (cause) {
      setError(cause instanceof MessageError ? cause.message : t('common_didNotWork'));
    } finally {
      setBusy(false);
    }
  }

  const summary = mapping?.userId
    ? t(
        mapping.source === 'email' ? 'logSettings_loggedAsByEmail' : 'logSettings_loggedAs',
        mapping.userName ?? mapping.userId,
      )
    : (mapping?.reason ?? t('logSettings_matching', crm));
  return (
    <div>
      <p data-testid="user-mapping">{summary}</p>
      {users && (
        <>
          <label for={id}>{t('logSettings_logAs')}</label>
          <select
            id={id}
            disabled={busy}
            value={mapping?.source === 'chosen' ? (mapping.userId ?? '') : ''}
            onChange={(event) => void choose(event.currentTarget.value)}
          >
            <option value="">{t('logSettings_userByEmail', crm)}</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.name}
                {user.email ? ` (${user.email})` : ''}
              </option>
            ))}
          </select>
        </>
      )}
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
    </div>
  );
}

function ChannelDefaults({ connection }: { connection: Connection }) {
  const crm = providerLabels[connection.provider];
  const { types, refresh } = useActivityTypes([connection.id]);
  const known = types[connection.id];
  const defaults = useStoredItem(logDefaultsItem)?.[connection.id] ?? {};
  const [error, setError] = useState<string>();
  if (!known || known.state === 'loading') return <p class="muted">{t('common_loadingTypes', crm)}</p>;
  if (known.state === 'error') {
    return (
      <StatusMessage tone="error">
        {known.text}{' '}
        <button type="button" class="secondary" onClick={() => refresh(connection.id)}>
          {t('common_tryAgain')}
        </button>
      </StatusMessage>
    );
  }
  if (!known.types.length) return null;
  return (
    <div class="row">
      {logChannels.map((channel) => {
        const id = `default-${connection.id}-${channel}`;
        const value = defaults[channel];
        return (
          <div key={channel}>
            <label for={id}>{t(TYPE_LABELS[channel])}</label>
            <select
              id={id}
              value={value && known.types.some((type) => type.id === value) ? value : ''}
              onChange={(event) =>
                void setDefaultType(connection.id, channel, event.currentTarget.value || undefined).then(
                  () => setError(undefined),
                  () => setError(t('logSettings_defaultNotSaved')),
                )
              }
            >
              <option value="">{t('common_automatic')}</option>
              {known.types.map((type) => (
                <option key={type.id} value={type.id}>
                  {type.name}
                </option>
              ))}
            </select>
          </div>
        );
      })}
      <button type="button" class="secondary" onClick={() => refresh(connection.id)}>
        {t('logSettings_reloadTypes', crm)}
      </button>
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
    </div>
  );
}

export function LogSettings({ connection }: { connection: Connection }) {
  const { capabilities } = providers[connection.provider];
  if (!capabilities.logActivity) return null;
  return (
    <details class="log-settings" open>
      <summary>{t('logSettings_title')}</summary>
      {capabilities.listUsers ? (
        <UserMappingSetting connection={connection} />
      ) : (
        <p class="muted">{t('logSettings_noUsers', providerLabels[connection.provider])}</p>
      )}
      {capabilities.listActivityTypes && <ChannelDefaults connection={connection} />}
    </details>
  );
}
