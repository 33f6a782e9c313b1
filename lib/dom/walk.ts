/**
 * Reading a page's text without changing it: which elements are skipped, which are inline (their text
 * joins the surrounding run), and a resumable walker that hands out inline runs, `tel:`/`mailto:` links,
 * open shadow roots and iframes. Takes nodes as arguments; works on any DOM, linkedom included.
 */

/** Subtrees whose text is not page content a recruiter reads, or that they are editing. */
const SKIPPED = new Set([
  'head',
  'title',
  'script',
  'style',
  'noscript',
  'template',
  'textarea',
  'input',
  'select',
  'option',
  'code',
  'pre',
  'svg',
  'math',
  'canvas',
  'object',
  'embed',
  'video',
  'audio',
]);

/** Elements that flow inside a line of text: `<b>+44</b> 20 7946 0958` is one run. */
const INLINE = new Set([
  'a',
  'abbr',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
]);

/** The attribute rules of `isSkipped`, as a selector. */
const SKIPPED_ATTRIBUTES = '[hidden],[aria-hidden="true"],[contenteditable]:not([contenteditable="false"])';

/** The elements rules of `isSkipped`, as a selector for "is this node inside a skipped subtree?". */
export const SKIPPED_SELECTOR = [...SKIPPED, SKIPPED_ATTRIBUTES].join(',');

/** Elements that can hold a shadow root (attachShadow's list, and custom elements, whose names have a dash). */
const SHADOW_HOSTS = new Set([
  'article',
  'aside',
  'blockquote',
  'body',
  'div',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'main',
  'nav',
  'p',
  'section',
  'span',
]);

export function isSkipped(element: Element): boolean {
  if (SKIPPED.has(element.localName)) return true;
  if (element.hasAttribute('hidden')) return true;
  if (element.getAttribute('aria-hidden') === 'true') return true;
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

export function isInline(element: Element): boolean {
  return INLINE.has(element.localName);
}

/** Whether a node sits inside a subtree the walker would skip (a change inside an editor, say). */
export function isInsideSkipped(node: Node): boolean {
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!element) return false;
  if (element.closest(SKIPPED_SELECTOR)) return true;
  // The whole document being edited; the selector covers every contenteditable subtree.
  return element.ownerDocument?.designMode === 'on';
}

/** The element (or shadow root, or document) that bounds the inline run `node` belongs to. */
export function runContainerOf(node: Node): Node {
  let current: Node = node.nodeType === 1 ? node : (node.parentNode ?? node);
  while (current.nodeType === 1 && isInline(current as Element) && current.parentNode) {
    current = current.parentNode;
  }
  return current;
}

export type LinkKind = 'phone' | 'email';

/** `tel:` and `mailto:` links, in any case (hrefKind decides; this only spares reading every href). */
const CONTACT_LINK = '[href^="tel:" i],[href^="mailto:" i]';

export function linkKind(element: Element): LinkKind | undefined {
  if (element.localName !== 'a') return undefined;
  return hrefKind(element.getAttribute('href'));
}

/** `tel:` and `mailto:` hrefs, in any case; every other link is ordinary inline text. */
function hrefKind(href: string | null): LinkKind | undefined {
  if (!href) return undefined;
  const first = href.charCodeAt(0) | 32;
  // Most links are paths or http(s): one character tells them apart.
  if (first !== 116 /* t */ && first !== 109 /* m */) return undefined;
  const scheme = href.slice(0, 7).toLowerCase();
  if (scheme.startsWith('tel:')) return 'phone';
  if (scheme === 'mailto:') return 'email';
  return undefined;
}

export interface WalkHooks {
  /**
   * An inline run of text nodes, in document order (white-space nodes included: they join words), and
   * the node that bounds it (`runContainerOf` its first node). The array is reused after the call.
   */
  run(nodes: Text[], container: Node): void;
  /**
   * A `tel:` or `mailto:` link with its text nodes, run container and href; its subtree is not read as
   * a run.
   */
  link(anchor: Element, kind: LinkKind, nodes: Text[], container: Node, href: string): void;
  /** An open shadow root; return true to have this walker read it after its current root. */
  shadowRoot?(root: ShadowRoot): boolean;
  frame?(frame: Element): void;
  /** Elements to pass over entirely (the extension's own overlay, subtrees already read). */
  ignore?(element: Element): boolean;
}

/**
 * A depth-first walk that can stop between runs and resume later. If the page changed under it in the
 * meantime, it resumes from the deepest ancestor still in place (re-reading that ancestor's children;
 * the match registry drops duplicates).
 */
export class RunWalker {
  private readonly roots: Node[];
  private stack: Node[] = [];
  /** Per stack entry: whether it is an inline element (runs inside it belong to an outer container). */
  private inline: boolean[] = [];
  private next: Node | null = null;
  private run: Text[] = [];
  /** Block boundaries passed since the clock was last read. */
  private boundaries = 0;

  constructor(
    root: Node,
    private readonly hooks: WalkHooks,
  ) {
    this.roots = [root];
  }

  /** Walks until done (true) or until `shouldYield` says stop at a block boundary (false). */
  walk(shouldYield: () => boolean): boolean {
    this.repair();
    let progressed = false;
    for (;;) {
      if (this.next === null && this.stack.length === 0) {
        // Between roots. An element root is itself read (it may be a link, an iframe, a shadow host);
        // a document or shadow root is entered.
        this.flush();
        const root = this.roots.shift();
        if (!root) return true;
        if (!root.isConnected) continue;
        if (root.nodeType === 1) this.next = root;
        else {
          this.stack.push(root);
          this.inline.push(false);
          this.next = root.firstChild;
        }
        continue;
      }
      const node = this.next;
      if (node === null) {
        // Leaving a block (or the root) ends the run in it: handed over while the block is on the path.
        const leftBlock = this.inline[this.inline.length - 1] === false;
        if (this.inline.length === 1 || leftBlock) this.flush();
        this.inline.pop();
        const left = this.stack.pop() as Node;
        // Never past a root: its siblings are not ours to read.
        this.next = this.stack.length ? left.nextSibling : null;
        if (this.stack.length && leftBlock && progressed && this.timeToYield(shouldYield)) return false;
        continue;
      }
      progressed = true;
      const type = node.nodeType;
      this.next = this.stack.length ? node.nextSibling : null;
      if (type === 3) {
        this.run.push(node as Text);
        continue;
      }
      if (type !== 1) continue;
      const element = node as Element;
      const name = element.localName;
      const inline = INLINE.has(name);
      // Attributes that hide or make editable (hidden, aria-hidden, contenteditable) are not read here:
      // three attribute reads per element of a long page cost more than reading the rare such subtree,
      // whose matches the engine never draws or lists (isInsideSkipped). The root is checked in full.
      const skipped = SKIPPED.has(name) || (this.stack.length === 0 && isSkipped(element));
      if (skipped || this.hooks.ignore?.(element)) {
        this.flush();
        continue;
      }
      if (name === 'br' || name === 'iframe' || name === 'frame') {
        this.flush();
        if (name !== 'br') this.hooks.frame?.(element);
        continue;
      }
      // A selector match makes no string of the href: most links are not tel:/mailto:.
      if (name === 'a' && element.matches(CONTACT_LINK)) {
        const href = element.getAttribute('href');
        const kind = hrefKind(href);
        if (kind) {
          this.flush();
          const nodes = textNodesIn(element);
          if (nodes.length)
            this.hooks.link(element, kind, nodes, this.container(nodes[0] as Text), href ?? '');
          continue;
        }
      }
      const shadow =
        SHADOW_HOSTS.has(name) || name.includes('-')
          ? (element as Element & { shadowRoot: ShadowRoot | null }).shadowRoot
          : null;
      if (shadow && this.hooks.shadowRoot?.(shadow)) this.roots.push(shadow);
      if (!inline) {
        this.flush();
        if (this.timeToYield(shouldYield)) {
          this.next = element;
          return false;
        }
      }
      const first = element.firstChild;
      if (first) {
        this.stack.push(element);
        this.inline.push(inline);
        this.next = first;
      }
    }
  }

  private timeToYield(shouldYield: () => boolean): boolean {
    if (++this.boundaries < 8) return false;
    this.boundaries = 0;
    return shouldYield();
  }

  /** Hands over the pending run. The array is reused: hooks copy what they keep. */
  private flush(): void {
    const nodes = this.run;
    if (nodes.length === 0) return;
    this.hooks.run(nodes, this.container(nodes[0] as Text));
    nodes.length = 0;
  }

  /** The innermost block on the path; where every entry is inline (an inline root), look further up. */
  private container(first: Text): Node {
    for (let index = this.inline.length - 1; index >= 0; index--) {
      if (!this.inline[index]) return this.stack[index] as Node;
    }
    return runContainerOf(first);
  }

  /** After a pause: drop the part of the path the page removed or moved. */
  private repair(): void {
    const stack = this.stack;
    if (stack.length === 0) return;
    if (!(stack[0] as Node).isConnected) {
      stack.length = 0;
      this.inline.length = 0;
      this.next = null;
      return;
    }
    for (let i = 1; i < stack.length; i++) {
      if ((stack[i] as Node).parentNode !== stack[i - 1]) {
        stack.length = i;
        this.inline.length = i;
        this.next = (stack[i - 1] as Node).firstChild;
        this.run = [];
        return;
      }
    }
    const top = stack[stack.length - 1] as Node;
    if (this.next && this.next.parentNode !== top) {
      this.next = top.firstChild;
      this.run = [];
    }
  }
}

/** Text nodes under an element (a link's text), in order; small subtrees only. */
export function textNodesIn(element: Node): Text[] {
  const found: Text[] = [];
  for (let child = element.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) found.push(child as Text);
    else if (child.nodeType === 1 && !isSkipped(child as Element)) found.push(...textNodesIn(child));
  }
  return found;
}
