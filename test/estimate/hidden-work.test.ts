/**
 * Work the static model used to miss: a constructor of the script's own (it was priced as a bare
 * allocation, and the fields it filled looked empty to the methods), a closure a factory made and
 * handed on as an argument (`pricer = makePricer(900)`, called inside `strikes.map`), and BigInts
 * kept to a machine word, which cost nanoseconds an operation, not microseconds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';
import { staticCosts } from '../../src/estimate/static-cost.js';

/** Estimated milliseconds of the statement that defines `name`. */
function cost(source: string, name: string): number {
  const a = analyze(source);
  return staticCosts(a)[a.statements.find((s) => s.defines.includes(name))!.id];
}

test("a class's constructor is counted, and what it pushes onto its fields sizes the loops of its methods", () => {
  const source = `class Item { constructor(i) { this.i = i; this.s = 0; } sell(q) { this.s += q; } }
class Store {
  constructor(n) { this.items = []; for (let i = 0; i < n; i++) this.items.push(new Item(i)); }
  run(days) { for (let d = 0; d < days; d++) for (const it of this.items) it.sell(d % 7); return this; }
}
const built = new Store(200000);
const ran = new Store(2500).run(5000);
console.log(built, ran);`;
  // 200 000 allocations: milliseconds, not microseconds; 12.5 million sells: over 50 ms.
  assert.ok(cost(source, 'built') > 2, `built ${cost(source, 'built')}`);
  assert.ok(cost(source, 'ran') > 50, `ran ${cost(source, 'ran')}`);
});

test("a factory's closure passed as an argument is counted where it is called, with the numbers it captured", () => {
  const source = `const makePricer = (steps) => (x) => { let s = 0; for (let i = 0; i < steps; i++) for (let j = 0; j < steps; j++) s += x * i * j; return s; };
function ladder(pricer, xs) { return xs.map((k) => pricer(k)); }
const pricer = makePricer(900);
const prices = ladder(pricer, [1, 2, 3, 4, 5, 6, 7]);
const one = pricer(3);
console.log(prices, one);`;
  // 7 calls of 810 000 steps each, and one on its own.
  assert.ok(cost(source, 'prices') > 5, `prices ${cost(source, 'prices')}`);
  assert.ok(cost(source, 'one') > 0.7, `one ${cost(source, 'one')}`);
  assert.ok(cost(source, 'prices') > 5 * cost(source, 'one'));
});

test('BigInts kept to 64 bits cost far less than wide ones', () => {
  const word = `function mix(n) { let x = 1n; for (let i = 0; i < n; i++) x = BigInt.asUintN(64, x * 0x9e3779b97f4a7c15n + 7n); return x; }
const w = mix(1000000);
console.log(w);`;
  const wide = `function grow(n) { let x = 1n; for (let i = 0; i < n; i++) x = x * 3n + 7n; return x; }
const w = grow(1000000);
console.log(w);`;
  // A million word-sized steps take about 20 ms (measured: 113 ns for a 13-operation SplitMix64 step).
  const c = cost(word, 'w');
  assert.ok(c > 5 && c < 100, `word ${c}`);
  assert.ok(cost(wide, 'w') > 20 * c);
});
