/**
 * Fields that hold only primitives. When every store of `qty` anywhere in the script is a number
 * (`{ qty: 1 + Math.floor(r * 12) }`, `this.x = x` where every `new Vector(…)` passes arithmetic),
 * then `row.qty` is a primitive wherever it is read: storing it shares no object, and a result
 * built from such reads (`{ lastTime: ev.time }`) is plain data that can cross threads.
 *
 * Objects the script did not make may carry any name: JSON.parse turns the rule off, as does
 * anything that may write a property unseen (see owned-fields.ts), reading properties of the
 * global object, and names that built-in objects use for objects (`value`, `groups`, `buffer`…).
 * Stores are checked together, assuming the names being checked are primitive (the largest set
 * of names that is consistent): `time: ev.time + 5` keeps `time` primitive.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScriptContext } from './context.js';
import { BUILTIN_NAMES, parameterValues } from './function-fields.js';
import { fieldWrites, keepableField, primitiveValue } from './owned-fields.js';
import { propName } from './walk.js';

/** Properties built-in objects and Node's APIs hold objects in (a RegExp match's groups, a Buffer's buffer…). */
const BUILTIN_OBJECT_PROPS = new Set([
  'value', 'done', 'reason', 'groups', 'indices', 'cause', 'errors', 'error', 'env', 'stdout', 'stderr', 'stdin', 'output',
  'versions', 'release', 'config', 'features', 'argv', 'execArgv', 'atime', 'mtime', 'ctime', 'birthtime', 'times',
  'searchParams', 'exports', 'cache', 'buffer', 'data', 'detail', 'target', 'currentTarget', 'srcElement', 'port1',
  'port2', 'proxy', 'signal', 'promise', 'resolve', 'reject', 'header', 'mainModule', 'main', 'parent', 'children',
  'paths', 'module', 'prototype', 'constructor', '__proto__', 'global', 'globalThis', 'process', 'extensions', 'meta',
]);

/** String and number methods that give a primitive (on anything the script did not give a method of that name). */
const PRIMITIVE_METHODS = new Set([
  'toFixed', 'toPrecision', 'toString', 'toExponential', 'join', 'charAt', 'charCodeAt', 'codePointAt', 'indexOf',
  'lastIndexOf', 'includes', 'startsWith', 'endsWith', 'trim', 'trimStart', 'trimEnd', 'toUpperCase', 'toLowerCase',
  'padStart', 'padEnd', 'repeat', 'localeCompare', 'normalize',
]);

const cache = new WeakMap<ScriptContext, Set<string>>();

/** Property names every store of which is a primitive (empty when objects the script did not make may be read). */
export function primitiveFields(ctx: ScriptContext): Set<string> {
  let out = cache.get(ctx);
  if (!out) cache.set(ctx, (out = compute(ctx)));
  return out;
}

function compute(ctx: ScriptContext): Set<string> {
  const { anything, byName, unnamedObjects } = fieldWrites(ctx);
  if (anything || unnamedObjects || readsForeignShapes(ctx)) return new Set();
  const names = new Set<string>();
  for (const name of byName.keys()) if (keepableField(ctx, name) && !BUILTIN_NAMES.has(name) && !BUILTIN_OBJECT_PROPS.has(name)) names.add(name);
  // Largest consistent set: drop a name while one of its stores may not be a primitive.
  for (let changed = true; changed; ) {
    changed = false;
    for (const name of [...names]) {
      const ok = byName.get(name)!.every((w) => w === 'primitive' || (w !== 'unknown' && primitiveExpr(ctx, w, names, 0, new Set())));
      if (!ok) {
        names.delete(name);
        changed = true;
      }
    }
  }
  return names;
}

const builtinNumberCache = new WeakMap<ScriptContext, Map<string, boolean>>();

/**
 * `x.length` and `x.size` are numbers on every built-in that has them, so a read of one is a
 * primitive unless the script itself stores something else under that name (a class's
 * `this.size = size` given an object): every store it writes must be a primitive.
 */
export function builtinNumberField(ctx: ScriptContext, name: 'length' | 'size'): boolean {
  let memo = builtinNumberCache.get(ctx);
  if (!memo) builtinNumberCache.set(ctx, (memo = new Map()));
  let known = memo.get(name);
  if (known === undefined) {
    const names = new Set([...primitiveFields(ctx), 'length', 'size']);
    const writes = fieldWrites(ctx).byName.get(name) ?? [];
    known = writes.every((w) => w === 'primitive' || (w !== 'unknown' && primitiveExpr(ctx, w, names, 0, new Set())));
    memo.set(name, known);
  }
  return known;
}

/** JSON.parse, or properties read off the global object (top-level `var`s live there). */
function readsForeignShapes(ctx: ScriptContext): boolean {
  let found = false;
  ctx.program.traverse({
    MemberExpression(p) {
      const o = p.node.object;
      if (!t.isIdentifier(o) || p.scope.getBinding(o.name)) return;
      if (o.name === 'JSON' && propName(p.node) === 'parse') found = true;
      if (o.name === 'globalThis' || o.name === 'global' || o.name === 'self' || o.name === 'window') found = true;
    },
  });
  return found;
}

function primitiveExpr(ctx: ScriptContext, p: NodePath, names: Set<string>, depth: number, seen: Set<Binding>): boolean {
  if (depth > 6) return false;
  const node = p.node;
  if (primitiveValue(node, p.scope, 0)) return true;
  const next = (q: NodePath) => primitiveExpr(ctx, q, names, depth + 1, seen);
  if (t.isParenthesizedExpression(node)) return next(p.get('expression') as NodePath);
  if (t.isConditionalExpression(node)) return next(p.get('consequent') as NodePath) && next(p.get('alternate') as NodePath);
  if (t.isLogicalExpression(node)) return next(p.get('left') as NodePath) && next(p.get('right') as NodePath);
  if (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) {
    const name = propName(node);
    return name !== undefined && names.has(name);
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee)) {
    const method = propName(node.callee);
    return method !== undefined && PRIMITIVE_METHODS.has(method) && !ctx.methods.has(method) && !fieldWrites(ctx).byName.has(method);
  }
  if (t.isIdentifier(node)) {
    const b = p.scope.getBinding(node.name);
    if (!b || b.scope === ctx.programScope) return !!b && ctx.primitives.has(node.name);
    if (seen.has(b)) return true; // assigned from each other: checked as one
    seen.add(b);
    if (b.kind === 'param') return parameterValues(ctx, b)?.every(next) ?? false;
    const bp = b.path;
    if (!bp.isVariableDeclarator() || !t.isIdentifier(bp.node.id) || !bp.node.init) return false;
    const loop = bp.parentPath?.parentPath;
    if (loop && (loop.isForOfStatement() || loop.isForInStatement())) return false;
    if (!next(bp.get('init') as NodePath)) return false;
    return b.constantViolations.every((v) => {
      if (v.isUpdateExpression()) return true;
      if (!v.isAssignmentExpression()) return false;
      const op = v.node.operator;
      if (op === '=' || op === '||=' || op === '&&=' || op === '??=') return next(v.get('right') as NodePath);
      return true; // `+=`, `*=`…: a number, a string or a BigInt
    });
  }
  return false;
}
