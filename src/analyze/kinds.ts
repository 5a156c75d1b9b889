/**
 * Value kinds of top-level bindings: can every value the binding ever holds cross
 * threads by structured clone and arrive as the same value? (prim, data: yes; any: no.)
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScriptContext } from './context.js';
import { ANY, PRIM, joinSym, mayShare, type SymKind } from './facts.js';
import type { StatementInfo } from './statements.js';
import type { Summaries } from './summaries.js';
import { aliasClasses } from './dependences.js';
import { UnitWalker, elementKind, type TopKinds } from './walk.js';

export function computeTopKinds(ctx: ScriptContext, statements: StatementInfo[], previous: TopKinds, summaries: Summaries): TopKinds {
  const kinds: TopKinds = new Map();
  const env = { ctx, topKinds: previous, returnKind: summaries.returnKind };
  for (const [name, binding] of Object.entries(ctx.programScope.bindings)) {
    let k: SymKind = PRIM;
    const bp = binding.path;
    const walker = new UnitWalker(env, null);
    if (binding.kind === 'hoisted' || binding.kind === 'module' || bp.isClass() || bp.isFunction()) k = ANY;
    else if (bp.isVariableDeclarator()) {
      const init = bp.get('init');
      const loop = bp.parentPath.parentPath;
      if (loop && (loop.isForOfStatement() || loop.isForInStatement()) && loop.node.left === bp.parent) {
        k = loop.isForInStatement() ? PRIM : elementKind(walker.kindOf(loop.get('right')));
      } else if (init.node) {
        const v = walker.kindOf(init);
        k = t.isIdentifier(bp.node.id) ? v : destructuredKind(bp.node.id, name, v);
        if (t.isIdentifier(bp.node.id) && flatLiteral(init as NodePath, walker)) k = { ...k, flat: true };
      }
    } else k = ANY;
    for (const v of binding.constantViolations) {
      if (v.isAssignmentExpression()) {
        const left = v.node.left;
        const rk = v.node.operator === '=' ? walker.kindOf(v.get('right')) : PRIM;
        k = joinSym(k, t.isIdentifier(left) ? rk : elementKind(rk));
      } else if (v.isForOfStatement()) k = joinSym(k, elementKind(walker.kindOf(v.get('right'))));
      else if (!v.isUpdateExpression() && !v.isForInStatement()) k = ANY;
    }
    // What is stored into a binding's objects counts only if it may hold one: a store "into" a
    // string (a param that held one, in a function's summary) changes nothing.
    if (k.k !== 'prim') for (const s of statements) {
      const stored = s.facts.mutates.get(name);
      if (stored) k = joinSym(k, stored.k === 'prim' ? PRIM : stored);
    }
    // A Map, Set, Date or typed array given a named property (`m.unit = 'kg'`) loses it in a
    // clone (an array keeps its own).
    if (k.k !== 'any' && bp.isVariableDeclarator() && t.isNewExpression(bp.node.init) && !t.isIdentifier(bp.node.init.callee, { name: 'Array' })) {
      if (statements.some((s) => s.facts.named.has(name))) k = ANY;
    }
    kinds.set(name, k.k === 'data' && k.flat ? { k: 'data', params: [], flat: true } : { k: k.k, params: [] });
  }
  // A store through another binding that may share the array (`const B = VOCAB; B.push(obj)`,
  // `holder.v = VOCAB`) is that binding's: a flat array stays flat only if all of them are.
  const { classes } = aliasClasses(statements, statements.map((s) => s.id), previous, (n) => !n.startsWith('#'));
  for (const members of classes) {
    if ([...members].every((n) => kinds.get(n)?.k === 'prim' || kinds.get(n)?.flat)) continue;
    for (const n of members) if (kinds.get(n)?.flat) kinds.set(n, { k: 'data', params: [] });
  }
  return kinds;
}

/**
 * An array literal of primitives (`['data', 'model', …]`): a flat container, as long as every
 * store into the binding, anywhere in the script, is a primitive too (the stores are joined in
 * above, round after round, until the kinds settle).
 */
function flatLiteral(init: NodePath, walker: UnitWalker): boolean {
  if (!init.isArrayExpression()) return false;
  return init.get('elements').every((el) => !el.node || (!el.isSpreadElement() && !mayShare(walker.kindOf(el))));
}

/** `const { a } = obj`: a is an element of obj; a default value may be anything. */
function destructuredKind(pattern: t.Node, name: string, whole: SymKind): SymKind {
  let k = elementKind(whole);
  const visit = (node: t.Node | null | undefined): void => {
    if (!node) return;
    if (t.isAssignmentPattern(node)) {
      if (t.isIdentifier(node.left, { name })) k = ANY; // a default expression: be safe
      visit(node.left);
    } else if (t.isObjectPattern(node)) node.properties.forEach((p) => visit(t.isRestElement(p) ? p.argument : p.value));
    else if (t.isArrayPattern(node)) node.elements.forEach(visit);
    else if (t.isRestElement(node)) visit(node.argument);
  };
  visit(pattern);
  return k;
}

export type { NodePath };
