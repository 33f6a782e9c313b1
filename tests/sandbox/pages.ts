import {
  type CloseActivity,
  type CloseContact,
  type CloseLead,
  type CloseState,
  findLead,
} from './close-model';
import { nationalFormat } from './close-values';
import { DEMO_KEYS, SEEDED } from './seed';

/**
 * Sample CRM pages, server-rendered. Every CRM value goes through escapeHtml: seeded names contain `<`, `&`
 * and quotes on purpose. Stable hooks for tests: `data-contact-id` on contact blocks, `span.phone[data-phone]`
 * around every number, `ul#activities` for the timeline.
 */

export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
  body { font: 14px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
  nav { background: #26324a; color: #fff; padding: 8px 16px; }
  nav a { color: #cfe0ff; }
  main { padding: 16px; display: grid; gap: 16px; grid-template-columns: minmax(280px, 1fr) 2fr; }
  section { background: #fff; border: 1px solid #dde1e8; border-radius: 6px; padding: 12px 16px; }
  header { padding: 16px 16px 0; }
  .contact { border-top: 1px solid #eef0f4; padding: 8px 0; }
  .phone-type { color: #6b7385; font-size: 12px; text-transform: uppercase; margin-right: 6px; }
  ul { padding-left: 18px; }
  table { border-collapse: collapse; width: 100%; background: #fff; }
  th, td { border-bottom: 1px solid #eef0f4; padding: 4px 8px; text-align: left; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
<nav><a href="/">Ringside sandbox CRM</a> &rsaquo; <a href="/leads/">Leads</a></nav>
${body}
</body>
</html>`;
}

function phoneSpan(e164: string, text: string): string {
  return `<span class="phone" data-phone="${escapeHtml(e164)}">${escapeHtml(text)}</span>`;
}

/** The first number is a tel: link in Close's format, the second shows the US-style national format. */
function contactBlock(contact: CloseContact): string {
  const phones = contact.phones
    .map((phone, index) => {
      const type = `<span class="phone-type">${escapeHtml(phone.type)}</span>`;
      if (index === 0)
        return `<li>${type}<a href="tel:${escapeHtml(phone.phone)}">${phoneSpan(phone.phone, phone.phone_formatted)}</a></li>`;
      const shown = index === 1 ? nationalFormat(phone.phone) : phone.phone_formatted;
      return `<li>${type}${phoneSpan(phone.phone, shown)}</li>`;
    })
    .join('');
  const emails = contact.emails
    .map((entry) => `<li><a href="mailto:${escapeHtml(entry.email)}">${escapeHtml(entry.email)}</a></li>`)
    .join('');
  return `<div class="contact" data-contact-id="${escapeHtml(contact.id)}">
  <h3 class="contact-name">${escapeHtml(contact.display_name)}</h3>
  ${contact.title ? `<p class="contact-title">${escapeHtml(contact.title)}</p>` : ''}
  <ul class="phones">${phones}</ul>
  <ul class="emails">${emails}</ul>
</div>`;
}

function duration(seconds: unknown): string {
  const total = typeof seconds === 'number' ? seconds : 0;
  return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
}

function activityItem(state: CloseState, lead: CloseLead, activity: CloseActivity): string {
  const contact = lead.contacts.find((candidate) => candidate.id === activity.contact_id);
  const when = `<time datetime="${escapeHtml(activity.activity_at)}">${escapeHtml(activity.activity_at.slice(0, 16).replace('T', ' '))} UTC</time>`;
  const who = contact ? ` · ${escapeHtml(contact.display_name)}` : '';
  const by = ` · by ${escapeHtml(activity.user_name)}`;
  const note = activity.note ? `<p class="note">${escapeHtml(activity.note)}</p>` : '';
  if (activity._type === 'Call') {
    const direction =
      activity.direction === 'inbound'
        ? 'Inbound call'
        : activity.direction === 'outbound'
          ? 'Outbound call'
          : 'Call';
    const outcome = state.outcomes.find((candidate) => candidate.id === activity.outcome_id);
    const outcomeText = outcome ? ` · ${escapeHtml(outcome.name)}` : '';
    return `<li class="activity activity-call" data-activity-id="${escapeHtml(activity.id)}"><strong>${direction}</strong> · ${escapeHtml(activity.status)} · ${duration(activity.duration)}${outcomeText}${who}${by} · ${when}${note}</li>`;
  }
  const title = activity.title ? ` ${escapeHtml(activity.title)}` : '';
  return `<li class="activity activity-note" data-activity-id="${escapeHtml(activity.id)}"><strong>Note</strong>${title}${who}${by} · ${when}${note}</li>`;
}

export function renderLeadPage(state: CloseState, leadId: string): string | undefined {
  const lead = findLead(state, leadId);
  if (!lead) return undefined;
  const activities = [...state.calls, ...state.notes]
    .filter((activity) => activity.lead_id === lead.id)
    .sort(
      (a, b) => b.activity_at.localeCompare(a.activity_at) || b.date_created.localeCompare(a.date_created),
    );
  const timeline = activities.length
    ? activities.map((activity) => activityItem(state, lead, activity)).join('\n')
    : '<li class="empty">No activity yet.</li>';
  const website = lead.url ? ` · <a href="${escapeHtml(lead.url)}">${escapeHtml(lead.url)}</a>` : '';
  // The About section carries decoys a phone detector must leave alone: a date, a price, an order number.
  return layout(
    `${lead.display_name} | Close`,
    `<header data-lead-id="${escapeHtml(lead.id)}">
  <h1 id="lead-name">${escapeHtml(lead.display_name)}</h1>
  <p><span class="status">${escapeHtml(lead.status_label)}</span>${website}</p>
</header>
<main>
<section id="contacts"><h2>Contacts</h2>
${lead.contacts.map(contactBlock).join('\n')}
</section>
<div>
<section id="about"><h2>About</h2>
  ${lead.description ? `<p class="description">${escapeHtml(lead.description)}</p>` : ''}
  <dl>
    <dt>Next intake</dt><dd class="decoy-date">2026-11-22</dd>
    <dt>Placement fee</dt><dd class="decoy-price">$1,250.00</dd>
    <dt>Purchase order</dt><dd class="decoy-order">#4155552671</dd>
  </dl>
</section>
<section id="timeline"><h2>Activity</h2>
<ul id="activities">
${timeline}
</ul>
</section>
</div>
</main>`,
  );
}

/** Rotates phone formats so detection is exercised on more than one: Close display, national, E.164. */
function listPhone(contact: CloseContact | undefined, index: number): string {
  const phone = contact?.phones[0];
  if (!phone) return '';
  const shown = [phone.phone_formatted, nationalFormat(phone.phone), phone.phone][index % 3] ?? phone.phone;
  return phoneSpan(phone.phone, shown);
}

export function renderLeadListPage(state: CloseState): string {
  const rows = state.leads
    .map((lead, index) => {
      const contact = lead.contacts[0];
      const email = contact?.emails[0]?.email;
      return `<tr data-lead-id="${escapeHtml(lead.id)}"><td><a href="/lead/${escapeHtml(lead.id)}/">${escapeHtml(lead.display_name)}</a></td><td${contact ? ` data-contact-id="${escapeHtml(contact.id)}"` : ''}>${escapeHtml(contact?.display_name)}</td><td>${listPhone(contact, index)}</td><td>${email ? `<a href="mailto:${escapeHtml(email)}">${escapeHtml(email)}</a>` : ''}</td></tr>`;
    })
    .join('\n');
  return layout(
    'Leads | Close',
    `<header><h1>Leads</h1><p id="lead-count">${state.leads.length} leads</p></header>
<section>
<table id="leads">
<thead><tr><th>Lead</th><th>Contact</th><th>Phone</th><th>Email</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</section>`,
  );
}

export function renderIndexPage(state: CloseState, origin: string): string {
  const apiUrl = `${origin}/api/v1/`;
  const keys = Object.entries(DEMO_KEYS)
    .map(([who, key]) => {
      const user = state.users.find((candidate) => candidate.id === state.apiKeys[key]);
      const name = user ? `${user.first_name} ${user.last_name} (${user.email})` : who;
      return `<li><code>${escapeHtml(key)}</code> → ${escapeHtml(name)}</li>`;
    })
    .join('');
  const featured = [
    SEEDED.jane.leadId,
    SEEDED.priya.leadId,
    ...SEEDED.sharedPhone.contacts.map((contact) => contact.leadId),
    SEEDED.escaping.leadId,
  ]
    .map((id) => findLead(state, id))
    .filter((lead): lead is CloseLead => Boolean(lead))
    .map((lead) => `<li><a href="/lead/${escapeHtml(lead.id)}/">${escapeHtml(lead.display_name)}</a></li>`)
    .join('');
  return layout(
    'Ringside sandbox CRM',
    `<header><h1>Ringside sandbox CRM</h1><p>A local imitation of Close for ${escapeHtml(state.organization.name)}.</p></header>
<main>
<section><h2>Connect Ringside</h2>
  <p>API URL: <code id="api-url">${escapeHtml(apiUrl)}</code></p>
  <p>API keys (Basic auth, key as the username, empty password):</p>
  <ul id="keys">${keys}</ul>
</section>
<section><h2>Pages</h2>
  <ul id="pages"><li><a href="/leads/">All leads (${state.leads.length})</a></li>${featured}</ul>
</section>
</main>`,
  );
}
