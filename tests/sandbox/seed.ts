import type {
  CloseContact,
  CloseCustomActivityType,
  CloseLead,
  CloseOutcome,
  CloseState,
  CloseUser,
} from './close-model';
import { closeId, closePhone, closeTimestamp } from './close-values';

export type {
  CloseActivity,
  CloseContact,
  CloseCustomActivityType,
  CloseEmail,
  CloseLead,
  CloseOrganization,
  CloseOutcome,
  ClosePhone,
  CloseState,
  CloseUser,
} from './close-model';

/** Deterministic seed data for the sandbox Close organization. Every call to createCloseState() is identical. */

/** Each key belongs to exactly one user, as Close API keys do. */
export const DEMO_KEYS = { riley: 'api_RingsideDemoRiley0001', sam: 'api_RingsideDemoSam0002' } as const;

/**
 * Script and markup where CRM text goes, for the security tests: Ringside must show it as text. Kept apart
 * from DEMO_KEYS (the demo lists those) and on a number nothing else uses.
 */
export const HOSTILE = {
  key: 'api_RingsideHostile0666',
  userId: closeId('user', 'zed-hostile'),
  userFirst: 'Zed',
  userLast: '<img src=x onerror="window.__pwned=1">Hostile',
  leadId: closeId('lead', 'hostile-markup'),
  leadName: '<svg onload="window.__pwned=1">Evil Corp</svg>',
  leadUrl: 'javascript:window.__pwned=1',
  leadDescription: '<script>window.__pwned=1</script> & <a href="javascript:window.__pwned=1">click</a>',
  contactId: closeId('cont', 'hostile-harper'),
  contactName: '<img src=x onerror="window.__pwned=1">Harper',
  title: '<script>window.__pwned=1</script>Talent Lead',
  phone: '+16175550166',
  email: 'harper.hostile@evil-corp.example',
} as const;

const ORG_ID = closeId('orga', 'ringside-demo-agency');
const RILEY_ID = closeId('user', 'riley');
const SAM_ID = closeId('user', 'sam');
const MORGAN_ID = closeId('user', 'morgan');
const STATUS_POTENTIAL = closeId('stat', 'potential');

/** Area codes for the generated long list; 415, 312 and 617 are kept free for the named people. */
const LONG_LIST_AREA_CODES = [
  201, 202, 203, 205, 206, 207, 208, 210, 213, 214, 215, 216, 217, 218, 219, 224, 225, 228, 229, 231,
] as const;
const LONG_LIST_COUNT = 2000;

const FIRST_NAMES = (
  'Avery Blake Casey Devon Elliot Finley Gray Harper Indy Jordan Kai Logan Morgan Noel Oakley ' +
  'Parker Quinn Reese Sage Taylor Umi Vale Wren Xen Yael Zion Ari Bo Cam Drew Eden Frankie Gale ' +
  'Hollis Ira Jules Kendall Lane Marlow Nico'
).split(' ');
const LAST_NAMES = (
  'Abbott Baker Castillo Dawson Ellis Fischer Garcia Hughes Ibarra Jensen Kowalski Lambert Moreno ' +
  'Nakamura Okafor Petrov Quintero Rossi Schmidt Tanaka Underwood Vargas Walsh Xu Yilmaz Zimmerman ' +
  'Adler Brennan Chen Dubois Eriksen Farouk Gallagher Hale Iverson Jovanovic Keller Lindqvist ' +
  'Mendes Novak Olsen Price Reyes Sato Thornton Ueda Vance Whitaker Young Zhou'
).split(' ');
const COMPANY_WORDS = (
  'Amber Beacon Cedar Delta Ember Falcon Granite Harbor Iris Juniper Keystone Lumen Maple Nimbus ' +
  'Orchid Pioneer Quarry Ridge Summit Tidal Union Vertex Willow Xylem Yarrow Zephyr Atlas Birch ' +
  'Cobalt Dune Echo Fjord Glacier Horizon Indigo Jasper Kestrel Lagoon Meadow North'
).split(' ');
const COMPANY_KINDS = (
  'Analytics Builders Clinics Dynamics Energy Foods Group Health Industries Labs Logistics ' +
  'Manufacturing Networks Outfitters Partners Retail Systems Textiles Ventures Works Aerospace ' +
  'Biotech Consulting Design Engineering Finance Games Hospitality Insurance Juices Kitchens Legal ' +
  'Media Nursing Optics Pharma Robotics Security Transport Utilities Vision Wireless Exports ' +
  'Yachts Zoning Academy Brewing Cloud Dental Electric'
).split(' ');

/** The generated lead at `index` (0-based): stable names, emails and valid fictional 555-01XX numbers. */
function generatedPerson(index: number) {
  const first = FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Alex';
  const last =
    LAST_NAMES[(index * 7 + Math.floor(index / FIRST_NAMES.length)) % LAST_NAMES.length] ?? 'Smith';
  const word = COMPANY_WORDS[index % COMPANY_WORDS.length] ?? 'Acme';
  const kind = COMPANY_KINDS[Math.floor(index / COMPANY_WORDS.length) % COMPANY_KINDS.length] ?? 'Group';
  const area = LONG_LIST_AREA_CODES[Math.floor(index / 100) % LONG_LIST_AREA_CODES.length] ?? 201;
  const line = String(100 + (index % 100)).padStart(4, '0');
  const company = `${word} ${kind}`;
  const domain = `${company.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example`;
  return {
    leadId: closeId('lead', `generated-${index}`),
    contactId: closeId('cont', `generated-${index}`),
    company,
    name: `${first} ${last}`,
    phone: `+1${area}555${line}`,
    email: `${first}.${last}${index}@${domain}`.toLowerCase(),
  };
}

export const SEEDED = {
  organization: { id: ORG_ID, name: 'Ringside Demo Agency' },
  users: {
    riley: {
      id: RILEY_ID,
      name: 'Riley Recruiter',
      email: 'riley@ringside-demo.example',
      key: DEMO_KEYS.riley,
    },
    sam: { id: SAM_ID, name: 'Sam Sourcer', email: 'sam@ringside-demo.example', key: DEMO_KEYS.sam },
    /** An admin without a demo key: a valid `user_id` that no key belongs to. */
    morgan: { id: MORGAN_ID, name: 'Morgan Manager', email: 'morgan@ringside-demo.example' },
  },
  acme: { leadId: closeId('lead', 'acme-robotics'), name: 'Acme Robotics' },
  jane: {
    leadId: closeId('lead', 'acme-robotics'),
    contactId: closeId('cont', 'jane-doe'),
    name: 'Jane Doe',
    title: 'Head of Talent',
    leadName: 'Acme Robotics',
    mobile: '+14155552671',
    office: '+14155550132',
    email: 'jane.doe@acme-robotics.example',
  },
  tom: {
    leadId: closeId('lead', 'acme-robotics'),
    contactId: closeId('cont', 'tom-becker'),
    name: 'Tom Becker',
    title: 'Recruiting Coordinator',
    office: '+14155550178',
    email: 'tom.becker@acme-robotics.example',
  },
  priya: {
    leadId: closeId('lead', 'northwind-staffing'),
    contactId: closeId('cont', 'priya-patel'),
    name: 'Priya Patel',
    title: 'Senior Recruiter',
    leadName: 'Northwind Staffing',
    office: '+442079460958',
    /** Her only number (the office one). */
    phone: '+442079460958',
    email: 'priya@northwind.example',
  },
  /** Two contacts at two different leads who share one number: a phone search returns both. */
  sharedPhone: {
    phone: '+13125550199',
    contacts: [
      {
        leadId: closeId('lead', 'lakeside-logistics'),
        contactId: closeId('cont', 'marcus-lee'),
        name: 'Marcus Lee',
        leadName: 'Lakeside Logistics',
      },
      {
        leadId: closeId('lead', 'harbor-health-partners'),
        contactId: closeId('cont', 'dana-whitfield'),
        name: 'Dana Whitfield',
        leadName: 'Harbor Health Partners',
      },
    ],
  },
  /** The same shared number as a flat pair, for tests that only need the ids. */
  shared: {
    phone: '+13125550199',
    contactIds: [closeId('cont', 'marcus-lee'), closeId('cont', 'dana-whitfield')],
  },
  /** Values with HTML metacharacters: pages must escape them, adapters must round-trip them. */
  escaping: {
    leadId: closeId('lead', 'barker-oneil'),
    leadName: `Barker & O'Neil <Talent>`,
    contactId: closeId('cont', 'cj-oneil'),
    contactName: `Chris "CJ" O'Neil`,
    title: 'Director <Ops> & People',
    phone: '+16175550123',
    email: 'cj.oneil@barker-oneil.example',
  },
  outcomes: {
    interested: closeId('outcome', 'interested'),
    leftVoicemail: closeId('outcome', 'left-voicemail'),
    noAnswer: closeId('outcome', 'no-answer'),
    notInterested: closeId('outcome', 'not-interested'),
  },
  customActivityTypes: {
    candidateScreen: closeId('actitype', 'candidate-screen'),
    whatsappTouch: closeId('actitype', 'whatsapp-touch'),
  },
  longList: {
    count: LONG_LIST_COUNT,
    first: generatedPerson(0),
    last: generatedPerson(LONG_LIST_COUNT - 1),
    /** The generated lead at a 0-based index. */
    at: generatedPerson,
  },
} as const;

const EPOCH = Date.UTC(2025, 0, 6, 9, 0, 0);
/** Seed timestamps advance by a minute per record so ordering is stable. */
function seedTime(minutes: number): string {
  return closeTimestamp(new Date(EPOCH + minutes * 60_000));
}

function seedUser(
  id: string,
  first: string,
  last: string,
  role: CloseUser['role'],
  minute: number,
): CloseUser {
  return {
    id,
    first_name: first,
    last_name: last,
    email: `${first.toLowerCase()}@ringside-demo.example`,
    image: `https://secure.gravatar.com/avatar/${id.slice(5, 37).toLowerCase()}`,
    date_created: seedTime(minute),
    date_updated: seedTime(minute),
    role,
    membership_id: closeId('memb', id),
  };
}

interface PersonSeed {
  id: string;
  name: string;
  title: string | null;
  phones: [string, string][];
  emails: string[];
}

function seedContact(leadId: string, person: PersonSeed, minute: number): CloseContact {
  return {
    id: person.id,
    lead_id: leadId,
    organization_id: ORG_ID,
    name: person.name,
    display_name: person.name,
    title: person.title,
    phones: person.phones.map(([raw, type]) => {
      const phone = closePhone(raw, type);
      if (!phone) throw new Error(`seed phone ${raw} is not a valid number`);
      return phone;
    }),
    emails: person.emails.map((email) => ({ email, type: 'office', is_unsubscribed: false })),
    urls: [],
    date_created: seedTime(minute),
    date_updated: seedTime(minute),
    created_by: RILEY_ID,
    updated_by: RILEY_ID,
  };
}

function seedLead(
  id: string,
  name: string,
  url: string | null,
  description: string | null,
  people: PersonSeed[],
  minute: number,
): CloseLead {
  return {
    id,
    organization_id: ORG_ID,
    name,
    display_name: name,
    description,
    url,
    status_id: STATUS_POTENTIAL,
    status_label: 'Potential',
    contacts: people.map((person) => seedContact(id, person, minute)),
    date_created: seedTime(minute),
    date_updated: seedTime(minute),
    created_by: RILEY_ID,
    created_by_name: 'Riley Recruiter',
    updated_by: RILEY_ID,
    updated_by_name: 'Riley Recruiter',
  };
}

function namedLeads(): CloseLead[] {
  const { jane, tom, priya, sharedPhone, escaping } = SEEDED;
  const hostile = seedLead(
    HOSTILE.leadId,
    HOSTILE.leadName,
    HOSTILE.leadUrl,
    HOSTILE.leadDescription,
    [
      {
        id: HOSTILE.contactId,
        name: HOSTILE.contactName,
        title: HOSTILE.title,
        phones: [[HOSTILE.phone, 'mobile']],
        emails: [HOSTILE.email],
      },
    ],
    6,
  );
  const [marcus, dana] = sharedPhone.contacts;
  return [
    seedLead(
      jane.leadId,
      jane.leadName,
      'https://acme-robotics.example',
      'Warehouse automation; hiring 12 field engineers.',
      [
        {
          id: jane.contactId,
          name: jane.name,
          title: jane.title,
          phones: [
            [jane.mobile, 'mobile'],
            [jane.office, 'office'],
          ],
          emails: [jane.email],
        },
        {
          id: tom.contactId,
          name: tom.name,
          title: tom.title,
          phones: [[tom.office, 'office']],
          emails: [tom.email],
        },
      ],
      1,
    ),
    seedLead(
      priya.leadId,
      priya.leadName,
      'https://northwind.example',
      'London agency partner.',
      [
        {
          id: priya.contactId,
          name: priya.name,
          title: priya.title,
          phones: [[priya.office, 'office']],
          emails: [priya.email],
        },
      ],
      2,
    ),
    seedLead(
      marcus.leadId,
      marcus.leadName,
      null,
      null,
      [
        {
          id: marcus.contactId,
          name: marcus.name,
          title: 'Warehouse Operations Lead',
          phones: [[sharedPhone.phone, 'office']],
          emails: ['marcus.lee@lakeside-logistics.example'],
        },
      ],
      3,
    ),
    seedLead(
      dana.leadId,
      dana.leadName,
      null,
      null,
      [
        {
          id: dana.contactId,
          name: dana.name,
          title: 'Nurse Recruiter',
          phones: [[sharedPhone.phone, 'mobile']],
          emails: ['dana.whitfield@harbor-health.example'],
        },
      ],
      4,
    ),
    seedLead(
      escaping.leadId,
      escaping.leadName,
      null,
      'Pays <b>net 30</b> & "prefers" email.',
      [
        {
          id: escaping.contactId,
          name: escaping.contactName,
          title: escaping.title,
          phones: [[escaping.phone, 'office']],
          emails: [escaping.email],
        },
      ],
      5,
    ),
    hostile,
  ];
}

function generatedLeads(): CloseLead[] {
  return Array.from({ length: LONG_LIST_COUNT }, (_, index) => {
    const person = generatedPerson(index);
    return seedLead(
      person.leadId,
      person.company,
      null,
      null,
      [
        {
          id: person.contactId,
          name: person.name,
          title: null,
          phones: [[person.phone, index % 2 === 0 ? 'office' : 'mobile']],
          emails: [person.email],
        },
      ],
      10 + index,
    );
  });
}

function outcome(id: string, name: string, description: string, minute: number): CloseOutcome {
  return {
    id,
    name,
    description,
    applies_to: ['calls'],
    type: 'custom',
    organization_id: ORG_ID,
    created_by: MORGAN_ID,
    updated_by: MORGAN_ID,
    date_created: seedTime(minute),
    date_updated: seedTime(minute),
  };
}

function customActivityType(
  id: string,
  name: string,
  description: string,
  minute: number,
): CloseCustomActivityType {
  return {
    id,
    name,
    description,
    api_create_only: false,
    editable_with_roles: ['admin'],
    is_archived: false,
    fields: [
      {
        id: closeId('cf', `${name}-summary`),
        name: 'Summary',
        type: 'text',
        required: false,
        accepts_multiple_values: false,
      },
    ],
    organization_id: ORG_ID,
    created_by: MORGAN_ID,
    updated_by: MORGAN_ID,
    date_created: seedTime(minute),
    date_updated: seedTime(minute),
  };
}

let template: CloseState | undefined;

/** A fresh, independent copy of the seeded organization; activities start empty. */
export function createCloseState(): CloseState {
  // Formatting 2,000 phones takes ~100 ms; cloning the built state is much cheaper, and reset() runs often.
  template ??= buildCloseState();
  return structuredClone(template);
}

function buildCloseState(): CloseState {
  const { outcomes, customActivityTypes } = SEEDED;
  return {
    organization: {
      id: ORG_ID,
      name: SEEDED.organization.name,
      date_created: seedTime(0),
      date_updated: seedTime(0),
    },
    users: [
      seedUser(RILEY_ID, 'Riley', 'Recruiter', 'user', 0),
      seedUser(SAM_ID, 'Sam', 'Sourcer', 'user', 0),
      seedUser(MORGAN_ID, 'Morgan', 'Manager', 'admin', 0),
      seedUser(HOSTILE.userId, HOSTILE.userFirst, HOSTILE.userLast, 'user', 0),
    ],
    apiKeys: { [DEMO_KEYS.riley]: RILEY_ID, [DEMO_KEYS.sam]: SAM_ID, [HOSTILE.key]: HOSTILE.userId },
    leads: [...namedLeads(), ...generatedLeads()],
    calls: [],
    notes: [],
    customActivities: [],
    outcomes: [
      outcome(outcomes.interested, 'Interested', 'Wants to hear about roles.', 0),
      outcome(outcomes.leftVoicemail, 'Left voicemail', 'Reached voicemail and left a message.', 0),
      outcome(outcomes.noAnswer, 'No answer', 'Rang out without voicemail.', 0),
      outcome(outcomes.notInterested, 'Not interested', 'Declined for now.', 0),
    ],
    customActivityTypes: [
      customActivityType(
        customActivityTypes.candidateScreen,
        'Candidate Screen',
        'First screening call with a candidate.',
        0,
      ),
      customActivityType(
        customActivityTypes.whatsappTouch,
        'WhatsApp Touch',
        'A WhatsApp message logged by hand.',
        0,
      ),
    ],
  };
}
