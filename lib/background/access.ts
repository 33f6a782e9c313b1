import { patternHost } from '../access/patterns';
import { CrmError } from '../crm/errors';
import { t } from '../i18n';

/** Of `patterns`, those the browser does not currently let Ringside reach. */
export type MissingOrigins = (patterns: string[]) => Promise<string[]>;

/** Everything is reachable: unit tests and code running outside a browser. */
export const noMissingOrigins: MissingOrigins = async () => [];

interface PermissionsLike {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

/** Asks the browser about each pattern on its own, so the sentence can name the host that is missing. */
export function missingOriginsFrom(permissions: PermissionsLike): MissingOrigins {
  return async (patterns) => {
    const granted = await Promise.all(
      patterns.map((origin) => permissions.contains({ origins: [origin] }).catch(() => false)),
    );
    return patterns.filter((_, index) => !granted[index]);
  };
}

/** The sentence for a CRM whose host permission was removed (or never granted, for a draft). */
export function noAccessError(missing: string[], saved: boolean): CrmError {
  const hosts = missing.map(patternHost).join(', ');
  return new CrmError({
    kind: 'no-access',
    message: saved ? t('bgAccess_noLongerGranted', hosts) : t('bgAccess_notYetGranted', hosts),
  });
}
