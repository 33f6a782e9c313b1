import ky, { HTTPError, type KyInstance } from 'ky';
import { z } from 'zod';
import { t } from '../../../i18n';
import { isLoopbackUrl } from '../../drafts';
import { CrmError } from '../../errors';
import { guardedResponses, guardResponse, readText, request } from '../../http';
import { type AdapterConfig, noLock } from '../../provider';
import { describeValidation, LABEL } from './mapping';

/**
 * Bullhorn's sign-in: loginInfo → authorize (code) → token → REST login → ping, and keeping that session
 * alive across service-worker restarts and extension contexts. Refresh tokens are single use, so every
 * renewal runs under the connection's lock and re-reads the stored session first.
 */

/** Renew this long before `sessionExpires` (RingCentral renews 2 minutes early). */
export const RENEW_EARLY_MS = 2 * 60_000;

export const storedSessionSchema = z.object({
  restUrl: z.string().min(1),
  bhRestToken: z.string().min(1),
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Epoch ms, from `ping`. */
  sessionExpires: z.number(),
  /** When to renew: normally 2 minutes before expiry, earlier for very short sessions. */
  renewAt: z.number().optional(),
  /** Regional URLs from loginInfo, so a refresh needs no loginInfo call. */
  oauthUrl: z.string().min(1),
  loginUrl: z.string().min(1),
  /** Whose tokens these are: a session for other credentials is never reused. */
  owner: z.string(),
});
export type BullhornSession = z.infer<typeof storedSessionSchema>;

/** Fetches the authorize URL and returns the final response (after redirects). Injectable for tests. */
export type AuthorizeFn = (url: string, signal: AbortSignal) => Promise<Response>;

export interface BullhornOptions {
  authorize?: AuthorizeFn;
}

/**
 * In a service worker the 302's Location is hidden (`redirect: 'manual'` gives an opaque response), so the
 * redirect is followed and the code is read from the final URL. That needs redirect_uri to be reachable.
 */
const defaultAuthorize: AuthorizeFn = (url, signal) =>
  fetch(url, { redirect: 'follow', credentials: 'omit', signal });

/**
 * Bullhorn's answers name the servers Ringside signs in to and sends tokens to (loginInfo's oauthUrl and
 * restUrl, login's restUrl). Only https:// ones are used (plain http:// only when the configured URL is on
 * this computer, as the sandbox is), so a tampered answer cannot send the password over plain http.
 */
function bullhornServer(value: string, baseUrl: string): string {
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (
    url?.protocol === 'https:' ||
    (url?.protocol === 'http:' && isLoopbackUrl(value) && isLoopbackUrl(baseUrl))
  ) {
    return value;
  }
  throw new CrmError({
    kind: 'invalid-response',
    message: t('bullhorn_serverNotHttps'),
  });
}

const loginInfoSchema = z.object({ oauthUrl: z.string().min(1), restUrl: z.string().min(1) });
const tokenSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().nullish(),
});
const loginSchema = z.object({ BhRestToken: z.string().min(1), restUrl: z.string().min(1) });
const pingSchema = z.object({ sessionExpires: z.number() });
const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().nullish() });
const restErrorSchema = z.object({
  errorMessageKey: z.string().nullish(),
  errorMessage: z.string().nullish(),
});

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

function withoutSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function authError(message: string): CrmError {
  return new CrmError({ kind: 'auth', message });
}

async function jsonOf(response: Response): Promise<unknown> {
  try {
    return await response.clone().json();
  } catch {
    return undefined;
  }
}

export class SessionManager {
  private cached: BullhornSession | undefined;
  private renewing: Promise<BullhornSession> | undefined;
  private readonly http: KyInstance;
  private readonly now: () => number;
  private readonly owner: string;
  private readonly lockName: string;

  constructor(
    private readonly config: AdapterConfig,
    private readonly options: BullhornOptions = {},
  ) {
    this.http = ky.create({
      headers: { Accept: 'application/json' },
      timeout: config.timeoutMs ?? 15_000,
      retry: 0,
      credentials: 'omit',
      // Bullhorn answers 307 when a call reaches the wrong data center; fetch repeats it at the new address.
      redirect: 'follow',
      hooks: guardedResponses(LABEL, config.timeoutMs ?? 15_000),
    });
    this.now = config.now ?? Date.now;
    const credentials = config.credentials;
    this.owner = `${credentials.clientId ?? ''}\n${credentials.username ?? ''}\n${config.baseUrl}`;
    this.lockName = `bullhorn-session:${config.connectionId}`;
  }

  /** The last REST URL seen, for deep links. */
  get restUrl(): string | undefined {
    return this.cached?.restUrl;
  }

  private fresh(session: BullhornSession | undefined): session is BullhornSession {
    if (!session) return false;
    return this.now() < (session.renewAt ?? session.sessionExpires - RENEW_EARLY_MS);
  }

  private async load(): Promise<BullhornSession | undefined> {
    const parsed = storedSessionSchema.safeParse(await this.config.session?.get());
    if (parsed.success && parsed.data.owner === this.owner) this.cached = parsed.data;
    return this.cached;
  }

  /** A session that is good for at least a while; signs in or renews when needed. */
  async current(): Promise<BullhornSession> {
    const session = this.cached ?? (await this.load());
    if (this.fresh(session)) return session;
    return this.renew(session);
  }

  /**
   * Replaces `stale` (expiring, or refused with 401). Inside the lock the store is read again: another
   * context may have renewed already, and its refresh token is the only one still valid.
   */
  renew(stale: BullhornSession | undefined): Promise<BullhornSession> {
    this.renewing ??= (this.config.lock ?? noLock)(this.lockName, async () => {
      const stored = await this.load();
      if (stored && stored.bhRestToken !== stale?.bhRestToken && this.fresh(stored)) return stored;
      const next = stored?.refreshToken ? await this.refreshOrSignIn(stored) : await this.signIn();
      this.cached = next;
      await this.config.session?.set(next);
      return next;
    }).finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async refreshOrSignIn(stored: BullhornSession): Promise<BullhornSession> {
    try {
      const tokens = await this.token(stored.oauthUrl, {
        grant_type: 'refresh_token',
        refresh_token: stored.refreshToken,
      });
      return await this.restLogin(stored.oauthUrl, stored.loginUrl, tokens);
    } catch (error) {
      // invalid_grant (refresh token spent or revoked) or a refused login: start over with the password.
      // Network and server failures are not worth a full sign-in and surface as they are.
      if (error instanceof CrmError && (error.kind === 'auth' || error.kind === 'validation')) {
        return this.signIn();
      }
      throw error;
    }
  }

  /** The full password flow. */
  private async signIn(): Promise<BullhornSession> {
    const { credentials } = this.config;
    const username = credentials.username ?? '';
    const info = await this.call(loginInfoSchema, 'loginInfo', () =>
      this.http.get(`${withSlash(this.config.baseUrl)}loginInfo`, { searchParams: { username } }),
    );
    const oauthUrl = withoutSlash(bullhornServer(info.oauthUrl, this.config.baseUrl));
    const code = await this.authorizationCode(oauthUrl);
    const redirectUri = credentials.redirectUri;
    const tokens = await this.token(oauthUrl, {
      grant_type: 'authorization_code',
      code,
      ...(redirectUri ? { redirect_uri: redirectUri } : {}),
    });
    return this.restLogin(oauthUrl, withSlash(bullhornServer(info.restUrl, this.config.baseUrl)), tokens);
  }

  private async authorizationCode(oauthUrl: string): Promise<string> {
    const { credentials } = this.config;
    const clientId = credentials.clientId ?? '';
    const params = new URLSearchParams({
      client_id: clientId,
      response_type: 'code',
      action: 'Login',
      username: credentials.username ?? '',
      password: credentials.password ?? '',
    });
    // The password goes in this URL's query: the headless authorize is documented only as a GET ([B-SDK],
    // [B-RC], [B-PHP] in crm-contracts.md). It travels over https to Bullhorn's auth server only, from the
    // service worker (no history, no Referer); SECURITY.md says so.
    // Without redirect_uri Bullhorn uses the one registered for the client id. An optional hidden
    // `redirectUri` credential overrides it (not in the form).
    if (credentials.redirectUri) params.set('redirect_uri', credentials.redirectUri);
    const authorize = this.options.authorize ?? defaultAuthorize;
    let response: Response;
    let finalUrl: URL | undefined;
    const timeoutMs = this.config.timeoutMs ?? 15_000;
    try {
      const answer = await authorize(`${oauthUrl}/authorize?${params}`, AbortSignal.timeout(timeoutMs));
      // Where the redirects ended (the guarded copy of the response has no URL of its own).
      finalUrl = answer.url ? new URL(answer.url) : undefined;
      response = guardResponse(answer, LABEL, timeoutMs);
    } catch (error) {
      if (error instanceof CrmError) throw error;
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new CrmError({
          kind: 'timeout',
          message: t('bullhorn_signInTimeout'),
        });
      }
      throw new CrmError({
        kind: 'network',
        message: t('bullhorn_signInUnreachable'),
      });
    }
    const code = finalUrl?.searchParams.get('code');
    if (code) return code;
    const oauthError = finalUrl?.searchParams.get('error');
    if (oauthError) {
      throw authError(
        t('bullhorn_signInRefused', finalUrl?.searchParams.get('error_description') || oauthError),
      );
    }
    if (response.status >= 500) {
      throw new CrmError({
        kind: 'unavailable',
        message: t('bullhorn_signInUnavailable', response.status),
      });
    }
    let page = '';
    try {
      page = await readText(response);
    } catch (error) {
      if (error instanceof CrmError) throw error;
    }
    if (/invalid client id/i.test(page)) {
      throw authError(t('bullhorn_unknownClientId'));
    }
    if (/terms of service|terms and conditions|consent|\bagree\b|accept/i.test(page)) {
      throw authError(
        t(
          'bullhorn_acceptTerms',
          `${oauthUrl}/authorize?client_id=${encodeURIComponent(clientId)}&response_type=code`,
        ),
      );
    }
    // Bad credentials come back as Bullhorn's HTML login page, not as an error status.
    throw authError(t('bullhorn_badPassword'));
  }

  private async token(
    oauthUrl: string,
    params: Record<string, string>,
  ): Promise<z.infer<typeof tokenSchema>> {
    const { credentials } = this.config;
    return this.call(tokenSchema, 'token', () =>
      this.http.post(`${oauthUrl}/token`, {
        // Form-encoded in the POST body, as OAuth 2 specifies, so the client secret, code and refresh token
        // stay out of URLs (and of any log of them). crm-contracts.md cites query parameters ([B-SDK],
        // [B-RC]); [B-PHP] sends a form body through the League OAuth2 client's default token request.
        // UNCONFIRMED against Bullhorn's own docs: if it ever refuses the body, the query form is the fallback.
        body: new URLSearchParams({
          ...params,
          client_id: credentials.clientId ?? '',
          client_secret: credentials.clientSecret ?? '',
        }),
      }),
    );
  }

  private async restLogin(
    oauthUrl: string,
    loginUrl: string,
    tokens: z.infer<typeof tokenSchema>,
  ): Promise<BullhornSession> {
    const login = await this.call(loginSchema, 'login', () =>
      this.http.get(`${loginUrl}login`, {
        searchParams: { version: '2.0', access_token: tokens.access_token },
      }),
    );
    const restUrl = withSlash(bullhornServer(login.restUrl, this.config.baseUrl));
    const ping = await this.call(pingSchema, 'ping', () =>
      this.http.get(`${restUrl}ping`, { headers: { BhRestToken: login.BhRestToken } }),
    );
    const now = this.now();
    const lifetime = Math.max(0, ping.sessionExpires - now);
    return {
      restUrl,
      bhRestToken: login.BhRestToken,
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token,
      sessionExpires: ping.sessionExpires,
      renewAt: ping.sessionExpires - Math.min(RENEW_EARLY_MS, lifetime / 2),
      oauthUrl,
      loginUrl,
      owner: this.owner,
    };
  }

  /** One sign-in request, with OAuth's and Bullhorn's error bodies turned into sentences. */
  private call<T>(schema: z.ZodType<T>, step: string, send: () => Promise<Response>): Promise<T> {
    return request(
      LABEL,
      schema,
      async () => {
        try {
          return await send();
        } catch (error) {
          if (error instanceof HTTPError) {
            const mapped = signInError(step, error.response.status, await jsonOf(error.response));
            if (mapped) throw mapped;
          }
          throw error;
        }
      },
      describeValidation,
    );
  }
}

function signInError(step: string, status: number, body: unknown): CrmError | undefined {
  const oauth = oauthErrorSchema.safeParse(body);
  if (oauth.success) {
    if (oauth.data.error === 'invalid_client') {
      return authError(t('bullhorn_invalidClient'));
    }
    if (oauth.data.error === 'invalid_grant') {
      return authError(t('bullhorn_invalidGrant'));
    }
    return authError(t('bullhorn_signInRefused', oauth.data.error_description || oauth.data.error));
  }
  const rest = restErrorSchema.safeParse(body);
  if (step === 'login' && (status === 400 || status === 401) && rest.success) {
    return authError(t('bullhorn_loginRefused'));
  }
  if (status === 401) {
    return authError(t('bullhorn_signIn401'));
  }
  return undefined;
}
