import { useEffect, useState } from 'preact/hooks';
import { type CrmUser, providerLabels } from '../lib/crm/adapter';
import { providers } from '../lib/crm/registry';
import { MessageError, send } from '../lib/messaging';
import type { Connection } from '../lib/store/connections';
import { logChannels, logDefaultsItem, setDefaultType } from '../lib/store/log-defaults';
import { userMapItem } from '../lib/store/user-map';
import { StatusMessage } from './StatusMessage';
import { useActivityTypes } from './useActivityTypes';
import { useStoredItem } from './useStoredItem';

/**
 * Options, per connection: which CRM user calls are logged as (matched by email on connecting, or chosen
 * here) and the activity type each channel is logged as by default.
 */

const CHANNEL_WORDS = { call: 'calls', sms: 'SMS', whatsapp: 'WhatsApp', email: 'email' } as const;

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
          setError(cause instanceof MessageError ? cause.message : `Could not list the ${crm} users.`);
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
      setError(cause instanceof MessageError ? cause.message : 'That did not work.');
    } finally {
      setBusy(false);
    }
  }

  const summary = mapping?.userId
    ? `Calls are logged as ${mapping.userName ?? mapping.userId}${mapping.source === 'email' ? ' (matched by email)' : ''}.`
    : (mapping?.reason ?? `Matching your ${crm} user by email…`);
  return (
    <div>
      <p data-testid="user-mapping">{summary}</p>
      {users && (
        <>
          <label for={id}>Log calls as</label>
          <select
            id={id}
            disabled={busy}
            value={mapping?.source === 'chosen' ? (mapping.userId ?? '') : ''}
            onChange={(event) => void choose(event.currentTarget.value)}
          >
            <option value="">The {crm} user with my account’s email</option>
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
  if (!known || known.state === 'loading') return <p class="muted">Loading {crm}’s activity types…</p>;
  if (known.state === 'error') {
    return (
      <StatusMessage tone="error">
        {known.text}{' '}
        <button type="button" class="secondary" onClick={() => refresh(connection.id)}>
          Try again
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
            <label for={id}>Activity type for {CHANNEL_WORDS[channel]}</label>
            <select
              id={id}
              value={value && known.types.some((type) => type.id === value) ? value : ''}
              onChange={(event) =>
                void setDefaultType(connection.id, channel, event.currentTarget.value || undefined).then(
                  () => setError(undefined),
                  () => setError('The default was not saved. Try again.'),
                )
              }
            >
              <option value="">Automatic</option>
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
        Reload types from {crm}
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
      <summary>Logging calls</summary>
      {capabilities.listUsers ? (
        <UserMappingSetting connection={connection} />
      ) : (
        <p class="muted">
          Calls are logged as the user of these credentials ({providerLabels[connection.provider]} does not
          list its users).
        </p>
      )}
      {capabilities.listActivityTypes && <ChannelDefaults connection={connection} />}
    </details>
  );
}
