/**
 * Maps of fresh containers: `if (!groups.has(k)) groups.set(k, []); groups.get(k).push(row)`.
 * Every value such a Map ever holds was made where it was set, so changing one of them (pushing
 * to it, sorting it) changes no object from outside, although what was pushed may be anyone's.
 * Without this, grouping a parameter's elements and sorting each group would count as changing
 * the parameter.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';

/** The walker's judgement of an expression: does it make a container nobody else has? */
export type FreshTest = (p: NodePath) => boolean;

const READERS = new Set(['get', 'has', 'size', 'keys', 'values', 'entries', 'forEach', 'delete', 'clear']);

/** A constant local `new Map()` whose every `set` stores a fresh container, used in no other way. */
const valuedMemo = new WeakMap<Binding, boolean>();
export function freshValued(b: Binding, fresh: FreshTest): boolean {
  let known = valuedMemo.get(b);
  if (known === undefined) {
    valuedMemo.set(b, false); // `m.set(k, m.get(j))` asks again while answering: not proven
    valuedMemo.set(b, (known = freshValuedUncached(b, fresh)));
  }
  return known;
}

function freshValuedUncached(b: Binding, fresh: FreshTest): boolean {
  const bp = b.path;
  // A function's own Map: a top-level one is shared state, whose changes statements must see.
  if (b.scope.path.isProgram()) return false;
  if (!b.constant || !bp.isVariableDeclarator()) return false;
  const init = bp.node.init;
  if (!t.isNewExpression(init) || !t.isIdentifier(init.callee, { name: 'Map' }) || init.arguments.length > 0 || bp.scope.getBinding('Map')) return false;
  return b.referencePaths.every((r) => {
    const parent = r.parentPath!;
    if (parent.isForOfStatement()) return r.key === 'right';
    if (parent.isSpreadElement()) return !!parent.parentPath?.isArrayExpression(); // [...m]: its entries
    if (!parent.isMemberExpression() || parent.node.object !== r.node || parent.node.computed || !t.isIdentifier(parent.node.property)) return false;
    const name = parent.node.property.name;
    const call = parent.parentPath!;
    if (name === 'size') return !(call.isAssignmentExpression() && call.node.left === parent.node);
    if (!call.isCallExpression() || call.node.callee !== parent.node) return false;
    if (READERS.has(name)) return true;
    if (name !== 'set' || call.node.arguments.length !== 2) return false;
    let value = call.get('arguments')[1] as NodePath;
    // `m.set(k, (list = []))`: the value is what is assigned.
    if (value.isAssignmentExpression({ operator: '=' }) && t.isIdentifier(value.node.left)) value = value.get('right') as NodePath;
    return fresh(value);
  });
}

/** `m.get(k)` of such a Map. */
export function freshGet(p: NodePath, fresh: FreshTest): boolean {
  if (!p.isCallExpression()) return false;
  const callee = p.node.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property, { name: 'get' }) || !t.isIdentifier(callee.object)) return false;
  const b = p.scope.getBinding(callee.object.name);
  return !!b && freshValued(b, fresh);
}

/**
 * A local that only ever holds values of such a Map or fresh containers: `let list = m.get(k)`
 * (with `list = []` later), `for (const list of m.values())`, `for (const [k, list] of m)`,
 * the first parameter of `m.forEach(…)`.
 */
export function freshElementLocal(b: Binding, fresh: FreshTest): boolean {
  const bp = b.path;
  const mapOf = (node: t.Node | null | undefined): boolean => {
    if (!t.isIdentifier(node)) return false;
    const m = bp.scope.getBinding(node.name);
    return !!m && freshValued(m, fresh);
  };
  const violationsFresh = () => b.constantViolations.every((v) => v.isAssignmentExpression({ operator: '=' }) && (fresh(v.get('right') as NodePath) || freshGet(v.get('right') as NodePath, fresh)));
  if (bp.isVariableDeclarator()) {
    const loop = bp.parentPath?.parentPath;
    if (loop?.isForOfStatement() && loop.node.left === bp.parent) {
      if (!b.constant) return false;
      const right = loop.node.right;
      const id = bp.node.id;
      // for (const list of m.values())
      if (t.isIdentifier(id) && t.isCallExpression(right) && t.isMemberExpression(right.callee) && t.isIdentifier(right.callee.property, { name: 'values' }) && right.arguments.length === 0) return mapOf(right.callee.object);
      // for (const [key, list] of m) / of m.entries()
      const source = t.isCallExpression(right) && t.isMemberExpression(right.callee) && t.isIdentifier(right.callee.property, { name: 'entries' }) && right.arguments.length === 0 ? right.callee.object : right;
      return t.isArrayPattern(id) && id.elements[1] === b.identifier && mapOf(source);
    }
    if (loop?.isForInStatement()) return false;
    const init = bp.get('init') as NodePath;
    return !!init.node && !init.isIdentifier() && (freshGet(init, fresh) || fresh(init)) && violationsFresh();
  }
  if (b.kind !== 'param' || !b.constant) return false;
  const fn = b.scope.path;
  if (!fn.isFunction() || fn.node.params[0] !== b.identifier) return false;
  const call = fn.parentPath;
  if (!call?.isCallExpression() || call.node.arguments[0] !== fn.node) return false;
  const callee = call.node.callee;
  return t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property, { name: 'forEach' }) && mapOf(callee.object);
}
