import { z } from 'zod';
import { t } from '../../../i18n';
import { CrmError } from '../../errors';

/** Entity CRM's name in messages, and its error bodies read as field errors and the 403's two causes. */

export const LABEL = 'Entity CRM';

const errorBodySchema = z.object({ error: z.string() });

/** The seed's error body `{"error": "..."}`, keyed `entityId` when it is about the entity id (for the form). */
export function describeValidation(body: unknown): Record<string, string> | undefined {
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success || !parsed.data.error.trim()) return undefined;
  const message = parsed.data.error.trim().slice(0, 300);
  return /entity\s*id/i.test(message) ? { entityId: message } : { request: message };
}

/** A 403 is either the entity id (seed: it "must match the API key's entity") or a missing read/write scope. */
export async function permissionError(response: Response): Promise<CrmError> {
  let detail = '';
  try {
    detail = errorBodySchema.parse(await response.clone().json()).error;
  } catch {
    // No readable body: fall through to the documented cause.
  }
  if (/scope|write:crm|read:crm/i.test(detail)) {
    const scope = /read:crm/i.test(detail) ? 'read:crm' : 'write:crm';
    return new CrmError({
      kind: 'permission',
      message: t('entityCrm_missingScope', LABEL, scope),
    });
  }
  if (/entity/i.test(detail) || !detail) {
    return new CrmError({
      kind: 'permission',
      message: t('entityCrm_wrongEntity', LABEL),
      fieldErrors: { entityId: t('entityCrm_wrongEntityField') },
    });
  }
  return new CrmError({ kind: 'permission', message: t('http_permission', LABEL) });
}
