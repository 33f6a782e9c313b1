import { bullhornDefinition } from '../../lib/crm/providers/bullhorn';
import { BULLHORN_DEMO, BULLHORN_SEEDED, type BullhornState } from '../sandbox/bullhorn/model';
import type { ConformanceTarget, SandboxHandle } from './harness';

/**
 * Bullhorn REST: OAuth password flow into a BhRestToken session, Lucene search on national digits, Notes
 * as activities. The sandbox stores numbers as typed, so the formats below all have to reach the same
 * free-text "(415) 555-2671".
 */

function state(sandbox: SandboxHandle): BullhornState {
  return sandbox.api('bullhorn').state as BullhornState;
}

/** Bullhorn keeps note comments as HTML; the suite compares text. */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

const CONTACT_FIELDS = new Set([
  'email',
  'email2',
  'email3',
  'phone',
  'phone2',
  'phone3',
  'mobile',
  'workPhone',
  'billingPhone',
  'dateLastModified',
]);

export const bullhornTarget: ConformanceTarget = {
  definition: bullhornDefinition,
  baseUrl: (sandbox) => `${sandbox.url}/bullhorn/rest-services/`,
  credentials: { ...BULLHORN_DEMO },
  badCredentials: { ...BULLHORN_DEMO, password: 'not-the-password' },
  expectedAccount: {
    userName: BULLHORN_SEEDED.riley.name,
    email: BULLHORN_SEEDED.riley.email,
    organization: BULLHORN_SEEDED.organization,
  },
  fixtures: {
    phone: {
      e164: BULLHORN_SEEDED.jane.e164,
      name: BULLHORN_SEEDED.jane.name,
      formats: [
        '(415) 555-2671',
        '415 555 2671',
        '+1 415 555 2671',
        '+14155552671',
        '001 415 555 2671',
        '4155552671',
      ],
    },
    sharedPhone: { ...BULLHORN_SEEDED.sharedPhone },
    email: { address: BULLHORN_SEEDED.jane.email, name: BULLHORN_SEEDED.jane.name },
    unknownPhone: BULLHORN_SEEDED.unknownPhone,
    record: {
      provider: 'bullhorn',
      kind: 'Candidate',
      id: String(BULLHORN_SEEDED.jane.id),
      name: BULLHORN_SEEDED.jane.name,
    },
    user: { name: BULLHORN_SEEDED.morgan.name, email: BULLHORN_SEEDED.morgan.email },
    activityType: 'Phone Call',
  },
  inspect: {
    activity(sandbox, ref) {
      const note = state(sandbox).entities.Note.get(Number(ref.id));
      if (!note) return undefined;
      const action = typeof note.action === 'string' ? note.action : undefined;
      return { note: htmlToText(String(note.comments ?? '')), ...(action ? { type: action } : {}) };
    },
    countActivities(sandbox, text) {
      return [...state(sandbox).entities.Note.values()].filter(
        (note) => !note.isDeleted && htmlToText(String(note.comments ?? '')).includes(text),
      ).length;
    },
    recordWithoutContactFields(sandbox, ref) {
      const entities = state(sandbox).entities;
      const table =
        ref.kind === 'Candidate' || ref.kind === 'ClientContact' || ref.kind === 'ClientCorporation'
          ? entities[ref.kind]
          : undefined;
      const row = table?.get(Number(ref.id));
      if (!row) return undefined;
      return Object.fromEntries(Object.entries(row).filter(([name]) => !CONTACT_FIELDS.has(name)));
    },
  },
};
