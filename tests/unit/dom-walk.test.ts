import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { isInsideSkipped, isSkipped, type LinkKind, RunWalker, runContainerOf } from '../../lib/dom/walk';

function page(body: string) {
  const { document } = parseHTML(
    `<!doctype html><html><head><title>t 415 555 2671</title></head><body>${body}</body></html>`,
  );
  return document as unknown as Document;
}

/** Everything a walker hands out, as text. */
function walk(doc: Document, root: Node = doc.documentElement, shouldYield = () => false) {
  const runs: string[] = [];
  const nodes: Text[] = [];
  const containers: Node[] = [];
  const links: { kind: LinkKind; text: string; href: string | null }[] = [];
  const walker = new RunWalker(root, {
    run: (run, container) => {
      runs.push(run.map((node) => node.data).join(''));
      nodes.push(...run);
      containers.push(container);
      // The container handed over is the run's own, as runContainerOf finds it from any of its nodes.
      for (const node of run) expect(runContainerOf(node)).toBe(container);
    },
    link: (anchor, kind, nodes) =>
      links.push({ kind, text: nodes.map((node) => node.data).join(''), href: anchor.getAttribute('href') }),
  });
  let slices = 1;
  while (!walker.walk(shouldYield)) slices++;
  return { runs: runs.map((run) => run.trim()).filter(Boolean), nodes, containers, links, slices };
}

describe('reading a page in inline runs', () => {
  it('joins text across inline elements and splits at blocks and <br>', () => {
    const doc = page(
      '<table><tr><td><span>(415)</span> 555-2671</td><td><b>+44</b> 20 7946 0958</td></tr></table>' +
        '<p>Main<br>+1 415-555-0132</p><div>Jane <div>Doe</div> Acme</div>',
    );
    expect(walk(doc).runs).toEqual([
      '(415) 555-2671',
      '+44 20 7946 0958',
      'Main',
      '+1 415-555-0132',
      'Jane',
      'Doe',
      'Acme',
    ]);
  });

  it('skips what a recruiter does not read or is editing', () => {
    const doc = page(
      [
        '<p>keep 1</p>',
        '<script>var phone = "415 555 2671"</script>',
        '<style>.x{}</style>',
        '<noscript>no 1</noscript>',
        '<template><p>no 2</p></template>',
        '<textarea>no 3</textarea>',
        '<select><option>no 4</option></select>',
        '<code>no 5</code>',
        '<pre>no 6</pre>',
        '<div hidden>no 7</div>',
        '<div aria-hidden="true">no 8</div>',
        '<div contenteditable="true"><p>no <b>9</b></p></div>',
        '<div contenteditable>no 10</div>',
        '<div contenteditable="false">keep 2</div>',
        '<p>keep 3</p>',
      ].join(''),
    );
    // Elements hidden or made editable by an attribute are read (checking three attributes on every
    // element of a long page costs more than reading them); what is found there is never drawn or
    // listed, because every node of theirs is inside a skipped subtree. Skipped elements are passed over.
    const { runs, nodes } = walk(doc);
    expect(runs).toEqual(['keep 1', 'no 7', 'no 8', 'no 9', 'no 10', 'keep 2', 'keep 3']);
    const hidden = nodes.filter((node) => isInsideSkipped(node)).map((node) => node.data);
    expect(hidden).toEqual(['no 7', 'no 8', 'no ', '9', 'no 10']);
    // The root of a walk is checked in full: a hidden root is not read at all.
    expect(walk(doc, doc.querySelector('[hidden]') as Element).runs).toEqual([]);
  });

  it('knows when a changed node sits inside a skipped subtree', () => {
    const doc = page('<div contenteditable="true"><p><b id="x">415</b></p></div><p id="y">ok</p>');
    expect(isInsideSkipped(doc.getElementById('x') as Element)).toBe(true);
    expect(isInsideSkipped((doc.getElementById('y') as Element).firstChild as Node)).toBe(false);
    expect(isSkipped(doc.querySelector('div') as Element)).toBe(true);
  });

  it('reads tel: and mailto: links as units, their text whatever it says', () => {
    const doc = page(
      '<p>Call <a href="tel:+14155552671">Jane <b>Doe</b></a> or <a href="MAILTO:jane@acme.example">write</a>' +
        ' <a href="/lead/1">+1 415 555 0132</a></p>',
    );
    const { runs, links } = walk(doc);
    expect(links).toEqual([
      { kind: 'phone', text: 'Jane Doe', href: 'tel:+14155552671' },
      { kind: 'email', text: 'write', href: 'MAILTO:jane@acme.example' },
    ]);
    // An ordinary link is inline text like any other.
    expect(runs).toEqual(['Call', 'or', '+1 415 555 0132']);
  });

  it('passes over ignored elements (the overlay) and can stop and resume between runs', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `<div>row ${i}</div>`).join('');
    const doc = page(`${rows}<ringside-overlay><p>own</p></ringside-overlay>`);
    const runs: string[] = [];
    const walker = new RunWalker(doc.body, {
      run: (nodes) => runs.push(nodes.map((node) => node.data).join('')),
      link: () => {},
      ignore: (element) => element.localName === 'ringside-overlay',
    });
    let slices = 1;
    while (!walker.walk(() => true)) slices++;
    expect(slices).toBeGreaterThan(5);
    expect(runs).toEqual(Array.from({ length: 50 }, (_, i) => `row ${i}`));
  });

  it('resumes from what is still in place when the page changed during a pause', () => {
    const doc = page(
      '<section id="a"><div>one</div><div>two</div></section><section id="b"><div>three</div></section>',
    );
    const runs: string[] = [];
    const walker = new RunWalker(doc.body, {
      run: (nodes) => runs.push(nodes[0]?.data ?? ''),
      link: () => {},
    });
    let calls = 0;
    // Stop at the first chance, then remove the section the walker was in.
    walker.walk(() => ++calls > 0);
    doc.getElementById('a')?.remove();
    while (!walker.walk(() => false)) {}
    expect(runs).toContain('three');
  });

  it('finds the run container of a node', () => {
    const doc = page('<div id="cell"><span><b id="deep">415</b></span></div>');
    const deep = doc.getElementById('deep') as Element;
    expect((runContainerOf(deep.firstChild as Node) as Element).id).toBe('cell');
    expect((runContainerOf(deep) as Element).id).toBe('cell');
  });
});
