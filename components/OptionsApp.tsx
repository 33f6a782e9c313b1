import { useCallback, useEffect, useState } from 'preact/hooks';
import { MessageError, send } from '../lib/messaging';
import type { Connection } from '../lib/store/connections';
import { type IndexStatus, indexStatusItem } from '../lib/store/index-status';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionList } from './ConnectionList';
import { PageSettingsForm } from './PageSettingsForm';
import { StatusMessage } from './StatusMessage';

export function OptionsApp() {
  const [connections, setConnections] = useState<Connection[]>([]);
  const [indexStatus, setIndexStatus] = useState<Record<string, IndexStatus>>({});
  const [error, setError] = useState<string>();

  const refresh = useCallback(() => {
    Promise.all([send('connections.list', {}), send('index.status', {})])
      .then(([list, index]) => {
        setConnections(list.connections);
        setIndexStatus(index.status);
        setError(undefined);
      })
      .catch((cause: unknown) =>
        setError(cause instanceof MessageError ? cause.message : 'Could not load connections.'),
      );
  }, []);
  useEffect(refresh, []);
  // A background sync moves on by itself: follow it.
  useEffect(() => indexStatusItem.watch(setIndexStatus), []);

  return (
    <main>
      <h1>Ringside · CRM connections</h1>
      <h2>Connected</h2>
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
      <ConnectionList connections={connections} indexStatus={indexStatus} onChanged={refresh} />
      <h2>Connect a CRM</h2>
      <ConnectionForm onSaved={refresh} />
      <h2>Pages</h2>
      <PageSettingsForm />
    </main>
  );
}
