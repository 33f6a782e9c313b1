import { useState } from 'preact/hooks';
import { allOrigins, connectionOrigins } from '../lib/access/crm-origins';
import { patternHost } from '../lib/access/patterns';
import { requestOrigins } from '../lib/access/request';
import { type ProviderId, providerIds } from '../lib/crm/adapter';
import { type ConnectionDraft, isLoopbackUrl, validateDraft } from '../lib/crm/drafts';
import { providers } from '../lib/crm/registry';
import { t } from '../lib/i18n';
import { MessageError, send } from '../lib/messaging';
import type { ConnectionTest } from '../lib/protocol';
import type { Connection } from '../lib/store/connections';
import { CapabilityList } from './CapabilityList';
import { FieldError } from './FieldError';
import { joinAnd } from './i18n-ui';
import { StatusMessage } from './StatusMessage';

type Outcome = { tone: 'ok' | 'error' | 'info'; text: string } | undefined;

function describeTest(label: string, result: ConnectionTest): Outcome {
  if (!result.success) return { tone: 'error', text: result.error };
  const { userName, organization } = result.account;
  return {
    tone: 'ok',
    text: organization
      ? t('connection_connectedAsOrg', label, userName, organization)
      : t('connection_connectedAs', label, userName),
  };
}

/**
 * The CRM's hosts are optional permissions, asked for from the click itself: its API to test it, and
 * on saving its web app too, where Ringside then runs.
 */
function hostsFor(provider: ProviderId, baseUrl: string, action: 'test' | 'save'): string[] {
  if (!URL.canParse(baseUrl)) return [];
  const origins = connectionOrigins({ provider, baseUrl });
  return action === 'save' ? allOrigins(origins) : origins.api;
}

/**
 * Add or edit a connection: the provider's own fields, an API URL where needed, test, save. What the
 * user typed stays in the form until it is saved; saved secrets are never sent back, only kept.
 */
export function ConnectionForm({
  connection,
  onSaved,
  onCancel,
}: {
  connection?: Connection;
  onSaved: () => void;
  onCancel?: () => void;
}) {
  const [provider, setProvider] = useState<ProviderId>(connection?.provider ?? 'close');
  const definition = providers[provider];
  const [values, setValues] = useState<Record<string, string>>(connection?.settings ?? {});
  const [customUrl, setCustomUrl] = useState(
    Boolean(connection && connection.baseUrl !== definition.defaultBaseUrl),
  );
  const [baseUrl, setBaseUrl] = useState(connection?.baseUrl ?? definition.defaultBaseUrl);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const showUrl = definition.baseUrlRequired || customUrl;

  function draft(): ConnectionDraft | undefined {
    const typed: ConnectionDraft = {
      provider,
      fields: Object.fromEntries(
        definition.fields.map((field) => [field.name, values[field.name] ?? field.defaultValue ?? '']),
      ),
      ...(showUrl ? { baseUrl } : {}),
    };
    // Blank secrets of a saved connection are kept by the background, which alone knows them.
    const kept = Object.fromEntries(Object.keys(connection?.secretHints ?? {}).map((name) => [name, null]));
    const result = validateDraft(definition, typed, kept);
    setErrors(result.ok ? {} : result.fieldErrors);
    return result.ok ? typed : undefined;
  }

  function run(action: 'test' | 'save') {
    const valid = draft();
    if (!valid) {
      setOutcome(undefined);
      return;
    }
    // Called in the click's own task: the browser shows its permission prompt only for a user gesture.
    const hosts = hostsFor(provider, valid.baseUrl ?? definition.defaultBaseUrl, action);
    const granted = requestOrigins(hosts);
    setBusy(true);
    setOutcome({ tone: 'info', text: action === 'test' ? t('connection_testing') : t('common_saving') });
    void (async () => {
      try {
        if (!(await granted)) {
          setOutcome({
            tone: 'error',
            text: t('connection_needsPermission', joinAnd(hosts.map(patternHost))),
          });
          return;
        }
        const connectionId = connection?.id;
        if (action === 'test') {
          const result = await send('connections.test', {
            draft: valid,
            ...(connectionId ? { connectionId } : {}),
          });
          setOutcome(describeTest(definition.label, result));
        } else {
          await send('connections.save', { draft: valid, ...(connectionId ? { connectionId } : {}) });
          setValues(
            Object.fromEntries(
              definition.fields
                .filter((field) => !field.secret)
                .map((field) => [field.name, values[field.name] ?? '']),
            ),
          );
          setOutcome({
            tone: 'ok',
            text: t('connection_saved'),
          });
          onSaved();
        }
      } catch (error) {
        setOutcome({
          tone: 'error',
          text: error instanceof MessageError ? error.message : t('common_somethingWrong'),
        });
        if (error instanceof MessageError && error.fieldErrors) setErrors(error.fieldErrors);
      } finally {
        setBusy(false);
      }
    })();
  }

  const formId = connection ? `edit-${connection.id}` : 'new';
  return (
    <form
      class="card"
      aria-label={connection ? t('connection_editLabel', definition.label) : t('connection_addLabel')}
      onSubmit={(event) => {
        event.preventDefault();
        run('save');
      }}
    >
      <label for={`${formId}-provider`}>{t('connection_crm')}</label>
      <select
        id={`${formId}-provider`}
        value={provider}
        disabled={Boolean(connection)}
        onChange={(event) => {
          const next = event.currentTarget.value as ProviderId;
          setProvider(next);
          setBaseUrl(providers[next].defaultBaseUrl);
          setCustomUrl(false);
          setErrors({});
          setOutcome(undefined);
        }}
      >
        {providerIds.map((id) => (
          <option key={id} value={id}>
            {providers[id].label}
          </option>
        ))}
      </select>
      <CapabilityList capabilities={definition.capabilities} />

      {definition.fields.map((field) => {
        const inputId = `${formId}-${field.name}`;
        const kept = connection?.secretHints[field.name];
        return (
          <div key={field.name}>
            <label for={inputId}>{field.label}</label>
            <input
              id={inputId}
              type={field.secret ? 'password' : 'text'}
              autocomplete="off"
              spellcheck={false}
              placeholder={kept ? t('connection_keptPlaceholder', kept) : field.placeholder}
              value={values[field.name] ?? (field.secret ? '' : (field.defaultValue ?? ''))}
              aria-invalid={errors[field.name] ? 'true' : 'false'}
              aria-describedby={`${field.name}-error`}
              onInput={(event) => {
                const value = event.currentTarget.value;
                setValues((current) => ({ ...current, [field.name]: value }));
              }}
            />
            <FieldError id={`${field.name}-error`} text={errors[field.name]} />
            {field.help && <p class="muted">{field.help}</p>}
          </div>
        );
      })}

      {!definition.baseUrlRequired && (
        <label class="row" style={{ fontWeight: 'normal' }}>
          <input
            type="checkbox"
            style={{ flex: '0 0 auto' }}
            checked={customUrl}
            onChange={(event) => setCustomUrl(event.currentTarget.checked)}
          />
          <span>{t('connection_customUrl')}</span>
        </label>
      )}
      {showUrl && (
        <>
          <label for={`${formId}-base-url`}>{t('connection_apiUrl')}</label>
          <input
            id={`${formId}-base-url`}
            type="url"
            value={baseUrl}
            placeholder="https://crm.example.com/"
            aria-invalid={errors.baseUrl ? 'true' : 'false'}
            aria-describedby="baseUrl-error"
            onInput={(event) => setBaseUrl(event.currentTarget.value)}
          />
          <FieldError id="baseUrl-error" text={errors.baseUrl} />
          {isLoopbackUrl(baseUrl) && (
            <StatusMessage tone="info">
              <strong>{t('connection_loopbackTitle')}</strong>{' '}
              {t('connection_loopbackBody', definition.label)}
            </StatusMessage>
          )}
        </>
      )}

      <div>
        <button type="button" class="secondary" disabled={busy} onClick={() => run('test')}>
          {t('connection_test')}
        </button>
        <button type="submit" disabled={busy}>
          {t('common_save')}
        </button>
        {onCancel && (
          <button type="button" class="secondary" onClick={onCancel}>
            {t('common_cancel')}
          </button>
        )}
      </div>
      {outcome && <StatusMessage tone={outcome.tone}>{outcome.text}</StatusMessage>}
    </form>
  );
}
