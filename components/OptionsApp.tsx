import { useCallback, useEffect, useState } from 'preact/hooks';
import { MessageError, send } from '../lib/messaging';
import type { Connection } from '../lib/store/connections';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionList } from './ConnectionList';
import { StatusMessage } from './StatusMessage';

export function OptionsApp() {
  const [connections, setConnections] = useState<Connection[]>([]);
  const [error, setError] = useState<string>();

  const refresh = useCallback(() => {
    send('connections.list', {})
      .then((result) => {
        setConnections(result.connections);
        setError(undefined);
      })
      .catch((cause: unknown) =>
        setError(cause instanceof MessageError ? cause.message : 'Could not load connections.'),
      );
  }, []);
  useEffect(refresh, []);

  return (
    <main>
      <h1>Ringside · CRM connections</h1>
      <h2>Connected</h2>
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
      <ConnectionList connections={connections} onChanged={refresh} />
      <h2>Connect Close</h2>
      <ConnectionForm onSaved={refresh} />
    </main>
  );
}
