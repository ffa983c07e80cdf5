/**
 * First pass over a cell's TypeScript syntax tree (a `before` transformer): imports become declarations that
 * load the module through the runtime (`__tl.load`, which falls back to `import()` for ES modules), so the
 * names persist like any other declaration; type-only imports vanish; `export` forms are unwrapped; `import(x)`
 * calls go through `__tl.dynamicImport` (vm scripts have no module loader of their own); and the cell's last
 * expression statement becomes `return <expr>` so its value is the cell's result.
 */
import * as ts from 'typescript';

/** Name of the runtime helper object the generated code calls (installed on globalThis by the child). */
export const RUNTIME = '__tl';

/** The `before` transformer. */
export function cellSyntaxTransformer(ctx: ts.TransformationContext): ts.Transformer<ts.SourceFile> {
  const f = ctx.factory;
  return sf => {
    const out: ts.Statement[] = [];
    const n = sf.statements.length;
    sf.statements.forEach((s, i) => {
      const rewritten = rewriteStatement(f, ts.visitEachChild(s, dynamicImports, ctx));
      const last = rewritten[rewritten.length - 1];
      const isExpression = ts.isExpressionStatement(s) || ts.isExportAssignment(s);
      if (i === n - 1 && isExpression && rewritten.length === 1 && ts.isExpressionStatement(last)) {
        rewritten[0] = ts.setTextRange(f.createReturnStatement(last.expression), last);
      }
      out.push(...rewritten);
    });
    return f.updateSourceFile(sf, out);
  };

  function dynamicImports(node: ts.Node): ts.Node {
    const visited = ts.visitEachChild(node, dynamicImports, ctx);
    if (ts.isCallExpression(visited) && visited.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const callee = f.createPropertyAccessExpression(f.createIdentifier(RUNTIME), 'dynamicImport');
      return ts.setTextRange(f.createCallExpression(callee, undefined, visited.arguments), node);
    }
    return visited;
  }
}

function rewriteStatement(f: ts.NodeFactory, s: ts.Statement): ts.Statement[] {
  if (ts.isImportDeclaration(s)) return importToDeclarations(f, s);
  if (ts.isImportEqualsDeclaration(s) && !s.isTypeOnly && ts.isExternalModuleReference(s.moduleReference)) {
    const load = loadCall(f, s.moduleReference.expression as ts.StringLiteral);
    return [constStatement(f, s, [f.createVariableDeclaration(s.name.text, undefined, undefined, load)])];
  }
  if (ts.isExportAssignment(s)) return [ts.setTextRange(f.createExpressionStatement(s.expression), s)];
  if (ts.isExportDeclaration(s)) return [];
  return [s];
}

/** `await __tl.load("m")`. */
function loadCall(f: ts.NodeFactory, spec: ts.StringLiteral): ts.Expression {
  const call = f.createCallExpression(
    f.createPropertyAccessExpression(f.createIdentifier(RUNTIME), 'load'),
    undefined,
    [f.createStringLiteral(spec.text)]
  );
  return f.createAwaitExpression(call);
}

function constStatement(f: ts.NodeFactory, at: ts.Node, decls: ts.VariableDeclaration[]): ts.Statement {
  const st = f.createVariableStatement(undefined, f.createVariableDeclarationList(decls, ts.NodeFlags.Const));
  return ts.setTextRange(st, at);
}

function importToDeclarations(f: ts.NodeFactory, s: ts.ImportDeclaration): ts.Statement[] {
  const clause = s.importClause;
  const load = (): ts.Expression => loadCall(f, s.moduleSpecifier as ts.StringLiteral);
  if (!clause) return [ts.setTextRange(f.createExpressionStatement(load()), s)];
  if (clause.isTypeOnly) return [];
  const decls: ts.VariableDeclaration[] = [];
  if (clause.name) {
    const def = f.createCallExpression(
      f.createPropertyAccessExpression(f.createIdentifier(RUNTIME), 'defaultOf'),
      undefined,
      [load()]
    );
    decls.push(f.createVariableDeclaration(clause.name.text, undefined, undefined, def));
  }
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) {
    decls.push(f.createVariableDeclaration(nb.name.text, undefined, undefined, load()));
  } else if (nb) {
    const elements = nb.elements
      .filter(e => !e.isTypeOnly)
      .map(e => f.createBindingElement(undefined, propertyKey(f, e.propertyName), e.name.text));
    if (elements.length > 0) {
      decls.push(
        f.createVariableDeclaration(f.createObjectBindingPattern(elements), undefined, undefined, load())
      );
    }
  }
  return decls.length > 0 ? [constStatement(f, s, decls)] : [];
}

/** `import {a as b}`: the imported name as a destructuring key (string names stay string literals). */
function propertyKey(f: ts.NodeFactory, name: ts.ModuleExportName | undefined): ts.PropertyName | undefined {
  if (!name) return undefined;
  return ts.isIdentifier(name) ? f.createIdentifier(name.text) : f.createStringLiteral(name.text);
}
