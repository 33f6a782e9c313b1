import type { ContactKind } from './contacts';
import type { Match } from './highlight';

export const HIGHLIGHT_NAMES: Record<ContactKind, string> = {
  phone: 'ringside-phone',
  email: 'ringside-email',
};

/**
 * The tint of each kind, for the `::highlight()` rules (highlight.ts) and the fallback's boxes (overlay.ts).
 * entrypoints/content/style.css, plain CSS the manifest loads, repeats them; a unit test holds it to these.
 */
export const TINTS: Record<ContactKind, string> = {
  phone: 'rgb(37 99 235 / 0.16)',
  email: 'rgb(124 58 237 / 0.14)',
};

/** How the registry shows the matches near the viewport. */
export interface Painter {
  /** 'highlight': the CSS Custom Highlight API; 'boxes': tinted boxes in Ringside's own overlay. */
  readonly kind: 'highlight' | 'boxes';
  add(match: Match): void;
  delete(match: Match): void;
  /** The page changed: whatever is drawn follows its text again (the Highlight API needs nothing). */
  refresh(): void;
  clear(): void;
}

interface HighlightLike {
  add(range: Range): void;
  delete(range: Range): boolean;
  clear(): void;
}

interface HighlightGlobals {
  Highlight?: new (...ranges: Range[]) => HighlightLike;
  CSS?: { highlights?: Map<string, unknown> };
}

/** The CSS Custom Highlight API, one registry entry per kind; undefined where the browser lacks it. */
export function highlightPainter(win: Window): Painter | undefined {
  const globals = win as unknown as HighlightGlobals;
  const registry = globals.CSS?.highlights;
  if (!globals.Highlight || !registry) return undefined;
  const highlights = {} as Record<ContactKind, HighlightLike>;
  for (const kind of ['phone', 'email'] as const) {
    highlights[kind] = new globals.Highlight();
    registry.set(HIGHLIGHT_NAMES[kind], highlights[kind]);
  }
  return {
    kind: 'highlight',
    add: (match) => highlights[match.kind].add(match.range),
    delete: (match) => highlights[match.kind].delete(match.range),
    refresh() {},
    clear() {
      for (const kind of ['phone', 'email'] as const) {
        highlights[kind].clear();
        if (registry.get(HIGHLIGHT_NAMES[kind]) === highlights[kind]) registry.delete(HIGHLIGHT_NAMES[kind]);
      }
    },
  };
}

/** An element's parent, or past the top of a shadow tree, its host. */
function parentAcrossShadow(element: Element): Element | null {
  const parent = element.parentNode;
  if (parent?.nodeType === 1) return parent as Element;
  return parent?.nodeType === 11 ? ((parent as ShadowRoot).host ?? null) : null;
}

/**
 * Where the Highlight API is missing (Firefox before 140, which the Firefox build still supports): a
 * tinted box over each line box of each drawn match, in a layer of Ringside's overlay host, so the page's
 * own nodes stay untouched. Boxes are placed from the match's client rects, and placed again on the
 * next frame after a scroll (of the page or of any scroller in it), a resize, or a change to the page,
 * cut to the viewport and to the match's clipping ancestors (an inner scroller hides what it scrolls
 * away). The layer sits at the overlay host's level: under the page's own positioned layers (a modal, a
 * sticky header) and over its text. What moves without a scroll or a change (an animation) is placed
 * again at the next one.
 */
export function boxPainter(win: Window, layer: () => HTMLElement, signal: AbortSignal): Painter {
  const boxes = new Map<Match, HTMLElement[]>();
  /** Per anchor, its ancestors that clip their content (inner scrollers): a box is cut to them too. */
  const clippers = new WeakMap<Element, Element[]>();
  /** Per element, whether it clips: rows of one table share their ancestors, looked at once. */
  const clips = new WeakMap<Element, boolean>();
  let frame = 0;

  function clippersOf(anchor: Element): Element[] {
    let known = clippers.get(anchor);
    if (!known) {
      known = [];
      // The anchor itself clips its own text too; past a shadow root, its host's ancestors go on.
      for (let element: Element | null = anchor; element; element = parentAcrossShadow(element)) {
        let clipping = clips.get(element);
        if (clipping === undefined) {
          const style = win.getComputedStyle(element);
          clipping = style.overflowX !== 'visible' || style.overflowY !== 'visible';
          clips.set(element, clipping);
        }
        if (clipping) known.push(element);
      }
      clippers.set(anchor, known);
    }
    return known;
  }

  function place(): void {
    frame = 0;
    if (boxes.size === 0) return;
    const container = layer();
    for (const [match, drawn] of boxes) {
      // The visible part of the match's line boxes: within the viewport and every clipping ancestor.
      let top = 0;
      let left = 0;
      let right = win.innerWidth;
      let bottom = win.innerHeight;
      for (const clipper of clippersOf(match.anchor)) {
        const clip = clipper.getBoundingClientRect();
        top = Math.max(top, clip.top);
        left = Math.max(left, clip.left);
        right = Math.min(right, clip.right);
        bottom = Math.min(bottom, clip.bottom);
      }
      const rects = [...match.range.getClientRects()]
        .map((rect) => ({
          left: Math.max(left, rect.left),
          top: Math.max(top, rect.top),
          right: Math.min(right, rect.right),
          bottom: Math.min(bottom, rect.bottom),
        }))
        .filter((rect) => rect.right > rect.left && rect.bottom > rect.top);
      while (drawn.length > rects.length) drawn.pop()?.remove();
      for (let index = 0; index < rects.length; index++) {
        const rect = rects[index] as (typeof rects)[number];
        let box = drawn[index];
        if (!box) {
          box = win.document.createElement('div');
          box.className = `mark ${match.kind}`;
          drawn.push(box);
        }
        // The page may have removed the overlay host: its new layer takes the boxes.
        if (box.parentNode !== container) container.append(box);
        box.style.transform = `translate(${rect.left}px, ${rect.top}px)`;
        box.style.width = `${rect.right - rect.left}px`;
        box.style.height = `${rect.bottom - rect.top}px`;
      }
    }
  }
  function schedule(): void {
    if (!frame && !signal.aborted) frame = win.requestAnimationFrame(place);
  }
  const options = { capture: true, passive: true, signal };
  win.addEventListener('scroll', schedule, options);
  win.addEventListener('resize', schedule, options);

  return {
    kind: 'boxes',
    add(match) {
      if (boxes.has(match)) return;
      boxes.set(match, []);
      schedule();
    },
    delete(match) {
      for (const box of boxes.get(match) ?? []) box.remove();
      boxes.delete(match);
    },
    refresh: schedule,
    clear() {
      for (const drawn of boxes.values()) for (const box of drawn) box.remove();
      boxes.clear();
      if (frame) win.cancelAnimationFrame(frame);
      frame = 0;
    },
  };
}
