/**
 * Stores that can only put numbers somewhere. Whatever is assigned to an element of a typed array
 * becomes a number (or a BigInt), so `rows[i][j] = values[k]` makes `rows` share nothing with
 * `values`, when `rows` is an array of typed arrays that nothing replaces: `Array.from(counts,
 * (c) => new Float64Array(c))`, read only by index or by built-ins that do not change it. Without
 * this, copying a parameter's element into such a table would count as storing the parameter
 * itself, and sorting one of the table's rows as changing the caller's data.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { mutatingMethods, typedArrays } from './builtins.js';

const globalName = (node: t.Node, scope: NodePath['scope'], names: readonly string[]): boolean =>
  t.isIdentifier(node) && names.includes(node.name) && !scope.getBinding(node.name);

/** A constant `new Float64Array(…)` (any typed array): its elements are numbers whatever is stored. */
function typedArray(b: Binding): boolean {
  if (!b.constant || !b.path.isVariableDeclarator()) return false;
  const init = b.path.node.init;
  return t.isNewExpression(init) && globalName(init.callee, b.path.scope, typedArrays);
}

/** A constant array of fresh typed arrays that no code replaces or hands on whole. */
const rowsMemo = new WeakMap<Binding, boolean>();
export function typedRows(b: Binding): boolean {
  let known = rowsMemo.get(b);
  if (known === undefined) rowsMemo.set(b, (known = typedRowsUncached(b)));
  return known;
}

function typedRowsUncached(b: Binding): boolean {
  if (!b.constant || !b.path.isVariableDeclarator()) return false;
  const init = b.path.node.init;
  const scope = b.path.scope;
  if (!t.isCallExpression(init) || init.arguments.length !== 2) return false;
  const callee = init.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !globalName(callee.object, scope, ['Array']) || !t.isIdentifier(callee.property, { name: 'from' })) return false;
  const make = init.arguments[1];
  if (!t.isArrowFunctionExpression(make) || !t.isNewExpression(make.body) || !globalName(make.body.callee, scope, typedArrays)) return false;
  return b.referencePaths.every((r) => {
    const m = r.parentPath;
    if (!m?.isMemberExpression() || m.node.object !== r.node) return false;
    const use = m.parentPath!;
    if (m.node.computed) {
      // Read a row, never put another object in its place.
      if ((use.isAssignmentExpression() && use.node.left === m.node) || use.isUpdateExpression()) return false;
      if (use.isUnaryExpression({ operator: 'delete' })) return false;
      return !((use.isForOfStatement() || use.isForInStatement()) && use.node.left === m.node);
    }
    const name = t.isIdentifier(m.node.property) ? m.node.property.name : '';
    if (name === 'length') return !(use.isAssignmentExpression() && use.node.left === m.node);
    // A built-in that reads the rows (forEach, map, every…), never one that adds or replaces some.
    return use.isCallExpression() && use.node.callee === m.node && name !== '' && !mutatingMethods.has(name);
  });
}

/** A row of such a table: `const row = rows[i]`, or a callback's element (`rows.forEach((row) => …)`). */
function rowOf(b: Binding): boolean {
  const bp = b.path;
  if (b.constant && bp.isVariableDeclarator()) {
    const init = bp.node.init;
    if (t.isMemberExpression(init) && init.computed && t.isIdentifier(init.object)) {
      const table = bp.scope.getBinding(init.object.name);
      return !!table && typedRows(table);
    }
    return false;
  }
  if (b.kind !== 'param' || !b.constant) return false;
  const fn = b.scope.path;
  if (!fn.isFunction() || fn.node.params[0] !== b.identifier) return false;
  const call = fn.parentPath;
  if (!call?.isCallExpression() || !call.node.arguments.includes(fn.node as t.Expression)) return false;
  const callee = call.node.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.object) || !t.isIdentifier(callee.property)) return false;
  if (!['forEach', 'map', 'some', 'every', 'filter', 'find', 'findIndex', 'flatMap'].includes(callee.property.name)) return false;
  const table = call.scope.getBinding(callee.object.name);
  return !!table && typedRows(table);
}

/** Is `left` (an assignment target) an element of a typed array, so that what it stores is a number? */
export function storesNumber(left: NodePath): boolean {
  if (!left.isMemberExpression() || !left.node.computed) return false;
  const target = left.node.object;
  if (t.isIdentifier(target)) {
    const b = left.scope.getBinding(target.name);
    return !!b && (typedArray(b) || rowOf(b));
  }
  if (t.isMemberExpression(target) && target.computed && t.isIdentifier(target.object)) {
    const b = left.scope.getBinding(target.object.name);
    return !!b && typedRows(b);
  }
  return false;
}
