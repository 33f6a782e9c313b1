/**
 * Match patterns for the sites and APIs Ringside may reach. A pattern covers one host (or every
 * subdomain of one, `*.example.com`) on every port: browsers ignore ports in host permissions.
 * Only https sites qualify, plus plain http on loopback for the local sandbox CRM.
 */

/** Granted at install: the sandbox, the demo and the end-to-end tests run on loopback. */
export const LOOPBACK_PATTERNS: readonly string[] = ['http://localhost/*', 'http://127.0.0.1/*'];

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
const PATTERN =
  /^(https):\/\/((?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)\/\*$|^(http):\/\/(localhost|127\.0\.0\.1)\/\*$/;

/** Whether `value` is a pattern Ringside would ever ask for. */
export function isSitePattern(value: string): boolean {
  return PATTERN.test(value);
}

/** The pattern covering every page of the host `url` is on; undefined for other schemes and plain http. */
export function sitePattern(url: string): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:' && hostname) {
    const pattern = `https://${hostname}/*`;
    return isSitePattern(pattern) ? pattern : undefined;
  }
  if (protocol === 'http:' && LOOPBACK_HOSTS.has(hostname)) return `http://${hostname}/*`;
  return undefined;
}

/** The host a pattern names, as shown to the recruiter: "api.close.com", "*.bullhornstaffing.com". */
export function patternHost(pattern: string): string {
  return pattern.replace(/^[a-z]+:\/\//, '').replace(/\/\*$/, '');
}

/** Whether the page at `url` is covered by `pattern`. */
export function patternMatches(pattern: string, url: string): boolean {
  const match = PATTERN.exec(pattern);
  if (!match || !URL.canParse(url)) return false;
  const scheme = match[1] ?? match[3];
  const host = match[2] ?? match[4] ?? '';
  const target = new URL(url);
  if (target.protocol !== `${scheme}:`) return false;
  if (!host.startsWith('*.')) return target.hostname === host;
  const domain = host.slice(2);
  return target.hostname === domain || target.hostname.endsWith(`.${domain}`);
}

export function isInstallTimePattern(pattern: string): boolean {
  return LOOPBACK_PATTERNS.includes(pattern);
}
