import { ENTITY_FIELDS, type EntityName, type Row } from './model';

/**
 * The subset of Lucene that Bullhorn's /search takes and Ringside sends: `field:value` and `field:"quoted
 * value"` terms, AND / OR / NOT, parentheses, `isDeleted:0|1|true|false`, trailing `*` wildcards. A bare
 * `*` or anything else it cannot parse is a "Bad Query" (400).
 *
 * Phone fields are free text ("(916) 555-0100", "07700 900123"): a term matches when its digits equal or
 * are a substring of the stored digits (UNCONFIRMED how Bullhorn's analyzer does it; the contract asks the
 * sandbox to be this permissive). A field the entity does not have matches nothing (e.g. isDeleted on
 * ClientCorporation), as in Lucene.
 */

export class BadQueryError extends Error {}

type Node =
  | { op: 'and' | 'or'; left: Node; right: Node }
  | { op: 'not'; node: Node }
  | { op: 'term'; field: string; value: string; quoted: boolean };

type Token =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not' }
  | { kind: 'term'; field: string; value: string; quoted: boolean };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] ?? '';
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen' });
      i++;
      continue;
    }
    const word = /^[^\s()"]+/.exec(query.slice(i))?.[0];
    if (!word) throw new BadQueryError('Bad Query: stray quote');
    i += word.length;
    if (word === 'AND' || word === '&&') tokens.push({ kind: 'and' });
    else if (word === 'OR' || word === '||') tokens.push({ kind: 'or' });
    else if (word === 'NOT' || word === '!') tokens.push({ kind: 'not' });
    else {
      const colon = word.indexOf(':');
      if (colon <= 0) throw new BadQueryError(`Bad Query: "${word}" names no field`);
      const field = word.slice(0, colon);
      let value = word.slice(colon + 1);
      let quoted = false;
      if (value === '' && query[i] === '"') {
        const close = query.indexOf('"', i + 1);
        if (close === -1) throw new BadQueryError('Bad Query: unclosed quote');
        value = query.slice(i + 1, close);
        i = close + 1;
        quoted = true;
      } else if (value === '') throw new BadQueryError(`Bad Query: "${word}" has no value`);
      tokens.push({ kind: 'term', field, value, quoted });
    }
  }
  return tokens;
}

export function parseLucene(query: string): Node {
  const tokens = tokenize(query);
  if (tokens.length === 0) throw new BadQueryError('Bad Query: empty query');
  let position = 0;
  const peek = () => tokens[position];

  function parseOr(): Node {
    let left = parseAnd();
    for (;;) {
      const next = peek();
      if (!next || next.kind === 'rparen') return left;
      // Lucene's default operator is OR: `a b` means `a OR b`.
      if (next.kind === 'or') position++;
      left = { op: 'or', left, right: parseAnd() };
    }
  }

  function parseAnd(): Node {
    let left = parseUnary();
    while (peek()?.kind === 'and') {
      position++;
      left = { op: 'and', left, right: parseUnary() };
    }
    return left;
  }

  function parseUnary(): Node {
    const token = tokens[position++];
    if (!token) throw new BadQueryError('Bad Query: unexpected end');
    if (token.kind === 'not') return { op: 'not', node: parseUnary() };
    if (token.kind === 'lparen') {
      const inner = parseOr();
      if (tokens[position++]?.kind !== 'rparen') throw new BadQueryError('Bad Query: missing )');
      return inner;
    }
    if (token.kind === 'term') return { op: 'term', ...token };
    throw new BadQueryError(`Bad Query: unexpected ${token.kind.toUpperCase()}`);
  }

  const node = parseOr();
  if (position < tokens.length) throw new BadQueryError('Bad Query: unbalanced )');
  return node;
}

const digitsOf = (value: string) => value.replace(/\D/g, '');
const wordsOf = (value: string) =>
  value
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

function matchTerm(entity: EntityName, row: Row, field: string, value: string, quoted: boolean): boolean {
  const [head, sub] = field.split('.', 2);
  const def = head ? ENTITY_FIELDS[entity][head] : undefined;
  if (!head || !def) return false;
  let stored = row[head];
  if (def.type === 'toOne') {
    stored =
      stored && typeof stored === 'object' ? (stored as Record<string, unknown>)[sub ?? 'id'] : undefined;
    return stored !== undefined && String(stored) === value;
  }
  if (def.type === 'boolean') {
    const wanted = value === '1' || value.toLowerCase() === 'true';
    return Boolean(stored) === wanted;
  }
  if (def.type === 'number' || def.type === 'timestamp')
    return stored !== undefined && String(stored) === value;
  if (typeof stored !== 'string' || !stored) return false;
  if (def.phone) {
    const wanted = digitsOf(value);
    return wanted.length > 0 && digitsOf(stored).includes(wanted);
  }
  const text = stored.toLowerCase();
  const lower = value.toLowerCase();
  if (quoted) return text.includes(lower);
  if (lower.endsWith('*')) {
    const prefix = lower.slice(0, -1);
    return wordsOf(stored).some((word) => word.startsWith(prefix));
  }
  const words = wordsOf(stored);
  return wordsOf(lower).every((word) => words.includes(word));
}

export function matches(entity: EntityName, row: Row, node: Node): boolean {
  switch (node.op) {
    case 'and':
      return matches(entity, row, node.left) && matches(entity, row, node.right);
    case 'or':
      return matches(entity, row, node.left) || matches(entity, row, node.right);
    case 'not':
      return !matches(entity, row, node.node);
    default:
      if (node.value === '*' && !node.quoted)
        return row[node.field] !== undefined && row[node.field] !== null;
      return matchTerm(entity, row, node.field, node.value, node.quoted);
  }
}

/** A pure negation matches nothing in Lucene; `NOT a` alone is accepted but finds nothing. */
export function search(entity: EntityName, rows: Iterable<Row>, query: string): Row[] {
  if (query.trim() === '*') throw new BadQueryError('Bad Query');
  const node = parseLucene(query);
  if (node.op === 'not') return [];
  return [...rows].filter((row) => matches(entity, row, node));
}
