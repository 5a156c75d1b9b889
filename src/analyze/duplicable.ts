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
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { typedArrays } from './builtins.js';
import type { ScriptContext } from './context.js';
import type { StatementInfo } from './statements.js';

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
          const fn = ctx.functions.get(name);
          const cls = ctx.classes.get(name);
          if (ctx.modules.has(name) || ctx.moduleMembers.has(name) || ctx.foreign.has(name)) ok = false;
          else if (fn) reach(fn);
          else if (cls) reach(cls);
          else if (staticNames.has(name) && binding.path.isVariableDeclarator()) reach(binding.path); // a shared constant may hold methods
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

/** `Array.prototype.x`, `Math.f`, an undeclared name: a target or argument that is global state. */
function rootedAtGlobal(p: NodePath, node: t.Node): boolean {
  let n = node;
  while (t.isMemberExpression(n) || t.isOptionalMemberExpression(n)) n = n.object;
  return t.isIdentifier(n) && !p.scope.getBinding(n.name);
}
