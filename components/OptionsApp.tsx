import { useCallback, useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
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
        setError(cause instanceof MessageError ? cause.message : t('options_loadFailed')),
      );
  }, []);
  useEffect(refresh, []);
  // A background sync moves on by itself: follow it.
  useEffect(() => indexStatusItem.watch(setIndexStatus), []);

  return (
    <main>
      <h1>{t('options_heading')}</h1>
      <h2>{t('options_connected')}</h2>
      {error && <StatusMessage tone="error">{error}</StatusMessage>}
      <ConnectionList connections={connections} indexStatus={indexStatus} onChanged={refresh} />
      <h2>{t('common_connectCrm')}</h2>
      <ConnectionForm onSaved={refresh} />
      <h2>{t('options_pages')}</h2>
      <PageSettingsForm />
    </main>
  );
}
