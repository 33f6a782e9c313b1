import type { ContactKind } from './contacts';
import { HIGHLIGHT_NAMES, highlightPainter, type Painter, TINTS } from './painter';

export interface Match {
  readonly kind: ContactKind;
  /** E.164 for phones, lower-cased for emails. */
  readonly value: string;
  /** Live Range over the page's own text nodes. */
  readonly range: Range;
  /** The text nodes the range touches. */
  readonly nodes: Text[];
  /** Where the match starts in its first node and ends in its last. */
  readonly startOffset: number;
  readonly endOffset: number;
  /** The element the match is drawn with: shown while it is near the viewport. */
  readonly anchor: Element;
  /** Set when the value came from a `tel:`/`mailto:` link's href. */
  readonly link?: Element;
}

/**
 * A match whose Range is made when first needed (drawn near the viewport, hovered, clicked): most of a
 * long page's matches never are, and every live Range is one more thing the browser updates on each
 * change to the page.
 */
export class PageMatch implements Match {
  private made: Range | undefined;
  /** The registry's drawing group (a field rather than a Map entry: one less hash per match). */
  group: Group | undefined = undefined;

  constructor(
    readonly kind: ContactKind,
    readonly value: string,
    readonly nodes: Text[],
    readonly startOffset: number,
    readonly endOffset: number,
    readonly anchor: Element,
    readonly link?: Element,
  ) {}

  get range(): Range {
    if (!this.made) {
      const first = this.nodes[0] as Text;
      const last = this.nodes[this.nodes.length - 1] as Text;
      const range = (first.ownerDocument as Document).createRange();
      // The text may have changed since it was read (its re-read is a frame away): stay inside it.
      range.setStart(first, Math.min(this.startOffset, first.data.length));
      range.setEnd(last, Math.min(this.endOffset, last.data.length));
      this.made = range;
    }
    return this.made;
  }
}

interface ObserverGlobals {
  IntersectionObserver?: typeof IntersectionObserver;
}

/** Matches drawn together: one IntersectionObserver target per end instead of one per match. */
interface Group {
  /** In the order added (targetsOf reads the first and the last). */
  matches: PageMatch[];
  targets: Element[];
  near: boolean;
}

/** The same match found again (a re-read): same kind, same start. */
function isSame(one: Match, other: Match): boolean {
  return one.kind === other.kind && one.nodes[0] === other.nodes[0] && one.startOffset === other.startOffset;
}

/**
 * Matches per group: some forty table rows (about a screenful), so a page of 8,000 rows needs ~400
 * observed elements, not 20,000. A group spread over more than a screenful is watched at more points
 * (targetsOf).
 */
const GROUP_SIZE = 96;
/** Groups up to this size are watched at every anchor (targetsOf). */
const SMALL_GROUP = 8;

export interface RegistryOptions {
  /** Called before a match is first drawn (to style the shadow root it lives in, say). */
  beforeDraw?: (match: Match) => void;
  /** Whether a match's text is rendered; one that is not is held but not drawn. */
  isShown?: (match: Match) => boolean;
  /** How far beyond the viewport matches are drawn (an IntersectionObserver rootMargin). */
  margin?: string;
  /** How long the observer's reports are gathered before they are drawn (ms). */
  coalesceMs?: number;
  /** What draws the matches: the CSS Custom Highlight API when absent (none where the browser lacks it). */
  painter?: Painter;
}

/**
 * Every match found on one document, indexed by text node (for hit tests and for dropping what changed),
 * and drawn by a painter (painter.ts): the CSS Custom Highlight API, one registry entry per kind, or
 * where that is missing, tinted boxes in Ringside's overlay.
 *
 * Only matches near the viewport are in the registry: Chromium re-validates every range of a highlight
 * and repaints on each frame the highlight changes, so 20,000 registered ranges would cost the page
 * hundreds of milliseconds per change. Matches are drawn in groups (consecutive in document order),
 * each watched through the anchors of its first and last match. With no painter at all the index still
 * answers hit tests, so the hover button works without the tint.
 */
export function createRegistry(win: Window, options: RegistryOptions = {}) {
  const globals = win as unknown as ObserverGlobals;
  const painter = options.painter ?? highlightPainter(win);
  const drawing = painter !== undefined;
  /** The matches on each text node: most nodes hold one, kept without an array around it. */
  const byNode = new Map<Text, PageMatch | PageMatch[]>();
  const all = new Set<PageMatch>();
  const drawn = new Set<PageMatch>();
  const groupsByTarget = new Map<Element, Set<Group>>();
  /** Targets the observer last reported near the viewport. */
  const nearTargets = new Set<Element>();
  let open: Group | undefined;
  let version = 0;

  /** While held, matches to draw wait, so a first pass shows all at once (never half a page). */
  let held: PageMatch[] | undefined;

  const draw = (match: PageMatch) => {
    if (!drawing || drawn.has(match)) return;
    if (held) {
      held.push(match);
      return;
    }
    if (options.isShown && !options.isShown(match)) return;
    options.beforeDraw?.(match);
    drawn.add(match);
    painter?.add(match);
  };
  const undraw = (match: PageMatch) => {
    if (held?.includes(match)) held = held.filter((other) => other !== match);
    if (!drawn.delete(match)) return;
    painter?.delete(match);
  };
  const setNear = (group: Group) => {
    const near = group.targets.some((target) => nearTargets.has(target));
    if (near === group.near) return;
    group.near = near;
    for (const match of group.matches) (near ? draw : undraw)(match);
  };

  /**
   * Groups the observer reported on, applied together a little later: every change to a highlight makes
   * Chromium repaint the whole document (on a long list, tens of milliseconds), so the reports of several
   * frames (a scan closing groups, a scroll) cost one repaint, not one each. The margin keeps the delay
   * out of sight.
   */
  const reported = new Set<Group>();
  let applyTimer: number | undefined;
  const applyReported = () => {
    applyTimer = undefined;
    for (const group of reported) setNear(group);
    reported.clear();
  };

  const observer =
    drawing && globals.IntersectionObserver
      ? new globals.IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              if (entry.isIntersecting) nearTargets.add(entry.target);
              else nearTargets.delete(entry.target);
              for (const group of groupsByTarget.get(entry.target) ?? []) reported.add(group);
            }
            if (reported.size && applyTimer === undefined)
              applyTimer = win.setTimeout(applyReported, options.coalesceMs ?? 150);
          },
          { rootMargin: options.margin ?? '100% 0px 100% 0px' },
        )
      : undefined;

  /**
   * The elements that say a group is near: its first and last anchors, and, where its matches are spread
   * over more than a screenful (tall cards, sparse matches), anchors in between, so every match is within
   * half a screen of one of them and so inside the observer's margin whenever it is in view. Two layout
   * reads for a group of table rows (the first scan reads an unchanged page, so they cost no layout); the
   * in-between anchors are looked up only for a spread-out group.
   */
  function targetsOf(members: readonly Match[]): Element[] {
    const first = members[0]?.anchor;
    const last = members[members.length - 1]?.anchor;
    if (!first || !last) return [];
    if (first === last) return [first];
    // A small group (a changed row, a few matches) is watched at each of its anchors: no layout read,
    // which right after the page changed would make the browser lay it out in our task.
    if (members.length <= SMALL_GROUP) return [...new Set(members.map((member) => member.anchor))];
    const top = (element: Element) => element.getBoundingClientRect().top;
    const spacing = win.innerHeight || 600;
    const firstTop = top(first);
    if (Math.abs(top(last) - firstTop) <= spacing) return [first, last];
    const targets = [first];
    let targetTop = firstTop;
    for (const member of members) {
      const anchor = member.anchor;
      if (anchor === targets[targets.length - 1] || anchor === last) continue;
      const anchorTop = top(anchor);
      if (Math.abs(anchorTop - targetTop) < spacing / 2) continue;
      targets.push(anchor);
      targetTop = anchorTop;
    }
    targets.push(last);
    return targets;
  }

  function watch(group: Group): void {
    group.targets = targetsOf(group.matches);
    for (const target of group.targets) {
      const groups = groupsByTarget.get(target);
      if (groups) groups.add(group);
      else {
        groupsByTarget.set(target, new Set([group]));
        observer?.observe(target);
      }
    }
    // Targets already known to be near (a re-rendered row): drawn now, not a frame later.
    group.near = false;
    setNear(group);
  }

  function closeGroup(): void {
    if (open) watch(open);
    open = undefined;
  }

  function onNode(node: Text): readonly PageMatch[] {
    const held = byNode.get(node);
    return held === undefined ? [] : Array.isArray(held) ? held : [held];
  }

  function remove(match: PageMatch): void {
    if (!all.delete(match)) return;
    version++;
    undraw(match);
    for (const node of match.nodes) {
      const held = byNode.get(node);
      if (held === match) byNode.delete(node);
      else if (Array.isArray(held)) {
        const rest = held.filter((other) => other !== match);
        if (rest.length === 0) byNode.delete(node);
        else byNode.set(node, rest.length === 1 ? (rest[0] as PageMatch) : rest);
      }
    }
    const group = match.group;
    match.group = undefined;
    if (!group) return;
    const index = group.matches.indexOf(match);
    if (index >= 0) group.matches.splice(index, 1);
    // An empty group lets go of its targets; a target stays observed while it is on the page, so a
    // re-rendered row is known to be near at once.
    if (group.matches.length === 0)
      for (const target of group.targets) groupsByTarget.get(target)?.delete(group);
  }

  return {
    /**
     * Adds a match unless the same one (same kind, same start) is already known. `inView` draws it at once
     * (the caller knows it is on screen); otherwise it is drawn when its group comes near the viewport.
     */
    add(match: PageMatch, inView = false): boolean {
      const first = match.nodes[0];
      if (!first) return false;
      const known = byNode.get(first);
      if (
        known !== undefined &&
        (Array.isArray(known) ? known.some((other) => isSame(other, match)) : isSame(known, match))
      )
        return false;
      all.add(match);
      version++;
      const nodes = match.nodes;
      for (let index = 0; index < nodes.length; index++) {
        const node = nodes[index] as Text;
        const held = byNode.get(node);
        if (held === undefined) byNode.set(node, match);
        else if (Array.isArray(held)) held.push(match);
        else byNode.set(node, [held, match]);
      }
      if (!observer) {
        draw(match);
        return true;
      }
      if (!open) open = { matches: [], targets: [], near: false };
      open.matches.push(match);
      match.group = open;
      if (inView) draw(match);
      if (open.matches.length >= GROUP_SIZE) closeGroup();
      return true;
    },
    /** Ends the current group (call at the end of a slice of work or of a changed subtree). */
    closeGroup,
    /** Holds drawing until `release()`. */
    hold(): void {
      held ??= [];
    },
    release(): void {
      const waiting = held ?? [];
      held = undefined;
      for (const match of waiting) if (all.has(match)) draw(match);
    },
    matchesOn(node: Node): readonly Match[] {
      return onNode(node as Text);
    },
    /** Drops every match over any of these text nodes (they are about to be read again). */
    dropOn(nodes: readonly Text[]): void {
      if (all.size === 0) return;
      for (const node of nodes) {
        for (const match of onNode(node)) remove(match);
      }
    },
    /** Drops matches whose text left the document, and stops watching elements that left it. */
    prune(): number {
      let dropped = 0;
      for (const match of [...all]) {
        if (!match.nodes.every((node) => node.isConnected)) {
          remove(match);
          dropped++;
        }
      }
      const orphaned = new Set<Group>();
      for (const [target, groups] of [...groupsByTarget]) {
        if (target.isConnected) continue;
        for (const group of groups) orphaned.add(group);
        groupsByTarget.delete(target);
        nearTargets.delete(target);
        observer?.unobserve(target);
      }
      for (const group of orphaned) {
        for (const target of group.targets) groupsByTarget.get(target)?.delete(group);
        if (group.matches.length) watch(group);
      }
      return dropped;
    },
    /** Every match held, in the order found. */
    snapshot(): Match[] {
      return [...all];
    },
    /** Changes with every match added or removed. */
    get version() {
      return version;
    },
    /**
     * After the page's styles changed: draws what is near the viewport and now shown, and takes away
     * what is no longer shown.
     */
    recheck(): void {
      if (!options.isShown) return;
      for (const match of [...drawn]) if (!options.isShown(match)) undraw(match);
      const near = new Set<Group>();
      for (const groups of groupsByTarget.values())
        for (const group of groups) if (group.near) near.add(group);
      for (const group of near) for (const match of group.matches) draw(match);
    },
    counts(): Record<ContactKind, number> {
      const counts = { phone: 0, email: 0 };
      for (const match of all) counts[match.kind]++;
      return counts;
    },
    get size() {
      return all.size;
    },
    /** Matches currently drawn (in the highlight registry, or boxed). */
    get drawnCount() {
      return drawn.size;
    },
    /** Elements the IntersectionObserver watches. */
    get watchedCount() {
      return groupsByTarget.size;
    },
    /** What draws the matches here: the Custom Highlight API, boxes in the overlay, or nothing. */
    get painter() {
      return painter?.kind ?? 'none';
    },
    /** The page changed: drawn matches follow their text. */
    refresh(): void {
      painter?.refresh();
    },
    dispose(): void {
      observer?.disconnect();
      if (applyTimer !== undefined) win.clearTimeout(applyTimer);
      reported.clear();
      painter?.clear();
      byNode.clear();
      groupsByTarget.clear();
      nearTargets.clear();
      drawn.clear();
      all.clear();
      open = undefined;
    },
  };
}

export type Registry = ReturnType<typeof createRegistry>;

/**
 * The `::highlight()` rules (entrypoints/content/style.css, which says why they are tints and not
 * underlines), for documents and shadow roots the content script's CSS does not reach.
 */
export const HIGHLIGHT_CSS = `
::highlight(${HIGHLIGHT_NAMES.phone}) { background-color: ${TINTS.phone}; }
::highlight(${HIGHLIGHT_NAMES.email}) { background-color: ${TINTS.email}; }
`;

/** Adds the highlight rules to a shadow root or document without touching any of its nodes. */
export function adoptHighlightStyles(target: Document | ShadowRoot, win: Window): void {
  try {
    const Sheet = (win as unknown as { CSSStyleSheet: typeof CSSStyleSheet }).CSSStyleSheet;
    const sheet = new Sheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  } catch {
    // No constructable stylesheets here: the matches stay clickable, just not tinted.
  }
}
