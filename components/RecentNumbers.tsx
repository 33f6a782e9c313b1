import { useEffect, useState } from 'preact/hooks';
import { t } from '../lib/i18n';
import { formatInternational } from '../lib/phone/normalize';
import { clearRecentNumbers, type RecentNumber, recentNumbersItem } from '../lib/store/recent-numbers';

/** The last ten numbers dialled, each one click from dialling again, with a "Clear". */
export function RecentNumbers({ onDial }: { onDial: (phone: string) => void }) {
  const [recent, setRecent] = useState<RecentNumber[]>([]);
  useEffect(() => {
    void recentNumbersItem.get().then(setRecent);
    return recentNumbersItem.watch(setRecent);
  }, []);
  if (!recent.length) return null;
  return (
    <section aria-labelledby="recent-heading" class="recent">
      <div class="row recent-head">
        <h2 id="recent-heading">{t('recent_title')}</h2>
        <button
          type="button"
          class="secondary small"
          aria-label={t('recent_clearLabel')}
          onClick={() => void clearRecentNumbers()}
        >
          {t('recent_clear')}
        </button>
      </div>
      <ul class="plain recent-list">
        {recent.map((entry) => (
          <li key={entry.phone}>
            <button
              type="button"
              class="secondary recent-number"
              data-testid="recent-number"
              onClick={() => onDial(entry.phone)}
            >
              <span class="recent-phone">{formatInternational(entry.phone)}</span>
              {entry.name && <span class="recent-name"> · {entry.name}</span>}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
