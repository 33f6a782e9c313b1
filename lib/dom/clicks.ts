import type { CountryCode } from 'libphonenumber-js';
import type { Match } from './highlight';
import { telValue } from './links';
import { linkKind } from './walk';

export interface ClickOptions {
  /** The match drawn under a viewport point. */
  hit: (x: number, y: number) => Match | undefined;
  /** Whether a click target is the extension's own overlay (its button handles its own clicks). */
  isOwn: (target: EventTarget | null) => boolean;
  defaultCountry: CountryCode;
  /** Leave `tel:` links to the page (the OS dialer) instead of dialing in Ringside. */
  leaveTelLinks?: boolean;
  onDial: (value: string) => void;
  onLookupEmail: (value: string) => void;
  signal: AbortSignal;
}

/**
 * One capture-phase listener for the whole document. A plain click on a found number dials it, on a found
 * email looks it up, on a `tel:` link dials its href. Modified clicks ("open in new tab" habits), clicks
 * elsewhere and `mailto:` links stay the page's own.
 */
export function listenForClicks(doc: Document, options: ClickOptions): void {
  doc.addEventListener(
    'click',
    (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const target = event.target;
      if (options.isOwn(target)) return;
      const link =
        target instanceof Element || (target as Node | null)?.nodeType === 1
          ? (target as Element).closest('a[href]')
          : null;
      const kind = link ? linkKind(link) : undefined;
      if (link && kind === 'phone') {
        if (options.leaveTelLinks) return;
        const value = telValue(link.getAttribute('href') ?? '', options.defaultCountry);
        if (!value) return;
        event.preventDefault();
        event.stopPropagation();
        options.onDial(value);
        return;
      }
      if (kind === 'email') return;
      const match = options.hit(event.clientX, event.clientY);
      if (!match) return;
      event.preventDefault();
      event.stopPropagation();
      if (match.kind === 'phone') options.onDial(match.value);
      else options.onLookupEmail(match.value);
    },
    { capture: true, signal: options.signal },
  );
}
