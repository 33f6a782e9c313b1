import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Issue 5, item 8: every sentence a recruiter can see comes from _locales. This reads lib/ (lib/dom and
 * lib/i18n.ts aside) with the TypeScript parser and fails on any string or template literal that reads as
 * words ("Enter the API key.", `${label} refused the request`): in a CrmError's or a zod check's `message`,
 * a field's `label`, an `error` or `reason`, an argument, a return value, anywhere. Text that only
 * developers or machines read is allowed below, one entry per literal, with the reason.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'lib');

/** `file: text`, the literal's text with `{…}` for each interpolation. */
const ALLOWED = new Map<string, string>([
  ['lib/background/router.ts: Unknown sender.', 'refusal sent to other extensions and pages, never shown'],
  ['lib/background/router.ts: Unknown message.', 'a message type Ringside does not have: a developer error'],
  ['lib/background/router.ts: {…} is not allowed from a {…}.', 'a sender policy breach: a developer error'],
  [
    'lib/crm/providers/entity-crm/responses.ts: expected a list of {…}',
    'a zod issue; http.ts shows only its path',
  ],
  ['lib/crm/providers/bullhorn/mapping.ts: ({…}) AND isDeleted:0', 'Bullhorn search queries'],
  ['lib/crm/adapter.ts: Entity CRM', 'a product name'],
  ['lib/crm/providers/entity-crm/errors.ts: Entity CRM', 'a product name'],
  ['lib/crm/providers/bullhorn.ts: Bullhorn', 'a product name'],
  [
    'lib/crm/providers/bullhorn.ts: Unassigned (Ringside)',
    'the placeholder company Ringside finds or creates by this exact name in Bullhorn: data, not a sentence',
  ],
]);

/** Files of data that happens to be words. */
const SKIPPED_FILES = new Set(['lib/phone/tlds.ts']);

/** Properties that are shown as they are, so one word in them is already text to translate. */
const SHOWN = new Set(['label', 'help', 'title', 'userName', 'reason']);

/** Two words of letters, apart by a space, outside interpolations: what a sentence or a label looks like. */
const WORDS = /\p{L}{2,}\p{P}?\s+\p{P}?\p{L}{2,}/u;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === join(LIB, 'dom') ? [] : sourceFiles(path);
    return name.endsWith('.ts') && path !== join(LIB, 'i18n.ts') ? [path] : [];
  });
}

/** Calls whose string arguments are not sentences shown to anyone: keys, logs, imports. */
function isExemptCall(node: ts.CallExpression): boolean {
  const callee = node.expression;
  if (ts.isIdentifier(callee)) return ['t', 'lazyMessage', 'require'].includes(callee.text);
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === 'console'
  );
}

function textOf(node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return node.head.text + node.templateSpans.map((span) => `{…}${span.literal.text}`).join('');
}

/** Word-like literals in a source text that are not keys, types, imports, property names or log lines. */
function wordyLiterals(name: string, code: string): { text: string; line: number }[] {
  const source = ts.createSourceFile(name, code, ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number }[] = [];
  const visit = (node: ts.Node, shown = false): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node) || ts.isTypeNode(node)) return;
    if (ts.isCallExpression(node) && isExemptCall(node)) return;
    if (ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node)) {
      // The name is an identifier to the program; only the value can be shown.
      const key = node.name && ts.isIdentifier(node.name) ? node.name.text : '';
      if (node.initializer) visit(node.initializer, SHOWN.has(key));
      return;
    }
    if (ts.isGetAccessorDeclaration(node) && node.body) {
      // `get label() { return t('key'); }`: what it returns is shown.
      visit(node.body, ts.isIdentifier(node.name) && SHOWN.has(node.name.text));
      return;
    }
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      const text = textOf(node);
      // An interpolation is a value, not a word: `contacts/${id}/memberships` is a path.
      const outside = text.replaceAll('{…}', '0');
      if (WORDS.test(outside) || (shown && /\p{L}{2,}/u.test(outside))) {
        found.push({ text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
      }
      if (!ts.isTemplateExpression(node)) return;
    }
    // A shown property's value is shown; what a call inside it takes (a key, a limit) is not.
    const passOn = shown && !ts.isCallExpression(node) && !ts.isFunctionLike(node);
    ts.forEachChild(node, (child) => visit(child, passOn));
  };
  visit(source);
  return found;
}

const files = sourceFiles(LIB)
  .map((path) => relative(ROOT, path).split('\\').join('/'))
  .filter((path) => !SKIPPED_FILES.has(path));

describe('lib/ sentences come from _locales', () => {
  it('reads the files it should', () => {
    expect(files).toContain('lib/crm/http.ts');
    expect(files).toContain('lib/background/wrap-up.ts');
    expect(files.some((path) => path.startsWith('lib/dom/'))).toBe(false);
    expect(files).not.toContain('lib/i18n.ts');
  });

  it('finds a sentence where one is written, and not a key, a type or a log line', () => {
    const probe = [
      "import { t } from '../i18n';",
      "const a = { message: 'Enter the API key.' };",
      `throw new CrmError({ kind: 'auth', message: \`\${label} refused the request (HTTP \${status}).\` });`,
      "z.string().min(8, 'The key is too short.');",
      "throw new Error('Something broke here.');",
      "function f() { return 'just now'; }",
      "const transport = { label: 'Made elsewhere', id: 'manual' };",
      "const kind = { id: 'lead', label: 'Lead' };",
      "const field = { name: 'apiKey', get help() { return 'Optional'; } };",
      "console.error('Ringside: a log line for developers');",
      "t('http_timeout', 'an argument of t');",
      "const key = 'bullhorn_clientIdEmpty';",
      "const fields = { 'Invalid lead status': 'leadStatus' };",
      "type Kind = 'two words';",
    ].join('\n');
    const texts = wordyLiterals('probe.ts', probe).map((literal) => literal.text);
    expect(texts).toEqual([
      'Enter the API key.',
      '{…} refused the request (HTTP {…}).',
      'The key is too short.',
      'Something broke here.',
      'just now',
      'Made elsewhere',
      'Lead',
      'Optional',
    ]);
  });

  it('has no plain-English sentence left in lib/', () => {
    const unexpected = files.flatMap((file) =>
      wordyLiterals(file, readFileSync(join(ROOT, file), 'utf8'))
        .filter((literal) => !ALLOWED.has(`${file}: ${literal.text}`))
        .map((literal) => `${file}:${literal.line}: ${literal.text}`),
    );
    expect(unexpected, 'move these to public/_locales and use t(); or allow them here with a reason').toEqual(
      [],
    );
  });

  it('allows nothing that is no longer there', () => {
    const present = new Set(
      files.flatMap((file) =>
        wordyLiterals(file, readFileSync(join(ROOT, file), 'utf8')).map(
          (literal) => `${file}: ${literal.text}`,
        ),
      ),
    );
    expect([...ALLOWED.keys()].filter((entry) => !present.has(entry))).toEqual([]);
  });
});

describe('the English catalogue', () => {
  const catalog = JSON.parse(readFileSync(join(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
    string,
    { message: string; description?: string }
  >;

  it('names each message once, ignoring case (Chrome looks names up in lower case)', () => {
    const names = Object.keys(catalog).map((name) => name.toLowerCase());
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
  });

  it('tells translators what each message is', () => {
    expect(Object.keys(catalog).filter((name) => !catalog[name]?.description?.trim())).toEqual([]);
  });
});
