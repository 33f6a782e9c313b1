import { useEffect, useState } from 'preact/hooks';
import type { ParsedItem } from '../lib/store/item';

/** A parsed storage item, kept current as any context changes it; undefined until first read. */
export function useStoredItem<T>(item: ParsedItem<T>): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    let alive = true;
    void item.get().then((first) => {
      if (alive) setValue(first);
    });
    const stop = item.watch(setValue);
    return () => {
      alive = false;
      stop();
    };
  }, [item]);
  return value;
}
