/**
 * An inline run: the text nodes a reader sees as one stretch of text (`<b>+44</b> 20 7946 0958`), joined
 * so a detector can read across element boundaries, with the offsets needed to map a match back onto the
 * page's own nodes. Pure: no DOM access beyond reading `data` and building a Range.
 */

export interface Run {
  nodes: Text[];
  /** `starts[i]` is where `nodes[i]` begins in `text`. */
  starts: number[];
  text: string;
}

/**
 * Where inline elements touch without white space, a word and a number would be glued into something
 * no reader sees ("office" + "(415) 555-0132" → "office(415) 555-0132", which a detector rightly refuses
 * as embedded). A letter meeting a digit, `+` or `(` (or a digit or `)` meeting a letter) gets a virtual
 * space in the joined text; digits meeting digits stay joined ("+1" + "415" is one number).
 */
const LETTER = /^\p{L}$/u;

/** Whether the code point at [start, end) of `text` is a letter (ASCII answered without a regex). */
function isLetter(text: string, start: number, end: number): boolean {
  const code = text.charCodeAt(start);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(text.slice(start, end));
}

/** The edges only: a regex anchored at the end of the run so far would scan all of it, node after node. */
function needsSpace(before: string, after: string): boolean {
  if (!before || !after) return false;
  const first = after.charCodeAt(0);
  const last = before.charCodeAt(before.length - 1);
  if ((first >= 48 && first <= 57) || first === 43 || first === 40) {
    // A letter outside the BMP ends in a low surrogate: look at the pair.
    const pair = last >= 0xdc00 && last <= 0xdfff && before.length > 1;
    return isLetter(before, before.length - (pair ? 2 : 1), before.length);
  }
  if ((last >= 48 && last <= 57) || last === 41) {
    const pair = first >= 0xd800 && first <= 0xdbff && after.length > 1;
    return isLetter(after, 0, pair ? 2 : 1);
  }
  return false;
}

export function joinRun(nodes: Text[]): Run {
  if (nodes.length === 1) {
    const only = nodes[0] as Text;
    return { nodes, starts: [0], text: only.data };
  }
  const starts: number[] = [];
  let text = '';
  for (const node of nodes) {
    if (needsSpace(text, node.data)) text += ' ';
    starts.push(text.length);
    text += node.data;
  }
  return { nodes, starts, text };
}

export interface Position {
  index: number;
  offset: number;
}

/**
 * The node and offset of a position in the joined text. A start prefers the node where the character
 * begins; an end prefers the node where the previous character lives, so a Range never starts or ends on
 * an empty edge of a neighbouring node. Positions on a virtual space snap to the nearest node edge.
 */
export function locate(run: Run, position: number, bias: 'start' | 'end'): Position {
  const { starts, nodes } = run;
  let low = 0;
  let high = starts.length - 1;
  // Last node whose start is <= position (start) or < position (end).
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    const start = starts[mid] as number;
    if (bias === 'start' ? start <= position : start < position) low = mid;
    else high = mid - 1;
  }
  const length = (index: number) => (nodes[index] as Text).data.length;
  if (bias === 'start') {
    // At or past the end of a node (or on the virtual space after it): the next node's start.
    while (low < starts.length - 1 && position >= (starts[low] as number) + length(low)) low++;
  }
  const offset = Math.max(0, Math.min(position - (starts[low] as number), length(low)));
  return { index: low, offset };
}

/** The text nodes a match at [start, end) touches, in order. */
export function nodesOf(run: Run, start: number, end: number): Text[] {
  const first = locate(run, start, 'start').index;
  const last = locate(run, end, 'end').index;
  return run.nodes.slice(first, last + 1);
}

/** A live Range over the page's own nodes for [start, end) of the run's text. */
export function rangeOf(doc: Document, run: Run, start: number, end: number): Range {
  const from = locate(run, start, 'start');
  const to = locate(run, end, 'end');
  const range = doc.createRange();
  range.setStart(run.nodes[from.index] as Text, from.offset);
  range.setEnd(run.nodes[to.index] as Text, to.offset);
  return range;
}

/** [start, end) of `text` without surrounding white space, or undefined when it is all white space. */
export function trimmedSpan(text: string): [number, number] | undefined {
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  return [start, text.trimEnd().length];
}
