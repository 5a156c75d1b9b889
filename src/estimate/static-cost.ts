/**
 * A static cost model: counts the operations a statement executes, multiplying loop bodies
 * by their trip counts when the bounds are literals, constants or arguments that are, and
 * following calls into the script's own functions. Good enough to tell a statement that
 * runs for a second from one that runs for a microsecond, which is the decision that matters.
 */
import * as t from '@babel/types';
import { typedArrays } from '../analyze/builtins.js';
import { returnedClosures } from '../analyze/closures.js';
import type { Analysis } from '../analyze/index.js';
import { fieldValues, type FieldValues } from './field-values.js';
import { dataFile, knownPath, type DataFile } from './data-files.js';
import { addsConditionally, endless, exitBound, pushesTo, shortens, yieldIn } from './loop-syntax.js';

/** Nanoseconds per counted operation in optimised code (rough; `parallelize calibrate` refines the platform, profiles refine statements). */
export const NS_PER_OP = 1.25;
/** Trip count assumed for loops whose bound we cannot read. */
const UNKNOWN_TRIPS = 100;
const UNKNOWN_SIZE = 1000;
/** Length assumed for an element of a collection (a row, a neighbour list) when unknown. */
const UNKNOWN_ELEMENT = 16;
/** Tables up to this many rows are taken as square when a row's length is unknown. */
const SQUARE_ROWS = 5000;
const MAX_DEPTH = 12;

/** Costs of some built-ins, in operations. */
const builtinCost: Record<string, number> = {
  digest: 1500, update: 300, createHash: 500, createHmac: 600, gzipSync: 20000, deflateSync: 20000,
  JSON_parse: 3000, JSON_stringify: 3000, sort: 20, readFileSync: 20000, writeFileSync: 30000,
  // Math, measured in a loop against an addition: a transcendental function takes 13-20 ns, a
  // fractional power ~70 ns, rounding and min/max about as long as the addition.
  Math_sqrt: 2, Math_sin: 12, Math_cos: 12, Math_tan: 15, Math_exp: 12, Math_log: 10, Math_log2: 10,
  Math_log10: 10, Math_cbrt: 10, Math_atan: 6, Math_atan2: 12, Math_asin: 12, Math_acos: 12, Math_sinh: 15,
  Math_cosh: 15, Math_tanh: 15, Math_expm1: 12, Math_log1p: 12, Math_hypot: 35, Math_pow: 40, Math_random: 10,
  Math_floor: 1, Math_ceil: 1, Math_round: 1, Math_trunc: 1, Math_abs: 1, Math_min: 1, Math_max: 1,
  Math_imul: 1, Math_sign: 1, Math_fround: 1, Math_clz32: 1,
  toFixed: 30, split: 40, join: 40, replace: 60, match: 60, test: 40, toString: 20, padStart: 20,
  // Hash tables: a lookup or insert hashes the key and probes.
  get: 25, set: 40, has: 25, add: 40, delete: 30,
  // A character code of a flat string: an inlined load, not a call.
  charCodeAt: 2, codePointAt: 3, charAt: 3,
};

/** Operations per element for built-ins whose cost grows with the size of what they are given. */
const perElementCost: Record<string, number> = {
  JSON_stringify: 400, JSON_parse: 500, split: 15, join: 10, replace: 15, toLowerCase: 2, toUpperCase: 2,
  slice: 2, concat: 2, indexOf: 1, includes: 1, lastIndexOf: 1, reverse: 2, entries: 5, keys: 3, values: 3,
};

/**
 * Operations per byte of zlib's one-shot calls (measured on 6 MB of log lines: deflate and gzip at
 * the default level 13 ns a byte, at level 9 54 ns; inflate under 2 ns; brotli at its default
 * quality about 1.5 µs).
 */
const zlibPerByte: Record<string, number> = {
  deflateSync: 10, gzipSync: 10, deflateRawSync: 10, inflateSync: 1.5, gunzipSync: 1.5, inflateRawSync: 1.5, unzipSync: 1.5,
  brotliCompressSync: 1200, brotliDecompressSync: 3,
};
// Looked up by method name: `digest.toString('hex')` must not find Object.prototype's toString.
for (const table of [builtinCost, perElementCost, zlibPerByte]) Object.setPrototypeOf(table, null);
/** Deflate at level 8 or 9 searches harder: about four times the default level's time on text. */
const ZLIB_HIGH_LEVEL = 4;

/** Operations per iteration of key-derivation functions (an HMAC-SHA-256 round, scrypt's memory-hard mixing per unit of N). */
const PBKDF2_ROUND = 600;
const SCRYPT_PER_N = 5000;
/** A BigInt operation on numbers of a few hundred digits, in operations (measured: a 512- or 1024-bit modular multiplication step takes about 0.5 µs, mostly allocation). */
const BIGINT_OP = 400;
/** A BigInt operation on a machine word, in nanoseconds (a SplitMix64 step: 13 operations in 113 ns). */
const BIGINT_WORD_OP_NS = 9;
/** Arithmetic, comparisons, assignments and plain control flow: an instruction or two in compiled code, counted as this much. */
const CHEAP_NODES = new Set(['BinaryExpression', 'UnaryExpression', 'UpdateExpression', 'AssignmentExpression', 'LogicalExpression', 'ConditionalExpression', 'ExpressionStatement', 'BlockStatement', 'IfStatement']);
const CHEAP_NODE_OPS = 0.4;
/** An indexed element read or write. Over the bench scripts and kernels (105 statements), 0.4 instead of 1 ranked more statement pairs of a script as measured (78 of 112 against 77; diamond's two analyses among them). */
const ELEMENT_OPS = 0.4;
/** `/` and `%` by a variable: over the same statements, these costs (with charCodeAt at 2) ranked 81 of 112 pairs as measured, against 78 when counted as arithmetic. */
const DIVIDE_OPS: Record<string, number> = { '/': 2, '%': 4 };
/** Words a BigInt product gains per multiplication by a loop counter, and operations per word walked. */
const BIGINT_WORDS_PER_STEP = 0.25;
const BIGINT_WORD_OP = 1.5;
/** A comparator call inside Array.prototype.sort, beyond its own body (measured: about 50-90 ns with objects). */
const SORT_COMPARISON = 40;
/**
 * JSON.parse's reviver: called once per value parsed (measured: 150-250 ns a call beyond the
 * parse, with objects of 1 to 12 fields), about this many values per element of what was stringified.
 */
const REVIVER_CALL = 150;
const VALUES_PER_ELEMENT = 6;
/** Allocating an object, array or closure (and collecting it later). */
const ALLOCATION = 20;
/** An object spread (`{ ...o, extra }`), see opsOf. */
const OBJECT_SPREAD = 1000;

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
  /** Functions declared inside the functions being counted, innermost last (closures called by name). */
  locals: Map<string, t.Function>[];
  /** The function being counted computes with BigInts: what one of its multiplications costs (0: it does not). */
  bigint: number;
  /** Typical numbers and lengths of properties (`this.rows`, `m.data.length`) the code around a bound does not give. */
  fields: FieldValues;
  /** Per loop being counted in the current function, outermost first: the names it declares or assigns. */
  loops: Set<string>[];
  /** The generator being counted, when its consumer takes its values: how many it asks for (per call), and how many it got. */
  draining?: { fn: t.Function; demand: number; yields: number };
  /** Names bound to a generator's call not yet run (`take(n, it)`'s `it` = `primes()`): run where they are iterated. */
  generators: Map<string, GeneratorCall>;
}

/** A call of one of the script's generator functions: its body runs as its values are taken. */
interface GeneratorCall {
  name: string;
  fn: t.Function;
  args: t.Node[];
  env: Env;
}

/** Evaluates a numeric expression if its value is known statically. */
function evalNumber(node: t.Node | null | undefined, env: Env, ctx: CostContext): number | undefined {
  if (!node) return undefined;
  if (t.isNumericLiteral(node)) return node.value;
  if (t.isBigIntLiteral(node)) return Number(node.value);
  if (t.isIdentifier(node)) return env.get(node.name) ?? ctx.constants.get(node.name);
  if (t.isCallExpression(node) && t.isIdentifier(node.callee, { name: 'BigInt' }) && node.arguments.length === 1) return evalNumber(node.arguments[0], env, ctx);
  if (t.isUnaryExpression(node) && node.operator === '-') {
    const v = evalNumber(node.argument, env, ctx);
    return v === undefined ? undefined : -v;
  }
  if (t.isBinaryExpression(node)) {
    const a = evalNumber(node.left as t.Node, env, ctx);
    const b = evalNumber(node.right, env, ctx);
    // `1 + (r % 4)` (a word's random length): a remainder of something unknown is on average half the divisor.
    if (a === undefined && b !== undefined && b > 0 && node.operator === '%') return (b - 1) / 2;
    if (a === undefined || b === undefined) return undefined;
    switch (node.operator) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/': return a / b;
      case '**': return a ** b;
      case '%': return a % b;
      case '<<': return a * 2 ** b;
      case '>>': return Math.floor(a / 2 ** b);
      // As magnitudes (a BigInt's `start | 1n` is about start; Number's 32-bit truncation does not apply to sizes).
      case '|': case '^': return Math.max(a, b);
      case '&': return Math.min(a, b);
      default: return undefined;
    }
  }
  if (t.isMemberExpression(node) && t.isIdentifier(node.property, { name: 'length' }) && t.isIdentifier(node.object)) {
    return env.get(`${node.object.name}.length`) ?? ctx.sizes.get(node.object.name);
  }
  // `rows[i].length`: a row of a table as long as the table when that is modest (a square
  // matrix), a handful for the elements of a long collection (neighbour lists).
  if (t.isMemberExpression(node) && t.isIdentifier(node.property, { name: 'length' }) && t.isMemberExpression(node.object) && node.object.computed && t.isIdentifier(node.object.object)) {
    const rows = env.get(`${node.object.object.name}.length`) ?? ctx.sizes.get(node.object.object.name);
    if (rows !== undefined) return elementLength(node.object.object, rows, env, ctx);
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.object, { name: 'Math' })) {
    const args = node.arguments.map((a) => evalNumber(a, env, ctx));
    // `Math.min(m, v)` with v unknown is at most m: a fair guess of a bound.
    const known = args.filter((a): a is number => a !== undefined);
    if (t.isIdentifier(node.callee.property, { name: 'min' }) && known.length > 0) return Math.min(...known);
    if (args.some((a) => a === undefined)) return undefined;
    const fn = (Math as unknown as Record<string, (...x: number[]) => number>)[(node.callee.property as t.Identifier).name];
    return typeof fn === 'function' ? fn(...(args as number[])) : undefined;
  }
  if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property)) {
    const inner = node.object;
    // What this instance was made with (`new Matrix(900, 900)`, then `this.rows` in its methods), when that is known…
    const path = memberPath(node);
    const own = path === undefined ? undefined : node.property.name === 'length' ? sizeOf(inner, env, ctx) : env.get(path) ?? ctx.constants.get(path);
    if (own !== undefined && own !== UNKNOWN_SIZE) return own;
    // …else what the script typically stores there (field-values.ts).
    if (node.property.name !== 'length') return ctx.fields.number(node.property.name);
    if (t.isMemberExpression(inner) && !inner.computed && t.isIdentifier(inner.property)) return ctx.fields.length(inner.property.name);
  }
  return undefined;
}

/**
 * A loop whose condition's variables the body halves or doubles (binary search, heap sifting,
 * square-and-multiply) runs a logarithmic number of times; one that may also grow them by a
 * larger factor (Collatz: n / 2 or 3n + 1) does not count.
 */
const halvesMemo = new WeakMap<t.Node, boolean>();
function halves(test: t.Node | null | undefined, body: t.Node): boolean {
  let memo = halvesMemo.get(body);
  if (memo === undefined) halvesMemo.set(body, (memo = halvesUncached(test, body)));
  return memo;
}
function halvesUncached(test: t.Node | null | undefined, body: t.Node): boolean {
  const halving = (e: t.Node | null | undefined): boolean => {
    let found = false;
    if (e) t.traverseFast(e, (n) => {
      if (!t.isBinaryExpression(n) && !t.isAssignmentExpression(n)) return;
      const op = n.operator.replace(/=$/, '');
      const right = n.right;
      const one = t.isNumericLiteral(right, { value: 1 }) || (t.isBigIntLiteral(right) && right.value === '1');
      const two = (x: t.Node) => t.isNumericLiteral(x, { value: 2 });
      if (((op === '>>' || op === '>>>') && one) || (op === '/' && two(right)) || (op === '*' && (two(right) || (t.isBinaryExpression(n) && two(n.left))))) found = true;
    });
    return found;
  };
  const grows = (e: t.Node): boolean => {
    let found = false;
    t.traverseFast(e, (n) => {
      if (t.isBinaryExpression(n, { operator: '*' }) && [n.left, n.right].some((x) => t.isNumericLiteral(x) && x.value > 2)) found = true;
    });
    return found;
  };
  // Names assigned from a halving expression, or from such names (`p = (i - 1) >> 1; i = p`).
  const assigns: [string, t.Node][] = [];
  t.traverseFast(body, (n) => {
    if (t.isVariableDeclarator(n) && t.isIdentifier(n.id) && n.init) assigns.push([n.id.name, n.init]);
    else if (t.isAssignmentExpression(n) && t.isIdentifier(n.left)) assigns.push([n.left.name, n.operator === '=' ? n.right : n]);
  });
  const halved = new Set<string>();
  const grown = new Set<string>();
  for (let round = 0; round < 3; round++) {
    for (const [name, rhs] of assigns) {
      let mentions = false;
      t.traverseFast(rhs, (n) => {
        if (t.isIdentifier(n) && halved.has(n.name)) mentions = true;
      });
      if (halving(rhs) || mentions) halved.add(name);
      if (grows(rhs)) grown.add(name);
    }
  }
  let tested = false;
  if (test) t.traverseFast(test, (n) => {
    if (t.isIdentifier(n) && halved.has(n.name) && !grown.has(n.name)) tested = true;
  });
  return tested;
}

/** A condition that reads data through an index or a method (`s[j] === c`, `s.charCodeAt(i) === …`). */
function readsData(test: t.Node): boolean {
  let found = false;
  t.traverseFast(test, (n) => {
    if ((t.isMemberExpression(n) && n.computed) || (t.isCallExpression(n) && t.isMemberExpression(n.callee) && !t.isIdentifier(n.callee.object, { name: 'Math' }))) found = true;
  });
  return found;
}

/** `parent[x] !== x`: a condition on data read through an index (pointer chasing) usually holds for a few steps. */
function chasesPointers(test: t.Node): boolean {
  let found = false;
  t.traverseFast(test, (n) => {
    if (t.isMemberExpression(n) && n.computed) found = true;
  });
  return found;
}
const FEW_TRIPS = 10;
/** Trips of a logarithmic loop over up to `bound` elements (unknown: a few thousand). */
const logTrips = (bound: number | undefined) => Math.max(1, Math.ceil(Math.log2(Math.max(bound ?? 4096, 2))) + 1);

/** `while (k < 200 && …)`: at most the bound; other conditions usually stop it well before. */
function whileTrips(test: t.Expression | null | undefined, body: t.Node, env: Env, ctx: CostContext, counter?: Counter): number {
  const conjuncts: t.Expression[] = [];
  if (!test) return halves(body, body) ? logTrips(undefined) : UNKNOWN_TRIPS;
  const split = (e: t.Expression): void => {
    if (t.isLogicalExpression(e, { operator: '&&' })) {
      split(e.left);
      split(e.right);
    } else conjuncts.push(e);
  };
  split(test);
  const bounded = conjuncts.find((c) => t.isBinaryExpression(c) && (c.operator === '<' || c.operator === '<=') && t.isIdentifier(c.left) && evalNumber(c.right, env, ctx) !== undefined) as t.BinaryExpression | undefined;
  const bound = bounded ? evalNumber(bounded.right, env, ctx) : undefined;
  // Halving a known value down to a floor (`while (exp > 0n) { …; exp >>= 1n }`): its bit length.
  if (halves(test, body)) return logTrips(bound ?? halvedValue(conjuncts, env, ctx));
  // A condition on a collection's length (`head < queue.length`, `stack.length > 0`, `stack.length`).
  const list = conjuncts.map((c) => (t.isBinaryExpression(c) ? (t.isMemberExpression(c.right) ? c.right : c.left) : c))
    .find((c): c is t.MemberExpression => t.isMemberExpression(c) && t.isIdentifier(c.property) && (c.property.name === 'length' || c.property.name === 'size'));
  // A collection the body fills up to a size (`while (chosen.size < want) chosen.add(pick())`):
  // about that many times. With another condition (`k < spawn && queue.size < 5000`), the size
  // is only a cap.
  const filled = list && conjuncts.length === 1 && t.isIdentifier(list.object) && pushesTo(body, list.object.name) ? fillBound(conjuncts, list) : undefined;
  if (filled) {
    const size = evalNumber(filled, env, ctx);
    if (size === undefined) return UNKNOWN_TRIPS;
    const name = (list!.object as t.Identifier).name;
    env.set(`${name}.length`, size); // for the loops over it that follow
    // Adding only what passes a test (`if (isPrime(c)) primes.push(c)`) is a search: more trips
    // than additions, how many more the code does not say.
    return addsConditionally(body, name) ? size * searchTrips(body, counter ?? steppedCounter(body, env, ctx)) : size;
  }
  // A list the body shortens on every trip (`splice(0, 2)` then one push: Huffman's merging): at
  // most once per element it starts with.
  if (list && t.isIdentifier(list.object) && shortens(body, list.object.name)) {
    const n = sizeOf(list.object, env, ctx);
    return n === UNKNOWN_SIZE ? UNKNOWN_TRIPS : Math.max(1, n);
  }
  // A work list the body refills: about once per element of the data at hand.
  if (list && t.isIdentifier(list.object) && (pushesTo(body, list.object.name) || callsLocal(body, ctx))) {
    const known = [...env.entries()].filter(([k]) => k.endsWith('.length')).map(([, v]) => v);
    return Math.max(UNKNOWN_TRIPS, ...known.filter((v) => Number.isFinite(v) && v < 1e8));
  }
  // A queue kept in an array by two indices (`while (head < tail)`, the body storing at `queue[tail++]`):
  // each element enters once, so about once per element of that array.
  const indices = conjuncts.find((c): c is t.BinaryExpression => t.isBinaryExpression(c) && c.operator === '<' && t.isIdentifier(c.left) && t.isIdentifier(c.right));
  const queue = indices ? queueFilledBy(body, (indices.right as t.Identifier).name) : undefined;
  if (queue) {
    const n = sizeOf(queue, env, ctx);
    if (n !== UNKNOWN_SIZE) return Math.max(n, UNKNOWN_TRIPS);
  }
  if (bound !== undefined && conjuncts.length > 1) {
    // `j < n && s[j] === s[i]`: a bound and a condition on the data (a run, a match) that ends it within a few steps.
    if (conjuncts.some((c) => c !== bounded && readsData(c))) return Math.min(bound, FEW_TRIPS);
    return Math.max(1, bound / 5);
  }
  if (bound !== undefined) return bound;
  // A collection the loop only drains: about once per element.
  if (list) {
    const n = sizeOf(list.object, env, ctx);
    if (n !== UNKNOWN_SIZE) return Math.max(n, UNKNOWN_TRIPS);
  }
  return chasesPointers(test) ? FEW_TRIPS : UNKNOWN_TRIPS;
}

/** The value a halving loop's condition tests against a floor (`x > 0`, `x >= 1`, `x !== 0`, `x`), when known. */
function halvedValue(conjuncts: t.Expression[], env: Env, ctx: CostContext): number | undefined {
  for (const c of conjuncts) {
    const x = t.isBinaryExpression(c) && ['>', '>=', '!==', '!='].includes(c.operator) ? c.left : t.isIdentifier(c) ? c : undefined;
    const v = x && t.isIdentifier(x) ? evalNumber(x, env, ctx) : undefined;
    if (v !== undefined && Number.isFinite(v) && v > 1) return v;
  }
  return undefined;
}

/** The size `list.length < n` or `n > list.size` (or with =) lets the list grow to: n. */
function fillBound(conjuncts: t.Expression[], list: t.MemberExpression): t.Expression | undefined {
  for (const c of conjuncts) {
    if (!t.isBinaryExpression(c)) continue;
    if (c.left === list && (c.operator === '<' || c.operator === '<=')) return c.right;
    if (c.right === list && (c.operator === '>' || c.operator === '>=')) return c.left as t.Expression;
  }
  return undefined;
}

/** Whether a loop body calls a function declared in the function being counted (a heap's push, a visit). */
function callsLocal(body: t.Node, ctx: CostContext): boolean {
  const locals = ctx.locals[ctx.locals.length - 1];
  if (!locals) return false;
  let found = false;
  t.traverseFast(body, (n) => {
    if (t.isCallExpression(n) && t.isIdentifier(n.callee) && locals.has(n.callee.name)) found = true;
  });
  return found;
}

/** The array a loop body stores into at `[tail++]`, for the named tail index. */
function queueFilledBy(body: t.Node, tail: string): t.Expression | undefined {
  let found: t.Expression | undefined;
  t.traverseFast(body, (n) => {
    if (t.isAssignmentExpression(n, { operator: '=' }) && t.isMemberExpression(n.left) && n.left.computed && t.isUpdateExpression(n.left.property, { operator: '++' }) && t.isIdentifier(n.left.property.argument, { name: tail })) found = n.left.object as t.Expression;
  });
  return found;
}

/**
 * Trips per element of a search loop that fills a collection with what passes a test: between a
 * filter that keeps most (1-2) and a search for the first n primes (ln n, 10-13 for n of 10^4 to 10^6).
 */
const SEARCH_TRIPS = 4;

/** A loop's counter: where it starts and what it is stepped by. */
interface Counter {
  start: number;
  step: number | undefined;
}

/**
 * Trips per value a search keeps: SEARCH_TRIPS, but for a search for primes (a test named for
 * them) from a known start, the prime number theorem's ln(start) (over the step: odd candidates
 * only are half as many). 14 primes above 2^512 took 2 500 candidates, not 56.
 */
function searchTrips(body: t.Node, counter: Counter | undefined): number {
  if (!counter || !(counter.start > 100) || !testsPrimes(body)) return SEARCH_TRIPS;
  const step = Math.min(Math.max(Math.abs(counter.step ?? 1), 1), 2);
  return Math.max(SEARCH_TRIPS, Math.log(counter.start) / step);
}

/** Whether a loop body calls a function named for primes (`isPrime(n)`, `isProbablePrime(c)`). */
function testsPrimes(body: t.Node): boolean {
  let found = false;
  t.traverseFast(body, (n) => {
    if (!t.isCallExpression(n)) return;
    const callee = t.isMemberExpression(n.callee) ? n.callee.property : n.callee;
    if (t.isIdentifier(callee) && /prime/i.test(callee.name)) found = true;
  });
  return found;
}

/** `c += 2` (or `c++`) of a name whose value is known before a while loop: the loop's counter. */
function steppedCounter(body: t.Node, env: Env, ctx: CostContext): Counter | undefined {
  let counter: Counter | undefined;
  t.traverseFast(body, (n) => {
    const name = t.isUpdateExpression(n) && t.isIdentifier(n.argument) ? n.argument.name : t.isAssignmentExpression(n) && t.isIdentifier(n.left) && /^[-+]=$/.test(n.operator) ? n.left.name : undefined;
    const start = name === undefined ? undefined : evalNumber(t.identifier(name), env, ctx);
    if (counter || name === undefined || start === undefined) return;
    counter = { start, step: stepOf(n as t.Expression, name, env, ctx) };
  });
  return counter;
}

/** What an update steps a counter by (`i++`: 1, `c += 2n`: 2), when known. */
function stepOf(update: t.Expression | null | undefined, name: string, env: Env, ctx: CostContext): number | undefined {
  if (t.isUpdateExpression(update) && t.isIdentifier(update.argument, { name })) return 1;
  if (t.isAssignmentExpression(update) && t.isIdentifier(update.left, { name }) && /^[-+]=$/.test(update.operator)) return evalNumber(update.right, env, ctx);
  return undefined;
}

/** Whether a name appears in an expression. */
function mentions(node: t.Node, name: string): boolean {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isIdentifier(n, { name })) found = true;
  });
  return found;
}

/**
 * A loop that can break or return early usually does: count the square root of its bound. Not
 * when the exit is a guard in front of an inner loop that does each trip's work (`if (pivot ===
 * 0) return` before eliminating a column): a search ends where its test is, not before its work.
 */
function earlyExit(body: t.Statement, trips: number): number {
  return searches(body) && trips > 100 ? Math.max(10, Math.sqrt(trips)) : trips;
}

const searchMemo = new WeakMap<t.Node, boolean>();
/** Whether a loop body may leave the loop other than through a guard in front of its work (memoised: loops are counted once per call of their function). */
function searches(body: t.Statement): boolean {
  let known = searchMemo.get(body);
  if (known !== undefined) return known;
  if (t.isBlockStatement(body)) {
    const at = body.body.findIndex((s) => exits(s, false));
    known = at >= 0 && !body.body.slice(at + 1).some((s) => t.isLoop(s) && !exits(s, false));
  } else known = exits(body, false);
  searchMemo.set(body, known);
  return known;
}

/** Whether a statement may leave the loop it is in: a break of that loop, or a return. */
function exits(n: t.Node | null | undefined, inner: boolean): boolean {
  // Only a break of this loop counts: not one inside an inner loop or switch, nor anything in a nested function.
  if (!n || t.isFunction(n)) return false;
  if (t.isBreakStatement(n)) return !inner && !n.label;
  if (t.isReturnStatement(n)) return true;
  const nested = inner || t.isLoop(n) || t.isSwitchStatement(n);
  for (const key of t.VISITOR_KEYS[n.type] ?? []) {
    const child = (n as unknown as Record<string, t.Node | t.Node[] | null>)[key];
    if (Array.isArray(child) ? child.some((c) => exits(c, nested)) : exits(child, nested)) return true;
  }
  return false;
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
  if (!v || !t.isBinaryExpression(test)) return whileTrips(test, node.body, env, ctx);
  let bound: number | undefined;
  let dir = 1;
  if (t.isIdentifier(test.left, { name: v }) && (test.operator === '<' || test.operator === '<=')) bound = evalNumber(test.right, env, ctx);
  else if (t.isIdentifier(test.left, { name: v }) && (test.operator === '>' || test.operator === '>=')) {
    bound = evalNumber(test.right, env, ctx);
    dir = -1;
  } else if (t.isBinaryExpression(test.left, { operator: '+' }) && t.isIdentifier(test.left.left, { name: v }) && test.operator.startsWith('<')) {
    // `i + lag < n`, `start + window <= len`: up to the bound less the offset (all of it when the
    // offset is set by an outer loop).
    const b = evalNumber(test.right, env, ctx);
    bound = b === undefined ? undefined : Math.max(0, b - (evalNumber(test.left.right, env, ctx) ?? 0));
  } else if (t.isBinaryExpression(test.left, { operator: '*' }) && test.operator.startsWith('<')) {
    const b = evalNumber(test.right, env, ctx);
    bound = b === undefined ? undefined : Math.sqrt(b);
  }
  if (bound === undefined) {
    // A condition on something else (`for (let c = 2; primes.length < n; c++)`): as a while loop.
    if (start === undefined || !mentions(test, v)) return whileTrips(test, node.body, env, ctx, start === undefined ? undefined : { start, step: stepOf(node.update, v, env, ctx) });
    // Counting down from a known start to a bound set elsewhere (`c >= w`): about half the way.
    return dir < 0 && start > 0 ? Math.max(1, start / 2) : UNKNOWN_TRIPS;
  }
  let step: number | undefined = 1;
  const u = node.update;
  if (t.isAssignmentExpression(u) && (u.operator === '+=' || u.operator === '-=')) step = evalNumber(u.right, env, ctx);
  else if (t.isAssignmentExpression(u) && u.operator === '*=') {
    const f = evalNumber(u.right, env, ctx) ?? 2;
    return Math.max(1, Math.log(Math.abs(bound / (start || 1))) / Math.log(f));
  }
  // A stride set by an outer loop (a sieve's `m += p`): over all strides, about 3·√bound each.
  if (step === undefined) return Math.max(1, Math.min(3 * Math.sqrt(Math.abs(bound)), Math.abs(bound)));
  // A start set by an outer loop (`j = i + 1`): half the range on average.
  if (start === undefined) return Math.max(0, Math.abs(bound) / 2 / Math.abs(step || 1));
  const trips = dir * (bound - start) / Math.abs(step || 1);
  return Number.isFinite(trips) ? Math.max(0, Math.min(trips, 1e12)) : UNKNOWN_TRIPS;
}

/** Methods whose result is about as long as their receiver (strings and arrays). */
const sameSize = new Set(['map', 'filter', 'slice', 'sort', 'reverse', 'fill', 'concat', 'flatMap', 'toLowerCase', 'toUpperCase', 'trim', 'replace', 'replaceAll', 'toSorted', 'entries', 'keys', 'values']);
/** Characters per element of a joined array, and per element of a split string. */
const CHARS_PER_ITEM = 5;

/** `data.numbers`: a path of identifiers and property names, or undefined. */
function memberPath(node: t.Node): string | undefined {
  if (t.isIdentifier(node)) return node.name;
  if (t.isThisExpression(node)) return 'this';
  if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property)) {
    const base = memberPath(node.object);
    return base === undefined ? undefined : `${base}.${node.property.name}`;
  }
  return undefined;
}

function sizeOf(node: t.Node | null | undefined, env: Env, ctx: CostContext): number {
  if (!node) return UNKNOWN_SIZE;
  if (t.isAwaitExpression(node)) return sizeOf(node.argument, env, ctx);
  // A file read (its characters), or the JSON value of a data file (its elements).
  const read = fileRead(node, ctx)?.bytes ?? jsonFileElements(node, env, ctx);
  if (read !== undefined) return read;
  // What a generator gives when drained (`[...primes(1000)]`).
  const made = generatorCall(node, env, ctx);
  if (made) {
    const { yields } = drain(made, Infinity, ctx, ctx.stack.length);
    return yields > 0 ? yields : UNKNOWN_SIZE;
  }
  if (t.isIdentifier(node)) return env.get(`${node.name}.length`) ?? ctx.sizes.get(node.name) ?? UNKNOWN_SIZE;
  if (t.isMemberExpression(node)) {
    const path = memberPath(node);
    if (path !== undefined) return env.get(`${path}.length`) ?? ctx.sizes.get(path) ?? UNKNOWN_SIZE;
    // A character of a string constant (`ALPHABET[i]`; a local of that name with a length is an
    // array); an element of a collection (`adj[u]`, `rows[i]`): its known length, else a handful.
    if (node.computed && t.isIdentifier(node.object) && ctx.analysis.kinds.get(node.object.name)?.k === 'prim' && !env.has(`${node.object.name}.length`)) return 1;
    if (node.computed) return elementSizeOf(node.object, env, ctx) ?? UNKNOWN_ELEMENT;
  }
  // Strings joined with `+`: as long as both parts.
  if (t.isBinaryExpression(node) && node.operator === '+') {
    const a = sizeOf(node.left, env, ctx);
    const b = sizeOf(node.right, env, ctx);
    if (a !== UNKNOWN_SIZE && b !== UNKNOWN_SIZE) return a + b;
  }
  if (t.isStringLiteral(node)) return node.value.length;
  // A template: its text, and a few characters for each value put in.
  if (t.isTemplateLiteral(node)) return node.quasis.reduce((n, q) => n + (q.value.cooked ?? q.value.raw).length, 0) + node.expressions.length * CHARS_PER_ITEM;
  // `[...list]`, `[head, ...rest]`: the spread parts as long as what they spread.
  if (t.isArrayExpression(node)) {
    let n = 0;
    for (const el of node.elements) {
      const part = t.isSpreadElement(el) ? sizeOf(el.argument, env, ctx) : 1;
      if (part === UNKNOWN_SIZE) return UNKNOWN_SIZE;
      n += part;
    }
    return n;
  }
  if (t.isSpreadElement(node)) return sizeOf(node.argument, env, ctx);
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee)) {
    const name = t.isIdentifier(node.callee.property) ? node.callee.property.name : '';
    if ((name === 'entries' || name === 'keys' || name === 'values') && t.isIdentifier(node.callee.object, { name: 'Object' })) return sizeOf(node.arguments[0], env, ctx);
    if ((name === 'slice' || name === 'subarray' || name === 'substring') && node.arguments.length === 2) {
      // `xs.slice(i, i + chunk)`: as long as the chunk, wherever i is.
      const [from, to] = node.arguments;
      const whole = sizeOf(node.callee.object, env, ctx);
      let span: number | undefined;
      if (t.isBinaryExpression(to) && to.operator === '+' && t.isNodesEquivalent(to.left, from)) span = evalNumber(to.right, env, ctx);
      else {
        const a = evalNumber(from, env, ctx);
        const b = evalNumber(to, env, ctx);
        if (a !== undefined && b !== undefined) span = b - a;
      }
      if (span !== undefined && Number.isFinite(span)) return Math.max(0, whole === UNKNOWN_SIZE ? span : Math.min(span, whole));
    }
    if (sameSize.has(name)) return sizeOf(node.callee.object, env, ctx);
    // The lines of a file read: one the script wrote as lines, or a data file.
    const byLine = t.isStringLiteral(node.arguments[0], { value: '\n' }) || (t.isRegExpLiteral(node.arguments[0]) && node.arguments[0].pattern.includes('\\n'));
    if (name === 'split' && byLine) {
      const lines = linesOf(node.callee.object, env, ctx);
      if (lines !== undefined) return lines;
    }
    if (name === 'join' || name === 'split') {
      // `s.split('')` gives its characters; joining pieces of a split string (`s.split('').reverse().join('')`) gives it back.
      if (name === 'split' && t.isStringLiteral(node.arguments[0], { value: '' })) return sizeOf(node.callee.object, env, ctx);
      const pieces = name === 'join' ? splitSource(node.callee.object) : undefined;
      if (pieces) return sizeOf(pieces, env, ctx);
      const n = sizeOf(node.callee.object, env, ctx);
      // Splitting a string we know nothing of (a line, a sentence): a handful of pieces.
      if (n === UNKNOWN_SIZE) return name === 'split' ? UNKNOWN_ELEMENT : n;
      if (name === 'join') {
        const sep = node.arguments.length === 0 ? 1 : t.isStringLiteral(node.arguments[0]) ? node.arguments[0].value.length : undefined;
        const each = elementSizeOf(node.callee.object, env, ctx);
        return each !== undefined && sep !== undefined ? n * (each + sep) : n * CHARS_PER_ITEM;
      }
      return Math.max(1, n / CHARS_PER_ITEM);
    }
    // A string's bytes (as many as its characters, for text that is mostly ASCII).
    if (name === 'from' && t.isIdentifier(node.callee.object, { name: 'Buffer' }) && !t.isArrayExpression(node.arguments[0])) return sizeOf(node.arguments[0], env, ctx);
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
    const fn = lookupFunction(node.callee.name, ctx);
    if (fn && !ctx.stack.includes(node.callee.name) && ctx.stack.length < MAX_DEPTH) return functionResult(node.callee.name, fn, node.arguments, env, ctx, ctx.stack.length).size;
  }
  return UNKNOWN_SIZE;
}

/** A file named by a binding or a literal path, as a key of the sizes the model learns (`file:csvFile`). */
function fileKey(path: t.Node | undefined): string | undefined {
  if (t.isIdentifier(path)) return `file:${path.name}`;
  if (t.isStringLiteral(path)) return `file:'${path.value}'`;
  return undefined;
}

/**
 * `fs.readFileSync(file, …)`, `readFileSync(file)`, `await fs.promises.readFile(file)`: what the
 * model knows of the file read: what the script wrote there, else the data file on disk
 * (data-files.ts).
 */
function fileRead(node: t.Node | null | undefined, ctx: CostContext): { bytes?: number; lines?: number; elements?: number } | undefined {
  if (t.isAwaitExpression(node)) node = node.argument;
  if (!t.isCallExpression(node)) return undefined;
  const callee = t.isMemberExpression(node.callee) ? node.callee.property : node.callee;
  if (!t.isIdentifier(callee) || !/^readFile(Sync)?$/.test(callee.name)) return undefined;
  const key = fileKey(node.arguments[0]);
  const written = key ? ctx.sizes.get(key) : undefined;
  if (written !== undefined) return { bytes: written, lines: ctx.sizes.get(`${key}.lines`) };
  const disk = diskFile(node.arguments[0], ctx);
  return disk && { bytes: disk.bytes, lines: disk.lines, elements: disk.elements };
}

/** A data file named by a path known before the script runs. */
function diskFile(path: t.Node | undefined, ctx: CostContext): DataFile | undefined {
  const constant = (name: string) => {
    const binding = ctx.analysis.ctx.programScope.getBinding(name);
    return binding?.constant && t.isVariableDeclarator(binding.path.node) ? binding.path.node.init : undefined;
  };
  const file = knownPath(path, ctx.analysis.parsed.filename, constant);
  return file ? dataFile(file) : undefined;
}

/** Lines of a text read from a file (`text.split('\n')`, `readFileSync(f, 'utf8').trim().split(/\r?\n/)`). */
function linesOf(node: t.Node, env: Env, ctx: CostContext): number | undefined {
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.property) && /^trim(End|Start)?$/.test(node.callee.property.name)) return linesOf(node.callee.object, env, ctx);
  if (t.isIdentifier(node)) return env.get(`${node.name}#lines`) ?? ctx.sizes.get(`${node.name}#lines`);
  return fileRead(node, ctx)?.lines;
}

/** Elements a JSON value parsed from a data file has (`JSON.parse(readFileSync(f))`, `require('./rows.json')`). */
function jsonFileElements(node: t.Node, env: Env, ctx: CostContext): number | undefined {
  if (!t.isCallExpression(node)) return undefined;
  if (t.isIdentifier(node.callee, { name: 'require' }) && t.isStringLiteral(node.arguments[0]) && /\.json$/i.test(node.arguments[0].value)) return diskFile(node.arguments[0], ctx)?.elements;
  return isJsonCall(node, 'parse') ? textElements(node.arguments[0], env, ctx) : undefined;
}

/** The elements a JSON text read from a data file holds: read here, or by the declaration of the name holding it. */
function textElements(text: t.Node | undefined, env: Env, ctx: CostContext): number | undefined {
  if (t.isIdentifier(text)) return env.get(`${text.name}#elements`) ?? ctx.sizes.get(`${text.name}#elements`);
  return fileRead(text, ctx)?.elements;
}

/** `lines.join('\n')`: how many lines, when the list's length is known. */
function joinedLines(data: t.Node | undefined, env: Env, ctx: CostContext): number | undefined {
  if (!t.isCallExpression(data) || !t.isMemberExpression(data.callee) || !t.isIdentifier(data.callee.property, { name: 'join' }) || !t.isStringLiteral(data.arguments[0], { value: '\n' })) return undefined;
  const n = sizeOf(data.callee.object, env, ctx);
  return n === UNKNOWN_SIZE ? undefined : n;
}

/** The string a chain of same-size calls on a split started from (`s.split('').reverse()` → s). */
function splitSource(node: t.Node): t.Node | undefined {
  while (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.property)) {
    const name = node.callee.property.name;
    if (name === 'split') return node.callee.object;
    if (!sameSize.has(name) || name === 'map' || name === 'flatMap') return undefined;
    node = node.callee.object;
  }
  return undefined;
}

/**
 * The length of each element of a collection, when known: an array literal of values of known
 * length (`[base, mutate(base, 13, 2), …]`, its longest), or a binding or parameter that holds one.
 */
function elementSizeOf(node: t.Node | null | undefined, env: Env, ctx: CostContext): number | undefined {
  if (!node) return undefined;
  const path = memberPath(node);
  if (path !== undefined) {
    const n = env.get(`${path}.[].length`) ?? ctx.sizes.get(`${path}.[]`);
    return n !== undefined && Number.isFinite(n) ? n : undefined;
  }
  if (t.isArrayExpression(node) && node.elements.length > 0) {
    let longest = 0;
    for (const el of node.elements) {
      if (!el || t.isSpreadElement(el)) return undefined;
      const n = sizeOf(el, env, ctx);
      if (n === UNKNOWN_SIZE) return undefined;
      longest = Math.max(longest, n);
    }
    return longest;
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.property)) {
    const method = node.callee.property.name;
    if (['slice', 'filter', 'sort', 'reverse', 'toSorted', 'toReversed'].includes(method)) return elementSizeOf(node.callee.object, env, ctx);
    // `Array.from({ length: n }, (_, i) => ALPHABET[…])`, `xs.map((x) => x.name)`: what the callback returns.
    const fn = method === 'map' || (method === 'from' && t.isIdentifier(node.callee.object, { name: 'Array' })) ? node.arguments[method === 'map' ? 0 : 1] : undefined;
    if ((t.isArrowFunctionExpression(fn) || t.isFunctionExpression(fn)) && t.isExpression(fn.body)) {
      const n = sizeOf(fn.body, env, ctx);
      return n === UNKNOWN_SIZE ? undefined : n;
    }
  }
  return undefined;
}

/** A function called by name: one declared in an enclosing function first, then a top-level one. */
function lookupFunction(name: string, ctx: CostContext): t.Function | undefined {
  for (let i = ctx.locals.length - 1; i >= 0; i--) {
    const fn = ctx.locals[i].get(name);
    if (fn) return fn;
  }
  return ctx.analysis.ctx.functions.get(name)?.node;
}

/** Sizes of the properties of an object a call or literal makes (`{ numbers, records }`), by name. */
function shapeOf(node: t.Node | null | undefined, env: Env, ctx: CostContext): Map<string, number> | undefined {
  if (t.isObjectExpression(node)) {
    const out = new Map<string, number>();
    for (const p of node.properties) {
      if (t.isObjectProperty(p) && !p.computed && t.isIdentifier(p.key)) {
        const n = sizeOf(p.value, env, ctx);
        if (n !== UNKNOWN_SIZE) out.set(p.key.name, n);
      }
    }
    return out;
  }
  if (t.isCallExpression(node) && t.isIdentifier(node.callee)) {
    const fn = lookupFunction(node.callee.name, ctx);
    if (fn && !ctx.stack.includes(node.callee.name) && ctx.stack.length < MAX_DEPTH) return functionResult(node.callee.name, fn, node.arguments, env, ctx, ctx.stack.length).shape;
  }
  return undefined;
}

/** Numbers and lengths held by the fields of an object (`rows`, `data.length`), as known where it was made. */
interface Instance {
  numbers: Map<string, number>;
  lengths: Map<string, number>;
}

/** Keys that say how a local is used rather than what a field of it holds. */
const NOT_FIELDS = new Set(['length', 'string', 'bigint']);

/**
 * The fields of the object an expression gives, when its making is in sight: `new Matrix(900, 900)`
 * (its constructor's `this.rows = rows`), a static or instance method or a function that returns
 * one (`Matrix.random(900, 900, rng)`, `a.transpose()`), or a name that holds one. So the methods
 * called on it are priced for this instance, not for the typical one of field-values.ts.
 */
function instanceOf(node: t.Node | null | undefined, env: Env, ctx: CostContext): Instance | undefined {
  if (!node || ctx.stack.length >= MAX_DEPTH) return undefined;
  if (t.isIdentifier(node) || t.isThisExpression(node)) {
    const name = t.isThisExpression(node) ? 'this' : node.name;
    const out: Instance = { numbers: new Map(), lengths: new Map() };
    const prefix = `${name}.`;
    for (const [k, v] of env) {
      if (!k.startsWith(prefix)) continue;
      const field = k.slice(prefix.length);
      if (field.endsWith('.length') && !field.slice(0, -7).includes('.')) out.lengths.set(field.slice(0, -7), v);
      else if (!field.includes('.') && !NOT_FIELDS.has(field)) out.numbers.set(field, v);
    }
    if (!env.has(name)) {
      for (const [k, v] of ctx.constants) if (k.startsWith(prefix) && !k.slice(prefix.length).includes('.')) out.numbers.set(k.slice(prefix.length), v);
      for (const [k, v] of ctx.sizes) if (k.startsWith(prefix) && !k.slice(prefix.length).includes('.')) out.lengths.set(k.slice(prefix.length), v);
    }
    return out.numbers.size || out.lengths.size ? out : undefined;
  }
  if (t.isNewExpression(node) && t.isIdentifier(node.callee)) {
    const ctor = constructorOf(node.callee.name, ctx);
    if (!ctor || ctx.stack.includes(`new ${node.callee.name}`)) return undefined;
    return functionResult(`new ${node.callee.name}`, ctor, node.arguments as t.Node[], env, ctx, ctx.stack.length).instance;
  }
  // A function or method is counted again for what it returns only if it may make an object of the script's classes.
  if (t.isCallExpression(node) && t.isIdentifier(node.callee)) {
    const fn = lookupFunction(node.callee.name, ctx);
    if (fn && !ctx.stack.includes(node.callee.name) && makesInstance(fn, ctx)) return functionResult(node.callee.name, fn, node.arguments, env, ctx, ctx.stack.length).instance;
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && !node.callee.computed && t.isIdentifier(node.callee.property)) {
    const name = node.callee.property.name;
    if (ctx.stack.includes(`.${name}`)) return undefined;
    for (const m of ctx.analysis.ctx.methods.get(name) ?? []) {
      if (!makesInstance(m.node, ctx)) continue;
      const made = functionResult(`.${name}`, m.node, node.arguments, env, ctx, ctx.stack.length, node.callee.object).instance;
      if (made) return made;
    }
  }
  return undefined;
}

/**
 * The function an argument is, when in sight: a function literal, a script function by name, or
 * a top-level name bound to what a factory returns (`const pricer = makeBinomialPricer(900)`).
 */
function functionValue(arg: t.Node | undefined, ctx: CostContext): t.Function | undefined {
  if (!arg) return undefined;
  if (t.isFunction(arg)) return arg;
  if (!t.isIdentifier(arg)) return undefined;
  const own = lookupFunction(arg.name, ctx);
  if (own) return own;
  const decl = ctx.analysis.ctx.programScope.getBinding(arg.name)?.path.node;
  const init = t.isVariableDeclarator(decl) ? decl.init : undefined;
  if (!t.isCallExpression(init) || !t.isIdentifier(init.callee)) return undefined;
  const factory = ctx.analysis.ctx.functions.get(init.callee.name);
  // The analysis's factories: every result a function literal. The first is counted.
  const made = factory && returnedClosures(factory)?.[0].node;
  // What the closure captured of the factory's arguments (`steps` = 900), for its loop bounds.
  if (made && !capturedNumbers.has(made)) {
    const known: Env = new Map();
    factory.node.params.forEach((p, i) => {
      const v = t.isIdentifier(p) ? evalNumber(init.arguments[i], new Map(), ctx) : undefined;
      if (v !== undefined) known.set((p as t.Identifier).name, v);
    });
    capturedNumbers.set(made, known);
  }
  return made;
}

/** Numbers a factory's closure captured from the factory's arguments (one factory call per closure is followed). */
const capturedNumbers = new WeakMap<t.Function, Env>();

/** The constructor a script class declares itself, if any. */
function constructorOf(name: string, ctx: CostContext): t.ClassMethod | undefined {
  const cls = ctx.analysis.ctx.classes.get(name)?.node;
  return cls?.body.body.find((m): m is t.ClassMethod => t.isClassMethod(m) && m.kind === 'constructor');
}

/** `this.items`: the name its length is kept under inside a method. */
function thisField(node: t.Node): string | undefined {
  return t.isMemberExpression(node) && t.isThisExpression(node.object) && !node.computed && t.isIdentifier(node.property) ? `this.${node.property.name}` : undefined;
}

const makesMemo = new WeakMap<t.Node, boolean>();
/** Whether a function may return an object of the script's classes: it constructs one (not in a nested function), or returns another call's result. */
function makesInstance(fn: t.Function, ctx: CostContext): boolean {
  let known = makesMemo.get(fn);
  if (known !== undefined) return known;
  known = false;
  const visit = (n: t.Node | null | undefined): void => {
    if (!n || known || t.isFunction(n)) return;
    if (t.isNewExpression(n) && t.isIdentifier(n.callee) && ctx.analysis.ctx.classes.has(n.callee.name)) known = true;
    else if (t.isReturnStatement(n) && t.isCallExpression(n.argument)) known = true;
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const child = (n as unknown as Record<string, t.Node | t.Node[] | null>)[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(fn.body);
  makesMemo.set(fn, known);
  return known;
}

/** Binds what is known of an object to a name: `this` or a parameter inside a function (`env`), or a declaration (`learn`). */
function bindInstance(name: string, made: Instance | undefined, into: { numbers: Env; sizes: Map<string, number>; prefix: string }): void {
  for (const [field, v] of made?.numbers ?? []) into.numbers.set(`${name}.${field}`, v);
  for (const [field, n] of made?.lengths ?? []) into.sizes.set(`${name}.${field}${into.prefix}`, n);
}

/** Where a function's locals are known: numbers and lengths side by side, lengths as `name.length`. */
const inEnv = (env: Env) => ({ numbers: env, sizes: env, prefix: '.length' });

/** Records what is known of a declaration's value: its number, length, and the lengths of its properties. */
function learn(id: t.Node, init: t.Node | null | undefined, env: Env, ctx: CostContext, into: { numbers: Env; sizes: Map<string, number>; prefix: string }): void {
  if (!init) return;
  if (t.isIdentifier(id)) {
    const v = evalNumber(init, env, ctx);
    if (v !== undefined) into.numbers.set(id.name, v);
    const n = sizeOf(init, env, ctx);
    if (n !== UNKNOWN_SIZE) into.sizes.set(`${id.name}${into.prefix}`, n);
    const each = elementSizeOf(init, env, ctx);
    if (each !== undefined) into.sizes.set(`${id.name}.[]${into.prefix}`, each);
    for (const [prop, size] of shapeOf(init, env, ctx) ?? []) into.sizes.set(`${id.name}.${prop}${into.prefix}`, size);
    bindInstance(id.name, instanceOf(init, env, ctx), into);
  } else if (t.isObjectPattern(id)) {
    const shape = shapeOf(init, env, ctx);
    for (const p of id.properties) {
      if (t.isObjectProperty(p) && !p.computed && t.isIdentifier(p.key) && t.isIdentifier(p.value) && shape?.has(p.key.name)) into.sizes.set(`${p.value.name}${into.prefix}`, shape.get(p.key.name)!);
    }
  }
}

/** Runs `count` with the loop multiplier raised by `times` (so pushes inside count `times` each), inside `loop` if given. */
function inLoop<T>(ctx: CostContext, times: number, count: () => T, loop?: t.Loop | t.Function): T {
  const saved = ctx.mult;
  ctx.mult = saved * Math.max(times, 1);
  if (loop) ctx.loops.push(changedIn(loop));
  try {
    return count();
  } finally {
    ctx.mult = saved;
    if (loop) ctx.loops.pop();
  }
}

const changedMemo = new WeakMap<t.Node, Set<string>>();
/** Names a loop (or a callback called per element) declares, assigns or takes: the ones whose objects may differ from one trip to the next. */
function changedIn(loop: t.Loop | t.Function): Set<string> {
  let names = changedMemo.get(loop);
  if (names) return names;
  names = new Set();
  const found = names;
  if (t.isFunction(loop)) for (const p of loop.params) for (const id of Object.keys(t.getBindingIdentifiers(p))) found.add(id);
  t.traverseFast(loop, (n) => {
    if (t.isVariableDeclarator(n)) for (const id of Object.keys(t.getBindingIdentifiers(n.id))) found.add(id);
    else if (t.isAssignmentExpression(n)) for (const id of Object.keys(t.getBindingIdentifiers(n.left as t.Node))) found.add(id);
    else if (t.isUpdateExpression(n) && t.isIdentifier(n.argument)) found.add(n.argument.name);
  });
  changedMemo.set(loop, names);
  return names;
}

/**
 * `this.cols` or `other.data` in a loop that changes neither: the compiler reads it once, before
 * the loop, so in the loop it costs what arithmetic does. A field of the loop's current element
 * (`o.price` of `for (const o of sales)`) is a load from a new object every trip.
 */
function invariantField(node: t.MemberExpression, ctx: CostContext): boolean {
  if (node.computed || ctx.loops.length === 0) return false;
  if (t.isThisExpression(node.object)) return true;
  return t.isIdentifier(node.object) && !ctx.loops.some((names) => names.has((node.object as t.Identifier).name));
}

/** The loop variable's middle value, so that inner loops bounded by it (j < i) count half. */
function loopVariable(node: t.ForStatement, env: Env, ctx: CostContext): void {
  const init = node.init;
  if (!t.isVariableDeclaration(init) || !t.isIdentifier(init.declarations[0]?.id)) return;
  const name = init.declarations[0].id.name;
  // Its first value is not its value in the body: forget what the declaration taught.
  env.delete(name);
  if (!t.isBinaryExpression(node.test)) return;
  const start = evalNumber(init.declarations[0].init, env, ctx);
  const test = node.test;
  let bound = t.isIdentifier(test.left, { name }) ? evalNumber(test.right, env, ctx) : undefined;
  // `p * p <= n`: p runs to √n.
  if (t.isBinaryExpression(test.left, { operator: '*' }) && t.isIdentifier(test.left.left, { name }) && t.isIdentifier(test.left.right, { name })) {
    const b = evalNumber(test.right, env, ctx);
    bound = b === undefined ? undefined : Math.sqrt(b);
  }
  if (start !== undefined && bound !== undefined) env.set(name, (start + bound) / 2);
}

/**
 * A remainder by a constant whose dividend leaves the 32-bit integers (`(s + i * i) % 1000003`
 * with i up to 10^8, `(h * 31 + c) % 1_000_000_007`): a floating-point remainder (fmod), about
 * 19 ns against 1 for `(h * 31 + c) % 1000003`, measured in a loop.
 */
const FMOD_OPS = 15;
function outsideInt32(node: t.BinaryExpression | t.AssignmentExpression, env: Env, ctx: CostContext): boolean {
  const modulus = (node.right as t.NumericLiteral).value;
  const dividend = node.left as t.Node;
  const known = evalNumber(dividend, env, ctx);
  if (known !== undefined && Math.abs(known) >= 2 ** 31) return true;
  // Values kept below the modulus and multiplied by a constant (a hash step) reach modulus × constant.
  let factor = 1;
  t.traverseFast(dividend, (n) => {
    if (t.isBinaryExpression(n, { operator: '*' })) for (const side of [n.left, n.right]) if (t.isNumericLiteral(side)) factor = Math.max(factor, side.value);
  });
  return factor > 1 && modulus * factor >= 2 ** 31;
}

/** Operations executed by evaluating a node once. */
function opsOf(node: t.Node | null | undefined, env: Env, ctx: CostContext, depth: number): number {
  if (!node || depth > MAX_DEPTH) return 0;
  if (t.isFunction(node)) return ALLOCATION; // a closure; its calls are counted where they happen
  if (t.isForStatement(node)) {
    const trips = demanded(node, earlyExit(node.body, forTrips(node, env, ctx)), ctx);
    const init = opsOf(node.init, env, ctx, depth);
    loopVariable(node, env, ctx);
    const per = inLoop(ctx, trips, () => opsOf(node.body, env, ctx, depth) + opsOf(node.test, env, ctx, depth) + opsOf(node.update, env, ctx, depth), node);
    return init + trips * Math.max(per, 1);
  }
  if (t.isWhileStatement(node) || t.isDoWhileStatement(node)) {
    const trips = demanded(node, earlyExit(node.body, whileTrips(node.test, node.body, env, ctx)), ctx);
    // A counter the body steps (`c++`) holds its first value only on the first trip: forget what
    // the loop changes, as for a for loop's variable.
    for (const name of changedIn(node)) env.delete(name);
    return trips * Math.max(1, inLoop(ctx, trips, () => opsOf(node.body, env, ctx, depth) + opsOf(node.test, env, ctx, depth), node));
  }
  const source = t.isForOfStatement(node) ? generatorCall(node.right, env, ctx) : undefined;
  if (source) return drainedLoop(node as t.ForOfStatement, source, env, ctx, depth);
  if (t.isForOfStatement(node) || t.isForInStatement(node)) {
    const n = demanded(node, sizeOf(node.right, env, ctx), ctx);
    // The element's length, when the model knows it (`for (const row of rows)`, `for (const [key, list] of groups)`).
    const each = t.isForOfStatement(node) ? elementSizeOf(node.right, env, ctx) : undefined;
    const item = each === undefined ? undefined : loopItem(node.left);
    const key = item && `${item}.length`;
    const before = key ? env.get(key) : undefined;
    if (key) env.set(key, each!);
    try {
      return n * Math.max(1, inLoop(ctx, n, () => opsOf(node.body, env, ctx, depth), node)) + opsOf(node.right, env, ctx, depth);
    } finally {
      if (key && before === undefined) env.delete(key);
      else if (key) env.set(key, before!);
    }
  }
  if (t.isCallExpression(node) || t.isNewExpression(node)) return callOps(node, env, ctx, depth);
  if (t.isYieldExpression(node)) return yieldOps(node, env, ctx, depth);
  // `[...primes(n)]`: the generator runs to its end here.
  const spread = t.isSpreadElement(node) ? generatorCall(node.argument, env, ctx) : undefined;
  if (spread) {
    const { ops, yields } = drain(spread, Infinity, ctx, depth);
    return ops + yields * GROWN;
  }
  if (t.isVariableDeclarator(node) && (t.isIdentifier(node.id) || t.isObjectPattern(node.id))) {
    const ops = 1 + opsOf(node.init, env, ctx, depth);
    if (t.isIdentifier(node.id)) {
      // `const it = primes()`: nothing runs until it is iterated.
      const made = generatorCall(node.init, env, ctx);
      if (made) ctx.generators.set(node.id.name, made);
      else ctx.generators.delete(node.id.name);
      // `const text = readFileSync(file, 'utf8')`: its lines and JSON elements, for a split or a
      // parse later (at the top, for the statements after it).
      const read = fileRead(node.init, ctx);
      for (const [fact, n] of [['lines', read?.lines], ['elements', read?.elements]] as const) {
        if (n === undefined) continue;
        env.set(`${node.id.name}#${fact}`, n);
        if (ctx.stack.length === 0) ctx.sizes.set(`${node.id.name}#${fact}`, n);
      }
    }
    // A string or BigInt that may grow in a loop: remember how often its declaration runs, since
    // one declared inside a loop starts over on each pass (its growth is counted per pass).
    const grows = t.isIdentifier(node.id) ? accumulatorKind(node.init) : undefined;
    if (grows) env.set(`${(node.id as t.Identifier).name}.${grows}`, Math.max(1, ctx.mult));
    // Likewise an array made inside a loop (`const sentence = []` per paragraph): its pushes
    // fill this pass's array, not one array across all passes.
    if (t.isIdentifier(node.id) && (t.isArrayExpression(node.init) || t.isNewExpression(node.init))) env.set(`${node.id.name}#made`, Math.max(1, ctx.mult));
    // An object literal indexed by computed keys later is a dictionary (below).
    if (t.isIdentifier(node.id) && t.isObjectExpression(node.init)) env.set(`${node.id.name}#dict`, 1);
    // Learn local constants and sizes, as for top-level statements.
    learn(node.id, node.init, env, ctx, inEnv(env));
    // `const text = JSON.stringify(rows)`: parsing it again makes as many elements.
    if (t.isIdentifier(node.id) && isJsonCall(node.init, 'stringify')) env.set(`${node.id.name}#json`, sizeOf((node.init as t.CallExpression).arguments[0], env, ctx));
    return ops;
  }
  // `acc *= i` in a loop, where acc is a BigInt: it gains a word every few iterations, and each
  // multiplication walks all of it, so the loop is quadratic in its trip count.
  if (t.isAssignmentExpression(node) && (node.operator === '*=' || node.operator === '**=') && t.isIdentifier(node.left) && env.has(`${node.left.name}.bigint`)) {
    const trips = ctx.mult / (env.get(`${node.left.name}.bigint`) ?? 1);
    if (trips > 1) return (opsOf(node.right, env, ctx, depth) + BIGINT_OP + (trips / 2) * BIGINT_WORDS_PER_STEP * BIGINT_WORD_OP);
  }
  // `this.rows = rows` (in a constructor, mostly): what the object's methods will find there.
  if (t.isAssignmentExpression(node) && node.operator === '=' && t.isMemberExpression(node.left) && t.isThisExpression(node.left.object) && !node.left.computed && t.isIdentifier(node.left.property)) {
    const field = `this.${node.left.property.name}`;
    const v = evalNumber(node.right, env, ctx);
    const n = sizeOf(node.right, env, ctx);
    if (v !== undefined) env.set(field, v);
    else env.delete(field);
    if (n !== UNKNOWN_SIZE) env.set(`${field}.length`, n);
    else env.delete(`${field}.length`);
  }
  // `s += piece` in a loop, where s started as a string: it grows by one piece per iteration.
  if (t.isAssignmentExpression(node) && node.operator === '+=' && t.isIdentifier(node.left) && env.has(`${node.left.name}.string`)) {
    const key = `${node.left.name}.length`;
    const piece = t.isStringLiteral(node.right) ? node.right.value.length : 1;
    env.set(key, (env.get(key) ?? 0) + (ctx.mult / (env.get(`${node.left.name}.string`) ?? 1)) * piece);
  }
  // Names and literals are operands: the operation that uses them is what costs. Arithmetic,
  // comparisons and assignments compile to a few machine instructions; calls, property lookups
  // on objects and allocations cost more.
  let sum = t.isIdentifier(node) || t.isLiteral(node) || t.isThisExpression(node) ? 0 : CHEAP_NODES.has(node.type) ? CHEAP_NODE_OPS : 1;
  // An element read (`xs[i]`) compiles to a bounds check and a load: cheap, like arithmetic.
  if (t.isMemberExpression(node) && (node.computed || invariantField(node, ctx))) sum = ELEMENT_OPS;
  // …except on an object used as a dictionary (`spend[r.customer]`, `const spend = {}`): a hash
  // lookup, as in a Map.
  if (t.isMemberExpression(node) && node.computed && !t.isLiteral(node.property) && t.isIdentifier(node.object) && env.has(`${node.object.name}#dict`)) sum = builtinCost.get;
  // A division takes a divider's many cycles; so does a remainder, unless by a constant (V8 turns
  // `i % 7` on integers into multiplications).
  if ((t.isBinaryExpression(node) || t.isAssignmentExpression(node)) && /^[%/]=?$/.test(node.operator)) {
    sum = node.operator[0] === '%' && t.isNumericLiteral(node.right) ? (outsideInt32(node, env, ctx) ? FMOD_OPS : CHEAP_NODE_OPS) : DIVIDE_OPS[node.operator[0]];
  }
  // A power by a small whole constant is a few multiplications; any other is a library call (Math.pow).
  if ((t.isBinaryExpression(node) || t.isAssignmentExpression(node)) && /^\*\*=?$/.test(node.operator) && !ctx.bigint) {
    const e = t.isNumericLiteral(node.right) ? node.right.value : NaN;
    if (!(Number.isInteger(e) && Math.abs(e) <= 4)) sum = builtinCost.Math_pow;
  }
  // Objects, arrays and instances cost an allocation (and later their collection).
  if (t.isObjectExpression(node) || t.isArrayExpression(node) || t.isNewExpression(node)) sum += ALLOCATION;
  // `[...xs]`, `f(...xs)`: a copy of each element.
  if (t.isSpreadElement(node)) sum += 2 * Math.min(sizeOf(node.argument, env, ctx), 1e7);
  // `{ ...o, extra }`: V8 copies the properties one by one and then reshapes the copy (1.3 µs for
  // three properties and one more, against 0.15 µs for the same object written out).
  if (t.isObjectExpression(node)) {
    for (const prop of node.properties) sum += t.isSpreadElement(prop) ? OBJECT_SPREAD + opsOf(prop.argument, env, ctx, depth) : opsOf(prop, env, ctx, depth);
    return sum;
  }
  // In a function that computes with BigInts, arithmetic on them costs more; an operation with a
  // Number operand (`j * 4`, `% words.length`) or an unsigned shift is on Numbers (mixing throws).
  const bigintOp = ctx.bigint && (t.isBinaryExpression(node) || t.isAssignmentExpression(node)) && !onNumbers(node);
  if (bigintOp && /^[*/%]|^\*\*/.test(node.operator)) sum += ctx.bigint;
  else if (bigintOp && /^[-+]|^<<|^>>/.test(node.operator)) sum += ctx.bigint / 5;
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, t.Node | t.Node[] | null>)[key];
    if (Array.isArray(child)) for (const c of child) sum += opsOf(c, env, ctx, depth);
    else if (child) sum += opsOf(child, env, ctx, depth);
  }
  return sum;
}

/** An operation that must be on Numbers: an operand is a number literal, a length or a Math call, or it is `>>>`. */
function onNumbers(node: t.BinaryExpression | t.AssignmentExpression): boolean {
  if (node.operator.startsWith('>>>')) return true;
  const number = (e: t.Node) =>
    t.isNumericLiteral(e) ||
    (t.isMemberExpression(e) && !e.computed && t.isIdentifier(e.property) && /^(length|size)$/.test(e.property.name)) ||
    (t.isCallExpression(e) && (t.isIdentifier(e.callee, { name: 'Number' }) || (t.isMemberExpression(e.callee) && t.isIdentifier(e.callee.object, { name: 'Math' }))));
  return number(node.left) || number(node.right);
}

/**
 * Generators. A call of one runs nothing; its body runs as its consumer takes values, so it is
 * counted where it is drained (a for-of, a spread, `Array.from`), as far as the consumer asks:
 * a loop of the generator that yields runs until it has given what is asked for, or to its end.
 */
function generatorCall(node: t.Node | null | undefined, env: Env, ctx: CostContext): GeneratorCall | undefined {
  if (t.isIdentifier(node)) return ctx.generators.get(node.name);
  if (!t.isCallExpression(node) || !t.isIdentifier(node.callee)) return undefined;
  const fn = lookupFunction(node.callee.name, ctx);
  return fn?.generator && !fn.async ? { name: node.callee.name, fn, args: node.arguments, env } : undefined;
}

/** Runs a generator's body for a consumer that takes up to `demand` values: its operations, and how many values it gave. */
function drain(call: GeneratorCall, demand: number, ctx: CostContext, depth: number): { ops: number; yields: number } {
  if (ctx.stack.includes(call.name) || ctx.stack.length >= MAX_DEPTH) return { ops: 0, yields: 0 };
  const saved = ctx.draining;
  const draining = { fn: call.fn, demand, yields: 0 };
  ctx.draining = draining;
  try {
    const { ops } = functionResult(call.name, call.fn, call.args, call.env, ctx, depth);
    return { ops, yields: draining.yields };
  } finally {
    ctx.draining = saved;
  }
}

/**
 * Trips of a loop in a generator being drained: a loop that yields runs until its consumer has
 * what it asked for (several trips per value when it yields only sometimes: a search), or to its
 * own end. An endless one drained by a consumer that never says when it stops is unknown.
 */
function demanded(loop: t.Loop, trips: number, ctx: CostContext): number {
  const wanted = ctx.draining && askedOf(loop, ctx);
  if (wanted === undefined) return trips;
  const n = Math.min(endless(loop) ? Infinity : trips, wanted);
  return Number.isFinite(n) ? n : UNKNOWN_TRIPS;
}

/** Trips a yielding loop of the generator being drained must run to give what its consumer asks for, per trip of the loops around it. */
function askedOf(loop: t.Loop, ctx: CostContext): number | undefined {
  const yields = ctx.draining && yieldIn(loop);
  if (!yields) return undefined;
  return (ctx.draining!.demand / Math.max(1, ctx.mult)) * (yields === 'sometimes' ? SEARCH_TRIPS : 1);
}

/** `for (const p of primes())`: the generator's work and the body's, once per value taken. */
function drainedLoop(node: t.ForOfStatement, call: GeneratorCall, env: Env, ctx: CostContext, depth: number): number {
  // A consumer that stops at a count (`if (i++ >= n) return`) asks for that many; one that is itself a generator passes on what its own consumer asks.
  const bound = evalNumber(exitBound(node.body), env, ctx);
  const demand = Math.min(bound !== undefined && bound >= 0 ? bound + 1 : Infinity, askedOf(node, ctx) ?? Infinity);
  const { ops, yields } = drain(call, demand, ctx, depth);
  return ops + yields * Math.max(1, inLoop(ctx, yields, () => opsOf(node.body, env, ctx, depth), node));
}

/**
 * A value passed through a generator: suspending it, resuming it and the `{ value, done }` object
 * the consumer gets (about 30 ns in Node 20: 5 million values of a counting generator took 185 ms).
 */
const YIELD = 24;
/** An element appended to an array growing to a size not known ahead (a drained generator spread into one: 70 ns a value in all, against 33 ns for a for-of). */
const GROWN = 30;

/** `yield v` gives the consumer one value; `yield* inner()` all of inner's, as far as asked. */
function yieldOps(node: t.YieldExpression, env: Env, ctx: CostContext, depth: number): number {
  const draining = ctx.draining;
  if (!draining) return YIELD + opsOf(node.argument, env, ctx, depth);
  if (!node.delegate) {
    draining.yields += ctx.mult;
    return YIELD + opsOf(node.argument, env, ctx, depth);
  }
  const inner = generatorCall(node.argument, env, ctx);
  if (inner) {
    // Each value passes through this generator too.
    const { ops, yields } = drain(inner, draining.demand / Math.max(1, ctx.mult), ctx, depth);
    draining.yields += yields * ctx.mult;
    return ops + yields * YIELD;
  }
  const n = sizeOf(node.argument, env, ctx);
  draining.yields += (n === UNKNOWN_SIZE ? 1 : n) * ctx.mult;
  return opsOf(node.argument, env, ctx, depth) + n;
}

/**
 * The length of an element of a collection of n: what the model knows of its elements
 * (elementSizeOf), else n for the rows of a modest square table, else a handful (neighbour lists).
 */
function elementLength(collection: t.Node, n: number, env: Env, ctx: CostContext): number {
  return elementSizeOf(collection, env, ctx) ?? (n <= SQUARE_ROWS ? n : UNKNOWN_ELEMENT);
}

/**
 * Counts a callback of an iteration method with its element parameter sized as an element of the
 * collection it iterates (`adj.forEach((nbrs) => { for (const w of nbrs) … })`), of `length`.
 */
function elementSized<T>(fn: t.Function, method: string, length: number, env: Env, count: () => T): T {
  const param = fn.params[method === 'reduce' || method === 'reduceRight' ? 1 : 0];
  if (!t.isIdentifier(param) || method === 'from') return count();
  const key = `${param.name}.length`;
  const before = env.get(key);
  env.set(key, length);
  try {
    return count();
  } finally {
    if (before === undefined) env.delete(key);
    else env.set(key, before);
  }
}

function callOps(node: t.CallExpression | t.NewExpression, env: Env, ctx: CostContext, depth: number): number {
  let args = 0;
  for (const a of node.arguments) if (!t.isFunction(a)) args += opsOf(a, env, ctx, depth);
  const callee = node.callee;
  // A callback written out, or one of the script's functions given by name (`rows.map(parseRow)`, `sort(byScore)`).
  const fnArg = (node.arguments.find((a) => t.isFunction(a)) ?? namedCallback(node, ctx)) as t.Function | undefined;
  if (t.isIdentifier(callee)) {
    const fn = functionValue(callee, ctx);
    // A generator's call makes its iterator; its body runs where that is drained.
    if (fn?.generator && !fn.async) return args + 5 + ALLOCATION;
    if (fn && !t.isNewExpression(node)) return args + 5 + functionResult(callee.name, fn, node.arguments, env, ctx, depth).ops;
    // `new Set(primes(1000))`: drains it.
    const drained = t.isNewExpression(node) && /^(Weak)?(Set|Map)$/.test(callee.name) ? generatorCall(node.arguments[0], env, ctx) : undefined;
    if (drained) {
      const { ops, yields } = drain(drained, Infinity, ctx, depth);
      return args + 10 + ops + yields * builtinCost.set;
    }
    // A constructor of the script's own (`new Warehouse(2500)` filling its stock in a loop).
    const ctor = t.isNewExpression(node) ? constructorOf(callee.name, ctx) : undefined;
    const key = `new ${callee.name}`;
    if (ctor && !ctx.stack.includes(key) && ctx.stack.length < MAX_DEPTH) return args + 10 + functionResult(key, ctor, node.arguments, env, ctx, depth).ops;
    return args + 10;
  }
  if (t.isMemberExpression(callee)) {
    const name = t.isIdentifier(callee.property) ? callee.property.name : '';
    // Count what a push adds, for the size of the array later.
    const pushedTo = t.isIdentifier(callee.object) ? callee.object.name : thisField(callee.object);
    if ((name === 'push' || name === 'unshift') && pushedTo) {
      const key = `${pushedTo}.length`;
      env.set(key, (env.get(key) ?? 0) + (ctx.mult / (env.get(`${pushedTo}#made`) ?? 1)) * node.arguments.length);
      // The length of what is pushed (a line of text made from a template), for a join later.
      // One piece of unknown length makes them all unknown (Infinity, see elementSizeOf); so does a
      // string kept in a variable, which may be cut short between pushes (`chunks.push(bits); bits = ''`).
      for (const a of node.arguments) {
        const n = t.isTemplateLiteral(a) || t.isStringLiteral(a) ? sizeOf(a, env, ctx) : UNKNOWN_SIZE;
        const each = `${pushedTo}.[].length`;
        env.set(each, Math.max(env.get(each) ?? 0, n === UNKNOWN_SIZE ? Infinity : n));
      }
    }
    // `groups.get(key).push(x)` in a loop: what the loop pushes is spread over the groups.
    const getter = name === 'push' && t.isCallExpression(callee.object) && t.isMemberExpression(callee.object.callee) ? callee.object.callee : undefined;
    if (getter && t.isIdentifier(getter.object) && t.isIdentifier(getter.property, { name: 'get' })) {
      const each = `${getter.object.name}.[].length`;
      env.set(each, (env.get(each) ?? 0) + ctx.mult / Math.max(1, sizeOf(getter.object, env, ctx)));
    }
    let own = opsOf(callee.object, env, ctx, depth);
    // JSON's and Math's functions are priced by namespace, so that a method of the same name (`console.log`, `rng.random()`) is not taken for them.
    const json = t.isIdentifier(callee.object, { name: 'JSON' });
    const key = json || t.isIdentifier(callee.object, { name: 'Math' }) ? `${(callee.object as t.Identifier).name}_${name}` : name;
    own += builtinCost[key] ?? (json ? 100 : 10);
    // Built-ins whose work grows with what they are given (strings, arrays, JSON values).
    if (perElementCost[key] !== undefined) {
      // A slice copies only its part: what it returns, not what it is taken from.
      const n = json && name === 'parse' ? jsonElements(node.arguments[0], env, ctx) : sizeOf(json ? node.arguments[0] : name === 'slice' ? node : callee.object, env, ctx);
      if (n !== UNKNOWN_SIZE) own += n * perElementCost[key];
    }
    // A file the script writes and reads back (`writeFileSync(csvFile, lines.join('\n'))`): what it wrote.
    const file = name === 'writeFileSync' ? fileKey(node.arguments[0]) : undefined;
    if (file) {
      const n = sizeOf(node.arguments[1], env, ctx);
      if (n !== UNKNOWN_SIZE) ctx.sizes.set(file, n);
      const lines = joinedLines(node.arguments[1], env, ctx);
      if (lines !== undefined) ctx.sizes.set(`${file}.lines`, lines);
    }
    if (zlibPerByte[name] !== undefined) {
      const n = sizeOf(node.arguments[0], env, ctx);
      const opts = node.arguments[1];
      const level = t.isObjectExpression(opts) ? (opts.properties.find((p) => t.isObjectProperty(p) && t.isIdentifier(p.key, { name: 'level' })) as t.ObjectProperty | undefined) : undefined;
      const high = (evalNumber(level?.value, env, ctx) ?? 6) >= 8 ? ZLIB_HIGH_LEVEL : 1;
      if (n !== UNKNOWN_SIZE) own += n * zlibPerByte[name] * (name.startsWith('deflate') || name.startsWith('gzip') ? high : 1);
    }
    if (name === 'pbkdf2Sync' || name === 'pbkdf2') own += (evalNumber(node.arguments[2], env, ctx) ?? 10000) * PBKDF2_ROUND;
    if (name === 'scryptSync' || name === 'scrypt') {
      const opts = node.arguments[3];
      const n = t.isObjectExpression(opts) ? (opts.properties.find((p) => t.isObjectProperty(p) && t.isIdentifier(p.key) && /^(N|cost)$/.test(p.key.name)) as t.ObjectProperty | undefined) : undefined;
      own += (evalNumber(n?.value, env, ctx) ?? 16384) * SCRYPT_PER_N;
    }
    // A method the script defines (a class's push, a queue's pop): count its body, as for a function.
    const methods = ctx.analysis.ctx.methods.get(name);
    if (methods && !ctx.stack.includes(`.${name}`) && ctx.stack.length < MAX_DEPTH) {
      own += Math.max(0, ...methods.map((m) => functionResult(`.${name}`, m.node, node.arguments, env, ctx, depth, callee.object).ops));
    }
    // JSON.parse(text, reviver) calls the reviver for every value it makes: a few per element.
    if (json && name === 'parse' && fnArg) {
      const n = jsonElements(node.arguments[0], env, ctx);
      const calls = (n === UNKNOWN_SIZE ? 1 : n) * VALUES_PER_ELEMENT;
      return args + own + calls * (REVIVER_CALL + inLoop(ctx, calls, () => opsOf(fnArg.body, env, ctx, depth + 1), fnArg));
    }
    const isArrayFrom = name === 'from' && t.isIdentifier(callee.object, { name: 'Array' });
    // `Array.from(primes(1000), f)`, `Object.fromEntries(pairs())`: the generator runs to its end here.
    const drained = isArrayFrom || (name === 'fromEntries' && t.isIdentifier(callee.object, { name: 'Object' })) ? generatorCall(node.arguments[0], env, ctx) : undefined;
    if (drained) {
      const { ops, yields } = drain(drained, Infinity, ctx, depth);
      own += ops + yields * GROWN;
    }
    if (fnArg || isArrayFrom || name === 'fill') {
      const n = isArrayFrom ? sizeOf(node, env, ctx) : sizeOf(callee.object, env, ctx);
      const factor = name === 'sort' ? Math.log2(Math.max(n, 2)) : 1;
      // A comparator is called from the sort's own code, which moves elements around: dearer than a map callback.
      // The callback's parameters are each trip's element: new objects every call.
      const body = fnArg ? inLoop(ctx, n * factor, () => elementSized(fnArg, name, elementLength(callee.object, n, env, ctx), env, () => opsOf(fnArg.body, env, ctx, depth + 1)), fnArg) + (name === 'sort' ? SORT_COMPARISON : 10) : 2;
      return args + own + n * factor * body;
    }
    if (name === 'sort') {
      const n = sizeOf(callee.object, env, ctx);
      // A comparator the model cannot see (`sort(sorters[i])`) is still a call per comparison.
      const compare = node.arguments.length > 0 ? SORT_COMPARISON + 10 : 10;
      return args + own + n * Math.log2(Math.max(n, 2)) * compare;
    }
    return args + own;
  }
  // `(() => { … })()`: the body runs here, once, seeing what is around it (on a copy, so that
  // its own locals stay inside).
  if ((t.isFunctionExpression(callee) || t.isArrowFunctionExpression(callee)) && !t.isNewExpression(node)) {
    return args + 5 + opsOf(callee.body, new Map(env), ctx, depth + 1);
  }
  return args + opsOf(callee, env, ctx, depth) + 10;
}

/** `JSON.stringify(…)` or `JSON.parse(…)`. */
function isJsonCall(node: t.Node | null | undefined, method: string): boolean {
  return t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.object, { name: 'JSON' }) && t.isIdentifier(node.callee.property, { name: method });
}

/** Bytes of JSON text per element of a record array (`{"id":12,"v":345,"tag":"t7"}`: 26). */
const JSON_BYTES_PER_ELEMENT = 25;

/** Elements a JSON text parses into: those of what was stringified into it, when the model saw that. */
function jsonElements(text: t.Node | undefined, env: Env, ctx: CostContext): number {
  if (isJsonCall(text, 'stringify')) return sizeOf((text as t.CallExpression).arguments[0], env, ctx);
  // A data file: its elements, else one per few dozen bytes.
  const known = textElements(text, env, ctx);
  if (known !== undefined) return known;
  const bytes = fileRead(text, ctx)?.bytes;
  if (bytes !== undefined) return bytes / JSON_BYTES_PER_ELEMENT;
  return (t.isIdentifier(text) ? env.get(`${text.name}#json`) : undefined) ?? sizeOf(text, env, ctx);
}

/** The script function a built-in's callback argument names (`xs.map(parseRow)`), unless it is being counted already (recursion). */
function namedCallback(node: t.CallExpression | t.NewExpression, ctx: CostContext): t.Function | undefined {
  if (!t.isMemberExpression(node.callee)) return undefined;
  for (const a of node.arguments) {
    if (!t.isIdentifier(a) || ctx.stack.includes(a.name)) continue;
    const fn = functionValue(a, ctx);
    if (fn) return fn;
  }
  return undefined;
}

/** The name a for…of loop gives each element (`row`), or the value of each entry (`list` in `[key, list]`). */
function loopItem(left: t.Node): string | undefined {
  const id = t.isVariableDeclaration(left) ? left.declarations[0]?.id : left;
  if (t.isIdentifier(id)) return id.name;
  if (t.isArrayPattern(id) && id.elements.length === 2 && t.isIdentifier(id.elements[1])) return id.elements[1].name;
  return undefined;
}

/** `''`, a template, `1n` or `BigInt(x)`: a value a loop may grow by `+=` or `*=`. */
function accumulatorKind(init: t.Node | null | undefined): 'string' | 'bigint' | undefined {
  if (t.isStringLiteral(init) || t.isTemplateLiteral(init)) return 'string';
  if (t.isBigIntLiteral(init) || (t.isCallExpression(init) && t.isIdentifier(init.callee, { name: 'BigInt' }))) return 'bigint';
  return undefined;
}

/** Operations of one call of a script function, the length of the array it returns and the lengths of the returned object's properties, if known. */
function functionResult(name: string, fn: t.Function, args: t.Node[], env: Env, ctx: CostContext, depth: number, receiver?: t.Node): { ops: number; size: number; shape?: Map<string, number>; instance?: Instance } {
  if (ctx.stack.includes(name)) return { ops: 0, size: UNKNOWN_SIZE }; // counted once, multiplied at the outermost call
  // A function declared inside another sees the enclosing function's variables (a closure).
  const nested = ctx.locals.some((scope) => scope.get(name) === fn);
  const inner: Env = nested ? new Map(env) : new Map();
  for (const [k, v] of capturedNumbers.get(fn) ?? []) inner.set(k, v);
  // A method sees the fields of the object it is called on, when they are known.
  if (receiver && !t.isArrowFunctionExpression(fn)) {
    for (const k of [...inner.keys()]) if (k.startsWith('this.')) inner.delete(k);
    bindInstance('this', instanceOf(receiver, env, ctx), inEnv(inner));
  }
  // A parameter given a generator's call (`take(n, primes())`) is that generator, run where it is drained: no size to learn now.
  const given = fn.params.map((p, i) => (t.isIdentifier(p) ? generatorCall(args[i], env, ctx) : undefined));
  const made = fn.params.map((p, i) => (t.isIdentifier(p) && args[i] && !t.isFunction(args[i]) && !given[i] ? instanceOf(args[i], env, ctx) : undefined));
  ctx.stack.push(name);
  fn.params.forEach((p, i) => {
    if (t.isIdentifier(p) && !given[i]) {
      for (const k of [...inner.keys()]) if (k.startsWith(`${p.name}.`)) inner.delete(k);
      inner.delete(`${p.name}.length`);
      bindInstance(p.name, made[i], inEnv(inner));
      const v = evalNumber(args[i], env, ctx);
      if (v !== undefined) inner.set(p.name, v);
      const n = sizeOf(args[i], env, ctx);
      if (n !== UNKNOWN_SIZE) inner.set(`${p.name}.length`, n);
      const each = elementSizeOf(args[i], env, ctx);
      if (each !== undefined) inner.set(`${p.name}.[].length`, each);
      for (const [prop, size] of shapeOf(args[i], env, ctx) ?? []) inner.set(`${p.name}.${prop}.length`, size);
    }
  });
  const saved = { mult: ctx.mult, bigint: ctx.bigint, loops: ctx.loops, draining: ctx.draining, generators: ctx.generators };
  ctx.mult = 1; // sizes inside the function are per call
  ctx.loops = [];
  // Only a generator's own yields count for its consumer.
  if (ctx.draining?.fn !== fn) ctx.draining = undefined;
  ctx.generators = new Map(nested ? saved.generators : []);
  fn.params.forEach((p, i) => {
    if (given[i]) ctx.generators.set((p as t.Identifier).name, given[i]!);
  });
  ctx.bigint = usesBigInt(fn);
  // A function handed in (`pricer` made by a factory, a callback) is counted where the parameter is called.
  const passed = new Map<string, t.Function>();
  fn.params.forEach((p, i) => {
    const value = t.isIdentifier(p) ? functionValue(args[i], ctx) : undefined;
    if (value && value !== fn) passed.set((p as t.Identifier).name, value);
  });
  ctx.locals.push(passed.size ? new Map([...nestedFunctions(fn), ...passed]) : nestedFunctions(fn));
  let ops: number;
  let size = UNKNOWN_SIZE;
  let shape: Map<string, number> | undefined;
  let instance: Instance | undefined;
  try {
    ops = opsOf(fn.body, inner, ctx, depth + 1);
    // The returned value's length and shape, while the function is still on the stack (its own calls stay unknown).
    const body = fn.body;
    const returned = t.isBlockStatement(body) ? body.body.filter((st): st is t.ReturnStatement => t.isReturnStatement(st) && !!st.argument).map((st) => st.argument!) : [body];
    for (const r of returned) {
      size = sizeOf(r, inner, ctx);
      shape = shapeOf(r, inner, ctx) ?? shape;
      instance ??= instanceOf(r, inner, ctx);
    }
    // A constructor makes `this`.
    if (t.isClassMethod(fn) && fn.kind === 'constructor') instance = instanceOf(t.thisExpression(), inner, ctx);
  } finally {
    ctx.mult = saved.mult;
    ctx.bigint = saved.bigint;
    ctx.loops = saved.loops;
    ctx.draining = saved.draining;
    ctx.generators = saved.generators;
    ctx.locals.pop();
    ctx.stack.pop();
  }
  const rec = selfCalls(fn, name.replace(/^\./, ''));
  if (rec.sites > 0) {
    const trips = rec.loop ? forTrips(rec.loop, inner, ctx) : undefined;
    const calls = recursionCalls(rec, fn, inner, nested, trips !== undefined && trips !== UNKNOWN_TRIPS && trips >= 2 ? trips : undefined);
    ops *= calls;
    // A recursive builder (a tree, a nested list) returns about one node per call; a memoised
    // count (`return r` of a sum) returns a number however many calls it made.
    if (size === UNKNOWN_SIZE && calls > 1 && buildsNodes(fn)) size = Math.min(calls, 1e7);
    // A top-level memo table ends with an entry per state computed: sending it costs that much
    // (held-out h18 cloned 3 million entries to the main thread, priced as 64 KiB, and ran at 0.77x).
    const params = new Set(fn.params.flatMap((p) => (t.isIdentifier(p) ? [p.name] : [])));
    if (memoised(fn)) {
      for (const table of memoTables(fn)) {
        if (params.has(table) || !ctx.analysis.bindings.has(table)) continue;
        ctx.sizes.set(table, Math.max(ctx.sizes.get(table) ?? 0, calls / Math.max(rec.sites, 1)));
      }
    }
  }
  return { ops, size, shape, instance };
}

/**
 * How many calls a recursive function makes in all, from the depth its arguments suggest:
 * two or more self-calls (fib) branch about 1.6-fold per level, a self-call inside a loop
 * (backtracking, permutations) explores up to about a million nodes, one self-call recurses once per level.
 */
function recursionCalls(rec: { sites: number; inLoop: boolean; loop?: t.ForStatement }, fn: t.Function, inner: Env, nested: boolean, branching: number | undefined): number {
  const params = new Set(fn.params.flatMap((p) => (t.isIdentifier(p) ? [p.name] : [])));
  const candidates = [...inner.entries()].filter(([k, v]) => (params.has(k) || nested) && !k.includes('.') && Number.isFinite(v) && v >= 1 && v <= 1e7).map(([, v]) => v);
  const depth = candidates.length ? Math.max(...candidates.filter((v) => v <= 64), 0) || Math.min(...candidates) : undefined;
  if (depth === undefined) return 1000;
  if (rec.inLoop) {
    // Branching like the loop around the self-call (6 children per node: 6^depth), else like permutations (depth!).
    let f = 1;
    if (branching !== undefined) for (let i = 1; i <= depth && f < 1e6; i++) f *= branching;
    else for (let i = 2; i <= depth && f < 1e6; i++) f *= i;
    return Math.min(f, 1e6);
  }
  // A memoised function (it looks its arguments up in a table it also fills) computes each state
  // once: about as many calls as its numeric arguments have combinations (`partitions(n, max)`:
  // n * max; `fib(n)`: n), each of the others answered from the table.
  if (memoised(fn)) {
    const states = [...params].map((p) => inner.get(p)).filter((v): v is number => v !== undefined && Number.isFinite(v) && v >= 1);
    return Math.min(Math.max(states.reduce((a, b) => a * b, 1), 1) * Math.max(rec.sites, 1), 1e7);
  }
  if (rec.sites >= 2) return Math.min(1.6 ** Math.min(depth, 60), 1e9);
  // One self-call per level: deeper than about ten thousand levels would overflow the stack.
  return Math.min(Math.max(depth, 1), 1e4);
}

const buildsMemo = new WeakMap<t.Node, boolean>();
/** Whether a function returns an object, array or instance it makes (`return node` of `const node = { … }`), not only numbers or what it looked up. */
function buildsNodes(fn: t.Function): boolean {
  let known = buildsMemo.get(fn);
  if (known === undefined) buildsMemo.set(fn, (known = returnsMadeValue(fn)));
  return known;
}

function returnsMadeValue(fn: t.Function): boolean {
  let found = false;
  const made = (e: t.Node | null | undefined) => t.isArrayExpression(e) || t.isObjectExpression(e) || t.isNewExpression(e);
  const madeLocals = new Set<string>();
  t.traverseFast(fn.body, (n) => {
    if (t.isVariableDeclarator(n) && t.isIdentifier(n.id) && made(n.init)) madeLocals.add(n.id.name);
  });
  const visit = (n: t.Node | null | undefined): void => {
    if (!n || found || (t.isFunction(n) && n !== fn)) return;
    if (t.isReturnStatement(n) && (made(n.argument) || (t.isIdentifier(n.argument) && madeLocals.has(n.argument.name)))) found = true;
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const child = (n as unknown as Record<string, t.Node | t.Node[] | null>)[key];
      if (Array.isArray(child)) child.forEach(visit);
      else visit(child);
    }
  };
  visit(t.isBlockStatement(fn.body) ? fn.body : null);
  if (!t.isBlockStatement(fn.body)) found = made(fn.body);
  return found;
}

const memoTablesMemo = new WeakMap<t.Node, string[]>();
/** Does the function both read (`get`, `has`) and fill (`set`) the same table (a global or a parameter)? */
function memoised(fn: t.Function): boolean {
  return memoTables(fn).length > 0;
}

/** The tables a function both reads (`get`, `has`) and fills (`set`): not its own locals, which remember nothing between calls. */
function memoTables(fn: t.Function): string[] {
  let known = memoTablesMemo.get(fn);
  if (known) return known;
  const reads = new Set<string>();
  const fills = new Set<string>();
  const locals = new Set<string>();
  t.traverseFast(fn.body, (n) => {
    if (t.isVariableDeclarator(n) && t.isIdentifier(n.id)) locals.add(n.id.name);
    if (!t.isCallExpression(n) || !t.isMemberExpression(n.callee) || !t.isIdentifier(n.callee.object) || !t.isIdentifier(n.callee.property)) return;
    const method = n.callee.property.name;
    if (method === 'get' || method === 'has') reads.add(n.callee.object.name);
    if (method === 'set') fills.add(n.callee.object.name);
  });
  known = [...reads].filter((name) => fills.has(name) && !locals.has(name));
  memoTablesMemo.set(fn, known);
  return known;
}

const recursionMemo = new WeakMap<t.Node, { sites: number; inLoop: boolean; loop?: t.ForStatement }>();
/** Calls of the function by its own name in its body, and whether one sits inside a loop. */
function selfCalls(fn: t.Function, name: string): { sites: number; inLoop: boolean; loop?: t.ForStatement } {
  const memo = recursionMemo.get(fn);
  if (memo) return memo;
  const out: { sites: number; inLoop: boolean; loop?: t.ForStatement } = { sites: 0, inLoop: false };
  const visit = (n: t.Node | null | undefined, loop: t.Loop | null): void => {
    if (!n) return;
    if (t.isCallExpression(n) && (t.isIdentifier(n.callee, { name }) || (t.isMemberExpression(n.callee) && t.isThisExpression(n.callee.object) && t.isIdentifier(n.callee.property, { name })))) {
      out.sites++;
      if (loop) {
        out.inLoop = true;
        if (t.isForStatement(loop) && !out.loop) out.loop = loop;
      }
    }
    const inner = t.isLoop(n) ? n : loop;
    for (const key of t.VISITOR_KEYS[n.type] ?? []) {
      const child = (n as unknown as Record<string, t.Node | t.Node[] | null>)[key];
      if (Array.isArray(child)) child.forEach((c) => visit(c, inner));
      else visit(child, inner);
    }
  };
  visit(fn.body, null);
  recursionMemo.set(fn, out);
  return out;
}

const nestedMemo = new WeakMap<t.Node, Map<string, t.Function>>();
/** Functions declared (or bound to a const) anywhere inside a function, by name. */
function nestedFunctions(fn: t.Function): Map<string, t.Function> {
  const memo = nestedMemo.get(fn);
  if (memo) return memo;
  const out = new Map<string, t.Function>();
  t.traverseFast(fn.body, (n) => {
    if (t.isFunctionDeclaration(n) && n.id) out.set(n.id.name, n);
    else if (t.isVariableDeclarator(n) && t.isIdentifier(n.id) && (t.isFunctionExpression(n.init) || t.isArrowFunctionExpression(n.init))) out.set(n.id.name, n.init);
  });
  nestedMemo.set(fn, out);
  return out;
}

const bigintMemo = new WeakMap<t.Node, number>();
/**
 * What one BigInt multiplication costs in a function that computes with BigInts (it writes a
 * BigInt literal or calls BigInt), or 0. Numbers kept to a machine word (`BigInt.asUintN(64, …)`,
 * as in hashes and PRNGs) cost about 9 ns an operation, not the microseconds of wide ones.
 */
function usesBigInt(fn: t.Function): number {
  let found = bigintMemo.get(fn);
  if (found !== undefined) return found;
  let big = false, word = false;
  t.traverseFast(fn.body, (n) => {
    if (t.isBigIntLiteral(n) || (t.isCallExpression(n) && t.isIdentifier(n.callee, { name: 'BigInt' }))) big = true;
    if (t.isCallExpression(n) && t.isMemberExpression(n.callee) && t.isIdentifier(n.callee.object, { name: 'BigInt' }) && t.isIdentifier(n.callee.property) && /^as(Uint|Int)N$/.test(n.callee.property.name)) {
      const bits = n.arguments[0];
      if (t.isNumericLiteral(bits) && bits.value <= 64) word = true;
    }
  });
  found = !big ? 0 : word ? BIGINT_WORD_OP_NS / NS_PER_OP : BIGINT_OP;
  bigintMemo.set(fn, found);
  return found;
}

/** Estimated milliseconds per top-level statement. */
export function staticCosts(analysis: Analysis): number[] {
  return staticCostModel(analysis).statements;
}

/** Statement costs, and a way to cost any expression of a statement (with what is known before it). */
export interface StaticCostModel {
  statements: number[];
  /** Lengths the model learned of top-level bindings and their properties (`name`, `name.prop`). */
  lengths: Map<string, number>;
  expression(node: t.Node, statement: number): number;
}

/** One model per analysis: the transform asks for it to split prints and again to estimate. */
const models = new WeakMap<Analysis, StaticCostModel>();

export function staticCostModel(analysis: Analysis): StaticCostModel {
  let model = models.get(analysis);
  if (!model) models.set(analysis, (model = buildCostModel(analysis)));
  return model;
}

function buildCostModel(analysis: Analysis): StaticCostModel {
  const constants: Env = new Map();
  const fields = fieldValues(analysis.ctx, (name) => constants.get(name));
  const ctx: CostContext = { analysis, mult: 1, constants, sizes: new Map(), stack: [], locals: [], bigint: 0, fields, loops: [], generators: new Map() };
  const out: number[] = [];
  const snapshots: { constants: Env; sizes: Map<string, number> }[] = [];
  for (const s of analysis.statements) {
    snapshots.push({ constants: new Map(ctx.constants), sizes: new Map(ctx.sizes) });
    const node = s.path.node;
    const env: Env = new Map();
    const ops = t.isFunctionDeclaration(node) || t.isClassDeclaration(node) ? 1 : opsOf(node, env, ctx, 0);
    carryLengths(env, s.defines, ctx);
    // A bound that evaluates to NaN or Infinity says nothing: count it as unknown.
    out.push(Number.isFinite(ops) ? (ops * NS_PER_OP) / 1e6 : (UNKNOWN_TRIPS * NS_PER_OP) / 1e6);
    // Learn constants and sizes for the statements that follow.
    if (t.isVariableDeclaration(node)) {
      for (const d of node.declarations) {
        if (!d.init) continue;
        // Numbers only from bindings nothing reassigns; sizes (and sizes of properties) are a guide either way.
        const numbers: Env = new Map();
        learn(d.id, d.init, new Map(), ctx, { numbers, sizes: ctx.sizes, prefix: '' });
        // `m.rows` (a field of what m holds) stands as long as m does.
        for (const [name, v] of numbers) if ((analysis.bindings.get(name.split('.')[0])?.assignedBy.length ?? 0) === 0) ctx.constants.set(name, v);
      }
    }
  }
  return {
    statements: out,
    lengths: ctx.sizes,
    expression(node, statement) {
      const snap = snapshots[statement] ?? { constants: new Map(), sizes: new Map() };
      const local: CostContext = { analysis, mult: 1, constants: snap.constants, sizes: snap.sizes, stack: [], locals: [], bigint: 0, fields, loops: [], generators: new Map() };
      return (opsOf(node, new Map(), local, 0) * NS_PER_OP) / 1e6;
    },
  };
}

/**
 * What a top-level statement added to the script's arrays (`for (…) data.push(x)` after `const
 * data = []`): the statements after it see them that long, as they see a declared length.
 */
function carryLengths(env: Env, declared: string[], ctx: CostContext): void {
  for (const [key, n] of env) {
    const match = /^([\w$]+)\.(\[\]\.)?length$/.exec(key);
    if (!match || !Number.isFinite(n) || declared.includes(match[1]) || !ctx.analysis.bindings.has(match[1])) continue;
    if (match[2]) ctx.sizes.set(`${match[1]}.[]`, Math.max(ctx.sizes.get(`${match[1]}.[]`) ?? 0, n));
    else ctx.sizes.set(match[1], (ctx.sizes.get(match[1]) ?? 0) + n);
  }
}

/** Bytes a cloned element takes when we do not know what it is (a number takes 9, a small record 40 to 80). */
const BYTES_PER_ELEMENT = 40;

/**
 * Estimated bytes of a binding's value when cloned (for communication costs): from the lengths
 * the cost model found (`lengths`: the binding's own, and its properties' as `name.prop`), else 64 KiB.
 */
export function staticSize(analysis: Analysis, name: string, lengths?: Map<string, number>): number {
  const kind = analysis.kinds.get(name)?.k ?? 'any';
  const own = lengths?.get(name);
  if (kind === 'prim') return own !== undefined && Number.isFinite(own) ? Math.max(16, own) : 16; // a string's characters
  let elements = own !== undefined && Number.isFinite(own) ? own : 0;
  for (const [key, n] of lengths ?? []) {
    if (key === `${name}.[]`) elements += Number.isFinite(n) ? (own ?? 1) * n : 0; // each element's length
    else if (key.startsWith(`${name}.`) && !key.slice(name.length + 1).includes('.') && Number.isFinite(n)) elements += n;
  }
  if (elements === 0) return 64 * 1024;
  return Math.max(64, Math.min(elements, 1e9) * (staticallyNumeric(analysis, name) ? 9 : BYTES_PER_ELEMENT));
}

const TYPED = new Set([...typedArrays, 'ArrayBuffer']);
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
  const global = (n: t.Node, id: ReadonlySet<string> | string) =>
    t.isIdentifier(n) && (typeof id === 'string' ? n.name === id : id.has(n.name)) && !analysis.ctx.programScope.getBinding(n.name);
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
