/**
 * Fields that own their container. In `class Matrix { constructor(r, c) { this.data = new
 * Float64Array(r * c) } }`, every object ever stored under `.data` was made on the spot, so
 * `out.data[i] = x` changes `out`'s own storage and nothing `out` was given: writing into a new
 * Matrix made from `this.rows` does not change `this`. A property name qualifies when every write
 * of it anywhere in the script stores a fresh container; anything that could write it unseen
 * (spreads, Object.assign, computed keys that may be strings, accessors, prototypes, packages we
 * do not analyse) disqualifies every name. A leaked `const d = m.data` still shares m's roots:
 * reads are followed as before, only the container a write goes into is refined.
 *
 * Also here: which script classes always construct a new object (no constructor returns a value),
 * so that changing a new instance's own properties changes nobody else's object.
 */
import type { Binding, NodePath, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import { freshContainerMethods, pureConstructors, typedArrays } from './builtins.js';
import { isCallbackIndex, literalKeys, registerBuiltinCheck } from './callback-indices.js';
import { methodKeyName, type ScriptContext } from './context.js';
import { traverse } from './traverse.js';
import { propName } from './walk.js';

const ownedCache = new WeakMap<ScriptContext, Set<string>>();
const freshCache = new WeakMap<ScriptContext, Map<string, boolean>>();

/** Property names whose every value is a container made where it is stored. */
export function ownedFields(ctx: ScriptContext): Set<string> {
  let owned = ownedCache.get(ctx);
  if (!owned) {
    owned = computeOwned(ctx);
    ownedCache.set(ctx, owned);
  }
  return owned;
}

/** `new C(…)` always gives a new object: no constructor up its chain returns a value. */
export function constructsFresh(ctx: ScriptContext, name: string): boolean {
  let memo = freshCache.get(ctx);
  if (!memo) freshCache.set(ctx, (memo = new Map()));
  const known = memo.get(name);
  if (known !== undefined) return known;
  memo.set(name, false); // a cycle in `extends` is not fresh
  const result = classConstructsFresh(ctx, name);
  memo.set(name, result);
  return result;
}

function classConstructsFresh(ctx: ScriptContext, name: string): boolean {
  const cls = ctx.classes.get(name);
  if (!cls) return false;
  const sup = cls.node.superClass;
  if (sup) {
    if (!t.isIdentifier(sup)) return false;
    const b = cls.scope.getBinding(sup.name);
    if (b) {
      if (b.scope !== ctx.programScope || !ctx.classes.has(sup.name) || !constructsFresh(ctx, sup.name)) return false;
    } else if (!BUILTIN_BASES.has(sup.name)) return false;
  }
  const ctor = cls.get('body').get('body').find((m) => m.isClassMethod() && m.node.kind === 'constructor');
  if (!ctor) return true;
  let returnsValue = false;
  ctor.traverse({
    Function(p) {
      p.skip();
    },
    ReturnStatement(p) {
      if (p.node.argument) returnsValue = true;
    },
  });
  return !returnsValue;
}

const LOGICAL_ASSIGN = new Set(['||=', '&&=', '??=']);

const BUILTIN_BASES = new Set(['Object', 'Array', 'Map', 'Set', 'Error', 'TypeError', 'RangeError', ...typedArrays]);

/** Calls that may write any property of an object they are given. */
const PROPERTY_WRITERS = new Set(['assign', 'defineProperty', 'defineProperties', 'setPrototypeOf', 'create', 'fromEntries', 'set']);

/** One store into a named property: the value's path, or a primitive (`o.n += 1`), or unknown (`o.f ||= v`). */
export type FieldWrite = NodePath | 'primitive' | 'unknown';

export interface FieldWrites {
  /** Something may write a property we cannot name, or write any property unseen. */
  anything: boolean;
  /** Every store into each property name the script writes. */
  byName: Map<string, FieldWrite[]>;
  /** Some store under a name we cannot tell may store an object (a new one: harmless to owned fields). */
  unnamedObjects: boolean;
}

const writesCache = new WeakMap<ScriptContext, FieldWrites>();

/** Every store of a value under a property name, anywhere in the script (memoised per script). */
export function fieldWrites(ctx: ScriptContext): FieldWrites {
  let w = writesCache.get(ctx);
  if (!w) writesCache.set(ctx, (w = collectWrites(ctx)));
  return w;
}

function collectWrites(ctx: ScriptContext): FieldWrites {
  const byName = new Map<string, FieldWrite[]>();
  let unnamedObjects = false;
  // Values from packages we do not analyse, Proxies and defineProperty may set anything; a getter
  // or setter's name is a method name, never kept (below).
  let anything = ctx.foreign.size > 0 || ctx.accessors.some((a) => !a.isClassMethod() && !a.isObjectMethod());
  // Callback indices (callback-indices.ts) count as numbers only where the method is the
  // built-in's; the stores that could define it are not all seen yet, so the names are checked
  // at the end.
  const assumedBuiltin = new Set<string>();
  registerBuiltinCheck(ctx, (method) => {
    assumedBuiltin.add(method);
    return !ctx.methods.has(method);
  });
  const write = (name: string | undefined, value: FieldWrite) => {
    if (name === undefined) {
      // `o[k] = v` may write any name: harmless only for a value no field rule cares about.
      // A primitive (`o[k] += v`) is no container, no function and no object: no field rule minds it.
      if (value === 'primitive') return;
      if (value === 'unknown' || !freshContainer(ctx, value.node, value.scope)) anything = true;
      else if (!primitiveValue(value.node, value.scope, 0)) unnamedObjects = true;
      return;
    }
    const list = byName.get(name) ?? [];
    list.push(value);
    byName.set(name, list);
  };
  // Destructuring into members (`[o.a, o[i]] = pair`): the values are whatever the source holds.
  const writePattern = (left: t.Node, scope: Scope) => {
    for (const m of patternMembers(left)) if (propName(m) !== undefined || !numericKey(m.property, scope, 0)) write(propName(m), 'unknown');
  };
  traverse(
    ctx.program.node,
    {
      AssignmentExpression(p) {
        const left = p.node.left;
        if (t.isMemberExpression(left) || t.isOptionalMemberExpression(left)) {
          if (isPrototype(left.object)) anything = true;
          const key = propName(left);
          if (key === undefined && numericKey(left.property, p.scope, 0)) return;
          // `o.n += 1` stores a primitive; `o.f ||= v` may store v.
          const op = p.node.operator;
          const value = op === '=' ? p.get('right') : LOGICAL_ASSIGN.has(op) ? 'unknown' : 'primitive';
          const names = key === undefined ? literalKeys(left.property, p.scope) : undefined;
          if (names) for (const name of names) write(name, value);
          // Into a local dictionary nothing reads by name, any key is harmless (privateDictionary).
          else if (key !== undefined || !privateDictionary(ctx, left.object, p.scope)) write(key, value);
        } else if (!t.isIdentifier(left)) writePattern(left, p.scope);
      },
      'ForOfStatement|ForInStatement'(p) {
        const left = (p.node as t.ForOfStatement).left;
        if (!t.isVariableDeclaration(left)) writePattern(left, p.scope);
      },
      ObjectExpression(p) {
        for (const [i, prop] of p.node.properties.entries()) {
          if (t.isSpreadElement(prop)) anything = true; // copies every property of something
          else if (t.isObjectProperty(prop)) {
            const name = methodKeyName(prop.key, prop.computed);
            if (name === undefined && prop.computed && numericKey(prop.key, p.scope, 0)) continue;
            write(name, p.get(`properties.${i}.value`) as NodePath);
          }
        }
      },
      'ClassProperty|ClassPrivateProperty'(p) {
        const node = p.node as t.ClassProperty | t.ClassPrivateProperty;
        const key: t.Node = node.key;
        const name = t.isPrivateName(key) ? `#${key.id.name}` : methodKeyName(key, !!(node as t.ClassProperty).computed);
        write(name, node.value ? (p.get('value') as NodePath) : 'primitive'); // `x;` starts as undefined
      },
      CallExpression(p) {
        const callee = p.node.callee;
        if (t.isMemberExpression(callee) && t.isIdentifier(callee.object) && (callee.object.name === 'Object' || callee.object.name === 'Reflect') && !p.scope.getBinding(callee.object.name)) {
          const name = t.isIdentifier(callee.property) ? callee.property.name : '';
          if (PROPERTY_WRITERS.has(name)) anything = true;
        }
      },
      MemberExpression(p) {
        if (!p.node.computed && t.isIdentifier(p.node.property, { name: '__proto__' })) anything = true;
      },
      WithStatement() {
        anything = true;
      },
    },
    ctx.programScope,
    ctx.program,
  );
  if ([...assumedBuiltin].some((m) => byName.has(m))) anything = true;
  registerBuiltinCheck(ctx, (method) => !anything && !ctx.methods.has(method) && !byName.has(method));
  return { anything, byName, unnamedObjects };
}

/**
 * A local dictionary that is only ever indexed (`const spend = {}; … spend[r.customer] = …;
 * Object.keys(spend)`, a union-find's `parent[x] = parent[parent[x]]`): no code reads one of its
 * properties by name, not even through `this` (it is never a method's receiver, never stored,
 * never passed on, and holds no getter of the script's), so what it keeps under keys we cannot
 * name is no field of any object the field rules reason about.
 */
function privateDictionary(ctx: ScriptContext, object: t.Node, scope: Scope): boolean {
  if (!t.isIdentifier(object)) return false;
  const b = scope.getBinding(object.name);
  if (!b || (b.kind !== 'const' && b.kind !== 'let') || b.constantViolations.length > 0) return false;
  const decl = b.path;
  if (!decl.isVariableDeclarator() || !t.isIdentifier(decl.node.id) || !decl.node.init || !plainContainer(ctx, decl.node.init, decl.scope)) return false;
  return b.referencePaths.every((ref) => {
    const parent = ref.parentPath!;
    if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === ref.node && parent.node.computed) {
      // `o[k]()` would run a stored function with `o` as `this`.
      const use = parent.parentPath!;
      const callee = (use.isCallExpression() || use.isOptionalCallExpression() || use.isNewExpression()) && use.node.callee === parent.node;
      return !callee && !(use.isTaggedTemplateExpression() && use.node.tag === parent.node);
    }
    // Object.keys / values / entries read what it holds, never a name of it.
    if (parent.isCallExpression() && parent.node.arguments.length === 1 && parent.node.arguments[0] === ref.node) {
      const c = parent.node.callee;
      return t.isMemberExpression(c) && !c.computed && t.isIdentifier(c.object, { name: 'Object' }) && !parent.scope.getBinding('Object') &&
        t.isIdentifier(c.property) && ['keys', 'values', 'entries'].includes(c.property.name);
    }
    return false;
  });
}

/** A fresh container with no code of the script's in it: no class instance, method, getter or prototype. */
function plainContainer(ctx: ScriptContext, node: t.Node, scope: Scope): boolean {
  if (t.isParenthesizedExpression(node)) return plainContainer(ctx, node.expression, scope);
  if (t.isConditionalExpression(node)) return plainContainer(ctx, node.consequent, scope) && plainContainer(ctx, node.alternate, scope);
  if (t.isObjectExpression(node)) return node.properties.every((p) => t.isObjectProperty(p) && methodKeyName(p.key, p.computed) !== '__proto__');
  if (t.isNewExpression(node) && (!t.isIdentifier(node.callee) || scope.getBinding(node.callee.name))) return false;
  return freshContainer(ctx, node, scope);
}

/** A property name the rules may keep: not a method of the script, not one a number turns into. */
export function keepableField(ctx: ScriptContext, name: string): boolean {
  return !ctx.methods.has(name) && !ctx.methods.has(name.replace(/^#/, '')) && !/^(?:NaN|Infinity|-|\d)/.test(name);
}

function computeOwned(ctx: ScriptContext): Set<string> {
  const { anything, byName } = fieldWrites(ctx);
  const out = new Set<string>();
  if (anything) return out;
  for (const [name, writes] of byName) {
    const fresh = writes.every((w) => w === 'primitive' || (w !== 'unknown' && freshContainer(ctx, w.node, w.scope)));
    if (fresh && keepableField(ctx, name)) out.add(name);
  }
  return out;
}

function isPrototype(node: t.Node): boolean {
  return (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property, { name: 'prototype' })) || (t.isMemberExpression(node) && isPrototype(node.object));
}

function patternMembers(node: t.Node): (t.MemberExpression | t.OptionalMemberExpression)[] {
  const out: (t.MemberExpression | t.OptionalMemberExpression)[] = [];
  const visit = (n: t.Node | null | undefined) => {
    if (!n) return;
    if (t.isMemberExpression(n) || t.isOptionalMemberExpression(n)) out.push(n);
    else if (t.isArrayPattern(n)) n.elements.forEach(visit);
    else if (t.isObjectPattern(n)) for (const p of n.properties) visit(t.isRestElement(p) ? p.argument : (p.value as t.Node));
    else if (t.isAssignmentPattern(n)) visit(n.left);
    else if (t.isRestElement(n)) visit(n.argument);
  };
  visit(node);
  return out;
}

/** A container made by this expression, held by nothing else yet. */
export function freshContainer(ctx: ScriptContext, node: t.Node, scope: Scope): boolean {
  if (t.isParenthesizedExpression(node)) return freshContainer(ctx, node.expression, scope);
  if (t.isArrayExpression(node) || t.isObjectExpression(node)) return true;
  if (primitiveValue(node, scope, 0)) return true; // not a container at all: nothing to share
  if (t.isConditionalExpression(node)) return freshContainer(ctx, node.consequent, scope) && freshContainer(ctx, node.alternate, scope);
  if (t.isNewExpression(node) && t.isIdentifier(node.callee)) {
    const name = node.callee.name;
    const b = scope.getBinding(name);
    if (b) return b.scope === ctx.programScope && ctx.classes.has(name) && constructsFresh(ctx, name);
    if (!pureConstructors.has(name) || name === 'SharedArrayBuffer') return false;
    // A typed array or DataView over a buffer shares its memory; over a length or a list it copies.
    if (typedArrays.includes(name) || name === 'DataView') {
      const first = node.arguments[0];
      return !first || t.isArrayExpression(first) || primitiveValue(first, scope, 0);
    }
    return true;
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && !node.callee.computed && t.isIdentifier(node.callee.property)) {
    const method = node.callee.property.name;
    if (ctx.methods.has(method)) return false;
    const object = node.callee.object;
    // `new Float64Array(n).fill(0)` gives back its fresh receiver.
    if (method === 'fill' || method === 'sort' || method === 'reverse') return freshContainer(ctx, object, scope);
    if (method === 'fromEntries') return false;
    if (method === 'from' || method === 'of') {
      if (!t.isIdentifier(object) || scope.getBinding(object.name)) return false;
      // Array.from / Float64Array.from copy; Buffer.from may share an ArrayBuffer's memory.
      return object.name === 'Array' || typedArrays.includes(object.name);
    }
    if (freshContainerMethods.has(method) && method !== 'structuredClone') {
      // keys/values/entries/split/map… on a built-in give a new array (a Map's keys() an iterator).
      return true;
    }
  }
  if (t.isCallExpression(node) && t.isIdentifier(node.callee, { name: 'structuredClone' }) && !scope.getBinding('structuredClone')) return true;
  return false;
}

/** Syntactically a primitive: a literal, arithmetic, a comparison, a template, `.length`, Math.*. */
export function primitiveValue(node: t.Node, scope: Scope, depth: number): boolean {
  if (t.isNumericLiteral(node) || t.isStringLiteral(node) || t.isBooleanLiteral(node) || t.isNullLiteral(node) || t.isBigIntLiteral(node)) return true;
  if (t.isTemplateLiteral(node) || t.isBinaryExpression(node) || t.isUpdateExpression(node) || t.isUnaryExpression(node)) return true;
  if (t.isParenthesizedExpression(node)) return primitiveValue(node.expression, scope, depth);
  if (t.isConditionalExpression(node)) return primitiveValue(node.consequent, scope, depth) && primitiveValue(node.alternate, scope, depth);
  if (t.isLogicalExpression(node)) return primitiveValue(node.left, scope, depth) && primitiveValue(node.right, scope, depth);
  if (t.isAssignmentExpression(node)) return node.operator === '=' ? primitiveValue(node.right, scope, depth) : !LOGICAL_ASSIGN.has(node.operator);
  if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property) && (node.property.name === 'length' || node.property.name === 'size')) {
    return !storesObjectsUnder(scope, node.property.name);
  }
  if (t.isCallExpression(node)) {
    const c = node.callee;
    if (t.isMemberExpression(c) && t.isIdentifier(c.object, { name: 'Math' }) && !scope.getBinding('Math')) return true;
    if (t.isIdentifier(c) && ['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'BigInt'].includes(c.name) && !scope.getBinding(c.name)) return true;
    return false;
  }
  if (t.isIdentifier(node)) return depth < 4 && bindingPrimitive(node.name, scope, depth + 1, primitiveValue);
  return false;
}

const lengthStores = new WeakMap<t.Node, Set<string>>();

/**
 * `length` and `size` are numbers on every built-in; the script may store other things under
 * them (`this.size = box`). Which of the two it may, from its own stores written out (an array-like
 * `Array.from({ length: n })` is read once by the built-in, not kept). A cheap check without the
 * write table, which itself asks primitiveValue; walk.ts asks builtinNumberField, which follows
 * parameters.
 */
function storesObjectsUnder(scope: Scope, name: string): boolean {
  const program = scope.getProgramParent().path;
  let names = lengthStores.get(program.node);
  if (!names) {
    const found = new Set<string>();
    lengthStores.set(program.node, found); // a store of `x.length` itself checks against the names so far
    const check = (key: string | undefined, value: t.Node | null | undefined, at: Scope) => {
      if ((key === 'length' || key === 'size') && (!value || !primitiveValue(value, at, 0))) found.add(key);
    };
    // Again while it grows: `a.size = b.length` is an object once `length` may hold one.
    for (let before = -1; before !== found.size; ) {
      before = found.size;
      program.traverse({
        AssignmentExpression(p) {
          const left = p.node.left;
          if (t.isMemberExpression(left) && p.node.operator === '=') check(propName(left), p.node.right, p.scope);
        },
        ObjectProperty(p) {
          const call = p.parentPath.parentPath?.node;
          if (t.isCallExpression(call) && t.isMemberExpression(call.callee) && t.isIdentifier(call.callee.property, { name: 'from' }) && call.arguments[0] === p.parentPath.node) return;
          if (!t.isPattern(p.parentPath.node)) check(methodKeyName(p.node.key, p.node.computed), p.node.value, p.scope);
        },
        ClassProperty(p) {
          if (p.node.value) check(methodKeyName(p.node.key, p.node.computed), p.node.value, p.scope); // `size;` starts undefined
        },
      });
    }
    names = found;
  }
  return names.has(name);
}

/** A key that is a number (an array index), or a string no kept field name can be (nor any name built-ins use). */
export function numericKey(node: t.Node, scope: Scope, depth: number): boolean {
  if (t.isNumericLiteral(node) || t.isUpdateExpression(node)) return true;
  if (t.isUnaryExpression(node)) return node.operator === '-' || node.operator === '+' || node.operator === '~';
  if (t.isBinaryExpression(node)) {
    // A number plus anything is a number or a string starting with a digit, '-', NaN or Infinity:
    // never a field name we keep (see computeOwned).
    if (node.operator === '+') return numericKey(node.left, scope, depth) || numericKey(node.right as t.Node, scope, depth);
    return ['-', '*', '/', '%', '**', '|', '&', '^', '<<', '>>', '>>>'].includes(node.operator);
  }
  if (t.isParenthesizedExpression(node)) return numericKey(node.expression, scope, depth);
  if (t.isConditionalExpression(node)) return numericKey(node.consequent, scope, depth) && numericKey(node.alternate, scope, depth);
  if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property, { name: 'length' })) return true;
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.object, { name: 'Math' }) && !scope.getBinding('Math')) return true;
  if (t.isIdentifier(node)) return depth < 4 && bindingPrimitive(node.name, scope, depth + 1, numericKey);
  return false;
}

/** A local whose every assigned value passes `check` (a loop counter, a `const` of arithmetic). */
function bindingPrimitive(name: string, scope: Scope, depth: number, check: (n: t.Node, s: Scope, d: number) => boolean): boolean {
  const b = scope.getBinding(name);
  if (!b || b.kind === 'module') return false;
  if (b.kind === 'param') return isCallbackIndex(b) && b.constantViolations.every((v) => violationPasses(v, depth, check));
  // Locals assigned from each other (`m = i; … i = m`): each holds only what the others' values
  // and its own initial value give, so assuming the one being checked passes is sound.
  const pending = pendingChecks.get(check) ?? new Set<Binding>();
  pendingChecks.set(check, pending);
  if (pending.has(b)) return true;
  pending.add(b);
  try {
    return bindingPasses(b, depth, check);
  } finally {
    pending.delete(b);
  }
}

const pendingChecks = new Map<(n: t.Node, s: Scope, d: number) => boolean, Set<Binding>>();

function bindingPasses(b: Binding, depth: number, check: (n: t.Node, s: Scope, d: number) => boolean): boolean {
  const bp: NodePath = b.path;
  if (!bp.isVariableDeclarator() || !t.isIdentifier(bp.node.id) || !bp.node.init) return false;
  const loop = bp.parentPath?.parentPath;
  if (loop && (loop.isForOfStatement() || loop.isForInStatement())) return false;
  if (!check(bp.node.init, bp.scope, depth)) return false;
  return b.constantViolations.every((v) => violationPasses(v, depth, check));
}

function violationPasses(v: NodePath, depth: number, check: (n: t.Node, s: Scope, d: number) => boolean): boolean {
  if (v.isUpdateExpression()) return true;
  if (v.isAssignmentExpression()) return v.node.operator === '=' ? check(v.node.right, v.scope, depth) : v.node.operator !== '??=' && v.node.operator !== '||=' && v.node.operator !== '&&=' && (v.node.operator !== '+=' || check(v.node.right, v.scope, depth));
  return false;
}
