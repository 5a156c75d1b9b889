/**
 * Functions handed around: factories (a top-level function whose every result is a function
 * literal, `const groupBy = (key) => (rows) => …`), whose closures are units of their own, and
 * arrays of functions a unit was given (a rest parameter) that it only iterates.
 */
import type { Binding, NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { ownReturns, propName } from './walk.js';

/**
 * The function literals a factory returns (`(key) => (rows) => …`, or `return function…` at every
 * return of its body), or null when it may return anything else.
 */
export function returnedClosures(fn: NodePath<t.Function>): NodePath<t.Function>[] | null {
  // Asked for every call and argument the walker meets: the answer is the function's own.
  let known = closuresMemo.get(fn.node);
  if (known === undefined) closuresMemo.set(fn.node, (known = findReturnedClosures(fn)));
  return known;
}
const closuresMemo = new WeakMap<t.Node, NodePath<t.Function>[] | null>();

function findReturnedClosures(fn: NodePath<t.Function>): NodePath<t.Function>[] | null {
  if (fn.node.async || fn.node.generator) return null;
  const body = fn.get('body') as NodePath;
  if (!body.isBlockStatement()) return body.isFunctionExpression() || body.isArrowFunctionExpression() ? [body] : null;
  const out: NodePath<t.Function>[] = [];
  for (const r of ownReturns(fn)) {
    const a = r.get('argument');
    if (!a.isFunctionExpression() && !a.isArrowFunctionExpression()) return null;
    out.push(a);
  }
  return out.length ? out : null;
}

/**
 * The array a callback parameter or loop variable holds an element of: `fns` in
 * `fns.forEach((fn) => …)`, `fns.reduce((acc, fn) => …, x)` or `for (const fn of fns)`.
 */
export function iteratedArray(binding: Binding): NodePath<t.Identifier> | undefined {
  if (!binding.constant) return undefined;
  const bp = binding.path;
  let array: NodePath | undefined;
  if (binding.kind === 'param') {
    const fn = binding.scope.path;
    const call = fn.parentPath;
    if (!(fn.isArrowFunctionExpression() || fn.isFunctionExpression()) || !call?.isCallExpression() || call.node.arguments[0] !== fn.node) return undefined;
    const callee = call.get('callee');
    const name = callee.isMemberExpression() ? propName(callee.node) : undefined;
    const position = name === 'reduce' || name === 'reduceRight' ? 1 : name && ELEMENT_CALLBACKS.has(name) ? 0 : -1;
    if (position < 0 || fn.node.params[position] !== binding.identifier) return undefined;
    array = (callee as NodePath<t.MemberExpression>).get('object');
  } else if (bp.isVariableDeclarator() && bp.node.id === binding.identifier) {
    const loop = bp.parentPath?.parentPath;
    if (loop?.isForOfStatement() && loop.node.left === bp.parent && !loop.node.await) array = loop.get('right');
  }
  return array?.isIdentifier() ? array : undefined;
}

/** Array methods whose callback gets each element first, and that change nothing. */
export const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap']);

/**
 * An array binding nothing reassigns, stores into or hands on: it is only iterated (with the methods
 * above, reduce, or for…of), spread, measured or indexed.
 */
export function arrayUnchanged(binding: Binding): boolean {
  if (!binding.constant) return false;
  return binding.referencePaths.every((ref) => {
    const parent = ref.parentPath!;
    if (parent.isForOfStatement() && parent.node.right === ref.node) return true;
    if (parent.isSpreadElement()) return true;
    if (!parent.isMemberExpression() || parent.node.object !== ref.node) return false;
    const outer = parent.parentPath!;
    if (outer.isCallExpression() && outer.node.callee === parent.node) {
      const name = propName(parent.node);
      return name === 'reduce' || name === 'reduceRight' || (!!name && ELEMENT_CALLBACKS.has(name));
    }
    if ((outer.isAssignmentExpression() && outer.node.left === parent.node) || outer.isUpdateExpression()) return false;
    if (outer.isUnaryExpression() && outer.node.operator === 'delete') return false;
    return !outer.isAssignmentPattern() && !outer.isArrayPattern() && !outer.isObjectProperty({ value: parent.node });
  });
}
