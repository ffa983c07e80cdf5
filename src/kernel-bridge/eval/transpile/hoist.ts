/**
 * Second pass over a cell, on the JavaScript tree TypeScript produced (an `after` transformer): top-level
 * declarations become assignments to names the runner declares with `var` at script level, so they live on
 * the global object and persist across cells, while the cell body itself runs inside an async function
 * (for top-level `await`). Functions are assigned first, keeping their hoisting; classes, `const`, `let`
 * and `var` are assigned in place; re-running a cell simply reassigns.
 */
import * as ts from 'typescript';
import { boundNames, toAssignmentTarget } from './patterns';

/** Collects the hoisted names of one cell. */
export interface IHoistResult {
  names: string[];
}

/** The `after` transformer; fills `result.names`. */
export function hoistTransformer(result: IHoistResult): ts.TransformerFactory<ts.SourceFile> {
  return ctx => sf => {
    const f = ctx.factory;
    const names = new Set<string>();
    const functions: ts.Statement[] = [];
    const body: ts.Statement[] = [];
    for (const s of sf.statements) {
      if (ts.isFunctionDeclaration(s) && s.body) {
        if (s.name) names.add(s.name.text);
        functions.push(hoistFunction(f, s));
      } else if (ts.isClassDeclaration(s)) {
        if (s.name) names.add(s.name.text);
        body.push(hoistClass(f, s));
      } else if (ts.isVariableStatement(s)) {
        for (const d of s.declarationList.declarations) boundNames(d.name).forEach(n => names.add(n));
        body.push(...hoistVariables(f, s));
      } else if (!ts.isFunctionDeclaration(s) && !ts.isExportDeclaration(s)) {
        body.push(s);
      }
    }
    result.names = [...names];
    return f.updateSourceFile(sf, [...functions, ...body]);
  };
}

function assign(f: ts.NodeFactory, name: string, value: ts.Expression, at: ts.Node): ts.Statement {
  const st = f.createExpressionStatement(f.createAssignment(f.createIdentifier(name), value));
  return ts.setTextRange(st, at);
}

function withoutExport(mods: ts.NodeArray<ts.ModifierLike> | undefined): ts.ModifierLike[] | undefined {
  const kept = mods?.filter(
    m => m.kind !== ts.SyntaxKind.ExportKeyword && m.kind !== ts.SyntaxKind.DefaultKeyword
  );
  return kept && kept.length > 0 ? kept : undefined;
}

/** `function f() {}` -> `f = function f() {}` (moved to the top of the cell by the caller). */
function hoistFunction(f: ts.NodeFactory, s: ts.FunctionDeclaration): ts.Statement {
  const fn = f.createFunctionExpression(
    withoutExport(s.modifiers) as ts.Modifier[] | undefined,
    s.asteriskToken,
    s.name,
    undefined,
    s.parameters,
    undefined,
    s.body!
  );
  ts.setTextRange(fn, s);
  return s.name ? assign(f, s.name.text, fn, s) : ts.setTextRange(f.createExpressionStatement(fn), s);
}

/** `class A {}` -> `A = class A {}`. */
function hoistClass(f: ts.NodeFactory, s: ts.ClassDeclaration): ts.Statement {
  const cls = f.createClassExpression(
    withoutExport(s.modifiers),
    s.name,
    undefined,
    s.heritageClauses,
    s.members
  );
  ts.setTextRange(cls, s);
  return s.name ? assign(f, s.name.text, cls, s) : ts.setTextRange(f.createExpressionStatement(cls), s);
}

/**
 * `const a = 1, {b} = o` -> `a = 1; ({b} = o);`. `let x;` resets x to undefined as re-running it should;
 * `var x;` (also TypeScript's enum and namespace prologue) keeps the current value.
 */
function hoistVariables(f: ts.NodeFactory, s: ts.VariableStatement): ts.Statement[] {
  const isVar = (s.declarationList.flags & ts.NodeFlags.BlockScoped) === 0;
  const out: ts.Statement[] = [];
  for (const d of s.declarationList.declarations) {
    if (!d.initializer) {
      if (isVar) continue;
      for (const n of boundNames(d.name)) out.push(assign(f, n, f.createVoidZero(), d));
      continue;
    }
    if (ts.isIdentifier(d.name)) {
      out.push(assign(f, d.name.text, d.initializer, d));
      continue;
    }
    const target = toAssignmentTarget(f, d.name);
    const expr = f.createParenthesizedExpression(
      f.createAssignment(target as ts.ObjectLiteralExpression, d.initializer)
    );
    out.push(ts.setTextRange(f.createExpressionStatement(expr), d));
  }
  return out;
}
