import type { CrmRecord, RecordPatch } from '../crm/adapter';
import { CrmError } from '../crm/errors';
import { t } from '../i18n';

/**
 * The patch that corrects one stored number (seed 004's cleanup): that number becomes its E.164 form and
 * `replaces` the stored text, so adapters write it where it was; every other phone is written back exactly as
 * the CRM stored it, with its type. Emails are not in the patch, so no adapter touches them.
 */
export function cleanupPatch(
  record: CrmRecord,
  target: { raw: string; field?: string | undefined },
  e164: string,
  crmLabel: string,
): RecordPatch {
  const index = record.phones.findIndex(
    (phone) => phone.raw === target.raw && (target.field === undefined || phone.field === target.field),
  );
  if (index < 0) {
    throw new CrmError({
      kind: 'not-found',
      message: t('bgPhoneCleanup_numberGone', target.raw, crmLabel),
    });
  }
  return {
    phones: record.phones.map((phone, at) => ({
      number: at === index ? e164 : phone.raw,
      ...(phone.type ? { type: phone.type } : {}),
      ...(at === index ? { replaces: phone.raw } : {}),
    })),
  };
}
