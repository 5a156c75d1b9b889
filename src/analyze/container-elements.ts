/**
 * A function's own containers whose elements are known, so that what happens to an element
 * concerns nobody outside:
 * - a table of typed arrays, `Array.from(src, (n) => new Float64Array(n))`, that nothing replaces
 *   a row of: whatever is stored into a row becomes a number, so `rows[g][k] = values[i]` ties
 *   the table to nothing (and sorting a row does not change `values`' owner);
 * - a Map of fresh containers, `if (!m.has(k)) m.set(k, (list = [])); m.get(k).push(row)`: every
 *   value it ever holds was made where it was set, so pushing to or sorting one changes no object
 *   from outside, although what was pushed may be anyone's. A top-level Map is shared state and
 *   never counts.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { mutatingMethods, typedArrays, unshadowed } from './builtins.js';

/** The walker's judgement of an expression: does it make a container nobody else has? */
export type FreshTest = (p: NodePath) => boolean;

/** Built-ins that hand their callback the receiver's elements first. */
const ELEMENT_CALLBACKS = new Set(['forEach', 'map', 'some', 'every', 'filter', 'find', 'findIndex', 'flatMap']);
const MAP_READERS = new Set(['get', 'has', 'size', 'keys', 'values', 'entries', 'forEach', 'delete', 'clear']);

/**
 * Memoised per binding (the answer depends on the binding alone); asked again while answering
 * (`m.set(k, m.get(j))`), the answer is no.
 */
function memoised<A extends unknown[]>(fn: (b: Binding, ...rest: A) => boolean): (b: Binding, ...rest: A) => boolean {
  const memo = new WeakMap<Binding, boolean>();
  return (b, ...rest) => {
    let known = memo.get(b);
    if (known === undefined) {
      memo.set(b, false);
      memo.set(b, (known = fn(b, ...rest)));
    }
    return known;
  };
}

/** A constant `new Float64Array(…)` (any typed array): its elements are numbers whatever is stored. */
export function typedArray(b: Binding): boolean {
  if (!b.constant || !b.path.isVariableDeclarator()) return false;
  const init = b.path.node.init;
  return t.isNewExpression(init) && unshadowed(init.callee, b.path.scope, typedArrays);
}

/** A constant array of fresh typed arrays that no code replaces or hands on whole. */
export const typedRows = memoised((b) => {
  if (!b.constant || !b.path.isVariableDeclarator()) return false;
  const init = b.path.node.init;
  const scope = b.path.scope;
  if (!t.isCallExpression(init) || init.arguments.length !== 2) return false;
  const callee = init.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !unshadowed(callee.object, scope, ['Array']) || !t.isIdentifier(callee.property, { name: 'from' })) return false;
  const make = init.arguments[1];
  if (!t.isArrowFunctionExpression(make) || !t.isNewExpression(make.body) || !unshadowed(make.body.callee, scope, typedArrays)) return false;
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
});

/** Does a method of this name, called on an array, do what the built-in does (the script defines none)? */
export type BuiltinMethod = (name: string) => boolean;

/**
 * A function's own container of fresh containers: a Map (below), or an object whose every element
 * store is a fresh container or a primitive (`groups[k] ||= []`, `counts[k] = (counts[k] || 0) + 1`),
 * made `{}` in the function or as the start of a reduce it accumulates in.
 */
export const freshValued = memoised((b: Binding, fresh: FreshTest, builtin: BuiltinMethod) => freshMap(b, fresh) || freshObject(b, fresh, builtin));

/** A function's own constant `new Map()` whose every `set` stores a fresh container, used in no other way. */
function freshMap(b: Binding, fresh: FreshTest): boolean {
  const bp = b.path;
  if (b.scope.path.isProgram() || !b.constant || !bp.isVariableDeclarator()) return false;
  const init = bp.node.init;
  if (!t.isNewExpression(init) || !unshadowed(init.callee, bp.scope, ['Map']) || init.arguments.length > 0) return false;
  return b.referencePaths.every((r) => {
    const parent = r.parentPath!;
    if (parent.isForOfStatement()) return r.key === 'right';
    if (parent.isSpreadElement()) return !!parent.parentPath?.isArrayExpression(); // [...m]: its entries
    if (!parent.isMemberExpression() || parent.node.object !== r.node || parent.node.computed || !t.isIdentifier(parent.node.property)) return false;
    const name = parent.node.property.name;
    const call = parent.parentPath!;
    if (name === 'size') return !(call.isAssignmentExpression() && call.node.left === parent.node);
    if (!call.isCallExpression() || call.node.callee !== parent.node) return false;
    if (MAP_READERS.has(name)) return true;
    if (name !== 'set' || call.node.arguments.length !== 2) return false;
    let value = call.get('arguments')[1] as NodePath;
    // `m.set(k, (list = []))`: the value is what is assigned.
    if (value.isAssignmentExpression({ operator: '=' }) && t.isIdentifier(value.node.left)) value = value.get('right') as NodePath;
    return fresh(value);
  });
}

/** `{}` with nothing in it, or `Object.create(null)`. */
function emptyObject(node: t.Node | null | undefined, scope: NodePath['scope']): boolean {
  if (t.isObjectExpression(node)) return node.properties.length === 0;
  return t.isCallExpression(node) && t.isMemberExpression(node.callee) && unshadowed(node.callee.object, scope, ['Object']) &&
    t.isIdentifier(node.callee.property, { name: 'create' }) && node.arguments.length === 1 && t.isNullLiteral(node.arguments[0]);
}

/** A value that can only be a primitive, whatever its operands: arithmetic, a comparison, a literal. */
function primitiveValue(p: NodePath): boolean {
  return p.isBinaryExpression() || p.isUpdateExpression() || p.isTemplateLiteral() || p.isStringLiteral() || p.isNumericLiteral() ||
    p.isBooleanLiteral() || p.isNullLiteral() || (p.isUnaryExpression() && p.node.operator !== 'delete');
}

/** The function whose result `b` is built in: its declaring function, or a reduce callback for its accumulator. */
function freshObject(b: Binding, fresh: FreshTest, builtin: BuiltinMethod): boolean {
  const bp = b.path;
  if (b.scope.path.isProgram() || !b.constant) return false;
  let owner: NodePath | null;
  if (bp.isVariableDeclarator()) {
    if (!t.isIdentifier(bp.node.id) || !emptyObject(bp.node.init, bp.scope)) return false;
    owner = bp.getFunctionParent();
  } else {
    // `rows.reduce((acc, row) => { …; return acc; }, {})`: the start, then what the callback returns.
    const fn = b.scope.path;
    const call = fn.parentPath;
    if (b.kind !== 'param' || !(fn.isArrowFunctionExpression() || fn.isFunctionExpression()) || fn.node.params[0] !== b.identifier) return false;
    if (!call?.isCallExpression() || call.node.arguments.length !== 2 || call.node.arguments[0] !== fn.node) return false;
    const callee = call.node.callee;
    const name = t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property) ? callee.property.name : '';
    if ((name !== 'reduce' && name !== 'reduceRight') || !builtin(name) || !emptyObject(call.node.arguments[1], call.scope)) return false;
    if (!t.isBlockStatement(fn.node.body)) return false;
    owner = fn;
  }
  return b.referencePaths.every((r) => {
    const parent = r.parentPath!;
    // Handing it back from its own function (to reduce, or to the caller, once it is built).
    if (parent.isReturnStatement()) return r.getFunctionParent()?.node === owner?.node;
    if (parent.isForInStatement()) return r.key === 'right';
    if (parent.isBinaryExpression({ operator: 'in' })) return r.key === 'right';
    // Object.keys(groups), Object.values(groups), Object.entries(groups): read out.
    if (parent.isCallExpression() && r.key === 0 && r.listKey === 'arguments') {
      const callee = parent.node.callee;
      return t.isMemberExpression(callee) && unshadowed(callee.object, parent.scope, ['Object']) && t.isIdentifier(callee.property) && OBJECT_READERS.has(callee.property.name);
    }
    if (!parent.isMemberExpression() || parent.node.object !== r.node) return false;
    const use = parent.parentPath!;
    if (use.isAssignmentExpression() && use.node.left === parent.node) {
      // `+=` and the like always store a primitive; `=` and the logical ones store their value.
      const op = use.node.operator;
      if (op !== '=' && op !== '||=' && op !== '??=' && op !== '&&=') return true;
      let value = use.get('right') as NodePath;
      if (value.isAssignmentExpression({ operator: '=' }) && t.isIdentifier(value.node.left)) value = value.get('right') as NodePath;
      return primitiveValue(value) || fresh(value);
    }
    if (use.isUpdateExpression() || use.isUnaryExpression({ operator: 'delete' })) return true;
    if ((use.isForOfStatement() || use.isForInStatement()) && use.node.left === parent.node) return false;
    if (use.isArrayPattern() || use.isAssignmentPattern() || (use.isObjectProperty() && use.parentPath?.isObjectPattern())) return false;
    // A read of an element, or a method of it (acc[k].push(row)): the element is one it made.
    return !(use.isCallExpression() && use.node.callee === parent.node);
  });
}

const OBJECT_READERS = new Set(['keys', 'values', 'entries', 'hasOwn']);

/** The local binding an expression names, if it is an identifier. */
function bindingOf(node: t.Node | null | undefined, scope: NodePath['scope']): Binding | undefined {
  return t.isIdentifier(node) ? scope.getBinding(node.name) : undefined;
}

/** `rows[i]` or `m.get(k)`: an element of the container named before it, which is returned. */
function elementRead(node: t.Node | null | undefined, scope: NodePath['scope']): Binding | undefined {
  if (t.isMemberExpression(node) && node.computed) return bindingOf(node.object, scope);
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && !node.callee.computed && t.isIdentifier(node.callee.property, { name: 'get' })) {
    return bindingOf(node.callee.object, scope);
  }
  return undefined;
}

/**
 * The container a local is declared as an element of: `let row = rows[i]`, `m.get(k)`,
 * `for (const v of m.values())`, `for (const [k, v] of m)` (or `m.entries()`), or the first
 * parameter of `rows.forEach((row) => …)`. Whether it stays one is the caller's question.
 */
function containerOf(b: Binding): Binding | undefined {
  const bp = b.path;
  if (bp.isVariableDeclarator()) {
    const loop = bp.parentPath?.parentPath;
    if (loop?.isForInStatement()) return undefined;
    // `const [a] = m.get(k)` names an element's element: only a plain name is the element itself.
    if (!loop?.isForOfStatement() || loop.node.left !== bp.parent) return t.isIdentifier(bp.node.id) ? elementRead(bp.node.init, bp.scope) : undefined;
    const right = loop.node.right;
    const id = bp.node.id;
    const call = t.isCallExpression(right) && right.arguments.length === 0 && t.isMemberExpression(right.callee) && !right.callee.computed ? right.callee : undefined;
    const method = call && t.isIdentifier(call.property) ? call.property.name : undefined;
    if (t.isIdentifier(id)) return method === 'values' ? bindingOf(call!.object, bp.scope) : undefined;
    if (t.isArrayPattern(id) && id.elements[1] === b.identifier) return bindingOf(method === 'entries' ? call!.object : right, bp.scope);
    return undefined;
  }
  if (b.kind !== 'param') return undefined;
  const fn = b.scope.path;
  if (!fn.isFunction() || fn.node.params[0] !== b.identifier) return undefined;
  const call = fn.parentPath;
  if (!call?.isCallExpression() || call.node.arguments[0] !== fn.node) return undefined;
  const callee = call.node.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property) || !ELEMENT_CALLBACKS.has(callee.property.name)) return undefined;
  return bindingOf(callee.object, call.scope);
}

/** Is `left` (an assignment target) an element of a typed array, so that what it stores is a number? */
export function storesNumber(left: NodePath): boolean {
  if (!left.isMemberExpression() || !left.node.computed) return false;
  const target = left.node.object;
  if (t.isIdentifier(target)) {
    const b = left.scope.getBinding(target.name);
    if (!b) return false;
    if (typedArray(b)) return true;
    const table = b.constant ? containerOf(b) : undefined;
    return !!table && typedRows(table);
  }
  const table = elementRead(target, left.scope);
  return t.isMemberExpression(target) && !!table && typedRows(table);
}

/** `m.get(k)` of a Map of fresh containers, or `groups[k]` of such an object. */
export function freshGet(p: NodePath, fresh: FreshTest, builtin: BuiltinMethod): boolean {
  if (!p.isCallExpression() && !p.isMemberExpression()) return false;
  const map = elementRead(p.node, p.scope);
  return !!map && freshValued(map, fresh, builtin);
}

/**
 * A local that only ever holds values of a Map of fresh containers, or fresh containers:
 * `let list = m.get(k)` with `list = []` later, a loop's or a callback's element.
 */
export function freshElementLocal(b: Binding, fresh: FreshTest, builtin: BuiltinMethod): boolean {
  const map = containerOf(b);
  if (!map || !freshValued(map, fresh, builtin)) return false;
  return b.constantViolations.every((v) => v.isAssignmentExpression({ operator: '=' }) && (fresh(v.get('right') as NodePath) || freshGet(v.get('right') as NodePath, fresh, builtin)));
}
