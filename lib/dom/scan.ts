import type { CountryCode } from 'libphonenumber-js';
import { findPhoneNumbers } from '../phone/detect';

export interface FoundNumber {
  range: Range;
  /** E.164. */
  value: string;
}

/** Subtrees whose text is not something a recruiter reads as page content, or that they are editing. */
const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'CODE',
  'PRE',
  'TEMPLATE',
  'SVG',
]);

function isSkipped(element: Element): boolean {
  return (
    SKIPPED_TAGS.has(element.tagName.toUpperCase()) ||
    (element as HTMLElement).isContentEditable === true ||
    element.getAttribute('contenteditable') === 'true' ||
    element.getAttribute('aria-hidden') === 'true' ||
    element.hasAttribute('hidden')
  );
}

/** Text nodes under `root` worth scanning, in document order. Reads only; never changes a node. */
export function collectTextNodes(root: Node): Text[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType === Node.ELEMENT_NODE) {
        return isSkipped(node as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
      }
      return (node as Text).data.trim().length >= 7 ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
  const nodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  return nodes;
}

/** Phone numbers inside one text node, as Ranges over that node's own text. */
export function numbersInTextNode(node: Text, defaultCountry: CountryCode): FoundNumber[] {
  return findPhoneNumbers(node.data, defaultCountry).map((match) => {
    const range = node.ownerDocument.createRange();
    range.setStart(node, match.start);
    range.setEnd(node, match.end);
    return { range, value: match.value };
  });
}

export interface ScanOptions {
  defaultCountry: CountryCode;
  /** Milliseconds of work per slice before yielding to the page. */
  sliceMs?: number;
  onFound: (found: FoundNumber[]) => void;
  signal?: AbortSignal;
  now?: () => number;
  yieldToPage?: () => Promise<void>;
}

/** Scans in short slices so a long page never blocks its main thread for one long task. */
export async function scanInSlices(root: Node, options: ScanOptions): Promise<number> {
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const sliceMs = options.sliceMs ?? 8;
  const nodes = collectTextNodes(root);
  let total = 0;
  let index = 0;
  while (index < nodes.length) {
    if (options.signal?.aborted) break;
    const sliceStart = now();
    const batch: FoundNumber[] = [];
    while (index < nodes.length && now() - sliceStart < sliceMs) {
      const node = nodes[index++];
      if (node?.isConnected) batch.push(...numbersInTextNode(node, options.defaultCountry));
    }
    if (batch.length) {
      total += batch.length;
      options.onFound(batch);
    }
    if (index < nodes.length) await yieldToPage();
  }
  return total;
}
