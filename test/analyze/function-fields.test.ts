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

const generator = (factoryArg: string, extra = '', tail = '') => `function mulberry32(seed) {
  let a = seed >>> 0;
  return function () { a = (a + 0x6d2b79f5) >>> 0; return (a >>> 8) / 16777216; };
}
class Walker {
  constructor(seed) { this.rng = mulberry32(${factoryArg}); this.x = 0; }
  step() { this.x += this.rng() < 0.5 ? -1 : 1; return this.x; }
}
${extra}
const w1 = new Walker(1);
const w2 = new Walker(2);
const a = w1.step();
const b = w2.step();
${tail}`;

test('closure fields: a generator a script factory made for the object is the factory, and changes only that object', () => {
  const all = analyze(generator('seed')).statements;
  const [a, b] = all.slice(-2);
  assert.deepEqual([...a.effects], []);
  assert.deepEqual([...b.effects], []);
  assert.deepEqual([...a.mutates], ['w1']);
  assert.deepEqual([...b.mutates], ['w2']);
});

test("closure fields: the closure's effects are the call's; a factory given an object is not followed", () => {
  const logs = `function mulberry32(seed) { return () => { console.log(seed); return 0.5; }; }`;
  const code = generator('seed').replace(/function mulberry32[\s\S]*?\n}\n/, logs + '\n');
  assert.deepEqual([...analyze(code).statements.at(-1)!.effects].sort(), ['console']);
  // Made from an object the closure may keep and change: the call is not followed.
  assert.ok(lastEffects(generator('shared', 'const shared = { n: 1 };')).includes('unknown'));
  assert.ok(lastEffects(generator('seed', '', 'const w3 = new Walker([1]);\nconst c = w1.step();')).includes('unknown'), 'a parameter some call gives an object');
});

test('submodules: `import { strict as assert }` and `require("fs").promises` are those modules', () => {
  const assertLast = (code: string) => analyze(code, { filename: 'x.mjs' }).statements.at(-1)!;
  assert.deepEqual([...assertLast("import { strict as assert } from 'node:assert';\nconst x = 2;\nassert.ok(x === 2);\n").effects], []);
  assert.deepEqual([...assertLast("const { promises: fsp } = require('fs');\nconst t = fsp.readFile('x');\n").effects].includes('fs'), true);
});
