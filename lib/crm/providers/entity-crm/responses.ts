import { z } from 'zod';
import { t } from '../../../i18n';
import { CrmError } from '../../errors';

/** Entity CRM's response bodies as Ringside parses them, and the listRecords cursor; no HTTP in here. */

// ---- tolerant response schemas (all UNCONFIRMED) -----------------------------------------------------------

const idSchema = z.union([z.string().min(1), z.number()]).transform(String);
/** A string where one is expected; anything else (a number, an object) reads as absent rather than failing. */
const text = z.string().nullish().catch(undefined);

export const contactSchema = z.looseObject({
  id: idSchema,
  firstName: text,
  lastName: text,
  fullName: text,
  name: text,
  displayName: text,
  title: text,
  jobTitle: text,
  phones: z.array(z.unknown()).nullish().catch(undefined),
  phone: text,
  mobile: text,
  emails: z.array(z.unknown()).nullish().catch(undefined),
  email: text,
  companyName: text,
  company: z
    .union([z.string(), z.looseObject({ name: text })])
    .nullish()
    .catch(undefined),
  lastActivityAt: text,
});
export type EntityContact = z.infer<typeof contactSchema>;

export const phoneObjectSchema = z.looseObject({
  number: text,
  phone: text,
  value: text,
  e164: text,
  type: text,
  label: text,
});
export const emailObjectSchema = z.looseObject({
  email: text,
  address: text,
  value: text,
  type: text,
  label: text,
});

export const membershipSchema = z.looseObject({
  companyId: idSchema.nullish().catch(undefined),
  companyName: text,
  company: z
    .looseObject({ id: idSchema.nullish().catch(undefined), name: text })
    .nullish()
    .catch(undefined),
  isPrimary: z.boolean().nullish().catch(undefined),
});
export const companySchema = z.looseObject({ id: idSchema, name: text });
export const activitySchema = z.looseObject({
  id: idSchema,
  type: text,
  subject: text,
  body: text,
  notes: text,
  description: text,
  contactId: idSchema.nullish().catch(undefined),
  occurredAt: text,
  externalId: text,
});
export const dashboardSchema = z.looseObject({
  entity: z.looseObject({ id: text, name: text }).nullish().catch(undefined),
  entityName: text,
  user: z.looseObject({ name: text, email: text }).nullish().catch(undefined),
});

/** `{"<key>": {...}}`, `{"data": {...}}` or the object itself. */
export function single<T>(key: string, schema: z.ZodType<T>): z.ZodType<T> {
  return z.unknown().transform((body, ctx) => {
    const candidates: unknown[] = [];
    if (body && typeof body === 'object' && !Array.isArray(body)) {
      const record = body as Record<string, unknown>;
      candidates.push(record[key], record.data);
    }
    candidates.push(body);
    for (const candidate of candidates) {
      if (candidate === undefined) continue;
      const parsed = schema.safeParse(candidate);
      if (parsed.success) return parsed.data;
    }
    ctx.addIssue({ code: 'custom', message: `expected a ${key}`, path: [key] });
    return z.NEVER;
  });
}

interface ListBody {
  items: unknown[];
  nextPage?: number | undefined;
  total?: number | undefined;
  pageSize?: number | undefined;
  hasMore?: boolean | undefined;
}

const listMetaSchema = z.object({
  nextPage: z.coerce.number().int().positive().nullish().catch(undefined),
  total: z.number().int().nonnegative().nullish().catch(undefined),
  pageSize: z.number().int().positive().nullish().catch(undefined),
  limit: z.number().int().positive().nullish().catch(undefined),
  hasMore: z.boolean().nullish().catch(undefined),
});

/** `{"<key>": [...], nextPage?, total?, pageSize?, hasMore?}`, `{"data"|"items": [...]}` or a bare array. */
export function listOf(key: string): z.ZodType<ListBody> {
  return z.unknown().transform((body, ctx): ListBody => {
    if (Array.isArray(body)) return { items: body };
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      const items = [record[key], record.data, record.items].find(Array.isArray);
      if (items) {
        const meta = listMetaSchema.parse(record);
        return {
          items,
          nextPage: meta.nextPage ?? undefined,
          total: meta.total ?? undefined,
          pageSize: meta.pageSize ?? meta.limit ?? undefined,
          hasMore: meta.hasMore ?? undefined,
        };
      }
    }
    ctx.addIssue({ code: 'custom', message: `expected a list of ${key}`, path: [key] });
    return z.NEVER;
  });
}

/** Items that parse; one malformed entry must not stop a 50,000-contact sync. */
export function parseItems<T>(items: unknown[], schema: z.ZodType<T>): T[] {
  const out: T[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) out.push(parsed.data);
  }
  return out;
}

/** The listRecords cursor: the next page, and the last id of the page before it (to catch an ignored `page`). */
export function parseCursor(cursor: string | undefined): { page: number; previousLast?: string } {
  if (cursor === undefined) return { page: 1 };
  const match = cursor.match(/^(\d{1,7})(?::(.+))?$/);
  const page = Number(match?.[1]);
  if (!match || !(page >= 1)) {
    throw new CrmError({
      kind: 'validation',
      message: t('entityCrm_badCursor'),
    });
  }
  return match[2] ? { page, previousLast: match[2] } : { page };
}
