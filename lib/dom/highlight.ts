import type { FoundNumber } from './scan';

export const HIGHLIGHT_NAME = 'ringside-phone';

interface HighlightGlobals {
  Highlight?: new (...ranges: Range[]) => { add(range: Range): void };
  CSS?: { highlights?: Map<string, unknown> };
}

/**
 * Draws found numbers with the CSS Custom Highlight API: the page's text nodes are never wrapped or
 * moved. Where the API is missing the numbers stay clickable, just not underlined.
 */
export function createHighlighter(win: Window) {
  const globals = win as unknown as HighlightGlobals;
  const found: FoundNumber[] = [];
  const registry = globals.CSS?.highlights;
  const highlight = globals.Highlight && registry ? new globals.Highlight() : undefined;
  if (highlight && registry) registry.set(HIGHLIGHT_NAME, highlight);

  return {
    add(batch: FoundNumber[]) {
      found.push(...batch);
      for (const item of batch) highlight?.add(item.range);
    },
    /** The found number under a viewport point, if any. */
    at(x: number, y: number): FoundNumber | undefined {
      const caret = caretAt(win.document, x, y);
      if (!caret) return undefined;
      return found.find((item) => {
        try {
          return item.range.isPointInRange(caret.node, caret.offset) && rangeContainsPoint(item.range, x, y);
        } catch {
          return false;
        }
      });
    },
    get count() {
      return found.length;
    },
    dispose() {
      registry?.delete(HIGHLIGHT_NAME);
      found.length = 0;
    },
  };
}

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  const withPosition = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
  };
  if (withPosition.caretPositionFromPoint) {
    const position = withPosition.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

/** The caret snaps to the nearest text, so also require the point to be inside the number's boxes. */
function rangeContainsPoint(range: Range, x: number, y: number): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) return true;
  }
  return false;
}
