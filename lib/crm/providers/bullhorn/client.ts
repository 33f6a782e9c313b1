import { HTTPError, type KyInstance } from 'ky';
import type { z } from 'zod';
import { t } from '../../../i18n';
import { CrmError } from '../../errors';
import { createHttp, request } from '../../http';
import type { AdapterConfig } from '../../provider';
import { describeValidation, LABEL } from './mapping';
import type { BullhornSession, SessionManager } from './session';

/** Sends one REST call under restUrl with the session's BhRestToken header; parses with `schema`. */
export type BullhornApi = <T>(
  schema: z.ZodType<T>,
  send: (http: KyInstance) => Promise<Response>,
) => Promise<T>;

export function createRestApi(config: AdapterConfig, sessions: SessionManager): BullhornApi {
  const clients = new Map<string, KyInstance>();

  function rest(session: BullhornSession): KyInstance {
    let client = clients.get(session.bhRestToken);
    if (!client) {
      clients.clear();
      client = createHttp({
        baseUrl: session.restUrl,
        label: LABEL,
        headers: { BhRestToken: session.bhRestToken },
        redirect: 'follow',
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
      });
      clients.set(session.bhRestToken, client);
    }
    return client;
  }

  /** A 401 (session expired or revoked) renews the session and tries once more. */
  return async function api<T>(
    schema: z.ZodType<T>,
    send: (http: KyInstance) => Promise<Response>,
  ): Promise<T> {
    let session = await sessions.current();
    let renewed = false;
    for (;;) {
      let stale = false;
      try {
        return await request(
          LABEL,
          schema,
          async () => {
            try {
              return await send(rest(session));
            } catch (error) {
              if (error instanceof HTTPError && error.response.status === 401) {
                if (renewed) {
                  throw new CrmError({
                    kind: 'auth',
                    message: t('bullhorn_sessionEnded'),
                  });
                }
                stale = true;
              }
              throw error;
            }
          },
          describeValidation,
        );
      } catch (error) {
        if (!stale) throw error;
        renewed = true;
        session = await sessions.renew(session);
      }
    }
  };
}
