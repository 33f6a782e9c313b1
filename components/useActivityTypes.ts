import { useEffect, useState } from 'preact/hooks';
import type { ActivityType } from '../lib/crm/adapter';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';

export type TypesState =
  | { state: 'loading' }
  | { state: 'ok'; types: ActivityType[]; outcomes: ActivityType[] }
  | { state: 'error'; text: string };

/** Each connection's activity types and outcomes, as the background has them (cached per browser session). */
export function useActivityTypes(connectionIds: string[]): {
  types: Record<string, TypesState>;
  refresh: (connectionId: string) => void;
} {
  const [types, setTypes] = useState<Record<string, TypesState>>({});
  const load = (connectionId: string, refresh: boolean, alive: () => boolean) => {
    setTypes((current) => ({ ...current, [connectionId]: { state: 'loading' } }));
    send('meta.activityTypes', { connectionId, ...(refresh ? { refresh } : {}) })
      .then((result) => {
        if (!alive()) return;
        setTypes((current) => ({
          ...current,
          [connectionId]: {
            state: 'ok',
            types: result.types.filter((type) => type.kind === 'type'),
            outcomes: result.types.filter((type) => type.kind === 'outcome'),
          },
        }));
      })
      .catch((error: unknown) => {
        if (!alive()) return;
        const text = error instanceof MessageError ? error.message : t('types_loadFailed');
        setTypes((current) => ({ ...current, [connectionId]: { state: 'error', text } }));
      });
  };
  const key = connectionIds.join('|');
  useEffect(() => {
    let alive = true;
    for (const connectionId of connectionIds) load(connectionId, false, () => alive);
    return () => {
      alive = false;
    };
  }, [key]);
  return { types, refresh: (connectionId) => load(connectionId, true, () => true) };
}
