/**
 * The sandbox's in-memory Close data. Shapes follow Close's JSON (snake_case, ids with type prefixes) so the
 * API can mostly hand records out as they are stored; see shared/crm-contracts.md, section A.
 */

export interface CloseOrganization {
  id: string;
  name: string;
  date_created: string;
  date_updated: string;
}

export interface CloseUser {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  image: string;
  date_created: string;
  date_updated: string;
  /** Not part of the user JSON; rendered into `/me/`'s `memberships`. */
  role: 'admin' | 'user';
  membership_id: string;
}

export interface ClosePhone {
  /** E.164, as Close stores it after normalizing. */
  phone: string;
  /** Close's display form, e.g. "+1 415-555-2671". */
  phone_formatted: string;
  type: string;
  country: string | null;
}

export interface CloseEmail {
  email: string;
  type: string;
  is_unsubscribed: boolean;
}

export interface CloseContact {
  id: string;
  lead_id: string;
  organization_id: string;
  name: string | null;
  display_name: string;
  title: string | null;
  phones: ClosePhone[];
  emails: CloseEmail[];
  urls: { url: string; type: string }[];
  date_created: string;
  date_updated: string;
  created_by: string | null;
  updated_by: string | null;
}

export interface CloseLead {
  id: string;
  organization_id: string;
  /** Null when created without one; `display_name` then falls back to the first contact's name. */
  name: string | null;
  display_name: string;
  description: string | null;
  /** The company's website, not a Close URL (Close's `url` field). */
  url: string | null;
  status_id: string;
  status_label: string;
  /** Every contact belongs to exactly one lead; Close embeds them in the lead JSON. */
  contacts: CloseContact[];
  date_created: string;
  date_updated: string;
  created_by: string | null;
  created_by_name: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
}

/** A logged Call or Note, stored exactly as the API returns it. */
export interface CloseActivity {
  id: string;
  _type: 'Call' | 'Note';
  organization_id: string;
  lead_id: string;
  contact_id: string | null;
  user_id: string;
  user_name: string;
  created_by: string;
  created_by_name: string;
  updated_by: string;
  updated_by_name: string;
  date_created: string;
  date_updated: string;
  activity_at: string;
  users: string[];
  note: string;
  note_html: string;
  [field: string]: unknown;
}

/**
 * A Custom Activity instance (`POST /activity/custom/`). Its custom field values are stored under
 * `custom.<field id>` keys, the form Close lists them in.
 */
export interface CloseCustomActivity {
  id: string;
  _type: 'CustomActivity';
  organization_id: string;
  lead_id: string;
  contact_id: string | null;
  user_id: string;
  user_name: string;
  created_by: string;
  created_by_name: string;
  updated_by: string;
  updated_by_name: string;
  date_created: string;
  date_updated: string;
  activity_at: string;
  users: string[];
  custom_activity_type_id: string;
  status: 'draft' | 'published';
  pinned: boolean;
  [field: `custom.${string}`]: unknown;
}

export interface CloseOutcome {
  id: string;
  name: string;
  description: string | null;
  applies_to: ('calls' | 'meetings')[];
  type: 'custom' | 'vm-dropped';
  organization_id: string;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export interface CloseCustomActivityType {
  id: string;
  name: string;
  description: string;
  api_create_only: boolean;
  editable_with_roles: string[];
  is_archived: boolean;
  fields: { id: string; name: string; type: string; required: boolean; accepts_multiple_values: boolean }[];
  organization_id: string;
  created_by: string | null;
  updated_by: string | null;
  date_created: string;
  date_updated: string;
}

export interface CloseState {
  organization: CloseOrganization;
  users: CloseUser[];
  /** API key → user id. A Close key belongs to one user in one organization. */
  apiKeys: Record<string, string>;
  leads: CloseLead[];
  calls: CloseActivity[];
  notes: CloseActivity[];
  outcomes: CloseOutcome[];
  customActivityTypes: CloseCustomActivityType[];
  customActivities: CloseCustomActivity[];
}

export function findLead(state: CloseState, id: string): CloseLead | undefined {
  return state.leads.find((lead) => lead.id === id);
}

export function findContact(state: CloseState, id: string): CloseContact | undefined {
  for (const lead of state.leads) {
    const contact = lead.contacts.find((candidate) => candidate.id === id);
    if (contact) return contact;
  }
  return undefined;
}

export function allContacts(state: CloseState): CloseContact[] {
  return state.leads.flatMap((lead) => lead.contacts);
}

export function findUser(state: CloseState, id: string): CloseUser | undefined {
  return state.users.find((user) => user.id === id);
}

export function userName(user: CloseUser): string {
  return `${user.first_name} ${user.last_name}`;
}
