/**
 * Shapes of loop code the static cost model reads (static-cost.ts prices them): what a loop body
 * adds to or takes from a collection and whether on every trip, where a generator yields, whether
 * a loop runs until something inside stops it, and the count at which a consumer stops. Syntax
 * only: no values, no scopes.
 */
import * as t from '@babel/types';

/**
 * Visits every node under `root` with whether it runs only on some trips through `root`: under a
 * branch of an `if`, a `?:`, an `&&`/`||` or a `switch`. With `inner`, also in an inner loop, a
 * `try` or a function written inside; without, such functions are skipped (their code runs where
 * they are called). `visit` returning true stops the walk.
 */
export function walkGuarded(root: t.Node, visit: (n: t.Node, guarded: boolean) => boolean | void, inner = false): void {
  let stopped = false;
  const walk = (n: t.Node | null | undefined, guarded: boolean): void => {
    if (!n || stopped) return;
    if (t.isFunction(n) && n !== root && !inner) return;
    if (visit(n, guarded)) {
      stopped = true;
      return;
    }
    const whole = inner && n !== root && (t.isLoop(n) || t.isFunction(n) || t.isTryStatement(n));
    const branches = t.isIfStatement(n) || t.isConditionalExpression(n) ? ['consequent', 'alternate'] : t.isLogicalExpression(n) ? ['right'] : t.isSwitchStatement(n) ? ['cases'] : [];
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const child = (n as unknown as Record<string, t.Node | t.Node[] | null>)[key];
      for (const c of Array.isArray(child) ? child : [child]) walk(c, guarded || whole || branches.includes(key));
    }
  };
  walk(root, false);
}

/** `name.push(…)`, `name.add(…)`…: a call that adds to the named array, set or map. */
export function addsTo(n: t.Node, name: string): boolean {
  return t.isCallExpression(n) && t.isMemberExpression(n.callee) && t.isIdentifier(n.callee.object, { name }) && t.isIdentifier(n.callee.property) && /^(push|unshift|add|set)$/.test(n.callee.property.name);
}

/** Whether a loop body adds to the named array or set. */
export function pushesTo(body: t.Node, name: string): boolean {
  let found = false;
  t.traverseFast(body, (n) => {
    if (addsTo(n, name)) found = true;
  });
  return found;
}

/** Whether every addition to the named collection in a loop body is under a condition. */
export function addsConditionally(body: t.Node, name: string): boolean {
  let always = false;
  walkGuarded(body, (n, guarded) => (always = !guarded && addsTo(n, name)));
  return !always;
}

/**
 * Whether a loop body, on every trip, takes more elements from the named list than it puts back:
 * its takes and puts outside any branch, inner loop or callback, and no put in one.
 */
export function shortens(body: t.Node, name: string): boolean {
  let taken = 0;
  let put = 0;
  let refills = false;
  walkGuarded(body, (n, guarded) => {
    if (!t.isCallExpression(n) || !t.isMemberExpression(n.callee) || !t.isIdentifier(n.callee.object, { name }) || !t.isIdentifier(n.callee.property)) return;
    const method = n.callee.property.name;
    const puts = method === 'push' || method === 'unshift' ? (n.arguments.some((a) => t.isSpreadElement(a)) ? Infinity : n.arguments.length) : 0;
    if (guarded) refills ||= puts > 0;
    else {
      put += puts;
      if (method === 'pop' || method === 'shift') taken += 1;
      else if (method === 'splice') taken += t.isNumericLiteral(n.arguments[1]) ? n.arguments[1].value : 0;
    }
  }, true);
  return !refills && taken > put;
}

/**
 * Whether a loop yields for the generator it is written in: on every trip ('always'), only on
 * some ('sometimes': under an `if`, a `?:`, an `&&`, or after a `continue`), or never. Yields of
 * functions written inside it are theirs.
 */
export function yieldIn(loop: t.Loop): 'always' | 'sometimes' | undefined {
  let memo = yieldMemo.get(loop);
  if (memo === undefined) yieldMemo.set(loop, (memo = yieldInUncached(loop) ?? null));
  return memo ?? undefined;
}
const yieldMemo = new WeakMap<t.Loop, 'always' | 'sometimes' | null>();

function yieldInUncached(loop: t.Loop): 'always' | 'sometimes' | undefined {
  let always = false;
  let sometimes = false;
  let skips = false;
  walkGuarded(loop.body, (n, guarded) => {
    if (t.isContinueStatement(n)) skips = true;
    if (t.isYieldExpression(n)) {
      if (guarded) sometimes = true;
      else always = true;
    }
  });
  if (!always && !sometimes) return undefined;
  return always && !skips ? 'always' : 'sometimes';
}

/** A loop with no condition, or `true` for one (`for (let n = 2; ; n++)`, `while (true)`): it runs until something inside stops it. */
export function endless(loop: t.Loop): boolean {
  if (t.isForInStatement(loop) || t.isForOfStatement(loop)) return false;
  const test = loop.test;
  return !test || t.isBooleanLiteral(test, { value: true }) || (t.isNumericLiteral(test) && test.value !== 0);
}

/**
 * The count at which a loop body stops its loop: `if (i++ >= n) return;`, `if (taken.length ===
 * limit) break;`, `if (++seen > max) break;`. The bound, as written, for the caller to evaluate.
 */
export function exitBound(body: t.Statement): t.Expression | undefined {
  const statements = t.isBlockStatement(body) ? body.body : [body];
  // A count goes up by one a trip: a counter stepped by one, or a collection the body adds to.
  // A sum (`if (total > 1e15) break`) may grow by anything.
  const counted = (e: t.Node): boolean => {
    if (t.isUpdateExpression(e) && t.isIdentifier(e.argument)) return e.operator === '++';
    if (t.isIdentifier(e)) return stepsByOne(body, e.name);
    if (t.isMemberExpression(e) && !e.computed && t.isIdentifier(e.object) && t.isIdentifier(e.property) && /^(length|size)$/.test(e.property.name)) return pushesTo(body, e.object.name);
    return false;
  };
  for (const s of statements) {
    if (!t.isIfStatement(s) || !leaves(s.consequent)) continue;
    const test = s.test;
    if (!t.isBinaryExpression(test) || t.isPrivateName(test.left)) continue;
    if (['>=', '>', '===', '=='].includes(test.operator) && counted(test.left)) return test.right;
    if (['<=', '<', '===', '=='].includes(test.operator) && counted(test.right)) return test.left;
  }
  return undefined;
}

/** Whether a loop body steps a name up by one (`n++`, `++n`, `n += 1`) and changes it no other way. */
function stepsByOne(body: t.Node, name: string): boolean {
  let steps = false;
  let other = false;
  t.traverseFast(body, (n) => {
    if (t.isUpdateExpression(n) && t.isIdentifier(n.argument, { name })) {
      if (n.operator === '++') steps = true;
      else other = true;
    } else if (t.isAssignmentExpression(n) && t.isIdentifier(n.left, { name })) {
      if (n.operator === '+=' && t.isNumericLiteral(n.right, { value: 1 })) steps = true;
      else other = true;
    }
  });
  return steps && !other;
}

/** A `break` or `return` (alone or first in a block). */
function leaves(s: t.Statement): boolean {
  const first = t.isBlockStatement(s) ? s.body[0] : s;
  return (t.isBreakStatement(first) && !first.label) || t.isReturnStatement(first);
}
