import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const DIR = import.meta.dirname;
const CLAIM_FILES = readdirSync(DIR).filter((f) => f.endsWith('.claim.ts'));

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(
    file,
    readFileSync(join(DIR, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
}

/** The top-level statements that are neither an import nor `export default …`. */
function strayStatements(sf: ts.SourceFile): string[] {
  return sf.statements
    .filter((s) => !ts.isImportDeclaration(s) && !ts.isExportAssignment(s))
    .map((s) => `${ts.SyntaxKind[s.kind]}: ${s.getText(sf).split('\n')[0]}`);
}

/** A value that only names or passes data: a literal, an identifier, or an object or array of them. */
function isData(e: ts.Expression): boolean {
  if (
    ts.isStringLiteral(e) ||
    ts.isNoSubstitutionTemplateLiteral(e) ||
    ts.isNumericLiteral(e) ||
    ts.isIdentifier(e) ||
    e.kind === ts.SyntaxKind.TrueKeyword ||
    e.kind === ts.SyntaxKind.FalseKeyword
  )
    return true;
  if (ts.isObjectLiteralExpression(e))
    return e.properties.every((p) => ts.isPropertyAssignment(p) && isData(p.initializer));
  if (ts.isArrayLiteralExpression(e)) return e.elements.every(isData);
  return false;
}

/**
 * A trivial adapter: an arrow whose body is an identifier or a single call of a named function
 * whose arguments are identifiers (the arrow's parameters or imports) or literals.
 */
function isTrivialAdapter(e: ts.Expression): boolean {
  if (!ts.isArrowFunction(e) || !ts.isExpression(e.body)) return false;
  const body = e.body;
  if (ts.isIdentifier(body)) return true;
  if (!ts.isCallExpression(body) || !ts.isIdentifier(body.expression)) return false;
  return body.arguments.every(
    (a) =>
      ts.isIdentifier(a) ||
      ts.isStringLiteral(a) ||
      ts.isNumericLiteral(a) ||
      a.kind === ts.SyntaxKind.TrueKeyword ||
      a.kind === ts.SyntaxKind.FalseKeyword,
  );
}

/** The properties of the default export's spec object that compute something. */
function computingProperties(sf: ts.SourceFile): string[] {
  const def = sf.statements.find(ts.isExportAssignment);
  if (def === undefined) return ['no export default'];
  const call = def.expression;
  if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression))
    return ['export default is not a call of a claim kind'];
  const [spec, ...more] = call.arguments;
  if (spec === undefined || more.length > 0 || !ts.isObjectLiteralExpression(spec))
    return ['the claim kind is not called with one object literal'];
  return spec.properties
    .filter((p) => {
      if (ts.isShorthandPropertyAssignment(p)) return false;
      if (!ts.isPropertyAssignment(p)) return true;
      return !isData(p.initializer) && !isTrivialAdapter(p.initializer);
    })
    .map((p) => p.getText(sf).split('\n')[0]);
}

describe('claim files are declarations', () => {
  test('there are claim files', () => {
    expect(CLAIM_FILES.length).toBeGreaterThanOrEqual(34);
  });

  test.each(CLAIM_FILES)('%s: only imports and export default at the top level', (file) => {
    expect(strayStatements(parse(file))).toEqual([]);
  });

  test.each(CLAIM_FILES)(
    '%s: the spec passes data, named functions and trivial adapters',
    (file) => {
      expect(computingProperties(parse(file))).toEqual([]);
    },
  );

  test('the checks catch module state, local functions and inline computation', () => {
    const sf = ts.createSourceFile(
      'x.claim.ts',
      [
        "import { k } from './k.js';",
        'let cache = 0;',
        'const FORM = { a: 1 };',
        'function helper() { return 1; }',
        'export default k({',
        "  id: 'x',",
        "  correction: { text: 't', claim: 'y' },",
        '  arbitrary: (o) => gen(o),',
        "  claimed: (m, t) => f(m, t, 'literal'),",
        '  wrapped: (m) => f({ ...m, a: 1 }),',
        '  sides: (ctx, _p, t) => ({ lhs: ctx.a * t }),',
        '  check: (input) => { return g(input); },',
        '});',
      ].join('\n'),
      ts.ScriptTarget.Latest,
      true,
      ts.ScriptKind.TS,
    );
    expect(strayStatements(sf)).toEqual([
      'FirstStatement: let cache = 0;',
      'FirstStatement: const FORM = { a: 1 };',
      'FunctionDeclaration: function helper() { return 1; }',
    ]);
    expect(computingProperties(sf)).toEqual([
      'wrapped: (m) => f({ ...m, a: 1 })',
      'sides: (ctx, _p, t) => ({ lhs: ctx.a * t })',
      'check: (input) => { return g(input); }',
    ]);
  });
});
