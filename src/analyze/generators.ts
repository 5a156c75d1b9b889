/**
 * Generators: a call makes an iterator, and the body runs later, a piece at each `next()`. Where
 * the iterator is used up (or dropped) in the code that made it — `for (const p of primes())`,
 * `[...take(gen(), 10)]`, `sum(gen())` where `sum` only iterates its parameter — the body runs in
 * the activation that called it, so its facts can be counted at the call like a plain function's.
 * Anywhere else (kept in a variable, passed to unknown code, a generator method or expression),
 * the body may run in some later statement: the walker marks that use 'async', which keeps it in order.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { unshadowed } from './builtins.js';
import type { ScriptContext } from './context.js';

/** A top-level `function*` declaration that nothing reassigns (not async: those are promises). */
export function topGenerator(ctx: ScriptContext, name: string): NodePath<t.Function> | undefined {
  const fn = ctx.functions.get(name);
  if (!fn || !fn.node.generator || fn.node.async || !fn.isFunctionDeclaration()) return undefined;
  return ctx.programScope.getBinding(name)?.constant ? fn : undefined;
}

/**
 * Is the iterator this expression makes used up where it is made, so that no other code can
 * resume it? Calls to a top-level generator are asked; `depth` bounds nested arguments.
 */
export function consumedIterator(ctx: ScriptContext, p: NodePath, depth = 0): boolean {
  const parent = p.parentPath;
  if (!parent || depth > 8) return false;
  if (parent.isForOfStatement()) return p.key === 'right' && !parent.node.await;
  if (parent.isYieldExpression()) return parent.node.delegate === true; // run by the generator around it
  if (parent.isSpreadElement()) {
    const outer = parent.parentPath;
    return !!outer && (outer.isArrayExpression() || outer.isCallExpression() || outer.isNewExpression());
  }
  if (parent.isVariableDeclarator()) return p.key === 'init' && t.isArrayPattern(parent.node.id);
  if ((parent.isCallExpression() || parent.isNewExpression()) && p.listKey === 'arguments') {
    const index = p.key as number;
    const callee = parent.node.callee;
    const scope = parent.scope;
    if (index === 0 && t.isMemberExpression(callee) && unshadowed(callee.object, scope, ['Array']) && t.isIdentifier(callee.property, { name: 'from' }) && !callee.computed) return true;
    if (index === 0 && parent.isNewExpression() && unshadowed(callee, scope, ['Set', 'Map'])) return true;
    if (!t.isIdentifier(callee) || parent.isNewExpression()) return false;
    const b = scope.getBinding(callee.name);
    if (!b || b.scope !== ctx.programScope || !b.constant) return false;
    const fn = ctx.functions.get(callee.name);
    if (!fn || fn.node.async || !onlyIterates(fn, index)) return false;
    // A plain function iterates its argument before it returns; a generator only when it is run.
    return !fn.node.generator || (!!topGenerator(ctx, callee.name) && consumedIterator(ctx, parent, depth + 1));
  }
  return false;
}

/** Does the function use its parameter `index` only to iterate it, in its own body? */
function onlyIterates(fn: NodePath<t.Function>, index: number): boolean {
  const param = fn.node.params[index];
  if (!t.isIdentifier(param)) return false;
  const b = fn.scope.getBinding(param.name);
  if (!b || b.kind !== 'param' || !b.constant) return false;
  return b.referencePaths.every((r) => {
    if (r.getFunctionParent()?.node !== fn.node) return false;
    const parent = r.parentPath!;
    if (parent.isForOfStatement()) return r.key === 'right' && !parent.node.await;
    if (parent.isYieldExpression()) return parent.node.delegate === true;
    if (parent.isSpreadElement()) return !!parent.parentPath && parent.parentPath.isArrayExpression();
    return false;
  });
}
