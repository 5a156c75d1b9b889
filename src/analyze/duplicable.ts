/**
 * Statements a worker may compute for itself instead of receiving their values: a cheap data
 * source is often faster to run again than to clone (12 MiB of objects take ~0.3 s to clone,
 * making them may take 0.1 s). Running a statement twice is only "as if sequential" when it
 * gives the same value everywhere and does nothing else, so a statement qualifies only when:
 *
 * - it declares bindings (`const`/`let`) that nothing assigns later;
 * - it has no effects, does not await, and writes or changes only what it declares;
 * - it reads only what every thread has (replicated functions, classes and constants);
 * - its code, and the code of every function and class it can reach, names no source of
 *   difference between runs or threads: `Math.random`, `Date`, timers, `process`, modules,
 *   `this` at the top, and only globals known to be deterministic (below).
 *
 * Whether copying pays is the scheduler's decision (src/schedule/duplicate.ts).
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { typedArrays } from './builtins.js';
import type { ScriptContext } from './context.js';
import type { StatementInfo } from './statements.js';
import { returnsScriptObject, scriptObject } from './walk.js';

/** Globals whose use gives the same result on every thread and every run. */
const deterministicGlobals = new Set([
  'undefined', 'NaN', 'Infinity', 'Math', 'JSON', 'Number', 'String', 'Boolean', 'BigInt', 'Array', 'Object',
  'Map', 'Set', 'WeakMap', 'WeakSet', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'RegExp',
  'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError',
  ...typedArrays, 'ArrayBuffer', 'DataView',
  'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI',
]);

/** Object methods that change the object given: on a global (a prototype, Math) that is an effect. */
const changesArgument = new Set(['defineProperty', 'defineProperties', 'setPrototypeOf', 'assign', 'freeze', 'seal', 'preventExtensions']);

export function duplicableStatements(ctx: ScriptContext, statements: StatementInfo[], tasks: number[], staticNames: Set<string>, assigned: (name: string) => boolean): Set<number> {
  const out = new Set<number>();
  const verdicts = new Map<t.Node, false>();
  for (const id of tasks) {
    const s = statements[id];
    const node = s.path.node;
    if (s.kind !== 'statement' || !t.isVariableDeclaration(node) || node.kind === 'var' || s.defines.length === 0) continue;
    if (s.effects.length > 0 || s.awaits || s.dynamic.length > 0) continue;
    const own = new Set(s.defines);
    if (s.defines.some(assigned)) continue;
    if (!s.writes.every((n) => own.has(n)) || !s.mutates.every((n) => own.has(n))) continue;
    if (!s.reads.every((n) => own.has(n) || staticNames.has(n))) continue;
    if (deterministicCode(ctx, s.path, staticNames, verdicts)) out.add(id);
  }
  return out;
}

/** Whether the statement and every function or class it reaches name only deterministic things. */
function deterministicCode(ctx: ScriptContext, start: NodePath, staticNames: Set<string>, verdicts: Map<t.Node, false>): boolean {
  const queue: NodePath[] = [start];
  const seen = new Set<t.Node>([start.node]);
  while (queue.length > 0) {
    const path = queue.pop()!;
    // Only failures are remembered: a function that passes may still reach one that does not.
    if (path !== start && verdicts.get(path.node) === false) return false;
    let ok = true;
    const reach = (target: NodePath) => {
      if (!seen.has(target.node)) {
        seen.add(target.node);
        queue.push(target);
      }
    };
    path.traverse({
      ReferencedIdentifier(p) {
        const name = (p.node as t.Identifier).name;
        const binding = p.scope.getBinding(name);
        if (!binding) {
          // A global: only deterministic ones, and Math but its random numbers.
          if (!deterministicGlobals.has(name)) ok = false;
          else if (name === 'Math') {
            const parent = p.parentPath?.node;
            const member = t.isMemberExpression(parent) && parent.object === p.node && !parent.computed && t.isIdentifier(parent.property);
            if (!member || (parent.property as t.Identifier).name === 'random') ok = false;
          }
        } else if (binding.scope === ctx.programScope) {
          const target = reachedCode(ctx, name, binding, staticNames);
          if (ctx.modules.has(name) || ctx.moduleMembers.has(name) || ctx.foreign.has(name)) ok = false;
          else if (target) reach(target);
          else if (!staticNames.has(name) && path === start) {
            // The statement's own declarations, read later in the statement itself.
            if (!(start.node as t.VariableDeclaration).declarations.some((d) => Object.keys(t.getBindingIdentifiers(d.id)).includes(name))) ok = false;
          } else if (!staticNames.has(name)) ok = false;
        }
        if (!ok) p.stop();
      },
      ThisExpression(p) {
        // `this` of the module (exports, or undefined) is not data; inside a function it is the receiver.
        if (!p.findParent((q) => q.isFunction() && !q.isArrowFunctionExpression()) && !p.findParent((q) => q.isClass())) {
          ok = false;
          p.stop();
        }
      },
      'MetaProperty|Import'(p) {
        ok = false;
        p.stop();
      },
      'AssignmentExpression|UpdateExpression|UnaryExpression'(p) {
        const n = p.node as t.AssignmentExpression | t.UpdateExpression | t.UnaryExpression;
        const target = t.isAssignmentExpression(n) ? n.left : t.isUpdateExpression(n) ? n.argument : n.operator === 'delete' ? n.argument : null;
        if (target && rootedAtGlobal(p, target)) {
          ok = false;
          p.stop();
        }
      },
      CallExpression(p) {
        const callee = p.node.callee;
        if (t.isMemberExpression(callee) && t.isIdentifier(callee.property) && changesArgument.has(callee.property.name)) {
          if (p.node.arguments.some((a) => rootedAtGlobal(p, a))) {
            ok = false;
            p.stop();
          }
        }
      },
    });
    if (!ok) {
      if (path !== start) verdicts.set(path.node, false);
      return false;
    }
  }
  return true;
}

/** The code a top-level name brings along: its function, its class, or a shared constant (which may hold methods). */
function reachedCode(ctx: ScriptContext, name: string, binding: Binding, staticNames: Set<string>): NodePath | undefined {
  return ctx.functions.get(name) ?? ctx.classes.get(name) ?? (staticNames.has(name) && binding.path.isVariableDeclarator() ? binding.path : undefined);
}

/** `Array.prototype.x`, `Math.f`, an undeclared name: a target or argument that is global state. */
function rootedAtGlobal(p: NodePath, node: t.Node): boolean {
  let n = node;
  while (t.isMemberExpression(n) || t.isOptionalMemberExpression(n)) n = n.object;
  return t.isIdentifier(n) && !p.scope.getBinding(n.name);
}

/**
 * Whether what the statement makes may keep state the analysis cannot see change: a closure that
 * writes a variable of the function around it (a seeded generator `rand()` advancing its seed),
 * a generator, or a RegExp (its lastIndex). Calling it changes the value without any statement
 * "changing" its binding, so copies of it made on two threads would drift apart.
 */
export function keepsHiddenState(ctx: ScriptContext, start: NodePath, staticNames: Set<string>): boolean {
  const queue: NodePath[] = [start];
  const seen = new Set<t.Node>([start.node]);
  const nameOf = new Map<t.Node, string>();
  // Top-level functions that return a closure keeping state (`seededRandom(seed)`): harmless
  // while every call's result is only ever called, never kept in what the statement makes.
  const factories = new Set<string>();
  let hidden = false;
  while (queue.length > 0 && !hidden) {
    const path = queue.pop()!;
    path.traverse({
      ReferencedIdentifier(p) {
        const name = (p.node as t.Identifier).name;
        const binding = p.scope.getBinding(name);
        if (!binding || binding.scope !== ctx.programScope) return;
        const target = reachedCode(ctx, name, binding, staticNames);
        if (target && !seen.has(target.node)) {
          seen.add(target.node);
          if (ctx.functions.get(name) === target) nameOf.set(target.node, name);
          queue.push(target);
        }
      },
      Function(p) {
        if (p.node.generator) hidden = true;
      },
      // A global or sticky RegExp keeps lastIndex, which test/exec change unseen.
      RegExpLiteral() {
        hidden = true;
      },
      Identifier(p) {
        if (p.node.name === 'RegExp' && !p.scope.getBinding('RegExp')) hidden = true;
      },
      'AssignmentExpression|UpdateExpression'(p) {
        const n = p.node as t.AssignmentExpression | t.UpdateExpression;
        const target = t.isAssignmentExpression(n) ? n.left : n.argument;
        const fn = p.getFunctionParent();
        if (!fn) return;
        for (const name of Object.keys(t.getBindingIdentifiers(target as t.Node))) {
          const b = p.scope.getBinding(name);
          // A variable of an enclosing function (not its own, not the module's): state kept in a closure.
          if (!b || b.scope === ctx.programScope || isWithin(b.scope.path, fn)) continue;
          const factory = nameOf.get(path.node);
          if (factory !== undefined) factories.add(factory);
          else hidden = true;
        }
      },
    });
  }
  return hidden || [...factories].some((name) => !onlyCalledResults(ctx, name));
}

/** Every call of the function gives a value that is only ever called: `const rnd = f(s); … rnd()`. */
function onlyCalledResults(ctx: ScriptContext, name: string): boolean {
  const b = ctx.programScope.getBinding(name);
  if (!b || !b.constant) return false;
  return b.referencePaths.every((ref) => {
    const call = ref.parentPath;
    if (!call?.isCallExpression() || call.node.callee !== ref.node) return false;
    const decl = call.parentPath;
    if (!decl?.isVariableDeclarator() || decl.node.init !== call.node || !t.isIdentifier(decl.node.id)) return false;
    const local = decl.scope.getBinding(decl.node.id.name);
    return !!local && local.constant && local.referencePaths.every((r) => r.parentPath?.isCallExpression() && r.parentPath.node.callee === r.node);
  });
}

function isWithin(path: NodePath, fn: NodePath): boolean {
  return path === fn || !!path.findParent((q) => q === fn);
}

/**
 * Every declarator of the statement is given an instance of one of the script's classes, or a
 * new array of them (`[new A(), new A()]`, `Array.from({ length: n }, (_, i) => new Item(i))`).
 */
export function makesScriptObjects(ctx: ScriptContext, statement: NodePath): boolean {
  if (!statement.isVariableDeclaration()) return false;
  return statement.get('declarations').every((d) => {
    const init = d.get('init') as NodePath;
    return t.isIdentifier(d.node.id) && !!init.node && (scriptObject(ctx, init, 0) || arrayOfScriptObjects(ctx, init));
  });
}

function arrayOfScriptObjects(ctx: ScriptContext, init: NodePath): boolean {
  if (init.isArrayExpression()) {
    const elements = init.get('elements');
    return elements.length > 0 && elements.every((e) => !!e.node && !e.isSpreadElement() && scriptObject(ctx, e as NodePath, 0));
  }
  if (!init.isCallExpression() || init.node.arguments.length !== 2) return false;
  const callee = init.node.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.object, { name: 'Array' }) || !t.isIdentifier(callee.property, { name: 'from' })) return false;
  if (init.scope.getBinding('Array')) return false;
  const make = init.get('arguments')[1];
  return (make.isArrowFunctionExpression() || make.isFunctionExpression()) && !make.node.async && !make.node.generator && returnsScriptObject(ctx, make, 0);
}
