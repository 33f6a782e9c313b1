import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { capabilitySummary } from '../../lib/crm/capability-summary';
import { closeCapabilities, closeDefinition } from '../../lib/crm/providers/close';
import { type MessageKey, messageLocale, t } from '../../lib/i18n';
import { checkDialInput } from '../../lib/phone/dial-input';
import { relativeTime } from '../../lib/relative-time';
import { catalogMessages, englishMessage } from '../support/english-messages';

/** The catalogue in use is the browser's choice: these switch it the way a Spanish browser would. */
const useCatalog = (lang: string) => {
  fakeBrowser.i18n.getMessage = catalogMessages(lang) as typeof fakeBrowser.i18n.getMessage;
};

describe('t', () => {
  afterEach(() => {
    fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
  });

  it('puts substitutions in place of $1..$n, numbers included', () => {
    expect(t('http_unavailable', 'Close', 503)).toBe(
      'Close is unavailable right now (HTTP 503). Try again in a few minutes.',
    );
  });

  it('shows a name the browser does not know as itself, not as nothing', () => {
    expect(t('no_such_message' as MessageKey)).toBe('no_such_message');
  });

  it('speaks Spanish in a Spanish browser: sentences, lazy zod messages, labels and Intl formats', () => {
    useCatalog('es');
    expect(messageLocale()).toBe('es');
    expect(checkDialInput('call me', 'GB')).toMatchObject({
      ok: false,
      message: 'Los números de teléfono no llevan letras: quita «call me».',
    });
    // The schema is a module constant; its message is looked up when the check fails.
    expect(closeDefinition.fields[0]?.schema.safeParse('').error?.issues[0]?.message).toBe(
      'Introduce tu clave de API de Close.',
    );
    expect(closeDefinition.fields[0]?.label).toBe('Clave de API de Close');
    expect(capabilitySummary(closeCapabilities)[0]).toEqual({
      label: 'Buscar a quien llama por teléfono',
      value: 'sí',
    });
    const now = Date.parse('2025-03-10T12:00:00Z');
    expect(relativeTime('2025-03-07T12:00:00Z', now)).toBe('hace 3 días');
    expect(relativeTime('2025-03-10T11:59:50Z', now)).toBe('ahora mismo');
  });
});
