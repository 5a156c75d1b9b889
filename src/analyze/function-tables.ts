/**
 * Tables of functions. `const sorters = [byPrice, rankBy('age', 1), (a, b) => a.id - b.id]` and
 * then `rows.sort(sorters[r % 3])` or `sorters[k](a, b)` calls one of the functions written in
 * the array, whichever the index picks. When the array is a constant that nothing changes (every
 * use of it reads an element at a numeric index, or its length), that holds wherever it is read,
 * and such a call is a call of each element instead of a call of anything at all.
 *
 * A numeric index matters: `sorters['fill'](x)` would call one of Array.prototype's methods on
 * the table itself. A key that is a number, or a string starting with a digit, never names one.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { numericKey } from './owned-fields.js';

const tables = new WeakMap<Binding, boolean>();

/** The elements of the table `T[i]` reads from, when it is one (see above); the walker checks what each element is. */
export function tableElements(member: NodePath): NodePath<t.Expression>[] | undefined {
  if (!member.isMemberExpression() || !member.node.computed || !t.isIdentifier(member.node.object)) return undefined;
  if (!numericKey(member.node.property, member.scope, 0)) return undefined;
  const binding = member.scope.getBinding(member.node.object.name);
  if (!binding) return undefined;
  let ok = tables.get(binding);
  if (ok === undefined) tables.set(binding, (ok = isTable(binding)));
  if (!ok) return undefined;
  return (binding.path.get('init') as NodePath<t.ArrayExpression>).get('elements') as NodePath<t.Expression>[];
}

function isTable(binding: Binding): boolean {
  const decl = binding.path;
  if (binding.kind !== 'const' || !decl.isVariableDeclarator() || !t.isArrayExpression(decl.node.init)) return false;
  const elements = decl.node.init.elements;
  if (elements.length === 0 || !elements.every((e) => t.isFunctionExpression(e) || t.isArrowFunctionExpression(e) || t.isIdentifier(e) || t.isCallExpression(e))) return false;
  return binding.referencePaths.every((ref) => {
    const member = ref.parentPath;
    if (!member?.isMemberExpression() || member.node.object !== ref.node) return false;
    const key = member.node.property;
    if (member.node.computed ? !numericKey(key, member.scope, 0) : !t.isIdentifier(key, { name: 'length' })) return false;
    // Read, never written through: not a target of `=`, `++`, `delete`, or a pattern.
    const outer = member.parentPath!;
    if ((outer.isAssignmentExpression() && outer.node.left === member.node) || outer.isUpdateExpression()) return false;
    if (outer.isUnaryExpression({ operator: 'delete' })) return false;
    if ((outer.isForXStatement() && outer.node.left === member.node) || outer.isAssignmentPattern() || outer.isArrayPattern() || outer.isObjectProperty({ value: member.node })) return false;
    return true;
  });
}

/** Whether a function may read `this`: a call through a table (`T[i](x)`) passes the table as `this`. An arrow's `this` is never the table. */
export function mayUseThis(fn: t.Node): boolean {
  if (t.isArrowFunctionExpression(fn)) return false;
  let found = false;
  t.traverseFast(fn, (n) => {
    if (t.isThisExpression(n) || t.isSuper(n)) found = true;
  });
  return found;
}
