/**
 * The index a built-in array method passes its callback (`rows.forEach((row, i) => …)`, the
 * third parameter of `reduce`) is a number. That makes `out[i] = v` an element store and
 * `rank[r.id] = i` a store of a primitive, which the field rules of owned-fields.ts need: any
 * store they cannot place turns them off for the whole script.
 *
 * It holds only when the call reaches Array.prototype or a typed array's method. So the receiver
 * must be an array the script made (a literal, `new Array`/typed array, `Array.from`, `slice`,
 * `split`, `Object.keys`, … a local or parameter only ever given those, a script function that
 * returns only those): a Map's or Set's forEach passes a key, a stream's map an options object.
 * And the method name must be the built-in's: no class, object literal or store in the script
 * defines it. That last check needs every store in the script, which owned-fields.ts collects
 * while it asks this module; it registers a check that records the names it was asked about and
 * verifies them once collection ends (turning every field rule off if one was defined after all).
 */
import type { Binding, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import { typedArrays } from './builtins.js';
import type { ScriptContext } from './context.js';
import { parameterValues } from './function-fields.js';
import { ownReturns } from './walk.js';

interface Registered {
  ctx: ScriptContext;
  /** Whether a method name is only ever the built-in's in this script. */
  builtin: (method: string) => boolean;
}

const registry = new WeakMap<t.Program, Registered>();

/** Lets index parameters be recognised in this script, with a check of method names (see above). */
export function registerBuiltinCheck(ctx: ScriptContext, builtin: (method: string) => boolean): void {
  registry.set(ctx.program.node, { ctx, builtin });
}

/** Callback parameter position that receives an index, per built-in array method. */
const INDEX_POSITION = new Map<string, number>([
  ...['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap'].map((m): [string, number] => [m, 1]),
  ['reduce', 2],
  ['reduceRight', 2],
]);

/** Methods that give a new array (or their array receiver) whatever built-in they are called on, or throw. */
const ARRAY_RESULTS = new Set(['slice', 'concat', 'sort', 'reverse', 'toSorted', 'toReversed', 'toSpliced', 'splice', 'fill', 'with', 'flat', 'split']);

/** Array methods a stream also has, where they give a stream: an array only on an array. */
const ARRAY_MAPS = new Set(['map', 'filter', 'flatMap']);

/** A parameter that holds the index a built-in array method passes its callback. */
export function isCallbackIndex(b: Binding): boolean {
  const param = b.path;
  const fn = param.parentPath;
  if (!param.isIdentifier() || !fn || !(fn.isArrowFunctionExpression() || fn.isFunctionExpression())) return false;
  const position = (fn.node.params as t.Node[]).indexOf(param.node);
  const call = fn.parentPath;
  if (!call || !(call.isCallExpression() || call.isOptionalCallExpression()) || call.node.arguments[0] !== fn.node) return false;
  const callee = call.node.callee;
  if (!(t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) || callee.computed || !t.isIdentifier(callee.property)) return false;
  const method = callee.property.name;
  if (INDEX_POSITION.get(method) !== position) return false;
  const reg = registry.get(fn.scope.getProgramParent().path.node as t.Program);
  if (!reg || !reg.builtin(method)) return false;
  return arrayValue(reg, callee.object, call.scope, 0, new Set());
}

function arrayValue(reg: Registered, node: t.Node, scope: Scope, depth: number, seen: Set<Binding>): boolean {
  if (depth > 8) return false;
  const next = (n: t.Node, s: Scope = scope) => arrayValue(reg, n, s, depth + 1, seen);
  const global = (name: string) => !scope.getBinding(name);
  if (t.isParenthesizedExpression(node)) return next(node.expression);
  if (t.isArrayExpression(node)) return true;
  if (t.isConditionalExpression(node)) return next(node.consequent) && next(node.alternate);
  if (t.isNewExpression(node) || t.isCallExpression(node)) {
    const callee = node.callee;
    // new Array(n), Array(n), new Float64Array(n)
    if (t.isIdentifier(callee) && global(callee.name) && (callee.name === 'Array' || typedArrays.includes(callee.name))) return true;
    if (t.isNewExpression(node)) return false;
    if (t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property)) {
      const method = callee.property.name;
      const object = callee.object;
      if (t.isIdentifier(object) && global(object.name)) {
        if ((object.name === 'Array' || typedArrays.includes(object.name)) && (method === 'from' || method === 'of')) return true;
        if (object.name === 'Object' && (method === 'keys' || method === 'values' || method === 'entries')) return true;
      }
      if (!reg.builtin(method)) return false;
      if (ARRAY_RESULTS.has(method)) return true;
      if (ARRAY_MAPS.has(method)) return next(object);
      return false;
    }
    // A script function that returns only arrays.
    if (t.isIdentifier(callee)) {
      const fn = reg.ctx.functions.get(callee.name);
      const b = scope.getBinding(callee.name);
      if (!fn || !b || b.scope !== reg.ctx.programScope || !b.constant || fn.node.async || fn.node.generator) return false;
      if (t.isExpression(fn.node.body)) return next(fn.node.body, fn.scope);
      const returns = ownReturns(fn);
      return returns.length > 0 && returns.every((r) => !!r.node.argument && next(r.node.argument, r.scope));
    }
    return false;
  }
  if (t.isIdentifier(node)) {
    const b = scope.getBinding(node.name);
    if (!b || b.kind === 'module') return false;
    if (seen.has(b)) return true; // assigned from each other: checked as one
    seen.add(b);
    if (b.kind === 'param') {
      const values = parameterValues(reg.ctx, b);
      return !!values && values.length > 0 && values.every((v) => next(v.node, v.scope));
    }
    const bp = b.path;
    if (!bp.isVariableDeclarator() || !t.isIdentifier(bp.node.id) || !bp.node.init) return false;
    const loop = bp.parentPath?.parentPath;
    if (loop && (loop.isForOfStatement() || loop.isForInStatement())) return false;
    if (!next(bp.node.init, bp.scope)) return false;
    return b.constantViolations.every((v) => v.isAssignmentExpression() && v.node.operator === '=' && next(v.node.right, v.scope));
  }
  return false;
}

/** Array methods whose callback's first parameter is an element (the index comes second). */
const ELEMENT_FIRST = new Set([...INDEX_POSITION].filter(([, at]) => at === 1).map(([m]) => m));

/** Array members that read an array and never change it. */
const READING_MEMBERS = new Set([
  'length', 'forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap',
  'indexOf', 'lastIndexOf', 'includes', 'slice', 'join', 'concat', 'reduce', 'reduceRight', 'at', 'entries', 'keys', 'values',
]);

/**
 * The names a computed key can be (`out[name] = …`): an element of a constant array of string
 * literals that nothing changes (`const REGIONS = ['north', 'south']`), taken by `for…of` or by
 * an array method's callback. Undefined when it may be anything else.
 */
export function literalKeys(node: t.Node, scope: Scope): string[] | undefined {
  if (!t.isIdentifier(node)) return undefined;
  const b = scope.getBinding(node.name);
  if (!b || !b.constant) return undefined;
  const bp = b.path;
  let source: t.Node | undefined;
  let sourceScope: Scope = scope;
  if (b.kind === 'param') {
    const fn = bp.parentPath;
    if (!bp.isIdentifier() || !fn || !(fn.isArrowFunctionExpression() || fn.isFunctionExpression()) || fn.node.params[0] !== bp.node) return undefined;
    const call = fn.parentPath;
    if (!call?.isCallExpression() || call.node.arguments[0] !== fn.node) return undefined;
    const callee = call.node.callee;
    if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property) || !ELEMENT_FIRST.has(callee.property.name)) return undefined;
    source = callee.object;
    sourceScope = call.scope;
  } else if (bp.isVariableDeclarator() && t.isIdentifier(bp.node.id) && !bp.node.init) {
    const loop = bp.parentPath?.parentPath;
    if (!loop?.isForOfStatement() || loop.node.await) return undefined;
    source = loop.node.right;
    sourceScope = loop.scope;
  }
  return source ? stringArrayElements(source, sourceScope) : undefined;
}

/** The elements of a constant array literal of strings that every use only reads. */
function stringArrayElements(node: t.Node, scope: Scope): string[] | undefined {
  if (!t.isIdentifier(node)) return undefined;
  const b = scope.getBinding(node.name);
  const init = b?.path.isVariableDeclarator() ? b.path.node.init : undefined;
  if (!b || b.kind !== 'const' || !t.isArrayExpression(init) || !init.elements.every((e) => t.isStringLiteral(e))) return undefined;
  const readOnly = b.referencePaths.every((ref) => {
    const parent = ref.parentPath;
    if (!parent) return false;
    if (parent.isForOfStatement() && parent.node.right === ref.node) return true;
    if (parent.isSpreadElement()) return true;
    if (!parent.isMemberExpression() || parent.node.object !== ref.node) return false;
    // The element or member read must not be written, deleted or called with this array as receiver unexpectedly.
    const use = parent.parentPath;
    if (!use || (use.isAssignmentExpression() && use.node.left === parent.node) || use.isUpdateExpression() || (use.isUnaryExpression() && use.node.operator === 'delete')) return false;
    if (use.isForXStatement() && use.node.left === parent.node) return false;
    if (parent.node.computed) return true;
    if (!t.isIdentifier(parent.node.property) || !READING_MEMBERS.has(parent.node.property.name)) return false;
    // A callback is handed the array itself (`(n, i, arr) => arr.push(…)`): only inline ones
    // that take no such parameter, and no `arguments`, are sure to leave it alone.
    const method = parent.node.property.name;
    if (!use.isCallExpression() || use.node.callee !== parent.node || !(INDEX_POSITION.has(method) || method === 'reduce' || method === 'reduceRight')) return true;
    const arrayAt = (INDEX_POSITION.get(method) ?? 0) + 1;
    return use.node.arguments.every((a, i) => {
      if (i > 0 && !t.isFunction(a)) return true; // thisArg or initial value
      if (!t.isArrowFunctionExpression(a) && !t.isFunctionExpression(a)) return false;
      if (a.params.length > arrayAt || a.params.some((q) => t.isRestElement(q))) return false;
      return t.isArrowFunctionExpression(a) || !usesArguments(a);
    });
  });
  return readOnly ? (init.elements as t.StringLiteral[]).map((e) => e.value) : undefined;
}

function usesArguments(fn: t.Function): boolean {
  let found = false;
  t.traverseFast(fn.body, (n) => {
    if (t.isIdentifier(n, { name: 'arguments' })) found = true;
  });
  return found;
}
