import type { CrmRecord } from '../lib/crm/adapter';
import { providerLabels } from '../lib/crm/adapter';
import { providers } from '../lib/crm/registry';
import { t } from '../lib/i18n';
import type { Draft, DraftChoice } from '../lib/store/drafts';
import { StatusMessage } from './StatusMessage';
import type { TypesState } from './useActivityTypes';

/** The wrap-up's part per connection: the chosen records of one CRM, who it logs as, type and outcome. */

export interface ConnectionGroup {
  connectionId: string;
  crm: string;
  canLog: boolean;
  records: CrmRecord[];
}

export function groupByConnection(records: CrmRecord[]): ConnectionGroup[] {
  const groups = new Map<string, ConnectionGroup>();
  for (const record of records) {
    const { connectionId, provider } = record.ref;
    const group = groups.get(connectionId) ?? {
      connectionId,
      crm: providerLabels[provider],
      canLog: providers[provider].capabilities.logActivity,
      records: [],
    };
    group.records.push(record);
    groups.set(connectionId, group);
  }
  return [...groups.values()];
}

export /** The type a connection logs this draft as: the recruiter's choice, else the channel's default from options. */
function chosenType(
  draft: Draft,
  connectionId: string,
  types: TypesState | undefined,
  defaultType: string | undefined,
): string {
  const chosen = draft.choices[connectionId]?.typeId;
  if (chosen !== undefined) return chosen;
  // A default the CRM no longer lists is not offered.
  if (defaultType && (types?.state !== 'ok' || types.types.some((type) => type.id === defaultType)))
    return defaultType;
  return '';
}

export /** One connection's part of the wrap-up: who it logs as, its activity type and its outcome. */
function ConnectionChoices({
  group,
  types,
  typeId,
  outcomeId,
  userName,
  onChoose,
  onRefresh,
}: {
  group: ConnectionGroup;
  types: TypesState | undefined;
  typeId: string;
  outcomeId: string;
  userName: string | undefined;
  onChoose: (change: DraftChoice) => void;
  onRefresh: () => void;
}) {
  const id = `wrap-${group.connectionId}`;
  if (!group.canLog) {
    return (
      <p class="muted" data-connection-id={group.connectionId}>
        {t('wrapUp_cannotLog', group.crm, group.records.map((record) => record.name).join(', '))}
      </p>
    );
  }
  return (
    <fieldset
      class="card"
      data-connection-id={group.connectionId}
      aria-label={t('wrapUp_connectionLabel', group.crm)}
    >
      <legend>
        {group.crm}: {group.records.map((record) => record.name).join(', ')}
      </legend>
      <div class="muted" data-testid="logged-as">
        {userName ? t('wrapUp_loggedAs', userName) : t('wrapUp_loggedAsCredentials', group.crm)}
      </div>
      {types?.state === 'loading' && <p class="muted">{t('common_loadingTypes', group.crm)}</p>}
      {types?.state === 'error' && (
        <StatusMessage tone="error">
          {types.text}{' '}
          <button type="button" class="secondary" onClick={onRefresh}>
            {t('common_tryAgain')}
          </button>
        </StatusMessage>
      )}
      {types?.state === 'ok' && (
        <div class="row">
          {types.types.length > 0 && (
            <div>
              <label for={`${id}-type`}>{t('wrapUp_type', group.crm)}</label>
              <select
                id={`${id}-type`}
                value={typeId}
                onChange={(event) => onChoose({ typeId: event.currentTarget.value })}
              >
                <option value="">{t('common_automatic')}</option>
                {types.types.map((type) => (
                  <option key={type.id} value={type.id}>
                    {type.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {types.outcomes.length > 0 && (
            <div>
              <label for={`${id}-outcome`}>{t('wrapUp_outcome', group.crm)}</label>
              <select
                id={`${id}-outcome`}
                value={outcomeId}
                onChange={(event) => onChoose({ outcomeId: event.currentTarget.value })}
              >
                <option value="">{t('wrapUp_noOutcome')}</option>
                {types.outcomes.map((outcome) => (
                  <option key={outcome.id} value={outcome.id}>
                    {outcome.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      )}
    </fieldset>
  );
}
