/**
 * Fields that hold functions. `class Queue { constructor(compare) { this.compare = compare } …
 * this.compare(a[i], a[p]) }` calls whatever was given to `new Queue(…)`: when every `new Queue`
 * in the script passes a function written out (`(a, b) => a.time - b.time`) or a script function,
 * the call runs one of those, and its facts are theirs instead of "anything at all".
 *
 * A property name qualifies when every store into it anywhere in the script is such a function,
 * or a value that cannot be called (a number, a new array: calling it throws, and does nothing
 * else). A function written out qualifies only if it names nothing but its own variables and the
 * script's top-level ones, so that its facts mean the same wherever it is called. Parameters are
 * followed to every call of their function, which must be called only directly.
 */
import type { Binding, NodePath, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScriptContext } from './context.js';
import { fieldWrites, freshContainer, keepableField } from './owned-fields.js';

type Fn = NodePath<t.Function>;

const cache = new WeakMap<ScriptContext, Map<string, Fn[]>>();

/** Property name → every function a store into it may hold (names whose stores are all known). */
export function functionFields(ctx: ScriptContext): Map<string, Fn[]> {
  let out = cache.get(ctx);
  if (!out) cache.set(ctx, (out = compute(ctx)));
  return out;
}

/** Names a built-in prototype defines: a script object without its own field would find these. */
export const BUILTIN_NAMES = new Set<string>();
for (const c of [Object, Function, Array, Map, Set, WeakMap, WeakSet, Promise, Error, Date, RegExp, String, Number, Boolean, Symbol, ArrayBuffer, DataView, Object.getPrototypeOf(Int8Array)]) {
  for (const name of Object.getOwnPropertyNames(c.prototype)) BUILTIN_NAMES.add(name);
}

function compute(ctx: ScriptContext): Map<string, Fn[]> {
  const out = new Map<string, Fn[]>();
  const { anything, byName } = fieldWrites(ctx);
  if (anything) return out;
  for (const [name, writes] of byName) {
    if (!keepableField(ctx, name) || BUILTIN_NAMES.has(name) || name.startsWith('#')) continue;
    const fns = new Set<Fn>();
    let known = true;
    for (const w of writes) {
      if (w === 'primitive') continue;
      if (w === 'unknown') {
        known = false;
        break;
      }
      const found = functionsOf(ctx, w, 0);
      if (!found) {
        known = false;
        break;
      }
      found.forEach((f) => fns.add(f));
    }
    if (known && fns.size > 0) out.set(name, [...fns]);
  }
  return out;
}

const heldCache = new WeakMap<ScriptContext, Map<string, boolean>>();

/**
 * Some store puts a function the script wrote under this name (`this.toString = () => …`), so a
 * call of `.name(…)` may run it rather than the built-in method of that name.
 */
export function storesScriptFunction(ctx: ScriptContext, name: string): boolean {
  let memo = heldCache.get(ctx);
  if (!memo) heldCache.set(ctx, (memo = new Map()));
  let held = memo.get(name);
  if (held === undefined) {
    const writes = fieldWrites(ctx).byName.get(name) ?? [];
    held = writes.some((w) => typeof w !== 'string' && (w.isFunction() || (functionsOf(ctx, w, 0)?.length ?? 0) > 0));
    memo.set(name, held);
  }
  return held;
}

const unseenCache = new WeakMap<ScriptContext, boolean>();

/** `new this(…)`, `new cls(…)`: a constructor we cannot name may be one whose arguments we follow. */
function constructsUnseen(ctx: ScriptContext): boolean {
  let unseen = unseenCache.get(ctx);
  if (unseen !== undefined) return unseen;
  unseen = false;
  ctx.program.traverse({
    NewExpression(p) {
      const c = p.node.callee;
      const b = t.isIdentifier(c) ? p.scope.getBinding(c.name) : undefined;
      if (!t.isIdentifier(c) || (b && !(b.scope === ctx.programScope && ctx.classes.has(c.name)))) {
        unseen = true;
        p.stop();
      }
    },
  });
  unseenCache.set(ctx, unseen);
  return unseen;
}

/** Every function this expression may evaluate to, or undefined when that is not known; `[]` for a value that cannot be called. */
function functionsOf(ctx: ScriptContext, p: NodePath, depth: number): Fn[] | undefined {
  if (depth > 6) return undefined;
  const node = p.node;
  if (t.isParenthesizedExpression(node)) return functionsOf(ctx, p.get('expression') as NodePath, depth);
  if (p.isFunctionExpression() || p.isArrowFunctionExpression()) return selfContained(ctx, p) ? [p] : undefined;
  if (t.isIdentifier(node)) {
    if (node.name === 'undefined' && !p.scope.getBinding('undefined')) return [];
    const b = p.scope.getBinding(node.name);
    if (!b || !b.constant) return undefined;
    if (b.scope === ctx.programScope) {
      const fn = ctx.functions.get(node.name);
      return fn ? [fn] : undefined;
    }
    if (b.kind === 'param') return parameterFunctions(ctx, b, depth);
    const bp = b.path;
    if (bp.isVariableDeclarator() && t.isIdentifier(bp.node.id) && bp.node.init) {
      const loop = bp.parentPath?.parentPath;
      if (loop && (loop.isForOfStatement() || loop.isForInStatement())) return undefined;
      return functionsOf(ctx, bp.get('init') as NodePath, depth + 1);
    }
    return undefined;
  }
  if (t.isConditionalExpression(node)) {
    const a = functionsOf(ctx, p.get('consequent') as NodePath, depth + 1);
    const c = a && functionsOf(ctx, p.get('alternate') as NodePath, depth + 1);
    return a && c ? [...a, ...c] : undefined;
  }
  // Numbers, strings, new arrays and instances: calling one throws a TypeError and does nothing else.
  if (!t.isClassExpression(node) && freshContainer(ctx, node, p.scope)) return [];
  return undefined;
}

/** A parameter: the functions every caller passes in its place (and its default). */
function parameterFunctions(ctx: ScriptContext, b: Binding, depth: number): Fn[] | undefined {
  const values = parameterValues(ctx, b);
  if (!values) return undefined;
  const out: Fn[] = [];
  for (const v of values) {
    const found = functionsOf(ctx, v, depth + 1);
    if (!found) return undefined;
    out.push(...found);
  }
  return out;
}

/**
 * Every expression a plain parameter may take its value from: its default and the argument in its
 * place at each call (a missing one is undefined). Undefined when some call cannot be seen: the
 * function or class is used as a value, constructed as `new this()`, or called with a spread.
 */
export function parameterValues(ctx: ScriptContext, b: Binding): NodePath[] | undefined {
  let param: NodePath = b.path;
  if (param.parentPath?.isAssignmentPattern() && param.parentPath.node.left === param.node) param = param.parentPath;
  const values: NodePath[] = [];
  if (param.isAssignmentPattern()) values.push(param.get('right') as NodePath);
  // `({ compare }) => …`: the binding is part of an argument, not the argument.
  if (!t.isIdentifier(param.isAssignmentPattern() ? param.node.left : param.node)) return undefined;
  const fn = param.parentPath;
  if (!fn?.isFunction() || constructsUnseen(ctx)) return undefined;
  const index = (fn.node.params as t.Node[]).indexOf(param.node);
  if (index < 0 || (fn.node.params as t.Node[]).slice(0, index).some((q) => t.isRestElement(q))) return undefined;
  const sites = callSites(ctx, fn);
  if (!sites) return undefined;
  for (const call of sites) {
    const args = call.get('arguments') as NodePath[];
    if (args.slice(0, index + 1).some((a) => a.isSpreadElement())) return undefined;
    if (args[index]) values.push(args[index]);
  }
  return values;
}

/** Every call of a class constructor, static method or top-level function, when it is only ever called directly. */
function callSites(ctx: ScriptContext, fn: NodePath<t.Function>): NodePath<t.CallExpression | t.NewExpression>[] | undefined {
  let name: string | undefined;
  let isClass = false;
  let staticName: string | undefined;
  if (fn.isClassMethod() && (fn.node.kind === 'constructor' || (fn.node.static && fn.node.kind === 'method'))) {
    const cls = fn.parentPath?.parentPath;
    if (!cls?.isClassDeclaration() || !cls.node.id) return undefined;
    name = cls.node.id.name;
    isClass = true;
    if (fn.node.static) {
      if (fn.node.computed || !t.isIdentifier(fn.node.key) || staticCalledUnseen(ctx, cls, fn.node.key.name)) return undefined;
      staticName = fn.node.key.name;
    }
  } else {
    for (const [n, f] of ctx.functions) if (f === fn || f.node === fn.node) name = n;
  }
  if (!name) {
    const local = localHelperBinding(fn);
    return local && local.referencePaths.map((ref) => ref.parentPath as NodePath<t.CallExpression>);
  }
  const b = ctx.programScope.getBinding(name);
  if (!b || !b.constant) return undefined;
  const sites: NodePath<t.CallExpression | t.NewExpression>[] = [];
  for (const ref of b.referencePaths) {
    const parent = ref.parentPath;
    if (isClass && parent?.isNewExpression() && parent.node.callee === ref.node) {
      if (!staticName) sites.push(parent);
    } else if (!isClass && parent?.isCallExpression() && parent.node.callee === ref.node) sites.push(parent);
    else if (isClass && parent?.isMemberExpression() && parent.node.object === ref.node && !parent.node.computed) {
      // `Matrix.random(…)`: a call of the static method; any other use of it may call it unseen.
      if (staticName === undefined || !t.isIdentifier(parent.node.property, { name: staticName })) continue;
      const call = parent.parentPath;
      if (!call?.isCallExpression() || call.node.callee !== parent.node) return undefined;
      sites.push(call);
    }
    // A subclass or a value passed around may call it unseen.
    else return undefined;
  }
  return sites;
}

/**
 * The binding of a function's own helper (`const find = (x) => …`, or a function declared inside
 * another) when it is only ever called directly, so every call, and every argument, is in view.
 * A non-arrow function that reads `arguments` may change its parameters through it: not one.
 */
export function localHelperBinding(fn: NodePath<t.Function>): Binding | undefined {
  // Asked for every call and parameter of the helper: one look per function.
  if (!localHelperCache.has(fn.node)) localHelperCache.set(fn.node, findLocalHelper(fn));
  return localHelperCache.get(fn.node);
}

const localHelperCache = new WeakMap<t.Node, Binding | undefined>();

function findLocalHelper(fn: NodePath<t.Function>): Binding | undefined {
  if (fn.node.async || fn.node.generator) return undefined;
  let id: t.Identifier | undefined;
  let scope: Scope | undefined;
  const parent = fn.parentPath;
  if ((fn.isArrowFunctionExpression() || (fn.isFunctionExpression() && !fn.node.id)) && parent?.isVariableDeclarator() && parent.node.init === fn.node && t.isIdentifier(parent.node.id)) {
    id = parent.node.id;
    scope = parent.scope;
  } else if (fn.isFunctionDeclaration() && fn.node.id && parent?.isBlockStatement() && parent.parentPath?.isFunction()) {
    // Declared in a function's body (not a nested block: sloppy code also binds those outside it).
    id = fn.node.id;
    scope = fn.parentPath.scope;
  }
  if (!id || !scope || scope.path.isProgram()) return undefined;
  const b = scope.getBinding(id.name);
  if (!b || !b.constant || b.identifier !== id) return undefined;
  if (!fn.isArrowFunctionExpression() && readsArguments(fn)) return undefined;
  const direct = b.referencePaths.every((ref) => ref.parentPath?.isCallExpression() && ref.parentPath.node.callee === ref.node);
  return direct ? b : undefined;
}

function readsArguments(fn: NodePath<t.Function>): boolean {
  let found = false;
  fn.traverse({
    Identifier(p) {
      if (p.node.name === 'arguments' && !p.scope.getBinding('arguments')) {
        found = true;
        p.stop();
      }
    },
  });
  return found;
}

/**
 * A static method may be reached other than as `Class.name(…)`: through `this` in another static
 * method (`this.name`, `this[k]`), `x.constructor`, or any other property access of that name.
 */
function staticCalledUnseen(ctx: ScriptContext, cls: NodePath<t.ClassDeclaration>, method: string): boolean {
  // Asked for every parameter of the method: one walk of the script per method.
  let memo = staticUnseenCache.get(ctx);
  if (!memo) staticUnseenCache.set(ctx, (memo = new Map()));
  const key = `${cls.node.id!.name}.${method}`;
  let unseen = memo.get(key);
  if (unseen === undefined) memo.set(key, (unseen = scanForUnseenCalls(ctx, cls, method)));
  return unseen;
}

const staticUnseenCache = new WeakMap<ScriptContext, Map<string, boolean>>();

function scanForUnseenCalls(ctx: ScriptContext, cls: NodePath<t.ClassDeclaration>, method: string): boolean {
  let unseen = false;
  ctx.program.traverse({
    'MemberExpression|OptionalMemberExpression'(p: NodePath) {
      const node = p.node as t.MemberExpression;
      if (node.computed) {
        if (t.isThisExpression(node.object) && p.findParent((q) => q === cls)) unseen = true;
        return;
      }
      if (t.isIdentifier(node.property, { name: 'constructor' })) unseen = true;
      if (!t.isIdentifier(node.property, { name: method })) return;
      const object = node.object;
      if (!t.isIdentifier(object)) {
        unseen = true;
        return;
      }
      // `Math.random`: a global, which a class of a module's own scope never is.
      const binding = p.scope.getBinding(object.name);
      if (binding && binding.path !== cls) unseen = true;
    },
  });
  return unseen;
}

/**
 * A function written out that names only its own variables, the script's top-level ones and
 * globals, and (an arrow) no `this` or `arguments` of the code around it.
 */
function selfContained(ctx: ScriptContext, fn: NodePath<t.Function>): boolean {
  const start = fn.node.start!;
  const end = fn.node.end!;
  let ok = true;
  const arrow = fn.isArrowFunctionExpression();
  fn.traverse({
    ReferencedIdentifier(p) {
      const name = (p.node as t.Identifier).name;
      if (arrow && name === 'arguments' && !insideOwnFunction(p, fn)) ok = false;
      const b = p.scope.getBinding(name);
      if (!b || b.scope === ctx.programScope) return;
      const at = b.identifier.start!;
      if (at < start || at > end) ok = false;
    },
    ThisExpression(p) {
      if (arrow && !insideOwnFunction(p, fn)) ok = false;
    },
    Super() {
      ok = false;
    },
    MetaProperty() {
      ok = false;
    },
  });
  return ok;
}

/** Inside a non-arrow function nested in `fn` (its own `this` and `arguments`). */
function insideOwnFunction(p: NodePath, fn: NodePath): boolean {
  const owner = p.findParent((q) => q === fn || (q.isFunction() && !q.isArrowFunctionExpression()));
  return !!owner && owner !== fn;
}
