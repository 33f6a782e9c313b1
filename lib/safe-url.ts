/**
 * A CRM-supplied link, only if it is a web address: `javascript:`, `data:` and every other scheme are
 * dropped, so CRM data can never become script behind a click. Adapters build their links from the API's
 * own address, so this is a second line; views render links only through it.
 */
export function webUrl(value: string | undefined): string | undefined {
  if (!value || !URL.canParse(value)) return undefined;
  const { protocol } = new URL(value);
  return protocol === 'https:' || protocol === 'http:' ? value : undefined;
}
