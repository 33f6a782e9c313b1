import { describe, expect, it } from 'vitest';
import { joinRun, locate, nodesOf, rangeOf, trimmedSpan } from '../../lib/dom/runs';

/** Text nodes only need `data` for the pure offset mapping. */
const texts = (...parts: string[]) => parts.map((data) => ({ data }) as Text);

describe('inline runs: joining text nodes and mapping matches back', () => {
  it('joins node texts and records where each starts', () => {
    const run = joinRun(texts('(415)', ' 555-2671', ' mobile'));
    expect(run.text).toBe('(415) 555-2671 mobile');
    expect(run.starts).toEqual([0, 5, 14]);
  });

  it('keeps a single node as is', () => {
    const nodes = texts('+1 415 555 2671');
    const run = joinRun(nodes);
    expect(run.text).toBe('+1 415 555 2671');
    expect(run.nodes).toBe(nodes);
  });

  it('maps a start at a node boundary to the next node and an end to the previous one', () => {
    const run = joinRun(texts('(415)', ' 555-2671', ' mobile'));
    expect(locate(run, 5, 'start')).toEqual({ index: 1, offset: 0 });
    expect(locate(run, 5, 'end')).toEqual({ index: 0, offset: 5 });
    expect(locate(run, 14, 'end')).toEqual({ index: 1, offset: 9 });
    expect(locate(run, 0, 'start')).toEqual({ index: 0, offset: 0 });
    expect(locate(run, 21, 'end')).toEqual({ index: 2, offset: 7 });
  });

  it('skips empty nodes when placing a start', () => {
    // "<b>+44</b><i></i> 20 7946 0958": an empty text node sits at the boundary.
    const run = joinRun(texts('+44', '', ' 20 7946 0958'));
    expect(locate(run, 3, 'start')).toEqual({ index: 2, offset: 0 });
  });

  it('keeps a word and a number that touch apart, and digits that touch together', () => {
    // <span>office</span><span>(415) 555-0132</span>: a reader sees two things, not "office(415)".
    const glued = joinRun(texts('office', '(415) 555-0132'));
    expect(glued.text).toBe('office (415) 555-0132');
    expect(glued.starts).toEqual([0, 7]);
    const start = glued.text.indexOf('(');
    expect(locate(glued, start, 'start')).toEqual({ index: 1, offset: 0 });
    expect(nodesOf(glued, start, glued.text.length).map((node) => node.data)).toEqual(['(415) 555-0132']);
    // A match ending on the virtual space ends at the previous node's end.
    expect(locate(glued, 7, 'end')).toEqual({ index: 0, offset: 6 });
    // <span>+1</span><span>415</span>-<span>555</span>…: one number.
    expect(joinRun(texts('+1', '415', '-', '555', '-', '2671')).text).toBe('+1415-555-2671');
    expect(joinRun(texts('555-2671', 'ext. 12')).text).toBe('555-2671 ext. 12');
  });

  it('reads letters beyond ASCII at the edges, astral ones included', () => {
    expect(joinRun(texts('Müller', '+49 30 901820')).text).toBe('Müller +49 30 901820');
    expect(joinRun(texts('电话', '(010) 1234 5678')).text).toBe('电话 (010) 1234 5678');
    expect(joinRun(texts('𝒜', '415')).text).toBe('𝒜 415');
    expect(joinRun(texts('030 901820', 'Zentrale')).text).toBe('030 901820 Zentrale');
    expect(joinRun(texts('(0)', '𝒜')).text).toBe('(0) 𝒜');
    // Neither a letter nor a digit at the meeting point: joined as is.
    expect(joinRun(texts('Tel.', '415')).text).toBe('Tel.415');
    expect(joinRun(texts('415', '·x')).text).toBe('415·x');
  });

  it('lists the nodes a match touches', () => {
    const run = joinRun(texts('Call ', '(415)', ' 555-2671', ' now'));
    const start = run.text.indexOf('(');
    const end = run.text.indexOf(' now');
    expect(nodesOf(run, start, end).map((node) => node.data)).toEqual(['(415)', ' 555-2671']);
  });

  it('builds a Range over the page’s own nodes, never a copy', () => {
    const run = joinRun(texts('Tel: ', '+44', ' 20 7946 0958', ' (office)'));
    const calls: [string, Text, number][] = [];
    const doc = {
      createRange: () => ({
        setStart: (node: Text, offset: number) => calls.push(['start', node, offset]),
        setEnd: (node: Text, offset: number) => calls.push(['end', node, offset]),
      }),
    } as unknown as Document;
    const start = run.text.indexOf('+44');
    const end = run.text.indexOf(' (office)');
    rangeOf(doc, run, start, end);
    expect(calls).toEqual([
      ['start', run.nodes[1], 0],
      ['end', run.nodes[2], 13],
    ]);
  });

  it('trims white space around a link’s text', () => {
    expect(trimmedSpan('  Call Jane \n')).toEqual([2, 11]);
    expect(trimmedSpan(' \n ')).toBeUndefined();
  });
});
