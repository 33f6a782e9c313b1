import type { Match, Registry } from './highlight';

interface CaretDocument {
  caretPositionFromPoint?: (
    x: number,
    y: number,
    options?: { shadowRoots?: ShadowRoot[] },
  ) => { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?: (x: number, y: number) => Range | null;
}

/** The text position under a viewport point, looking inside the given open shadow roots. */
export function caretAt(
  doc: Document,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[] = [],
): Node | undefined {
  const caretDoc = doc as unknown as CaretDocument;
  if (caretDoc.caretPositionFromPoint) {
    const position = shadowRoots.length
      ? caretDoc.caretPositionFromPoint(x, y, { shadowRoots })
      : caretDoc.caretPositionFromPoint(x, y);
    if (position) return position.offsetNode;
  }
  return caretDoc.caretRangeFromPoint?.(x, y)?.startContainer ?? undefined;
}

/** Whether a viewport point is inside one of the range's boxes: the caret snaps to the nearest text. */
export function rangeContainsPoint(range: Range, x: number, y: number, slop = 1): boolean {
  for (const rect of range.getClientRects()) {
    if (x >= rect.left - slop && x <= rect.right + slop && y >= rect.top - slop && y <= rect.bottom + slop)
      return true;
  }
  return false;
}

/** The match drawn under a viewport point, if any. */
export function matchAt(
  doc: Document,
  registry: Registry,
  x: number,
  y: number,
  shadowRoots: ShadowRoot[] = [],
): Match | undefined {
  const node = caretAt(doc, x, y, shadowRoots);
  if (!node) return undefined;
  const candidates: readonly Match[] =
    node.nodeType === 3 ? registry.matchesOn(node) : neighbours(registry, node as Element);
  return candidates.find((match) => rangeContainsPoint(match.range, x, y));
}

/** A caret between nodes lands on the element: look at the text nodes it holds directly. */
function neighbours(registry: Registry, element: Node): Match[] {
  const found: Match[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) found.push(...registry.matchesOn(child));
  }
  return found;
}
