/**
 * A static cost model: counts the operations a statement executes, multiplying loop bodies
 * by their trip counts when the bounds are literals, constants or arguments that are, and
 * following calls into the script's own functions. Good enough to tell a statement that
 * runs for a second from one that runs for a microsecond, which is the decision that matters.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { Analysis } from '../analyze/index.js';

/** Nanoseconds per counted operation in optimised code (rough; `parallelize calibrate` refines the platform, profiles refine statements). */
export const NS_PER_OP = 0.7;
/** Trip count assumed for loops whose bound we cannot read. */
const UNKNOWN_TRIPS = 100;
const UNKNOWN_SIZE = 1000;
const MAX_DEPTH = 12;

/** Costs of some built-ins, in operations. */
const builtinCost: Record<string, number> = {
  digest: 1500, update: 300, createHash: 500, createHmac: 600, gzipSync: 20000, deflateSync: 20000,
  JSON_parse: 3000, JSON_stringify: 3000, sort: 20, readFileSync: 20000, writeFileSync: 30000,
  sqrt: 2, sin: 5, cos: 5, exp: 5, log: 5, pow: 4, floor: 1, random: 3,
  toFixed: 30, split: 40, join: 40, replace: 60, match: 60, test: 40, toString: 20, padStart: 20,
};

type Env = Map<string, number>;

interface CostContext {
  analysis: Analysis;
  /** How many times the code being counted runs per evaluation of the statement (loop nesting). */
  mult: number;
  /** Known numeric values of top-level constants. */
  constants: Env;
  /** Known lengths of top-level arrays. */
  sizes: Map<string, number>;
  stack: string[];
}

/** Evaluates a numeric expression if its value is known statically. */
function evalNumber(node: t.Node | null | undefined, env: Env, ctx: CostContext): number | undefined {
  if (!node) return undefined;
  if (t.isNumericLiteral(node)) return node.value;
  if (t.isIdentifier(node)) return env.get(node.name) ?? ctx.constants.get(node.name);
  if (t.isUnaryExpression(node) && node.operator === '-') {
    const v = evalNumber(node.argument, env, ctx);
    return v === undefined ? undefined : -v;
  }
  if (t.isBinaryExpression(node)) {
    const a = evalNumber(node.left as t.Node, env, ctx);
    const b = evalNumber(node.right, env, ctx);
    if (a === undefined || b === undefined) return undefined;
    switch (node.operator) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return a / b;
      case '**': return a ** b;
      case '%': return a % b;
      default: return undefined;
    }
  }
  if (t.isMemberExpression(node) && t.isIdentifier(node.property, { name: 'length' }) && t.isIdentifier(node.object)) {
    return env.get(`${node.object.name}.length`) ?? ctx.sizes.get(node.object.name);
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.object, { name: 'Math' })) {
    const args = node.arguments.map((a) => evalNumber(a, env, ctx));
    if (args.some((a) => a === undefined)) return undefined;
    const fn = (Math as unknown as Record<string, (...x: number[]) => number>)[(node.callee.property as t.Identifier).name];
    return typeof fn === 'function' ? fn(...(args as number[])) : undefined;
  }
  return undefined;
}

/** `while (k < 200 && …)`: at most the bound; other conditions usually stop it about halfway. */
function whileTrips(test: t.Expression, env: Env, ctx: CostContext): number {
  const conjuncts: t.Expression[] = [];
  const split = (e: t.Expression): void => {
    if (t.isLogicalExpression(e, { operator: '&&' })) {
      split(e.left);
      split(e.right);
    } else conjuncts.push(e);
  };
  split(test);
  for (const c of conjuncts) {
    if (t.isBinaryExpression(c) && (c.operator === '<' || c.operator === '<=') && t.isIdentifier(c.left)) {
      const bound = evalNumber(c.right, env, ctx);
      if (bound !== undefined) return conjuncts.length > 1 ? Math.max(1, bound / 2) : bound;
    }
  }
  return UNKNOWN_TRIPS;
}

/** A loop that can break or return early usually does: count the square root of its bound. */
function earlyExit(body: t.Statement, trips: number): number {
  // Only a break of this loop counts: not one inside an inner loop or switch, nor anything in a nested function.
  const exits = (n: t.Node | null | undefined, inner: boolean): boolean => {
    if (!n || t.isFunction(n)) return false;
    if (t.isBreakStatement(n)) return !inner && !n.label;
    if (t.isReturnStatement(n)) return true;
    const nested = inner || t.isLoop(n) || t.isSwitchStatement(n);
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const child = (n as unknown as Record<string, t.Node | t.Node[] | null>)[key];
      if (Array.isArray(child) ? child.some((c) => exits(c, nested)) : exits(child, nested)) return true;
    }
    return false;
  };
  return exits(body, false) && trips > 100 ? Math.max(10, Math.sqrt(trips)) : trips;
}

/** Trip count of `for (let i = a; i < b; i += c)`. */
function forTrips(node: t.ForStatement, env: Env, ctx: CostContext): number {
  let v: string | undefined;
  let start: number | undefined;
  if (t.isVariableDeclaration(node.init) && node.init.declarations.length >= 1 && t.isIdentifier(node.init.declarations[0].id)) {
    v = node.init.declarations[0].id.name;
    start = evalNumber(node.init.declarations[0].init, env, ctx);
  } else if (t.isAssignmentExpression(node.init) && t.isIdentifier(node.init.left)) {
    v = node.init.left.name;
    start = evalNumber(node.init.right, env, ctx);
  }
  const test = node.test;
  if (!v || start === undefined || !t.isBinaryExpression(test)) return UNKNOWN_TRIPS;
  let bound: number | undefined;
  let dir = 1;
  if (t.isIdentifier(test.left, { name: v }) && (test.operator === '<' || test.operator === '<=')) bound = evalNumber(test.right, env, ctx);
  else if (t.isIdentifier(test.left, { name: v }) && (test.operator === '>' || test.operator === '>=')) {
    bound = evalNumber(test.right, env, ctx);
    dir = -1;
  } else if (t.isBinaryExpression(test.left, { operator: '*' }) && test.operator.startsWith('<')) {
    const b = evalNumber(test.right, env, ctx);
    bound = b === undefined ? undefined : Math.sqrt(b);
  }
  if (bound === undefined) return UNKNOWN_TRIPS;
  let step = 1;
  const u = node.update;
  if (t.isAssignmentExpression(u) && (u.operator === '+=' || u.operator === '-=')) step = evalNumber(u.right, env, ctx) ?? 1;
  else if (t.isAssignmentExpression(u) && u.operator === '*=') {
    const f = evalNumber(u.right, env, ctx) ?? 2;
    return Math.max(1, Math.log(Math.abs(bound / (start || 1))) / Math.log(f));
  }
  const trips = dir * (bound - start) / Math.abs(step || 1);
  return Number.isFinite(trips) ? Math.max(0, Math.min(trips, 1e12)) : UNKNOWN_TRIPS;
}

function sizeOf(node: t.Node | null | undefined, env: Env, ctx: CostContext): number {
  if (!node) return UNKNOWN_SIZE;
  if (t.isIdentifier(node)) return env.get(`${node.name}.length`) ?? ctx.sizes.get(node.name) ?? UNKNOWN_SIZE;
  if (t.isArrayExpression(node)) return node.elements.length;
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee)) {
    const name = t.isIdentifier(node.callee.property) ? node.callee.property.name : '';
    if (['map', 'filter', 'slice', 'sort', 'reverse', 'fill', 'concat'].includes(name)) return sizeOf(node.callee.object, env, ctx);
    if (name === 'from' && t.isIdentifier(node.callee.object, { name: 'Array' })) {
      const arg = node.arguments[0];
      if (t.isObjectExpression(arg)) {
        const len = arg.properties.find((p) => t.isObjectProperty(p) && t.isIdentifier(p.key, { name: 'length' })) as t.ObjectProperty | undefined;
        return evalNumber(len?.value, env, ctx) ?? UNKNOWN_SIZE;
      }
      return sizeOf(arg, env, ctx);
    }
  }
  if (t.isNewExpression(node) && t.isIdentifier(node.callee) && /Array$/.test(node.callee.name)) {
    return evalNumber(node.arguments[0], env, ctx) ?? UNKNOWN_SIZE;
  }
  if (t.isCallExpression(node) && t.isIdentifier(node.callee)) {
    const fn = ctx.analysis.ctx.functions.get(node.callee.name);
    if (fn && !ctx.stack.includes(node.callee.name) && ctx.stack.length < MAX_DEPTH) return functionResult(node.callee.name, fn, node.arguments, env, ctx, ctx.stack.length).size;
  }
  return UNKNOWN_SIZE;
}

/** Runs `count` with the loop multiplier raised by `times` (so pushes inside count `times` each). */
function inLoop<T>(ctx: CostContext, times: number, count: () => T): T {
  const saved = ctx.mult;
  ctx.mult = saved * Math.max(times, 1);
  try {
    return count();
  } finally {
    ctx.mult = saved;
  }
}

/** The loop variable's middle value, so that inner loops bounded by it (j < i) count half. */
function loopVariable(node: t.ForStatement, env: Env, ctx: CostContext): void {
  const init = node.init;
  if (!t.isVariableDeclaration(init) || !t.isIdentifier(init.declarations[0]?.id) || !t.isBinaryExpression(node.test)) return;
  const name = init.declarations[0].id.name;
  const start = evalNumber(init.declarations[0].init, env, ctx);
  const bound = t.isIdentifier(node.test.left, { name }) ? evalNumber(node.test.right, env, ctx) : undefined;
  if (start !== undefined && bound !== undefined) env.set(name, (start + bound) / 2);
}

/** Operations executed by evaluating a node once. */
function opsOf(node: t.Node | null | undefined, env: Env, ctx: CostContext, depth: number): number {
  if (!node || depth > MAX_DEPTH) return 0;
  if (t.isFunction(node)) return 1; // defining a function is cheap; calls are counted where they happen
  if (t.isForStatement(node)) {
    const trips = earlyExit(node.body, forTrips(node, env, ctx));
    const init = opsOf(node.init, env, ctx, depth);
    loopVariable(node, env, ctx);
    const per = inLoop(ctx, trips, () => opsOf(node.body, env, ctx, depth) + opsOf(node.test, env, ctx, depth) + opsOf(node.update, env, ctx, depth));
    return init + trips * Math.max(per, 1);
  }
  if (t.isWhileStatement(node) || t.isDoWhileStatement(node)) {
    const trips = earlyExit(node.body, whileTrips(node.test, env, ctx));
    return trips * Math.max(1, inLoop(ctx, trips, () => opsOf(node.body, env, ctx, depth) + opsOf(node.test, env, ctx, depth)));
  }
  if (t.isForOfStatement(node) || t.isForInStatement(node)) {
    const n = sizeOf(node.right, env, ctx);
    return n * Math.max(1, inLoop(ctx, n, () => opsOf(node.body, env, ctx, depth))) + opsOf(node.right, env, ctx, depth);
  }
  if (t.isCallExpression(node) || t.isNewExpression(node)) return callOps(node, env, ctx, depth);
  if (t.isVariableDeclarator(node) && t.isIdentifier(node.id)) {
    const ops = 1 + opsOf(node.init, env, ctx, depth);
    // Learn local constants and array sizes, as for top-level statements.
    const v = evalNumber(node.init, env, ctx);
    if (v !== undefined) env.set(node.id.name, v);
    const n = sizeOf(node.init, env, ctx);
    if (n !== UNKNOWN_SIZE) env.set(`${node.id.name}.length`, n);
    return ops;
  }
  let sum = 1;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, t.Node | t.Node[] | null>)[key];
    if (Array.isArray(child)) for (const c of child) sum += opsOf(c, env, ctx, depth);
    else if (child) sum += opsOf(child, env, ctx, depth);
  }
  return sum;
}

function callOps(node: t.CallExpression | t.NewExpression, env: Env, ctx: CostContext, depth: number): number {
  let args = 0;
  for (const a of node.arguments) if (!t.isFunction(a)) args += opsOf(a, env, ctx, depth);
  const callee = node.callee;
  const fnArg = node.arguments.find((a) => t.isFunction(a)) as t.Function | undefined;
  if (t.isIdentifier(callee)) {
    const fnPath = ctx.analysis.ctx.functions.get(callee.name);
    if (fnPath) return args + 5 + functionResult(callee.name, fnPath, node.arguments, env, ctx, depth).ops;
    return args + 10;
  }
  if (t.isMemberExpression(callee)) {
    const name = t.isIdentifier(callee.property) ? callee.property.name : '';
    // Count what a push adds, for the size of the array later.
    if ((name === 'push' || name === 'unshift') && t.isIdentifier(callee.object)) {
      const key = `${callee.object.name}.length`;
      env.set(key, (env.get(key) ?? 0) + ctx.mult * node.arguments.length);
    }
    let own = opsOf(callee.object, env, ctx, depth);
    if (t.isIdentifier(callee.object, { name: 'JSON' })) own += builtinCost[`JSON_${name}`] ?? 100;
    else own += builtinCost[name] ?? 10;
    const isArrayFrom = name === 'from' && t.isIdentifier(callee.object, { name: 'Array' });
    if (fnArg || isArrayFrom || name === 'fill') {
      const n = isArrayFrom ? sizeOf(node, env, ctx) : sizeOf(callee.object, env, ctx);
      const factor = name === 'sort' ? Math.log2(Math.max(n, 2)) : 1;
      const body = fnArg ? inLoop(ctx, n * factor, () => opsOf(fnArg.body, env, ctx, depth + 1)) + 3 : 2;
      return args + own + n * factor * body;
    }
    if (name === 'sort') {
      const n = sizeOf(callee.object, env, ctx);
      return args + own + n * Math.log2(Math.max(n, 2)) * 10;
    }
    return args + own;
  }
  return args + opsOf(callee, env, ctx, depth) + 10;
}

/** Operations of one call of a script function, and the length of the array it returns if known. */
function functionResult(name: string, fn: NodePath<t.Function>, args: t.Node[], env: Env, ctx: CostContext, depth: number): { ops: number; size: number } {
  if (ctx.stack.includes(name)) return { ops: 0, size: UNKNOWN_SIZE }; // counted once, multiplied at the outermost call
  const inner: Env = new Map();
  ctx.stack.push(name);
  fn.node.params.forEach((p, i) => {
    if (t.isIdentifier(p)) {
      const v = evalNumber(args[i], env, ctx);
      if (v !== undefined) inner.set(p.name, v);
      const n = sizeOf(args[i], env, ctx);
      if (n !== UNKNOWN_SIZE) inner.set(`${p.name}.length`, n);
    }
  });
  const saved = ctx.mult;
  ctx.mult = 1; // sizes inside the function are per call
  let ops: number;
  let size = UNKNOWN_SIZE;
  try {
    ops = opsOf(fn.node.body, inner, ctx, depth + 1);
    // The returned array's length, while the function is still on the stack (its own calls stay unknown).
    const body = fn.node.body;
    if (t.isBlockStatement(body)) {
      for (const stmt of body.body) if (t.isReturnStatement(stmt) && stmt.argument) size = sizeOf(stmt.argument, inner, ctx);
    } else size = sizeOf(body, inner, ctx);
  } finally {
    ctx.mult = saved;
    ctx.stack.pop();
  }
  if (callsItself(fn, name)) {
    // Recursion: the depth is usually set by an argument; guess from it when known.
    const n = [...inner.values()].find((v) => Number.isFinite(v) && v > 0 && v < 1e7);
    ops *= n !== undefined ? Math.min(2 ** Math.min(n, 40), n * n * 100, 1e10) : 1000;
  }
  return { ops, size };
}

const recursionMemo = new WeakMap<t.Node, boolean>();
function callsItself(fn: NodePath<t.Function>, name: string): boolean {
  const memo = recursionMemo.get(fn.node);
  if (memo !== undefined) return memo;
  let found = false;
  t.traverseFast(fn.node.body, (n) => {
    if (t.isCallExpression(n) && t.isIdentifier(n.callee, { name })) found = true;
  });
  recursionMemo.set(fn.node, found);
  return found;
}

/** Estimated milliseconds per top-level statement. */
export function staticCosts(analysis: Analysis): number[] {
  return staticCostModel(analysis).statements;
}

/** Statement costs, and a way to cost any expression of a statement (with what is known before it). */
export function staticCostModel(analysis: Analysis): { statements: number[]; expression(node: t.Node, statement: number): number } {
  const ctx: CostContext = { analysis, mult: 1, constants: new Map(), sizes: new Map(), stack: [] };
  const out: number[] = [];
  const snapshots: { constants: Env; sizes: Map<string, number> }[] = [];
  for (const s of analysis.statements) {
    snapshots.push({ constants: new Map(ctx.constants), sizes: new Map(ctx.sizes) });
    const node = s.path.node;
    const ops = t.isFunctionDeclaration(node) || t.isClassDeclaration(node) ? 1 : opsOf(node, new Map(), ctx, 0);
    // A bound that evaluates to NaN or Infinity says nothing: count it as unknown.
    out.push(Number.isFinite(ops) ? (ops * NS_PER_OP) / 1e6 : (UNKNOWN_TRIPS * NS_PER_OP) / 1e6);
    // Learn constants and sizes for the statements that follow.
    if (t.isVariableDeclaration(node)) {
      for (const d of node.declarations) {
        if (!t.isIdentifier(d.id) || !d.init) continue;
        const b = analysis.bindings.get(d.id.name);
        const stable = !b || b.assignedBy.length === 0;
        const v = evalNumber(d.init, new Map(), ctx);
        if (v !== undefined && stable) ctx.constants.set(d.id.name, v);
        const n = sizeOf(d.init, new Map(), ctx);
        if (n !== UNKNOWN_SIZE) ctx.sizes.set(d.id.name, n);
      }
    }
  }
  return {
    statements: out,
    expression(node, statement) {
      const snap = snapshots[statement] ?? { constants: new Map(), sizes: new Map() };
      const local: CostContext = { analysis, mult: 1, constants: snap.constants, sizes: snap.sizes, stack: [] };
      return (opsOf(node, new Map(), local, 0) * NS_PER_OP) / 1e6;
    },
  };
}

/** Estimated bytes of a binding's value when cloned (for communication costs). */
export function staticSize(analysis: Analysis, name: string): number {
  const kind = analysis.kinds.get(name)?.k ?? 'any';
  if (kind === 'prim') return 16;
  return 64 * 1024;
}

const TYPED = /^(Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float32|Float64|BigInt64|BigUint64)Array$|^ArrayBuffer$/;
const NUMERIC_OPS = new Set(['-', '*', '/', '%', '**', '<<', '>>', '>>>', '&', '|', '^']);

/**
 * Whether a binding's declaration shows a flat numeric value: a typed array or ArrayBuffer
 * (never reassigned), or an Array built of numbers (`Array.from(…, fn)`, `.map(fn)`,
 * `new Array(n).fill(x)` with a numeric fn or x) that no statement changes later. Anything
 * else, or anything unclear, is false: pricing data as flat when it is not would move too much.
 */
export function staticallyNumeric(analysis: Analysis, name: string): boolean {
  const binding = analysis.ctx.programScope.getBinding(name);
  if (!binding || binding.constantViolations.length > 0 || !binding.path.isVariableDeclarator()) return false;
  const init = binding.path.node.init;
  if (!init) return false;
  const global = (n: t.Node, id: RegExp | string) =>
    t.isIdentifier(n) && (typeof id === 'string' ? n.name === id : id.test(n.name)) && !analysis.ctx.programScope.getBinding(n.name);
  // Typed arrays coerce whatever is stored into them: element writes cannot make them structured.
  if (t.isNewExpression(init) && global(init.callee, TYPED)) return true;
  if (t.isCallExpression(init) && t.isMemberExpression(init.callee) && global(init.callee.object, TYPED) && t.isIdentifier(init.callee.property) && /^(from|of)$/.test(init.callee.property.name)) return true;
  if (!t.isCallExpression(init) || !t.isMemberExpression(init.callee) || !t.isIdentifier(init.callee.property)) return false;
  if (analysis.statements.some((s) => s.mutates.includes(name))) return false;
  const method = init.callee.property.name;
  const [first, second] = init.arguments;
  if (method === 'fill') {
    const made = init.callee.object; // new Array(n) or Array(n)
    return (t.isNewExpression(made) || t.isCallExpression(made)) && global(made.callee, 'Array') && !!first && numericExpression(first as t.Node, new Set(), global);
  }
  const fn = method === 'map' ? first : method === 'from' && global(init.callee.object, 'Array') ? second : undefined;
  if (!fn || !(t.isArrowFunctionExpression(fn) || t.isFunctionExpression(fn))) return false;
  // The index argument (second parameter of both callbacks) is a number.
  const index = t.isIdentifier(fn.params[1]) ? new Set([fn.params[1].name]) : new Set<string>();
  if (t.isExpression(fn.body)) return numericExpression(fn.body, index, global);
  const body = fn.body.body;
  return body.length === 1 && t.isReturnStatement(body[0]) && !!body[0].argument && numericExpression(body[0].argument, index, global);
}

/** An expression that always yields a number (or throws): arithmetic with a number, Math calls, `+x`. */
function numericExpression(node: t.Node, numbers: Set<string>, global: (n: t.Node, id: string) => boolean): boolean {
  const numeric = (n: t.Node) => numericExpression(n, numbers, global);
  if (t.isNumericLiteral(node)) return true;
  if (t.isIdentifier(node)) return numbers.has(node.name);
  if (t.isUnaryExpression(node)) return node.operator === '+' || ((node.operator === '-' || node.operator === '~') && numeric(node.argument));
  // Mixing a BigInt with a number throws, so one numeric side makes the result a number; `+` may concatenate.
  if (t.isBinaryExpression(node) && node.operator === '+') return numeric(node.left) && numeric(node.right);
  if (t.isBinaryExpression(node) && NUMERIC_OPS.has(node.operator)) return numeric(node.left) || numeric(node.right);
  if (t.isConditionalExpression(node)) return numeric(node.consequent) && numeric(node.alternate);
  return t.isCallExpression(node) && t.isMemberExpression(node.callee) && global(node.callee.object, 'Math');
}
