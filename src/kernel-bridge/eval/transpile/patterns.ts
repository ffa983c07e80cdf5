/**
 * Destructuring helpers for hoisting top-level declarations: the names a binding pattern declares, and the
 * same pattern as an assignment target (`const {a, b: [c]} = o` -> `({a, b: [c]} = o)`).
 */
import * as ts from 'typescript';

/** Names bound by a declaration name (identifier or nested object/array pattern). */
export function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  const out: string[] = [];
  for (const el of name.elements) {
    if (ts.isBindingElement(el)) out.push(...boundNames(el.name));
  }
  return out;
}

/** The assignment-target form of a binding name. */
export function toAssignmentTarget(f: ts.NodeFactory, name: ts.BindingName): ts.Expression {
  if (ts.isIdentifier(name)) return f.createIdentifier(name.text);
  if (ts.isObjectBindingPattern(name)) {
    return f.createObjectLiteralExpression(name.elements.map(el => objectElement(f, el)));
  }
  return f.createArrayLiteralExpression(
    name.elements.map(el => (ts.isOmittedExpression(el) ? f.createOmittedExpression() : arrayElement(f, el)))
  );
}

function withDefault(
  f: ts.NodeFactory,
  target: ts.Expression,
  init: ts.Expression | undefined
): ts.Expression {
  return init ? f.createAssignment(target, init) : target;
}

function objectElement(f: ts.NodeFactory, el: ts.BindingElement): ts.ObjectLiteralElementLike {
  const target = toAssignmentTarget(f, el.name);
  if (el.dotDotDotToken) return f.createSpreadAssignment(target);
  if (!el.propertyName && ts.isIdentifier(el.name)) {
    return f.createShorthandPropertyAssignment(el.name.text, el.initializer);
  }
  const key = el.propertyName ?? (el.name as ts.Identifier);
  return f.createPropertyAssignment(key as ts.PropertyName, withDefault(f, target, el.initializer));
}

function arrayElement(f: ts.NodeFactory, el: ts.BindingElement): ts.Expression {
  const target = toAssignmentTarget(f, el.name);
  return el.dotDotDotToken ? f.createSpreadElement(target) : withDefault(f, target, el.initializer);
}
