/**
 * What a parameter may hold besides the argument it was given.
 *
 * A summary names a parameter's objects by position ('#p0'), which is right only while the
 * parameter still holds its argument. `list = B; list.push(x)` pushes into B, so a parameter that
 * is assigned also holds what it is assigned. In sloppy code with simple parameters the
 * `arguments` object is mapped: `arguments[0]` and the first parameter are one variable, so
 * `list = B; arguments[0].push(x)` and `arguments[0] = C; list.push(x)` change B and C. There
 * every parameter, and `arguments`, holds what any of them is assigned.
 */
import type { Binding, NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { argumentsOwner } from './arguments.js';

export interface ParamAliases {
  /** Values assigned to the parameter (the right-hand sides: `list = B`, `arguments[0] = C`). */
  assigned: NodePath[];
  /** Collections a `for (param of xs)` takes the parameter's values from. */
  iterated: NodePath[];
  /** `arguments` escapes where we cannot see what is written through it. */
  escapes: boolean;
}

const memo = new WeakMap<t.Node, ParamAliases | null>();

/**
 * Aliases of a parameter of `fn` (binding null: `fn`'s own `arguments`), or undefined when it
 * holds only its argument.
 */
export function paramAliases(fn: NodePath<t.Function>, binding: Binding | null): ParamAliases | undefined {
  const mapped = mappedArguments(fn);
  if (mapped) return mapped;
  if (!binding || binding.constant) return undefined;
  return ownAssignments(binding);
}

const ownMemo = new WeakMap<Binding, ParamAliases | null>();

function ownAssignments(binding: Binding): ParamAliases | undefined {
  if (!ownMemo.has(binding)) ownMemo.set(binding, collectAssignments(binding) ?? null);
  return ownMemo.get(binding) ?? undefined;
}

function collectAssignments(binding: Binding): ParamAliases | undefined {
  const out: ParamAliases = { assigned: [], iterated: [], escapes: false };
  for (const v of binding.constantViolations) {
    if (v.isAssignmentExpression()) out.assigned.push(v.get('right'));
    else if (v.isForOfStatement()) out.iterated.push(v.get('right'));
    // `x++`, `for (k in o)` give numbers and strings; anything else we cannot read is anything.
    else if (!v.isUpdateExpression() && !v.isForInStatement()) out.escapes = true;
  }
  return out.assigned.length || out.iterated.length || out.escapes ? out : undefined;
}

/** A sloppy function with simple parameters that uses its `arguments`: each parameter aliases a slot. */
function mappedArguments(fn: NodePath<t.Function>): ParamAliases | undefined {
  if (memo.has(fn.node)) return memo.get(fn.node) ?? undefined;
  let result: ParamAliases | null = null;
  const simple = fn.node.params.every((p) => t.isIdentifier(p));
  if (simple && !fn.isArrowFunctionExpression() && fn.node.params.length > 0 && !fn.isInStrictMode()) {
    const uses: NodePath<t.Identifier>[] = [];
    fn.traverse({
      Identifier(p) {
        if (p.node.name === 'arguments' && p.isReferencedIdentifier() && !p.scope.getBinding('arguments') && argumentsOwner(p)?.node === fn.node) uses.push(p);
      },
    });
    if (uses.length) {
      const out: ParamAliases = { assigned: [], iterated: [], escapes: false };
      for (const use of uses) {
        const parent = use.parentPath!;
        if (parent.isMemberExpression() && parent.node.object === use.node) {
          const write = parent.parentPath;
          if (write?.isAssignmentExpression() && write.node.left === parent.node) out.assigned.push(write.get('right'));
          else if ((write?.isForOfStatement() || write?.isForInStatement()) && write.node.left === parent.node) out.escapes = true;
        } else if (!readOnlyUse(use)) out.escapes = true;
      }
      for (const p of fn.node.params) {
        const b = fn.scope.getOwnBinding((p as t.Identifier).name);
        const own = b && !b.constant ? ownAssignments(b) : undefined;
        if (own) {
          out.assigned.push(...own.assigned);
          out.iterated.push(...own.iterated);
          out.escapes ||= own.escapes;
        }
      }
      if (out.assigned.length || out.iterated.length || out.escapes) result = out;
    }
  }
  memo.set(fn.node, result);
  return result ?? undefined;
}

/** `[...arguments]`, `f.apply(this, arguments)`, `Array.from(arguments)`, `[].slice.call(arguments)`, `console.log(arguments)`: read, not written. */
function readOnlyUse(use: NodePath<t.Identifier>): boolean {
  const parent = use.parentPath!;
  if (parent.isSpreadElement()) return true;
  if (!parent.isCallExpression() || parent.node.callee === use.node) return false;
  const callee = parent.node.callee;
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property)) return false;
  const method = callee.property.name;
  if (t.isIdentifier(callee.object, { name: 'console' }) || (t.isIdentifier(callee.object, { name: 'JSON' }) && method === 'stringify')) return true;
  if (method === 'apply') return parent.node.arguments[1] === use.node;
  if (method === 'from') return t.isIdentifier(callee.object, { name: 'Array' }) && parent.node.arguments[0] === use.node;
  if (method === 'call' && parent.node.arguments[0] === use.node && t.isMemberExpression(callee.object) && t.isIdentifier(callee.object.property)) {
    return COPYING.has(callee.object.property.name);
  }
  return false;
}

/** Array methods that read their receiver without changing it. */
const COPYING = new Set(['slice', 'map', 'filter', 'join', 'forEach', 'indexOf', 'includes', 'concat', 'reduce', 'some', 'every', 'find']);
