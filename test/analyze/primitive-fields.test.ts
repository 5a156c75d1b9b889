import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** The value kind the analysis gives a top-level binding. */
function kindOf(code: string, name: string): string | undefined {
  return analyze(code).kinds.get(name)?.k;
}

const events = (extra = '') => `class Queue {
  constructor() { this.items = []; }
  add(e) { this.items.push(e); }
  take() { return this.items.pop(); }
}
class Vec {
  constructor(x) { this.x = x; }
  plus(o) { return new Vec(this.x + o.x); }
}
function run(n) {
  const q = new Queue();
  for (let i = 0; i < n; i++) q.add({ time: i * 2, id: i });
  let last = 0;
  let v = new Vec(0);
  for (let i = 0; i < n; i++) {
    const ev = q.take(); // what a method hands back: anything, as far as kinds go
    last = ev.time;
    v = v.plus(new Vec(ev.id));
  }
  return { last, x: v.x };
}
${extra}
const result = run(10);
console.log(result);
`;

test('primitive fields: a result made of fields only ever stored as numbers is plain data', () => {
  assert.equal(kindOf(events(), 'result'), 'data');
});

test('primitive fields: anything that may store an object under the name, or objects the script did not make, turn it off', () => {
  const any = (extra: string) => assert.equal(kindOf(events(extra), 'result'), 'any', extra);
  any('const other = { time: [1, 2] };'); // an object stored under the name
  any('const parsed = JSON.parse(process.argv[2] ?? "{}");'); // JSON may carry any name
  any('const copy = { ...{ a: 1 } };'); // a spread may copy any property
  any('const holder = new Vec([1]);'); // an object through the constructor's parameter
  any('const o = {}; o[process.argv[2]] = [1]; const kept = [o];'); // a computed key may be any name, and o goes on
  // A dictionary that is only indexed, but whose entries someone may read by name after all:
  any('const o = {}; o[process.argv[2]] = [1]; run.call(o);'); // passed on
  any('const o = {}; o[process.argv[2]] = [1]; o[process.argv[3]]();'); // a stored function called with o as `this`
  any('const o = { get t() { return 1; } }; o[process.argv[2]] = [1];'); // not a plain new object
  any('let o = {}; o = new Vec(1); o[process.argv[2]] = [1];'); // assigned again
});

test('primitive fields: a local dictionary that is only ever indexed keeps what it holds to itself', () => {
  const data = (extra: string) => assert.equal(kindOf(events(extra), 'result'), 'data', extra);
  data('const o = {}; o[process.argv[2]] = [1]; console.log(Object.keys(o), o[process.argv[2]].length);');
  data('function tally(xs) { const seen = {}; for (const x of xs) (seen[x] || (seen[x] = new Set())).add(x); return Object.keys(seen).map((k) => seen[k].size); }');
  data('function union(n) { const parent = Int32Array.from({ length: n }, (_, i) => i); const find = (x) => { while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; } return x; }; return find(n - 1); }');
});

const factory = (extra: string) => `class Box {
  constructor(size) { this.size = size; }
  static of(size) { return new Box(size); }
  static twice(size) { return Box.of(size * 2); }
}
class Q {
  constructor() { this.items = []; }
  add(b) { this.items.push(b); }
  take() { return this.items.pop(); }
}
function run() {
  const q = new Q();
  q.add(Box.of(3));
  q.add(Box.twice(4));
  const last = q.take().size;
  return { last };
}
${extra}
const result = run();
console.log(result);
`;

test('primitive fields: parameters of static methods are followed to every call', () => {
  assert.equal(kindOf(factory(''), 'result'), 'data');
  // An instance given to it, directly, through \`this\` in a subclass's static method, or as a value.
  assert.equal(kindOf(factory('Box.of(new Q());'), 'result'), 'any');
  assert.equal(kindOf(factory('class Sub extends Box { static make() { return this.of(new Q()); } }\nSub.make();'), 'result'), 'any');
  assert.equal(kindOf(factory('const make = Box.of;\nmake(new Q());'), 'result'), 'any');
});
