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
  any('const o = {}; o[process.argv[2]] = [1];'); // a computed key may be any name
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
