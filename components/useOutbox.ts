import { useEffect, useState } from 'preact/hooks';
import { send } from '../lib/messaging';
import { type OutboxItem, watchOutbox } from '../lib/store/outbox';

/** The outbox as the background reports it, refreshed whenever any item changes. */
export function useOutbox(): OutboxItem[] {
  const [items, setItems] = useState<OutboxItem[]>([]);
  useEffect(() => {
    let alive = true;
    const refresh = () => {
      send('outbox.list', {})
        .then((result) => {
          if (alive) setItems(result.items);
        })
        .catch(() => undefined);
    };
    refresh();
    const stop = watchOutbox(refresh);
    return () => {
      alive = false;
      stop();
    };
  }, []);
  return items;
}
