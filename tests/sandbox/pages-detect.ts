import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import { escapeHtml } from './pages';
import { mulberry32 } from './seeded-random';

/**
 * Sample pages for the detection engine (issue 6): a CRM list with every phone and email format a
 * recruiter meets, traps a detector must leave alone, numbers split across elements, inside an open
 * shadow root, a same-origin iframe and tel:/mailto: links; and a list that keeps re-rendering itself
 * the way React does. `expected` is the truth: distinct values a reader sees on the page.
 */

export interface ExpectedContact {
  kind: 'phone' | 'email';
  value: string;
}

export interface DetectionPage {
  html: string;
  /** Distinct visible contacts, phones as E.164 and emails lower-cased. */
  expected: ExpectedContact[];
  /** How many places on the page should be highlighted (a value can appear more than once). */
  expectedRanges: number;
}

/** The page's own country: national formats on it are US numbers. */
export const DETECTION_PAGE_COUNTRY: CountryCode = 'US';

/** Seeded helpers, so a page is the same on every run. */
function random(seed: number) {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)] as T;
  const digits = (count: number) => Array.from({ length: count }, () => int(0, 9)).join('');
  return { next, int, pick, digits };
}
type Random = ReturnType<typeof random>;

const FIRST = [
  'Jane',
  'Tom',
  'Priya',
  'Lukas',
  'Amélie',
  'Kenji',
  'Sofia',
  'Omar',
  'Grace',
  'Mateo',
  'Chloé',
  'Ravi',
];
const LAST = [
  'Doe',
  'Nguyen',
  'Patel',
  'Müller',
  'Dubois',
  'Tanaka',
  'Rossi',
  'Haddad',
  'O’Brien',
  'García',
  'Smith',
];
const COMPANIES = [
  'Acme Robotics',
  'Globex 2000 Ltd',
  'Initech GmbH',
  'Umbrella & Sons',
  'Hooli Inc.',
  'Vandelay Industries',
  'Stark Logistics 24/7',
  'Wayne Staffing',
];
const DOMAINS = ['acme-robotics.example', 'globex.example.co.uk', 'initech.example.de', 'hooli.example'];
const US_AREAS = ['212', '303', '312', '404', '415', '512', '617', '646', '206', '213', '702', '919'];

interface Phone {
  e164: string;
  /** As shown, in one of the page's formats. */
  text: string;
  /** HTML, possibly split over inline elements. */
  html: string;
}

function validE164(raw: string, country: CountryCode = DETECTION_PAGE_COUNTRY): string | undefined {
  const parsed = parsePhoneNumberFromString(raw, country);
  return parsed?.isValid() ? parsed.number : undefined;
}

function usNumber(rnd: Random): { area: string; exchange: string; line: string; e164: string } {
  for (;;) {
    const area = rnd.pick(US_AREAS);
    const exchange = `${rnd.int(2, 9)}${rnd.digits(2)}`;
    const line = rnd.digits(4);
    if (exchange.endsWith('11')) continue;
    const e164 = validE164(`+1${area}${exchange}${line}`);
    if (e164) return { area, exchange, line, e164 };
  }
}

/** International numbers, grouped the way each country writes them. */
const FOREIGN: ((rnd: Random) => string)[] = [
  (rnd) => `+44 20 ${rnd.pick(['3', '7', '8'])}${rnd.digits(3)} ${rnd.digits(4)}`,
  (rnd) => `+44 7${rnd.int(4, 9)}${rnd.digits(2)} ${rnd.digits(6)}`,
  (rnd) => `+49 30 ${rnd.int(2, 9)}${rnd.digits(7)}`,
  (rnd) => `+49 15${rnd.int(1, 2)} ${rnd.digits(8)}`,
  (rnd) => `+33 1 ${rnd.int(4, 5)}${rnd.digits(1)} ${rnd.digits(2)} ${rnd.digits(2)} ${rnd.digits(2)}`,
  (rnd) => `+33 6 ${rnd.digits(2)} ${rnd.digits(2)} ${rnd.digits(2)} ${rnd.digits(2)}`,
  (rnd) => `+61 2 9${rnd.digits(3)} ${rnd.digits(4)}`,
  (rnd) => `+61 4${rnd.digits(2)} ${rnd.digits(3)} ${rnd.digits(3)}`,
  (rnd) => `+31 20 ${rnd.int(5, 7)}${rnd.digits(2)} ${rnd.digits(4)}`,
];

function foreignPhone(rnd: Random, split: boolean): Phone {
  for (;;) {
    const text = rnd.pick(FOREIGN)(rnd);
    const e164 = validE164(text);
    if (!e164) continue;
    const [code, ...rest] = text.split(' ');
    const html = split
      ? `<b>${escapeHtml(code)}</b> ${escapeHtml(rest.join(' '))}`
      : `<span class="tel">${escapeHtml(text)}</span>`;
    return { e164, text, html };
  }
}

function usPhone(rnd: Random, split: boolean): Phone {
  const { area, exchange, line, e164 } = usNumber(rnd);
  const formats = [
    `(${area}) ${exchange}-${line}`,
    `${area}-${exchange}-${line}`,
    `${area}.${exchange}.${line}`,
    `+1 ${area} ${exchange} ${line}`,
    `+1 (${area}) ${exchange}-${line}`,
    `${area} ${exchange} ${line}`,
    `+1${area}${exchange}${line}`,
    `1-${area}-${exchange}-${line}`,
    `+1 ${area}-${exchange}-${line}`,
  ];
  if (split) {
    const html = rnd.pick([
      `<span class="area">(${area})</span> ${exchange}-${line}`,
      `<span>+1</span>&nbsp;<span>${area}</span>-<span>${exchange}</span>-<span>${line}</span>`,
      `<strong>${area}</strong>.${exchange}.${line}`,
    ]);
    return { e164, text: '', html };
  }
  const text = rnd.pick(formats);
  return { e164, text, html: `<span class="tel">${escapeHtml(text)}</span>` };
}

/** Text that looks numeric but is no phone number. Each entry stands alone between separators. */
const TRAPS: ((rnd: Random) => string)[] = [
  (rnd) => `2024-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
  (rnd) => `${String(rnd.int(1, 28)).padStart(2, '0')}/${String(rnd.int(1, 12)).padStart(2, '0')}/2024`,
  (rnd) => `${String(rnd.int(1, 28)).padStart(2, '0')}.${String(rnd.int(1, 12)).padStart(2, '0')}.2025`,
  (rnd) => `Mar ${rnd.int(1, 28)}, 2024 ${rnd.int(10, 23)}:${rnd.int(10, 59)}`,
  (rnd) => `$${rnd.int(1, 999)},${rnd.digits(3)}.${rnd.digits(2)}`,
  (rnd) => `€${rnd.int(10, 99)}.${rnd.digits(3)},${rnd.digits(2)}`,
  (rnd) => `USD ${rnd.int(1, 9)},${rnd.digits(3)},${rnd.digits(3)}`,
  (rnd) => `#${rnd.pick(US_AREAS)}${rnd.int(2, 9)}${rnd.digits(6)}`,
  (rnd) => `Order #2024${rnd.digits(4)}-${rnd.digits(4)}`,
  (rnd) => `Ticket #INC-${rnd.digits(8)}`,
  (rnd) => `${rnd.int(10, 223)}.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}`,
  (rnd) => `v${rnd.int(1, 12)}.${rnd.int(0, 30)}.${rnd.int(0, 99)}`,
  (rnd) => `10.0.${rnd.int(10000, 22999)}.${rnd.int(1000, 4999)}`,
  (rnd) => `build ${rnd.int(1, 9)}.${rnd.int(0, 20)}.${rnd.int(0, 9)}-rc.${rnd.int(1, 9)}`,
  (rnd) => `CA ${rnd.int(90001, 96162)}-${rnd.digits(4)}`,
  (rnd) =>
    `DE${rnd.digits(2)} ${rnd.digits(4)} ${rnd.digits(4)} ${rnd.digits(4)} ${rnd.digits(4)} ${rnd.digits(2)}`,
  (rnd) => `GB${rnd.digits(2)} NWBK ${rnd.digits(4)} ${rnd.digits(4)} ${rnd.digits(4)} ${rnd.digits(2)}`,
  (rnd) => card(`4${rnd.digits(14)}`).replace(/(\d{4})(?=\d)/g, '$1 '),
  (rnd) => card(`5${rnd.int(1, 5)}${rnd.digits(13)}`).replace(/(\d{4})(?=\d)/g, '$1-'),
  (rnd) => `ISBN 978-${rnd.int(0, 1)}-${rnd.digits(3)}-${rnd.digits(5)}-${rnd.int(0, 9)}`,
  (rnd) => `ISBN ${rnd.int(0, 1)}-${rnd.digits(3)}-${rnd.digits(5)}-${rnd.int(0, 9)}`,
  (rnd) => `${hex(rnd, 8)}-${hex(rnd, 4)}-4${hex(rnd, 3)}-a${hex(rnd, 3)}-${hex(rnd, 12)}`,
  (rnd) => `${rnd.int(1600000000, 1760000000)}`,
  (rnd) => `${rnd.int(1600000000, 1760000000)}${rnd.digits(3)}`,
  (rnd) => `2024-03-${String(rnd.int(10, 28))}T${rnd.int(10, 23)}:${rnd.int(10, 59)}:00Z`,
];

/** A card number as printed: 15 digits plus the Luhn check digit, like every real card. */
function card(first15: string): string {
  let sum = 0;
  for (let i = 0; i < first15.length; i++) {
    let digit = Number(first15[first15.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return `${first15}${(10 - (sum % 10)) % 10}`;
}

function hex(rnd: Random, count: number): string {
  return Array.from({ length: count }, () => '0123456789abcdef'[rnd.int(0, 15)]).join('');
}

/** Contacts a reader cannot see or is editing: never highlighted, never expected. */
function invisibleCell(rnd: Random, index: number): string {
  const { area, exchange, line } = usNumber(rnd);
  const text = `(${area}) ${exchange}-${line}`;
  switch (index % 7) {
    case 0:
      return `<span hidden>${text}</span>`;
    case 1:
      return `<span style="display:none">${text}</span>`;
    case 2:
      return `<span style="visibility:hidden">${text}</span>`;
    case 3:
      return `<span aria-hidden="true">${text}</span>`;
    case 4:
      return `<div contenteditable="true">Call back on <b>${text}</b></div>`;
    case 5:
      return `<textarea rows="1">${text}</textarea>`;
    default:
      return `<code>${text}</code>`;
  }
}

/**
 * Table rows alone (`<tr>`…), numbered from `first`: for pages that grow, and for benchmarks. Rows
 * inserted by script cannot use declarative shadow DOM, so `shadow: false` leaves those chips out.
 */
export function renderDetectionRows(
  rows: number,
  seed = 1,
  first = 0,
  { shadow = true } = {},
): DetectionPage {
  const rnd = random(seed * 7919 + rows + first * 31);
  const expected = new Map<string, ExpectedContact>();
  let expectedRanges = 0;
  const expect = (kind: 'phone' | 'email', value: string) => {
    expected.set(`${kind}:${value}`, { kind, value });
    expectedRanges++;
  };
  const body: string[] = [];
  for (let i = first; i < first + rows; i++) {
    const name = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    const company = rnd.pick(COMPANIES);
    // Emails: plain text, a mailto: link showing the address, or a mailto: link showing the name.
    const address = `${name}.${last}${i}@${rnd.pick(DOMAINS)}`
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/’/g, '');
    const shownAddress = i % 5 === 0 ? address.replace(/^./, (c) => c.toUpperCase()) : address;
    expect('email', address.toLowerCase());
    const email =
      i % 3 === 0
        ? `<a href="mailto:${escapeHtml(shownAddress)}">${escapeHtml(shownAddress)}</a>`
        : i % 3 === 1
          ? escapeHtml(shownAddress)
          : `<a href="mailto:${escapeHtml(address)}">Email ${escapeHtml(name)}</a>`;
    // First phone: national or international, every fourth split across inline elements.
    const phone1 = i % 3 === 2 ? foreignPhone(rnd, i % 4 === 0) : usPhone(rnd, i % 4 === 0);
    expect('phone', phone1.e164);
    // Second cell: another number, a tel: link showing a name, a number in a shadow root, or nothing.
    let second = '';
    if (i % 10 === 3) {
      const phone = usPhone(rnd, false);
      second = `<a href="tel:${phone.e164}">Call ${escapeHtml(name)}</a>`;
      expect('phone', phone.e164);
    } else if (i % 10 === 6) {
      const phone = foreignPhone(rnd, false);
      second = `<a href="tel:${phone.e164}">${escapeHtml(phone.text)}</a>`;
      expect('phone', phone.e164);
    } else if (shadow && i % 25 === 7) {
      const phone = foreignPhone(rnd, false);
      second = `<contact-chip data-row="${i}"><template shadowrootmode="open"><style>span{font-weight:600}</style><span class="chip">Mobile ${escapeHtml(phone.text)}</span></template></contact-chip>`;
      expect('phone', phone.e164);
    } else if (i % 2 === 0) {
      const phone = usPhone(rnd, false);
      second = `Office: ${phone.html} ext. ${rnd.int(10, 999)}`;
      expect('phone', phone.e164);
    }
    const traps = [rnd.pick(TRAPS)(rnd), rnd.pick(TRAPS)(rnd)].map(escapeHtml).join(' · ');
    const hidden = i % 9 === 4 ? ` ${invisibleCell(rnd, i)}` : '';
    body.push(
      `<tr data-row="${i}"><td class="name"><a href="/contact/${i}/">${escapeHtml(name)} ${escapeHtml(last)}</a></td>` +
        `<td class="company">${escapeHtml(company)}</td><td class="email">${email}</td>` +
        `<td class="phone">${phone1.html}</td><td class="phone2">${second}</td>` +
        `<td class="notes">${traps}${hidden}</td><td class="updated">${rnd.int(1, 59)} min ago</td></tr>`,
    );
  }
  return { html: body.join('\n'), expected: [...expected.values()], expectedRanges };
}

export function renderDetectionPage(rows: number, seed = 1): DetectionPage {
  const table = renderDetectionRows(rows, seed);
  const rnd = random(seed);
  const expected = new Map(table.expected.map((item) => [`${item.kind}:${item.value}`, item]));
  let expectedRanges = table.expectedRanges;
  const expect = (kind: 'phone' | 'email', value: string) => {
    expected.set(`${kind}:${value}`, { kind, value });
    expectedRanges++;
  };
  // One same-origin iframe (srcdoc) with a number of its own.
  const framed = foreignPhone(rnd, false);
  expect('phone', framed.e164);
  const frameDoc = `<!doctype html><body style="font:14px system-ui;margin:4px">Switchboard: <span>${escapeHtml(framed.text)}</span></body>`;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Contacts (${rows}) | Sandbox CRM</title>
<style>
  body { font: 13px/1.4 system-ui, sans-serif; margin: 0; color: #1d2330; }
  header { position: sticky; top: 0; background: #26324a; color: #fff; padding: 6px 12px; }
  table { border-collapse: collapse; width: 100%; }
  td, th { border-bottom: 1px solid #eef0f4; padding: 3px 6px; text-align: left; white-space: nowrap; }
  .notes { color: #6b7385; }
  iframe { border: 1px solid #dde1e8; height: 32px; width: 360px; }
</style></head>
<body>
<header>Sandbox CRM › Contacts · ${rows} rows · exported ${escapeHtml('2024-03-12 14:05')} · v2.3.14</header>
<iframe title="Switchboard" srcdoc="${escapeHtml(frameDoc)}"></iframe>
<table id="contacts"><thead><tr><th>Name</th><th>Company</th><th>Email</th><th>Phone</th><th>Other</th><th>Notes</th><th>Updated</th></tr></thead>
<tbody>
${table.html}
</tbody></table>
</body>
</html>`;
  return { html, expected: [...expected.values()], expectedRanges };
}

/**
 * A long page of tall cards (a feed, a kanban column), one number each, far apart: the rows of a CRM list
 * are 20 px, these are 160 px, so anything that draws by how many matches it has seen, not where they
 * are, shows here. Card `i` shows `cardPhone(i)`.
 */
export function renderCardsPage(cards = 300): string {
  const body: string[] = [];
  for (let i = 0; i < cards; i++) {
    body.push(
      `<article class="card" data-card="${i}"><h2>Candidate ${i}</h2>` +
        `<p>Senior recruiter, Denver office</p><p>Last contacted by Tom</p>` +
        `<p>Mobile: <span class="phone">${cardPhone(i).text}</span></p><p>Notes: prefers mornings</p></article>`,
    );
  }
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Candidates | Sandbox CRM</title>
<style>body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; } .card { height: 160px; border-bottom: 1px solid #ccd; overflow: hidden; } h2 { font-size: 15px; margin: 4px 0; } p { margin: 2px 0; }</style></head>
<body>
${body.join('\n')}
</body>
</html>`;
}

/** The number on card `i` of the cards page: distinct, valid US numbers. */
export function cardPhone(i: number): { e164: string; text: string } {
  const line = String(1000 + i).padStart(4, '0');
  return { e164: `+1303555${line}`, text: `(303) 555-${line}` };
}

/** The number the re-rendering list always shows in its first row (Jane Doe in the sandbox). */
export const REACT_LIST_PINNED = { e164: '+14155552671', text: '+1 415-555-2671' };

/**
 * A list that re-renders itself every 200 ms like a React app: keyed rows are reordered, some replaced
 * by new nodes, text nodes updated in place, rows added and removed. The first row keeps its key (and so
 * its nodes) with a ticking counter, so its number stays put and clickable.
 */
export function renderReactListPage(): string {
  const script = `
(() => {
  const list = document.getElementById('list');
  const status = document.getElementById('status');
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const digits = (n) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');
  const areas = ['212', '415', '646', '312', '617'];
  let nextKey = 1;
  const make = () => ({ key: 'k' + nextKey++, name: 'Contact ' + nextKey,
    phone: '(' + areas[Math.floor(rnd() * areas.length)] + ') ' + (2 + Math.floor(rnd() * 8)) + digits(2) + '-' + digits(4) });
  let rows = Array.from({ length: 30 }, make);
  const pinned = { key: 'pinned', name: 'Jane Doe', phone: ${JSON.stringify(REACT_LIST_PINNED.text)} };
  const nodes = new Map();
  let tick = 0;
  function build(row) {
    const li = document.createElement('li');
    li.dataset.key = row.key;
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = row.name;
    const phone = document.createElement('span');
    phone.className = 'phone';
    phone.textContent = row.phone;
    const seen = document.createElement('span');
    seen.className = 'seen';
    seen.textContent = 'seen 0s ago';
    li.append(name, ' · ', phone, ' · ', seen);
    return { li, seen: seen.firstChild, phone: phone.firstChild };
  }
  function render() {
    tick++;
    // State changes: reorder, replace a few, add and drop one.
    rows.sort(() => rnd() - 0.5);
    for (let i = 0; i < 3; i++) rows[Math.floor(rnd() * rows.length)] = make();
    if (tick % 2) rows.push(make()); else rows.shift();
    const wanted = [pinned, ...rows];
    const keys = new Set(wanted.map((row) => row.key));
    for (const [key, entry] of nodes) if (!keys.has(key)) { entry.li.remove(); nodes.delete(key); }
    let before = list.firstChild;
    for (const row of wanted) {
      let entry = nodes.get(row.key);
      if (!entry) { entry = build(row); nodes.set(row.key, entry); }
      entry.seen.data = 'seen ' + (tick % 60) + 's ago';
      if (entry.phone.data !== row.phone) entry.phone.data = row.phone;
      if (entry.li !== before) list.insertBefore(entry.li, before);
      else before = before.nextSibling;
      before = entry.li.nextSibling;
    }
    status.textContent = 'render #' + tick;
  }
  render();
  setInterval(render, 200);
})();`;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Live list | Sandbox CRM</title>
<style>body { font: 14px/1.6 system-ui, sans-serif; margin: 16px; } li { padding: 2px 0; }</style></head>
<body>
<h1>Live contacts</h1>
<p id="status">loading</p>
<ul id="list"></ul>
<script>${script}</script>
</body>
</html>`;
}
