import { isInline, isInsideSkipped, runContainerOf } from './walk';

/** Attributes that can show, hide or re-target text. */
const WATCHED_ATTRIBUTES = ['hidden', 'aria-hidden', 'contenteditable', 'href', 'class', 'style'];
/** Of those, the ones whose change is worth a re-read of the element's own run. */
const REREAD_ATTRIBUTES = new Set(['hidden', 'aria-hidden', 'contenteditable', 'href']);

export interface ChangeBatch {
  /** Run containers to re-read, outermost only, in no particular order. */
  dirty: Node[];
  /** Whether anything left the page (matches may need pruning). */
  removed: boolean;
  /** Elements whose class or style changed (they may have shown hidden text). */
  restyled: Element[];
}

/**
 * Turns mutation records into the smallest set of run containers to re-read. Pure over the records, so
 * it tests without a MutationObserver. Nodes for which `ignore` is true (the overlay) are passed over.
 */
export function summarizeMutations(
  records: Iterable<MutationRecord>,
  ignore: (node: Node) => boolean,
): ChangeBatch {
  const dirty = new Set<Node>();
  const restyled = new Set<Element>();
  let removed = false;
  for (const record of records) {
    const target = record.target;
    if (ignore(target)) continue;
    if (record.type === 'childList') {
      if (record.removedNodes.length) removed = true;
      let touchesRun = record.removedNodes.length > 0;
      for (const node of record.addedNodes) {
        if (ignore(node)) continue;
        if (node.nodeType === 1) {
          if (isInline(node as Element)) touchesRun = true;
          else dirty.add(node);
        } else if (node.nodeType === 3 && /\S/.test((node as Text).data)) {
          // White space between added rows is formatting, not text: the container need not be re-read.
          touchesRun = true;
        }
      }
      if (touchesRun) dirty.add(runContainerOf(target));
    } else if (record.type === 'characterData') {
      dirty.add(runContainerOf(target));
    } else if (record.type === 'attributes' && target.nodeType === 1) {
      if (REREAD_ATTRIBUTES.has(record.attributeName ?? '')) {
        dirty.add(isInline(target as Element) ? runContainerOf(target) : target);
      } else {
        restyled.add(target as Element);
      }
    }
  }
  return { dirty: outermost([...dirty]), removed, restyled: [...restyled] };
}

/** Drops nodes inside another node of the list, nodes that left the page, and nodes inside skipped subtrees. */
export function outermost(nodes: Node[]): Node[] {
  const all = new Set(nodes);
  const kept: Node[] = [];
  for (const node of all) {
    if (!node.isConnected) continue;
    let inside = false;
    for (let parent = node.parentNode; parent && !inside; parent = parent.parentNode)
      inside = all.has(parent);
    if (inside || isInsideSkipped(node)) continue;
    kept.push(node);
  }
  return kept;
}

interface FrameWindow {
  requestAnimationFrame?: (callback: () => void) => number;
}

/**
 * Watches a document (and any shadow roots added later) and hands over one summarized batch per frame,
 * or after `maxWaitMs` where frames do not run (a background tab).
 */
export function watchChanges(
  win: Window,
  ignore: (node: Node) => boolean,
  onBatch: (batch: ChangeBatch) => void,
  maxWaitMs = 100,
) {
  let pending: MutationRecord[] = [];
  let scheduled = false;
  let timer: number | undefined;
  const frameWin = win as unknown as FrameWindow;

  const flush = () => {
    if (!scheduled) return;
    scheduled = false;
    if (timer !== undefined) win.clearTimeout(timer);
    const records = pending.concat(observer.takeRecords());
    pending = [];
    if (records.length) onBatch(summarizeMutations(records, ignore));
  };

  const observer = new (win as Window & typeof globalThis).MutationObserver((records) => {
    for (const record of records) pending.push(record);
    if (scheduled) return;
    scheduled = true;
    frameWin.requestAnimationFrame?.(flush);
    timer = win.setTimeout(flush, maxWaitMs);
  });

  const options: MutationObserverInit = {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  };

  return {
    observe(target: Node): void {
      observer.observe(target, options);
    },
    /** Hands over whatever is pending right now. */
    flushNow(): void {
      scheduled = true;
      flush();
    },
    disconnect(): void {
      observer.disconnect();
      pending = [];
      if (timer !== undefined) win.clearTimeout(timer);
    },
  };
}
