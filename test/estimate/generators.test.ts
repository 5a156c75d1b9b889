/**
 * Generators in the static model: a generator's body runs as its consumer takes values, so it is
 * priced where it is drained (a for-of, a spread, `Array.from`, `new Set`), as far as the consumer
 * asks. Before, the body was priced at the call that makes the iterator (a billion-value range
 * that is never iterated cost minutes) and the loops that take its values were of unknown length.
 * The times in comments were measured on Node 20.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';
import { staticCosts } from '../../src/estimate/static-cost.js';

const helpers = `function* range(n) { for (let i = 0; i < n; i++) yield i; }
function* naturals(from) { for (let n = from; ; n++) yield n; }
function* take(n, it) {
  let i = 0;
  for (const v of it) {
    if (i++ >= n) return;
    yield v;
  }
}
`;

/** Estimated milliseconds of each statement, by line of the script after the helpers. */
function costs(body: string): (line: number) => number {
  const a = analyze(helpers + body);
  const ms = staticCosts(a);
  const offset = helpers.split('\n').length - 1;
  return (line) => ms[a.statements.find((s) => s.line === offset + line)!.id];
}

test("a generator's values are priced where they are taken, each passing through the generator", () => {
  const at = costs(`const it = range(1e9);
let s = 0;
for (const x of range(5_000_000)) s += x * x;
const arr = [...range(2_000_000)];
console.log(typeof it, s, arr.length);`);
  // Making the iterator runs nothing.
  assert.ok(at(1) < 0.01, `iterator ${at(1)}`);
  // 5 million values: 185 ms.
  assert.ok(at(3) > 60 && at(3) < 600, `for-of ${at(3)}`);
  // 2 million values spread into an array that grows: 140 to 170 ms.
  assert.ok(at(4) > 50 && at(4) < 500, `spread ${at(4)}`);
});

test('an endless generator runs as far as its consumer counts, through generators in between', () => {
  const at = costs(`let c = 0;
for (const x of take(3_000_000, naturals(5))) c += x % 7;
let e = 0, k = 0;
for (const x of naturals(0)) { if (k++ >= 1_000_000) break; e += x; }
let u = 0;
for (const x of naturals(1)) { u += x; if (u > 1e15) break; }
console.log(c, e, u);`);
  // Three million values through two generators: 174 ms.
  assert.ok(at(2) > 60 && at(2) < 600, `take ${at(2)}`);
  // A consumer that counts to a million: 30 to 40 ms.
  assert.ok(at(4) > 10 && at(4) < 120, `counted ${at(4)}`);
  // A sum may grow by anything: not a count of values, so the model does not guess one (it had
  // taken 1e15 for a count of trips).
  assert.ok(at(6) < 1, `summed ${at(6)}`);
});

test('a generator that yields only some of the time runs more trips than the values it gives', () => {
  const at = costs(`function* multiplesOf7() { for (const n of naturals(1)) if (n % 7 === 0) yield n; }
let s = 0;
for (const m of take(500_000, multiplesOf7())) s += m;
let t = 0;
for (const m of take(500_000, naturals(1))) t += m;
console.log(s, t);`);
  // 3.5 million candidates for half a million multiples: 323 ms, against 75 ms for half a million
  // values taken as they come. The model counts a search as 4 trips a value.
  assert.ok(at(3) > 60 && at(3) < 1000, `search ${at(3)}`);
  assert.ok(at(3) > 2 * at(5), `search ${at(3)} plain ${at(5)}`);
});

test('yield* gives all the values of the generator it delegates to, each through both', () => {
  const at = costs(`function* twice(n) { yield* range(n); yield* range(n); }
let d = 0;
for (const x of twice(2_000_000)) d += x;
let e = 0;
for (const x of range(2_000_000)) e += x;
console.log(d, e);`);
  // 4 million values through two generators: 254 ms, against 70 ms for 2 million through one.
  assert.ok(at(3) > 2.5 * at(5) && at(3) < 8 * at(5), `twice ${at(3)} once ${at(5)}`);
});
