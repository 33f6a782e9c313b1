import type { createHighlighter } from './highlight';

type Highlighter = ReturnType<typeof createHighlighter>;

export interface ClickOptions {
  highlighter: Highlighter;
  dial: (phone: string) => void;
  signal: AbortSignal;
}

/**
 * One capture-phase listener for the whole page. A plain click on a found number or a `tel:` link dials
 * it in Ringside; every other click (and modified clicks, for "open in new tab" habits) is the page's own.
 */
export function listenForDialClicks(doc: Document, { highlighter, dial, signal }: ClickOptions): void {
  doc.addEventListener(
    'click',
    (event) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href^="tel:" i]') : null;
      if (link) {
        const phone = decodeURIComponent(link.getAttribute('href')?.slice(4) ?? '').trim();
        if (phone) {
          event.preventDefault();
          event.stopPropagation();
          dial(phone);
        }
        return;
      }
      const hit = highlighter.at(event.clientX, event.clientY);
      if (!hit) return;
      event.preventDefault();
      event.stopPropagation();
      dial(hit.value);
    },
    { capture: true, signal },
  );
}
