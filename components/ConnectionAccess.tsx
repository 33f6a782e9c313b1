import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { allOrigins, connectionOrigins } from '../lib/access/crm-origins';
import { patternHost } from '../lib/access/patterns';
import { missingOrigins } from '../lib/access/request';
import { t } from '../lib/i18n';
import type { Connection } from '../lib/store/connections';
import { joinAnd } from './i18n-ui';
import { StatusMessage } from './StatusMessage';

/**
 * Shown on a saved connection whose hosts the browser no longer lets Ringside reach (removed in the
 * browser's settings, or never granted): says so and asks again from the recruiter's click.
 */
export function ConnectionAccess({ connection }: { connection: Pick<Connection, 'provider' | 'baseUrl'> }) {
  const [missing, setMissing] = useState<string[]>([]);
  const [refused, setRefused] = useState(false);
  const { provider, baseUrl } = connection;

  useEffect(() => {
    let alive = true;
    const check = () =>
      void missingOrigins(allOrigins(connectionOrigins({ provider, baseUrl }))).then((hosts) => {
        if (alive) setMissing(hosts);
      });
    check();
    browser.permissions.onAdded.addListener(check);
    browser.permissions.onRemoved.addListener(check);
    return () => {
      alive = false;
      browser.permissions.onAdded.removeListener(check);
      browser.permissions.onRemoved.removeListener(check);
    };
  }, [provider, baseUrl]);

  if (!missing.length) return null;
  return (
    <StatusMessage tone="error">
      {t('access_lost', joinAnd(missing.map(patternHost)))}{' '}
      <button
        type="button"
        class="secondary"
        onClick={() => {
          // Loopback too: the browser's site-access settings can withhold even install-time hosts.
          browser.permissions.request({ origins: missing }).then(
            (granted) => setRefused(!granted),
            () => setRefused(true),
          );
        }}
      >
        {t('access_grant')}
      </button>
      {refused && ` ${t('access_refused')}`}
    </StatusMessage>
  );
}
