import { isInsideSkipped } from './walk';

/**
 * The parts of the page in view, found by geometry: from `<body>` down, children that intersect the
 * viewport are kept when they are row-sized (at most `maxHeight` tall) and descended into when taller.
 * Long child lists (table bodies, feeds) are bisected on their vertical order, so the cost is
 * logarithmic in the page's length. Reads layout only; the page is laid out already at `document_idle`.
 * `top` and `bottom` (viewport coordinates) widen or move the band looked at.
 */
export function elementsInView(
  doc: Document,
  win: Window,
  { maxHeight = 160, maxElements = 400, top = 0, bottom = win.innerHeight } = {},
): Element[] {
  const height = bottom;
  if (!win.innerHeight || !doc.body || bottom <= top) return [];
  const found: Element[] = [];
  const stack: Element[] = [doc.body];
  while (stack.length && found.length < maxElements) {
    const parent = stack.pop() as Element;
    const children = parent.children;
    const count = children.length;
    let index = count > 16 ? firstBelowTop(children, top) : 0;
    for (; index < count && found.length < maxElements; index++) {
      const child = children[index] as Element;
      const box = child.getBoundingClientRect();
      // Past the bottom of the viewport in a long list: the rest is further down.
      if (count > 16 && box.top >= height && box.height > 0) break;
      if (box.bottom <= top || box.top >= height || (box.height === 0 && box.width === 0)) {
        // display: contents and friends have no box of their own; look inside.
        if (box.height === 0 && box.width === 0 && child.children.length) stack.push(child);
        continue;
      }
      if (box.height > maxHeight && child.children.length) stack.push(child);
      else if (!isInsideSkipped(child)) found.push(child);
    }
  }
  return found;
}

/** In children laid out top to bottom: the first whose bottom is below `top`. */
function firstBelowTop(children: HTMLCollection, top: number): number {
  let low = 0;
  let high = children.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((children[mid] as Element).getBoundingClientRect().bottom <= top) low = mid + 1;
    else high = mid;
  }
  return low;
}
