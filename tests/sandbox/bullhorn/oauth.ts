import { randomUUID } from 'node:crypto';
import { escapeHtml } from '../pages';
import { CORP_TOKEN } from './model';
import { bhError, type Context, htmlPage, type Reply, ReplyError } from './reply';

/**
 * Bullhorn's sign-in: loginInfo, the OAuth authorize and token endpoints, and the REST login. Bad
 * credentials and a missing terms-of-service consent answer with HTML pages (200), as the real server does.
 */

export const PREFIX = '/bullhorn/';
/** Paths under this retired data center answer 307 to the current one. */
export const OLD_DATA_CENTER = 'dc-old/';

export function restUrlOf(origin: string): string {
  return `${origin}${PREFIX}rest-services/${CORP_TOKEN}/`;
}

export function loginInfo(context: Context): Reply {
  const username = context.params.get('username');
  if (!username) throw bhError(400, 'Missing required parameter: username');
  const base = `${context.origin}${PREFIX}${context.state.loginInfoDataCenter === 'old' ? OLD_DATA_CENTER : ''}`;
  return {
    status: 200,
    json: {
      atsUrl: `${context.origin}${PREFIX}ats`,
      oauthUrl: `${base}oauth`,
      restUrl: `${base}rest-services/`,
      novoUrl: `${context.origin}${PREFIX}record`,
      dataCenterId: 99,
      superClusterId: 99,
    },
  };
}

function loginPage(message: string | undefined, clientId: string): string {
  return htmlPage(
    'Bullhorn Login',
    `<h1>Bullhorn Login</h1>${message ? `<p class="error">${escapeHtml(message)}</p>` : ''}
<form method="post" action="authorize"><input type="hidden" name="client_id" value="${escapeHtml(clientId)}">
<label>Username <input name="username"></label><label>Password <input name="password" type="password"></label>
<button>Log in</button></form>`,
  );
}

function consentPage(clientId: string): string {
  return htmlPage(
    'Bullhorn: Terms of Service',
    `<h1>Terms of Service</h1><p>The application ${escapeHtml(clientId)} wants access to your Bullhorn data.</p>
<p>Please read and accept the Terms of Service to continue.</p><form method="post"><button name="agree" value="true">Agree</button></form>`,
  );
}

export function authorize(context: Context): Reply {
  const { state, params } = context;
  const clientId = params.get('client_id') ?? '';
  if (!state.clients.some((client) => client.clientId === clientId)) {
    return { status: 200, html: htmlPage('Error', '<h1>Invalid Client Id</h1>') };
  }
  if (params.get('response_type') !== 'code') {
    return { status: 400, html: htmlPage('Error', '<h1>Unsupported response_type</h1>') };
  }
  if (params.get('action') !== 'Login') return { status: 200, html: loginPage(undefined, clientId) };
  const username = params.get('username') ?? '';
  const user = state.apiUsers.find((candidate) => candidate.username === username);
  if (!user || user.password !== (params.get('password') ?? '')) {
    return { status: 200, html: loginPage('Invalid username or password.', clientId) };
  }
  if (!user.consented) return { status: 200, html: consentPage(clientId) };
  const redirectUri = params.get('redirect_uri') ?? undefined;
  const code = `${CORP_TOKEN}:${randomUUID()}`;
  state.authCodes.set(code, { clientId, username, redirectUri, expiresAt: state.now() + 5 * 60_000 });
  state.issued.codes += 1;
  const location = new URL(redirectUri ?? `${context.origin}${PREFIX}oauth/done`);
  location.searchParams.set('code', code);
  location.searchParams.set('client_id', clientId);
  const stateParam = params.get('state');
  if (stateParam) location.searchParams.set('state', stateParam);
  return { status: 302, headers: { Location: location.toString() } };
}

export function oauthDone(): Reply {
  return {
    status: 200,
    html: htmlPage('Bullhorn sign-in complete', '<h1>Signed in</h1><p>You can close this page.</p>'),
  };
}

function oauthError(status: number, error: string, description: string): ReplyError {
  return new ReplyError({ status, json: { error, error_description: description } });
}

function issueTokens(context: Context, clientId: string, username: string): Reply {
  const { state } = context;
  const accessToken = `${CORP_TOKEN}:${randomUUID()}`;
  const refreshToken = `${CORP_TOKEN}:${randomUUID()}`;
  state.accessTokens.set(accessToken, {
    clientId,
    username,
    expiresAt: state.now() + state.accessTokenTtlSeconds * 1000,
    used: false,
  });
  state.refreshTokens.set(refreshToken, { clientId, username, used: false });
  return {
    status: 200,
    json: {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: state.accessTokenTtlSeconds,
      refresh_token: refreshToken,
    },
  };
}

/**
 * `params` holds the query and a form-encoded body alike (api.ts merges them): crm-contracts.md documents the
 * query form, OAuth 2 and the League client behind [B-PHP] send the body, and Ringside sends the body.
 */
export function token(context: Context): Reply {
  const { state, params } = context;
  const clientId = params.get('client_id') ?? '';
  const client = state.clients.find((candidate) => candidate.clientId === clientId);
  if (!client || client.clientSecret !== params.get('client_secret')) {
    throw oauthError(401, 'invalid_client', 'Client authentication failed.');
  }
  const grant = params.get('grant_type');
  if (grant === 'authorization_code') {
    const code = params.get('code') ?? '';
    const issued = state.authCodes.get(code);
    state.authCodes.delete(code);
    const redirectUri = params.get('redirect_uri') ?? undefined;
    if (
      !issued ||
      issued.clientId !== clientId ||
      issued.expiresAt <= state.now() ||
      (issued.redirectUri !== undefined && issued.redirectUri !== redirectUri)
    ) {
      throw oauthError(400, 'invalid_grant', 'Invalid, expired, or revoked authorization code.');
    }
    state.issued.passwordTokens += 1;
    return issueTokens(context, clientId, issued.username);
  }
  if (grant === 'refresh_token') {
    const refresh = state.refreshTokens.get(params.get('refresh_token') ?? '');
    if (!refresh || refresh.used || refresh.clientId !== clientId) {
      throw oauthError(400, 'invalid_grant', 'Invalid, expired, or revoked refresh token.');
    }
    // Single use: the first successful refresh spends it.
    refresh.used = true;
    state.issued.refreshes += 1;
    return issueTokens(context, clientId, refresh.username);
  }
  throw oauthError(400, 'unsupported_grant_type', `Unsupported grant type: ${grant ?? '(none)'}`);
}

export function login(context: Context): Reply {
  const { state, params } = context;
  if (!params.get('version')) throw bhError(400, 'Missing required parameter: version');
  const accessToken = params.get('access_token') ?? '';
  const entry = state.accessTokens.get(accessToken);
  // The access token is spent by its first login (jiminny/oauth2-bullhorn); renew with the refresh token.
  if (!entry || entry.used || entry.expiresAt <= state.now()) {
    throw bhError(400, 'Invalid or expired OAuth access token.', 'errors.authentication.invalidOAuthToken');
  }
  entry.used = true;
  const ttlMinutes = Number(params.get('ttl'));
  const ttlMs = Number.isFinite(ttlMinutes) && ttlMinutes > 0 ? ttlMinutes * 60_000 : state.sessionTtlMs;
  const bhRestToken = randomUUID();
  state.sessions.set(bhRestToken, { username: entry.username, expiresAt: state.now() + ttlMs });
  state.issued.logins += 1;
  return { status: 200, json: { BhRestToken: bhRestToken, restUrl: restUrlOf(context.origin) } };
}
