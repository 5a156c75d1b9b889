/**
 * Arguments by position. A call site records what it passes at each of ARG_SLOTS parameter
 * positions; a unit's parameter i is the root '#p<i>', and a rest parameter or `arguments`
 * '#p<i>+' (argument i and every later one). A closure that a factory returns numbers the
 * factory's parameters after its own (ARG_SLOTS + i): see closures.ts.
 */
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';

/** The function whose `arguments` this is (arrows have none of their own), or null at the top level. */
export function argumentsOwner(p: NodePath): NodePath<t.Function> | null {
  let fn = p.getFunctionParent();
  while (fn && fn.isArrowFunctionExpression()) fn = fn.parentPath.getFunctionParent();
  return fn;
}

/** Parameter positions a call site tells apart; a rest parameter stands for the slots from its own on. */
export const ARG_SLOTS = 32;

/**
 * What a call passes at each parameter position. After a spread, any position from it on may get
 * any of the later values; past ARG_SLOTS, the last slot stands for all the rest.
 */
export function spreadArgs<T>(items: T[], spreadAt: number, join: (a: T, b: T) => T): T[] {
  const cut = spreadAt >= 0 ? Math.min(spreadAt, ARG_SLOTS - 1) : items.length > ARG_SLOTS ? ARG_SLOTS - 1 : -1;
  if (cut < 0) return items;
  const tail = items.slice(cut).reduce(join);
  return [...items.slice(0, cut), ...Array.from({ length: ARG_SLOTS - cut }, () => tail)];
}

/** The same value at every parameter position. */
export function everyArg<T>(value: T): T[] {
  return Array.from({ length: ARG_SLOTS }, () => value);
}

/** Parameter positions a rest parameter at `i` stands for (a call site joins any beyond these into the last: see spreadArgs). */
export function laterArgs(i: number): number[] {
  const end = i < ARG_SLOTS ? ARG_SLOTS : 2 * ARG_SLOTS;
  return Array.from({ length: Math.max(1, end - i) }, (_, k) => i + k);
}
