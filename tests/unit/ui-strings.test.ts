import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every word the UI shows comes from public/_locales through `t`: this reads components/ with the
 * TypeScript parser and reports text written in the code instead. Checked: JSX text; the values of
 * attributes people read or hear (aria-label, title, placeholder, alt, label-like props) and of JSX
 * children, through `a ? b : c`, `a && b`, templates and `.join(…)`; and, anywhere else in the file
 * (state setters, returned sentences), string literals that read like prose. Not checked: keys given
 * to `t`, ids, classes, test ids, import paths, compared values.
 */

const COMPONENTS = resolve(import.meta.dirname, '../../components');
const LOCALES = resolve(import.meta.dirname, '../../public/_locales');

/** Attributes whose value is language. */
const LANGUAGE_ATTRIBUTE =
  /^(aria-label|aria-description|aria-placeholder|aria-roledescription|aria-valuetext|title|placeholder|alt|label|[a-z]*(Label|Title|Text|Message|Placeholder|Heading))$/;
/** Calls whose string arguments are message keys, not text. */
const KEY_CALLS = new Set(['t', 'tNodes', 'plural']);
/** Text that holds no language: separators, punctuation, numbers, format tokens, URLs. */
const NON_LANGUAGE = [/^[\s\p{P}\p{S}\d]*$/u, /^https?:\/\/\S+$/, /^[\s(]*m:ss[\s)]*$/];

const hasLetters = (text: string) =>
  /\p{L}/u.test(text) && !NON_LANGUAGE.some((pattern) => pattern.test(text));
/** Reads like a sentence or a label: two words, a capitalised word, or an ending stop or ellipsis. */
const readsLikeProse = (text: string) =>
  hasLetters(text) &&
  (/\p{L}{2,}[^\S\n]+\p{L}/u.test(text) || /^\p{Lu}\p{Ll}/u.test(text) || /\p{L}[.…]$/u.test(text));

type StringNode = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;

/** The string parts an expression renders as it stands (not what a function it calls returns). */
function renderedStrings(node: ts.Expression): StringNode[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node];
  if (ts.isTemplateExpression(node))
    return [node, ...node.templateSpans.flatMap((span) => renderedStrings(span.expression))];
  if (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isNonNullExpression(node))
    return renderedStrings(node.expression);
  if (ts.isConditionalExpression(node))
    return [...renderedStrings(node.whenTrue), ...renderedStrings(node.whenFalse)];
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return renderedStrings(node.right);
    if (
      operator === ts.SyntaxKind.BarBarToken ||
      operator === ts.SyntaxKind.QuestionQuestionToken ||
      operator === ts.SyntaxKind.PlusToken
    )
      return [...renderedStrings(node.left), ...renderedStrings(node.right)];
    return [];
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap(renderedStrings);
  if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
    // `list.join(' and ')` renders its separator.
    if (node.expression.name.text === 'join') return node.arguments.flatMap(renderedStrings);
  }
  return [];
}

/** The literal text of a string node (a template's fixed parts, joined by a space). */
function textOf(node: StringNode): string {
  if (!ts.isTemplateExpression(node)) return node.text;
  return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
}

function insideKeyCall(node: ts.Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (
      ts.isCallExpression(current) &&
      ts.isIdentifier(current.expression) &&
      KEY_CALLS.has(current.expression.text) &&
      current.arguments.some((argument) => argument.pos <= node.pos && node.end <= argument.end)
    )
      return true;
  }
  return false;
}

/** Places where a string literal is a value to compare or a name, never something shown. */
function isNonText(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isLiteralTypeNode(parent))
    return true;
  if (ts.isPropertyAssignment(parent) && parent.name === node) return true;
  if (ts.isElementAccessExpression(parent) && parent.argumentExpression === node) return true;
  if (ts.isCaseClause(parent)) return true;
  if (ts.isBinaryExpression(parent)) {
    const operator = parent.operatorToken.kind;
    return [
      ts.SyntaxKind.EqualsEqualsEqualsToken,
      ts.SyntaxKind.ExclamationEqualsEqualsToken,
      ts.SyntaxKind.InKeyword,
    ].includes(operator);
  }
  return false;
}

interface Finding {
  line: number;
  text: string;
  where: string;
}

/** Text in one component's source that does not come from `t`. */
function findHardCodedText(source: string, fileName = 'component.tsx'): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const findings: Finding[] = [];
  const reported = new Set<ts.Node>();
  const tokens = new Set<ts.Node>();
  const report = (node: ts.Node, text: string, where: string) => {
    if (reported.has(node) || insideKeyCall(node)) return;
    reported.add(node);
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    findings.push({ line, text: text.trim(), where });
  };
  const checkRendered = (expression: ts.Expression, where: string) => {
    for (const node of renderedStrings(expression))
      if (hasLetters(textOf(node))) report(node, textOf(node), where);
  };

  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasLetters(node.text)) report(node, node.text, 'JSX text');
    if (ts.isJsxAttribute(node) && node.initializer) {
      const name = node.name.getText(file);
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      if (value && LANGUAGE_ATTRIBUTE.test(name)) checkRendered(value, `${name}=`);
      // Ids, classes, test ids, types: tokens, not language.
      else if (value) for (const token of renderedStrings(value)) tokens.add(token);
    }
    if (ts.isJsxExpression(node) && node.expression && !ts.isJsxAttribute(node.parent))
      checkRendered(node.expression, 'JSX child');
    if (
      (ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateExpression(node)) &&
      !tokens.has(node) &&
      !isNonText(node) &&
      readsLikeProse(textOf(node))
    )
      report(node, textOf(node), 'string');
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

const sources = readdirSync(COMPONENTS).filter((name) => /\.tsx?$/.test(name));

describe('UI strings come from _locales', () => {
  it('finds written-in text of every kind (the check can fail)', () => {
    const found = findHardCodedText(`
      export function Bad({ busy, hosts }: { busy: boolean; hosts: string[] }) {
        const [, setError] = useState<string>();
        setError('Could not dial that number.');
        return (
          <section aria-label="Call controls">
            <h2>Recent calls</h2>
            <input placeholder={busy ? 'Saving…' : t('common_save')} title={\`Call \${hosts[0]}\`} />
            {busy && 'Logging'}
            {hosts.join(' and ')}
          </section>
        );
      }`);
    expect(found.map((finding) => finding.text)).toEqual([
      'Could not dial that number.',
      'Call controls',
      'Recent calls',
      'Saving…',
      'Call',
      'Logging',
      'and',
    ]);
  });

  it('passes over keys, tokens, punctuation and compared values', () => {
    const found = findHardCodedText(`
      import './screen-pop.css';
      export function Good({ state, name }: { state: 'idle' | 'logged'; name?: string }) {
        const label = t(state === 'logged' ? 'callControls_newCall' : 'callControls_dontLog');
        return (
          <p class="call-line muted" id="dial-error dial-extension" data-testid="call-summary" aria-describedby="a b">
            {label} · {name ?? '…'}{' '}
            <input type="tel" placeholder="5:00" autoComplete="tel" />
            <a href="https://crm.example.com/">{t('record_open', 'Close')}</a>
          </p>
        );
      }`);
    expect(found).toEqual([]);
  });

  it.each(sources)('%s shows no text that is not from t()', (name) => {
    expect(findHardCodedText(readFileSync(resolve(COMPONENTS, name), 'utf8'), name)).toEqual([]);
  });

  it.each(['en', 'es'])('%s: no message reads as a Chrome $placeholder$ by accident', (lang) => {
    // Chrome takes `$name$` in a message for a named placeholder and refuses the catalogue if it is not
    // declared: "$1$2" or "$1x$" would break the extension's loading.
    const catalog: Record<string, { message: string }> = JSON.parse(
      readFileSync(resolve(LOCALES, lang, 'messages.json'), 'utf8'),
    );
    const accidental = Object.entries(catalog).filter(([, { message }]) =>
      /\$[A-Za-z0-9_@]+\$/.test(message),
    );
    expect(accidental).toEqual([]);
  });
});
