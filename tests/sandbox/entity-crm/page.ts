import { toE164 } from '../../../lib/phone/normalize';
import { escapeHtml } from '../pages';
import type { EntityCrmState } from './model';

/**
 * The Entity CRM's contact page, where Ringside's deep links land: `/entity/app/contacts/{id}`. Every CRM value
 * is escaped. Hooks for tests: `data-contact-id`, `span.phone[data-phone]` (E.164 where the stored text parses
 * as a US or international number, the stored text otherwise), `ul#activities`.
 */
export function renderEntityContactPage(state: EntityCrmState, contactId: string): string | undefined {
  const contact = state.contacts.get(contactId.toLowerCase());
  if (!contact) return undefined;
  const name = [contact.firstName, contact.lastName].filter(Boolean).join(' ');
  const companies = [...state.memberships.values()]
    .filter((membership) => membership.contactId === contact.id)
    .map((membership) => state.companies.get(membership.companyId)?.name)
    .filter((company): company is string => Boolean(company));
  const phones = contact.phones
    .map((phone) => {
      const e164 = toE164(phone.number, 'US') ?? phone.number;
      return `<li><span class="phone-type">${escapeHtml(phone.type)}</span><span class="phone" data-phone="${escapeHtml(e164)}">${escapeHtml(phone.number)}</span></li>`;
    })
    .join('');
  const emails = contact.emails
    .map((entry) => `<li><a href="mailto:${escapeHtml(entry.email)}">${escapeHtml(entry.email)}</a></li>`)
    .join('');
  const activities = state.activities
    .filter((activity) => activity.contactId === contact.id)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .map(
      (activity) =>
        `<li class="activity" data-activity-id="${escapeHtml(activity.id)}"><strong>${escapeHtml(activity.subject)}</strong> · ${escapeHtml(activity.type)} · <time datetime="${escapeHtml(activity.occurredAt)}">${escapeHtml(activity.occurredAt.slice(0, 16).replace('T', ' '))} UTC</time>${activity.body ? `<p class="note">${escapeHtml(activity.body)}</p>` : ''}</li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(name)} | Entity CRM</title>
<style>body{font:14px/1.45 system-ui,sans-serif;margin:16px;color:#1d2330}.phone-type{color:#6b7385;font-size:12px;text-transform:uppercase;margin-right:6px}</style></head>
<body>
<nav>Entity CRM sandbox &rsaquo; Contacts</nav>
<main data-contact-id="${escapeHtml(contact.id)}">
  <h1 id="contact-name">${escapeHtml(name)}</h1>
  ${contact.title ? `<p class="contact-title">${escapeHtml(contact.title)}</p>` : ''}
  ${companies.length ? `<p class="companies">${companies.map(escapeHtml).join(', ')}</p>` : ''}
  <h2>Phones</h2><ul class="phones">${phones}</ul>
  <h2>Emails</h2><ul class="emails">${emails}</ul>
  <h2>Activity</h2><ul id="activities">${activities || '<li class="empty">No activity yet.</li>'}</ul>
</main>
</body>
</html>`;
}
