import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** The effects of the last statement of the script. */
function lastEffects(code: string): string[] {
  const all = analyze(code).statements;
  return [...all[all.length - 1].effects].sort();
}

const queue = (make: string, extra = '') => `class Q {
  constructor(compare) { this.items = []; this.compare = compare; }
  add(x) {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0 && this.compare(a[i - 1], a[i]) > 0; i--) [a[i - 1], a[i]] = [a[i], a[i - 1]];
  }
}
${extra}
const q = ${make};
q.add(2);
`;

test('function fields: a comparator written out at `new Q(…)` is what `this.compare` runs', () => {
  assert.deepEqual(lastEffects(queue('new Q((a, b) => a - b)')), []);
});

test("function fields: the comparator's effects are the call's", () => {
  assert.deepEqual(lastEffects(queue("new Q((a, b) => { console.log(a); return a - b; })")), ['console']);
});

test('function fields: a script function passed through a factory parameter is followed', () => {
  const extra = 'function desc(a, b) { return b - a; }\nfunction make(c) { return new Q(c); }';
  assert.deepEqual(lastEffects(queue('make(desc)', extra)), []);
});

test('function fields: anything not followed leaves the call unknown', () => {
  const unknown = (make: string, extra = '') => assert.ok(lastEffects(queue(make, extra)).includes('unknown'), make);
  unknown('new Q(Math.max.bind(Math))'); // not a function written in the script
  unknown('new Q((a, b) => a - b)', 'const Alias = Q;'); // the class is used as a value: called unseen
  unknown('new Q((a, b) => a - b)', 'function later(o, f) { o.compare = f; }\nlater({}, Math.max.bind(Math));'); // stored elsewhere
  unknown('new Q((a, b) => a - b)', 'const objs = [{}]; objs[0][process.argv[2]] = (a) => a;'); // a computed key may name it
  unknown('((k) => new Q((a, b) => (a - b) * k))(1)'); // the arrow reads a variable of the code around it
});

test('function fields: a parameter of a function never called holds nothing', () => {
  assert.deepEqual(lastEffects(queue('new Q((a, b) => a - b)', 'function later(o, f) { o.compare = f; }')), []);
});

test('function fields: a stored function under a built-in method name is not taken for the built-in', () => {
  // Never resolved as a function field (a prototype may hold the name), and not pure either.
  const code = `class P {
  constructor(f) { this.toString = f; }
  show() { return this.toString(); }
}
const p = new P(() => { console.log('p'); return 'p'; });
p.show();
`;
  assert.ok(lastEffects(code).includes('unknown'));
});
