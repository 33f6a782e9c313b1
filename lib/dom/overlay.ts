import type { Match } from './highlight';
import { TINTS } from './painter';

const OVERLAY_CSS = `
:host { all: initial; }
button {
  position: fixed; z-index: 2147483647; display: none; margin: 0; padding: 2px 8px;
  font: 600 12px/18px system-ui, sans-serif; color: #fff; background: #2563eb; border: 0; border-radius: 9px;
  box-shadow: 0 1px 3px rgb(0 0 0 / 0.3); cursor: pointer; pointer-events: auto;
}
button[data-kind="email"] { background: #7c3aed; }
.mark {
  position: fixed; top: 0; left: 0; pointer-events: none; border-radius: 2px;
  background: ${TINTS.phone};
}
.mark.email { background: ${TINTS.email}; }
button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
`;

/** The button's words for a match, from the content script's catalogue (lib/dom itself holds no text). */
export interface OverlayText {
  /** The button ("Call", "Look up"). */
  label: string;
  /** Its tooltip ("Call +1 415… with Ringside"). */
  title: string;
}

export interface Overlay {
  /**
   * The one element Ringside adds to the page, once a match is first hovered (or, where the browser has
   * no Highlight API, first drawn); scanner and observer pass over it.
   */
  readonly host: Element | undefined;
  /** The layer the matches' boxes are drawn in where the Highlight API is missing (painter.ts). */
  layer(): HTMLElement;
  show(match: Match): void;
  hide(): void;
  readonly current: Match | undefined;
  dispose(): void;
}

/**
 * One host element on `<html>` with a closed shadow root holding a single hover button ("Call" or
 * "Look up"), placed just after the hovered match. The page cannot reach into it and its styles cannot
 * leak out. Created on first use: adding it earlier would make the browser lay the page out again right
 * when the scan starts.
 */
export function createOverlay(
  doc: Document,
  onActivate: (match: Match) => void,
  textFor: (match: Match) => OverlayText,
): Overlay {
  let host: Element | undefined;
  let button: HTMLButtonElement | undefined;
  let marks: HTMLElement | undefined;
  let current: Match | undefined;

  function mount(): HTMLButtonElement {
    if (button && host?.isConnected) return button;
    host = doc.createElement('ringside-overlay');
    host.setAttribute('style', 'all: initial; position: fixed; top: 0; left: 0; width: 0; height: 0;');
    const shadow = host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = OVERLAY_CSS;
    const created = doc.createElement('button');
    created.type = 'button';
    created.addEventListener('click', (event) => {
      event.preventDefault();
      event.stopPropagation();
      if (current) onActivate(current);
    });
    // The boxes come first: the button is drawn over them.
    marks = doc.createElement('div');
    shadow.append(style, marks, created);
    doc.documentElement.append(host);
    button = created;
    return created;
  }

  return {
    get host() {
      return host;
    },
    get current() {
      return current;
    },
    layer() {
      mount();
      return marks as HTMLElement;
    },
    show(match) {
      const rects = match.range.getClientRects();
      const last = rects[rects.length - 1];
      if (!last) return this.hide();
      const target = mount();
      current = match;
      const text = textFor(match);
      target.dataset.kind = match.kind;
      target.textContent = text.label;
      target.title = text.title;
      const width = 72;
      const left = Math.min(last.right + 6, (doc.defaultView?.innerWidth ?? 1e6) - width);
      target.style.left = `${Math.max(0, left)}px`;
      target.style.top = `${Math.max(0, last.top + last.height / 2 - 11)}px`;
      target.style.display = 'block';
    },
    hide() {
      current = undefined;
      if (button) button.style.display = 'none';
    },
    dispose() {
      host?.remove();
      host = undefined;
      button = undefined;
      marks = undefined;
      current = undefined;
    },
  };
}
