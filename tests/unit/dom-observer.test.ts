import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { mailtoValue, telValue } from '../../lib/dom/links';
import { outermost, summarizeMutations } from '../../lib/dom/observer';

function page(body: string) {
  return parseHTML(`<!doctype html><html><body>${body}</body></html>`).document as unknown as Document;
}

const record = (fields: Partial<MutationRecord>) =>
  ({ addedNodes: [], removedNodes: [], attributeName: null, ...fields }) as unknown as MutationRecord;

describe('turning mutations into subtrees to re-read', () => {
  it('re-reads an added row, not its whole table, and the run around added inline text', () => {
    const doc = page(
      '<table><tbody id="rows"><tr id="old"><td id="cell"><span id="s">x</span></td></tr></tbody></table>',
    );
    const rows = doc.getElementById('rows') as Element;
    const row = doc.createElement('tr');
    rows.append(doc.createTextNode('\n'), row);
    const span = doc.getElementById('s') as Element;
    const text = doc.createTextNode(' 555-2671');
    span.after(text);
    const batch = summarizeMutations(
      [
        record({
          type: 'childList',
          target: rows,
          addedNodes: [doc.createTextNode('\n'), row] as unknown as NodeList,
        }),
        record({
          type: 'childList',
          target: doc.getElementById('cell') as Node,
          addedNodes: [text] as unknown as NodeList,
        }),
      ],
      () => false,
    );
    expect(batch.dirty.map((node) => (node as Element).id || (node as Element).localName).sort()).toEqual([
      'cell',
      'tr',
    ]);
    expect(batch.removed).toBe(false);
  });

  it('notes removals, edits of text and attribute changes; passes over the overlay', () => {
    const doc = page('<div id="a"><p id="p">415</p></div><ringside-overlay></ringside-overlay>');
    const p = doc.getElementById('p') as Element;
    const overlay = doc.querySelector('ringside-overlay') as Element;
    const batch = summarizeMutations(
      [
        record({ type: 'characterData', target: p.firstChild as Node }),
        record({
          type: 'childList',
          target: doc.body,
          removedNodes: [doc.createElement('div')] as unknown as NodeList,
        }),
        record({ type: 'attributes', target: doc.getElementById('a') as Node, attributeName: 'class' }),
        record({
          type: 'childList',
          target: overlay,
          addedNodes: [doc.createElement('b')] as unknown as NodeList,
        }),
      ],
      (node) => node === overlay,
    );
    expect(batch.removed).toBe(true);
    expect(batch.restyled.map((element) => element.id)).toEqual(['a']);
    // The body is dirty (a child left it), which contains the paragraph: only the body is re-read.
    expect(batch.dirty.map((node) => (node as Element).localName)).toEqual(['body']);
  });

  it('keeps outermost nodes only, and none inside an editor', () => {
    const doc = page('<div id="a"><p id="b">x</p></div><div contenteditable><p id="c">y</p></div>');
    const [a, b, c] = ['a', 'b', 'c'].map((id) => doc.getElementById(id) as Node);
    expect(outermost([b as Node, a as Node, c as Node])).toEqual([a]);
  });
});

describe('values from links', () => {
  it('reads a tel: href as E.164 where it parses, dropping parameters', () => {
    expect(telValue('tel:+1-415-555-2671', 'US')).toBe('+14155552671');
    expect(telValue('tel:(415)%20555-2671;ext=12', 'US')).toBe('+14155552671');
    expect(telValue('TEL:020 7946 0958', 'GB')).toBe('+442079460958');
    expect(telValue('tel:*123#', 'US')).toBe('*123#');
    expect(telValue('tel:', 'US')).toBeUndefined();
  });

  it('reads the first address of a mailto: href, lower-cased', () => {
    expect(mailtoValue('mailto:Jane.Doe@Acme.example?subject=Hi')).toBe('jane.doe@acme.example');
    expect(mailtoValue('mailto:a@b.example,c@d.example')).toBe('a@b.example');
    expect(mailtoValue('mailto:%20jane%40acme.example')).toBe('jane@acme.example');
    expect(mailtoValue('mailto:')).toBeUndefined();
  });
});
