import type { CountryCode } from 'libphonenumber-js';
import { findContacts, mayHoldContactAcross } from '../phone/detect';
import { listenForClicks } from './clicks';
import { type ContactKind, createDetector } from './contacts';
import { adoptHighlightStyles, createRegistry, type Match, PageMatch } from './highlight';
import { matchAt } from './hittest';
import { trackHover } from './hover';
import { mailtoValue, telValue } from './links';
import { type ChangeBatch, watchChanges } from './observer';
import { createOverlay, type OverlayText } from './overlay';
import { boxPainter, highlightPainter } from './painter';
import { joinRun, locate, type Run, trimmedSpan } from './runs';
import { createScheduler, type Job } from './scheduler';
import { elementsInView } from './viewport';
import { isInsideSkipped, isSkipped, type LinkKind, RunWalker, type WalkHooks } from './walk';

/** A distinct value found on the page. */
export type Contact = { kind: ContactKind; value: string };

export interface DetectionOptions {
  defaultCountry: CountryCode;
  /** Leave `tel:` links to the page (the OS dialer) instead of dialing in Ringside. */
  leaveTelLinks?: boolean;
  onDial(value: string): void;
  onLookupEmail(value: string): void;
  /** The hover button's label and tooltip for a match (the content script's translated strings). */
  overlayText(match: { kind: ContactKind; value: string }): OverlayText;
  signal: AbortSignal;
  /**
   * Add the `::highlight()` rules to this document. The content script ships them as its own CSS, so
   * only same-origin iframes and pages without the extension (benchmarks) need this.
   */
  injectStyles?: boolean;
}

export interface DetectionStats {
  phones: number;
  emails: number;
  /** Matches held, how many are in the highlight registry (those near the viewport), elements watched. */
  matches: number;
  drawn: number;
  watched: number;
  /** Inline runs read, and how many of them reached the detector. */
  runs: number;
  detectorRuns: number;
  /** Slices of work, their total and longest duration (ms). */
  slices: number;
  busyMs: number;
  longestSliceMs: number;
  /** Since start: the part in view was read (ms). */
  inViewMs: number | undefined;
  /** Since start: the whole page was read once (ms). */
  completeMs: number | undefined;
  mutationBatches: number;
  /** What draws the matches: the CSS Custom Highlight API, or boxes in the overlay where it is missing. */
  painter: 'highlight' | 'boxes' | 'none';
  shadowRoots: number;
  frames: number;
}

export interface Detection {
  /** Distinct phones and emails on the page (and its same-origin frames), for "On this page". */
  /**
   * Distinct phones and emails shown on the page (and its same-origin frames), for "On this page". Asked
   * in idle slices (each match's visibility is looked up), and kept until a match or the page changes.
   */
  found(): Promise<Contact[]>;
  stats(): DetectionStats;
  /** Resolves when every queued read has run (handy for tests and benchmarks). */
  whenIdle(): Promise<void>;
}

/** The first pass's budget: what is in view, read and drawn in one task. */
const IN_VIEW_BUDGET_MS = 24;

/** Pages up to this many elements are read whole in the first pass (a lead's detail page, say). */
const SMALL_PAGE_ELEMENTS = 1500;

/** A run of several text nodes, joined; a one-node run (most: a table cell) is read as its Text node. */
const isJoined = (run: Run | Text): run is Run => 'nodes' in run;
const runOf = (nodes: Text[]): Run | Text => (nodes.length === 1 ? (nodes[0] as Text) : joinRun(nodes));
const textOf = (run: Run | Text): string => (isJoined(run) ? run.text : run.data);

/** The element a match is drawn with (and observed by): its run's block, or a shadow root's host. */
function anchorOf(container: Node): Element | undefined {
  if (container.nodeType === 1) return container as Element;
  if (container.nodeType === 11) return (container as ShadowRoot).host ?? undefined;
  if (container.nodeType === 9) return (container as Document).documentElement ?? undefined;
  return undefined;
}

/**
 * Finds phone numbers and emails on a page and makes them clickable without changing a node of it:
 * what is in view first, the rest in idle time, then only what changes.
 */
export function startDetection(win: Window, options: DetectionOptions): Detection {
  const doc = win.document;
  const now = () => win.performance.now();
  const startedAt = now();
  const { signal, defaultCountry } = options;

  /**
   * Whether elements show their text to the reader: rendered (not display: none or visibility: hidden)
   * and not inside a hidden, aria-hidden or editable subtree. Asked where it matters, when a match is
   * drawn near the viewport, hit or listed, never for the whole page; forgotten whenever the page changes.
   */
  const visibility = new Map<Element, boolean>();
  /** isInsideSkipped, remembered per element so a row's ancestors are looked at once for all its cells. */
  const skipped = new Map<Element, boolean>();
  function insideSkipped(element: Element): boolean {
    let known = skipped.get(element);
    if (known === undefined) {
      const parent = element.parentElement;
      known = isSkipped(element) || (parent ? insideSkipped(parent) : isInsideSkipped(element));
      skipped.set(element, known);
    }
    return known;
  }
  function rendered(element: Element | null): boolean {
    if (!element) return true;
    let visible = visibility.get(element);
    if (visible === undefined) {
      const check = (element as Element & { checkVisibility?: (o: object) => boolean }).checkVisibility;
      visible = !insideSkipped(element) && (check ? check.call(element, { visibilityProperty: true }) : true);
      visibility.set(element, visible);
    }
    return visible;
  }
  /** The page changed: what was known about showing its elements may not hold. */
  let pageVersion = 0;
  const forgetVisibility = () => {
    visibility.clear();
    skipped.clear();
    pageVersion++;
  };
  /** "On this page" asks every few seconds: the answer is kept until a match or the page changes. */
  let foundCache: { key: string; found: Contact[] } | undefined;
  let foundPending:
    | { key: string; promise: Promise<Contact[]>; resolve: (found: Contact[]) => void }
    | undefined;
  function shownValues(): Promise<Contact[]> {
    const key = `${registry.version}:${pageVersion}`;
    if (foundCache?.key === key) return Promise.resolve(foundCache.found);
    if (foundPending?.key === key) return foundPending.promise;
    const matches = registry.snapshot();
    const seen = { phone: new Set<string>(), email: new Set<string>() };
    const found: Contact[] = [];
    let index = 0;
    let resolve: (found: Contact[]) => void = () => undefined;
    const promise = new Promise<Contact[]>((done) => {
      resolve = done;
    });
    foundPending = { key, promise, resolve };
    scheduler.idle((shouldYield) => {
      for (; index < matches.length; index++) {
        if ((index & 31) === 0 && shouldYield()) return false;
        const match = matches[index] as Match;
        const values = seen[match.kind];
        if (values.has(match.value) || !match.nodes[0]?.isConnected || !isShown(match)) continue;
        values.add(match.value);
        found.push({ kind: match.kind, value: match.value });
      }
      foundCache = { key, found };
      if (foundPending?.promise === promise) foundPending = undefined;
      resolve(found);
      return true;
    });
    return promise;
  }
  const isShown = (match: Match) => match.nodes.every((node) => rendered(node.parentElement));

  const activate = (match: Match) =>
    match.kind === 'phone' ? options.onDial(match.value) : options.onLookupEmail(match.value);
  const overlay = createOverlay(doc, activate, options.overlayText);

  const styledRoots = new WeakSet<ShadowRoot>();
  // A shadow root gets the ::highlight rules when its first match is drawn: adopting a stylesheet makes
  // the browser restyle and repaint, which the page should pay for only where it shows.
  const registry = createRegistry(win, {
    isShown,
    // Where the browser has no Highlight API, tinted boxes in the overlay instead.
    painter: highlightPainter(win) ?? boxPainter(win, () => overlay.layer(), signal),
    beforeDraw(match) {
      const root = match.anchor.getRootNode();
      if (root.nodeType !== 11 || styledRoots.has(root as ShadowRoot)) return;
      styledRoots.add(root as ShadowRoot);
      adoptHighlightStyles(root as ShadowRoot, win);
    },
  });
  // The first read of the page goes straight to the detector: its texts are new, so the memo would only
  // hash each one and keep it alive. Re-reads of changed rows (a re-render) use it.
  const detectOptions = { defaultCountry };
  const detect = createDetector(defaultCountry);
  const scheduler = createScheduler(win, { budgetMs: 8 });
  const shadowRoots: ShadowRoot[] = [];
  const seenRoots = new WeakSet<ShadowRoot>();
  /** Elements read by the in-view pass: the full pass passes over them. */
  const primed = new WeakSet<Element>();
  const frames = new WeakSet<Element>();
  const children: { frame: HTMLIFrameElement; doc: Document; detection: Detection }[] = [];
  const counters = { runs: 0, detectorRuns: 0, mutationBatches: 0 };
  let inViewMs: number | undefined;
  let completeMs: number | undefined;

  const isOwn = (node: EventTarget | null) => node !== null && node === overlay.host;
  const hit = (x: number, y: number) => {
    const match = matchAt(doc, registry, x, y, shadowRoots);
    return match && isShown(match) ? match : undefined;
  };
  if (options.injectStyles) adoptHighlightStyles(doc, win);

  /** Set while the in-view pass runs: its matches are drawn at once. */
  let readingInView = false;

  /** Holds the match at [start, end) of the run's text (its Range is made when first needed). */
  function record(
    kind: ContactKind,
    value: string,
    run: Run | Text,
    start: number,
    end: number,
    container: Node,
    link?: Element,
  ) {
    const anchor = anchorOf(container);
    if (!anchor) return;
    // Most runs are one text node (a table cell): its offsets are the match's own.
    if (!isJoined(run)) {
      registry.add(new PageMatch(kind, value, [run], start, end, anchor, link), readingInView);
      return;
    }
    const from = locate(run, start, 'start');
    const to = locate(run, end, 'end');
    const nodes =
      from.index === to.index ? [run.nodes[from.index] as Text] : run.nodes.slice(from.index, to.index + 1);
    registry.add(new PageMatch(kind, value, nodes, from.offset, to.offset, anchor, link), readingInView);
  }

  /** Runs read since the current drawing group began: a group spanning much of the page is ended early. */
  let runsInGroup = 0;

  /** `reread`: the run is read again after a change (a re-render), where the detector's memo pays. */
  function readRun(nodes: Text[], container: Node, reread = false): void {
    counters.runs++;
    if (++runsInGroup > 200) {
      registry.closeGroup();
      runsInGroup = 0;
    }
    // What the detector would refuse at a glance is refused before the run is joined.
    if (!mayHoldContactAcross(nodes)) return;
    const run = runOf(nodes);
    const text = textOf(run);
    const matches = reread ? detect(text) : findContacts(text, detectOptions);
    if (matches.length === 0) return;
    counters.detectorRuns++;
    // Indexed: a for-of allocates an iterator while this code is still cold (a page's first scan).
    for (let index = 0; index < matches.length; index++) {
      const match = matches[index] as (typeof matches)[number];
      record(match.kind, match.value, run, match.start, match.end, container);
    }
  }

  function readLink(anchor: Element, kind: LinkKind, nodes: Text[], container: Node, href: string): void {
    const value = kind === 'phone' ? telValue(href, defaultCountry) : mailtoValue(href);
    // A tel: href that does not parse still dials on click; only E.164 values are drawn and listed.
    if (!value || (kind === 'phone' && !value.startsWith('+')) || nodes.length === 0) return;
    const run = runOf(nodes);
    const span = trimmedSpan(textOf(run));
    if (!span) return;
    record(kind, value, run, span[0], span[1], container, anchor);
  }

  function adoptShadowRoot(root: ShadowRoot): boolean {
    if (seenRoots.has(root)) return false;
    seenRoots.add(root);
    shadowRoots.push(root);
    changes.observe(root);
    return true;
  }

  function watchFrame(element: Element): void {
    if (element.localName !== 'iframe' || frames.has(element)) return;
    frames.add(element);
    const frame = element as HTMLIFrameElement;
    const start = () => {
      let frameDoc: Document | null = null;
      try {
        frameDoc = frame.contentDocument;
      } catch {
        return; // Cross-origin: its own content script instance (if any) handles it.
      }
      const frameWin = frame.contentWindow as Window | null;
      if (!frameDoc || !frameWin || frameDoc.readyState === 'loading') return;
      if (children.some((child) => child.doc === frameDoc)) return;
      const detection = startDetection(frameWin, { ...options, injectStyles: true });
      children.push({ frame, doc: frameDoc, detection });
    };
    frame.addEventListener('load', start, { signal });
    start();
  }

  /**
   * A re-read forgets what was found on each text node as the walk reaches it, so a changed subtree costs
   * one walk, and an added one (nothing found there yet) only a lookup per text node.
   */
  const hooksFor = (skipPrimed: boolean, reread: boolean): WalkHooks => ({
    run: reread
      ? (nodes, container) => {
          registry.dropOn(nodes);
          readRun(nodes, container, true);
        }
      : readRun,
    link: reread
      ? (anchor, kind, nodes, container, href) => {
          registry.dropOn(nodes);
          readLink(anchor, kind, nodes, container, href);
        }
      : readLink,
    shadowRoot: adoptShadowRoot,
    frame: watchFrame,
    ignore: skipPrimed ? (element) => isOwn(element) || primed.has(element) : isOwn,
  });

  /** Reads several subtrees in turn, resumably; `reread` forgets what was found in each as it goes. */
  function readAll(roots: Node[], { skipPrimed, reread }: { skipPrimed: boolean; reread: boolean }): Job {
    let index = 0;
    let walker: RunWalker | undefined;
    const hooks = hooksFor(skipPrimed, reread);
    const slice = (shouldYield: () => boolean): boolean => {
      while (index < roots.length) {
        if (!walker) walker = new RunWalker(roots[index] as Node, hooks);
        if (!walker.walk(shouldYield)) return false;
        walker = undefined;
        index++;
        // A changed subtree is drawn as its own group, so it shows as soon as it is read.
        if (reread) registry.closeGroup();
        if (index < roots.length && shouldYield()) return false;
      }
      return true;
    };
    return (shouldYield) => {
      const done = slice(shouldYield);
      registry.closeGroup();
      runsInGroup = 0;
      return done;
    };
  }

  function onChanges(batch: ChangeBatch): void {
    counters.mutationBatches++;
    forgetVisibility();
    registry.refresh();
    if (batch.removed) {
      registry.prune();
      for (let i = shadowRoots.length - 1; i >= 0; i--) {
        if (!shadowRoots[i]?.isConnected) shadowRoots.splice(i, 1);
      }
    }
    // A class or style change may have shown or hidden text already read: draw what is shown now.
    if (batch.restyled.length) registry.recheck();
    if (batch.dirty.length) scheduler.urgent(readAll(batch.dirty, { skipPrimed: false, reread: true }));
  }

  const changes = watchChanges(win, (node) => isOwn(node), onChanges);

  if (!signal.aborted) {
    changes.observe(doc);
    listenForClicks(doc, {
      hit,
      isOwn,
      defaultCountry,
      leaveTelLinks: options.leaveTelLinks,
      onDial: options.onDial,
      onLookupEmail: options.onLookupEmail,
      signal,
    });
    trackHover(doc, win, { hit, overlay, signal });

    // 1. What is in view, now (one budget), and in the next tasks if there is more; drawn all at once.
    //    A small page is read whole in this pass.
    // Indexing a live collection walks only that far; its length would count the whole page.
    const small = doc.getElementsByTagName('*')[SMALL_PAGE_ELEMENTS] === undefined;
    const inView = small
      ? [doc.documentElement]
      : elementsInView(doc, win).filter((element) => !isOwn(element));
    for (const element of inView) primed.add(element);
    const readInView = readAll(inView, { skipPrimed: false, reread: false });
    registry.hold();
    // What is in view gets a longer first slice than later work: done in one task, it is drawn without
    // waiting behind whatever else the page queued (still well under the 50 ms long-task mark).
    scheduler.runNow((shouldYield) => {
      readingInView = true;
      const done = readInView(shouldYield);
      readingInView = false;
      if (done) {
        registry.release();
        inViewMs = now() - startedAt;
        if (small) completeMs = inViewMs;
      }
      return done;
    }, IN_VIEW_BUDGET_MS);
    // 2. A screenful above and below, next, drawn in one go: every change to the highlights makes the
    //    browser repaint the whole document, so what the observer's margin would draw bit by bit as
    //    the rest is read costs one repaint here.
    if (!small) {
      const height = win.innerHeight;
      const near = elementsInView(doc, win, { top: -height, bottom: 2 * height }).filter(
        (element) => !isOwn(element) && !primed.has(element),
      );
      for (const element of near) primed.add(element);
      const readNear = readAll(near, { skipPrimed: false, reread: false });
      let holding = false;
      scheduler.urgent((shouldYield) => {
        if (!holding) registry.hold();
        holding = true;
        const done = readNear(shouldYield);
        if (done) registry.release();
        return done;
      });
    }
    // 3. The rest of the page, when the browser is idle.
    if (!small) {
      const readRest = readAll([doc.documentElement], { skipPrimed: true, reread: false });
      scheduler.idle((shouldYield) => {
        if (!readRest(shouldYield)) return false;
        completeMs = now() - startedAt;
        return true;
      });
    }
  }

  signal.addEventListener(
    'abort',
    () => {
      scheduler.stop();
      changes.disconnect();
      overlay.dispose();
      registry.dispose();
      forgetVisibility();
      // A question asked before Ringside was turned off here is answered: nothing.
      foundPending?.resolve([]);
      foundPending = undefined;
      shadowRoots.length = 0;
    },
    { once: true },
  );

  const liveChildren = () => children.filter((child) => child.frame.contentDocument === child.doc);

  return {
    async found() {
      const [own = [], ...frames] = await Promise.all([
        shownValues(),
        ...liveChildren().map((child) => child.detection.found()),
      ]);
      if (!frames.length) return [...own];
      const seen = { phone: new Set<string>(), email: new Set<string>() };
      const all: Contact[] = [];
      for (const item of [...own, ...frames.flat()]) {
        if (seen[item.kind].has(item.value)) continue;
        seen[item.kind].add(item.value);
        all.push(item);
      }
      return all;
    },
    stats() {
      const counts = registry.counts();
      return {
        phones: counts.phone,
        emails: counts.email,
        matches: registry.size,
        drawn: registry.drawnCount,
        watched: registry.watchedCount,
        runs: counters.runs,
        detectorRuns: counters.detectorRuns,
        slices: scheduler.stats.slices,
        busyMs: scheduler.stats.busyMs,
        longestSliceMs: scheduler.stats.longestSliceMs,
        inViewMs,
        completeMs,
        mutationBatches: counters.mutationBatches,
        painter: registry.painter,
        shadowRoots: shadowRoots.length,
        frames: liveChildren().length,
      };
    },
    async whenIdle() {
      changes.flushNow();
      await scheduler.whenIdle();
      await Promise.all(liveChildren().map((child) => child.detection.whenIdle()));
    },
  };
}
