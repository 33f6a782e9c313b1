import { t } from '../../i18n';
import type { CallSession } from '../session';
import { type CallTransport, createEmitter } from '../transport';

/** `tel:+14155552671` for an E.164 number; undefined for anything else. */
export function telUrl(phone: string | undefined): string | undefined {
  return phone && /^\+\d{6,16}$/.test(phone) ? `tel:${phone}` : undefined;
}

/**
 * Opens a URL the way a click on a link does: an external protocol launch keeps the extension page
 * where it is, and it runs inside the caller's user gesture.
 */
export function clickLink(url: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.rel = 'noopener';
  link.click();
}

/**
 * Hands an outbound call to the system's phone app (a `tel:` link) and reports it connected at once:
 * Ringside cannot see the phone app, so the recruiter ends the call with "Call ended". An inbound call
 * rang on the phone already; starting it only starts the timer.
 */
export function createTelTransport(
  options: { handOff?: (url: string) => void; now?: () => number } = {},
): CallTransport {
  const handOff = options.handOff ?? clickLink;
  const now = options.now ?? Date.now;
  const events = createEmitter();
  return {
    id: 'tel',
    label: t('transport_telLabel'),
    start(session: CallSession) {
      const url = telUrl(session.phone);
      if (!url) {
        events.emit({ type: 'failed', at: now(), reason: t('transport_noNumber') });
        return;
      }
      if (session.direction === 'outbound') {
        try {
          handOff(url);
        } catch {
          events.emit({ type: 'failed', at: now(), reason: t('transport_phoneAppFailed') });
          return;
        }
      }
      events.emit({ type: 'connected', at: now() });
    },
    subscribe: events.subscribe,
  };
}
