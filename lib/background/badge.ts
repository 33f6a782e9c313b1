import { browser } from 'wxt/browser';

/** The toolbar badge counts logs not yet in the CRM: red when one needs the recruiter, grey otherwise. */
export function showOutboxBadge(pending: number, attention: number): void {
  const action = browser.action ?? browser.browserAction;
  void action.setBadgeText({ text: pending ? String(pending) : '' }).catch(() => undefined);
  void action.setBadgeBackgroundColor({ color: attention ? '#dc2626' : '#6b7280' }).catch(() => undefined);
}
