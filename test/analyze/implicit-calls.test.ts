/**
 * Code the language runs without a call in sight: conversions, iteration, toJSON, a callback's
 * thisArg; and values whose copies would differ from the original (frozen objects, identity).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** Does the last statement (a reader of `seen`) wait for the one before it? */
function ordered(setup: string, use: string): boolean {
  const a = analyze(`${setup}\n${use}\nconst count = seen.length;`);
  const n = a.statements.length - 1;
  return a.deps.edges.some((e) => e.from === n - 1 && e.to === n);
}

const temp = 'const seen = [];\nclass Temp { constructor(c) { this.c = c; } valueOf() { seen.push(1); return this.c; } toString() { seen.push(2); return this.c + "C"; } }\nconst t = new Temp(20);';

test('conversions: arithmetic, comparisons, templates, String() and join call the script’s valueOf and toString', () => {
  for (const use of ['const x = t + 1;', 'const x = t > 3;', 'const x = `${t}`;', 'const x = String(t);', 'const x = [t, t].join();', 'let x = 1; x += t;', 'const x = -t;', 'const x = Math.max(t, 1);', 'const o = {}; o[t] = 1;']) {
    assert.ok(ordered(temp, use), use);
  }
  // Primitives and plain data have no such methods.
  assert.ok(!ordered(temp, 'const n = 2; const x = `${n}` + n;'));
  // A script without such methods has no conversion to follow.
  assert.ok(!ordered('const seen = [];\nconst p = { a: 1 };', 'const x = `${p}`;'));
});

test('JSON.stringify calls the script’s toJSON methods', () => {
  const setup = 'const seen = [];\nclass Money { constructor(c) { this.c = c; } toJSON() { seen.push(this.c); return this.c; } }\nconst order = { items: [new Money(1)] };';
  assert.ok(ordered(setup, 'const text = JSON.stringify(order);'));
});

test('iteration calls the script’s [Symbol.iterator] method: for-of, spread, destructuring, Array.from, new Set', () => {
  const setup = 'const seen = [];\nconst source = { *[Symbol.iterator]() { seen.push(1); yield 1; yield 2; } };';
  for (const use of ['for (const x of source) {}', 'const xs = [...source];', 'const [a] = source;', 'const xs = Array.from(source);', 'const s = new Set(source);', 'Math.max(...source);']) {
    assert.ok(ordered(setup, use), use);
  }
});

test('a callback’s thisArg is changed by what the callback does to `this`', () => {
  const setup = 'const seen = [];\nfunction pushThis(x) { this.push(x); }';
  for (const use of ['[1, 2].forEach(pushThis, seen);', '[1].map(function (x) { this.push(x); }, seen);', 'Array.from([1], pushThis, seen);']) {
    assert.ok(ordered(setup, use), use);
  }
  // An arrow function ignores it.
  assert.ok(!ordered('const seen = [];', '[1].forEach((x) => x, seen);'));
});

test('a frozen, sealed or non-extensible object cannot cross threads as itself', () => {
  for (const f of ['freeze', 'seal', 'preventExtensions']) {
    assert.equal(analyze(`const config = Object.${f}({ retries: 3 });\nconsole.log(config);`).kinds.get('config')?.k, 'any', f);
  }
  assert.equal(analyze('const config = Object.assign({}, { retries: 3 });\nconsole.log(config);').kinds.get('config')?.k, 'data');
});

test('an object constant that identity checks meet inside another value is not copied onto each thread', () => {
  const code = (use: string) => `const KEY = { id: 1 };\nfunction build() { const m = new Map(); m.set(KEY, 1); return m; }\nconst index = build();\n${use}`;
  const keyStatement = (a: ReturnType<typeof analyze>) => a.statements.find((s) => s.defines.includes('KEY'))!.id;
  const compared = analyze(code('const found = index.get(KEY);'));
  assert.ok(!compared.replicated.has(keyStatement(compared)));
  // The Map and the key it is looked up by come from one thread: the lookup shares a group with both.
  const g = compared.deps.group;
  const lookup = compared.statements.length - 1;
  assert.ok(g.has(lookup) && g.get(lookup) === g.get(keyStatement(compared)));
  // Without identity checks, every thread may make its own.
  const plain = analyze('const KEY = { id: 1 };\nfunction build() { return [KEY]; }\nconst list = build();\nconst n = list.length;');
  assert.ok(plain.replicated.has(keyStatement(plain)));
  // Looking something else up in the constant (`REGIONS.indexOf(row.region)`) compares other values.
  const lookups = analyze("const KEY = ['n', 's'];\nconst rows = KEY.map((r) => ({ r }));\nconst at = rows.map((row) => KEY.indexOf(row.r));");
  assert.ok(lookups.replicated.has(keyStatement(lookups)));
});

test('round two: instanceof, string protocols, prototypes, descriptors, block functions and clone-changing values', () => {
  const setup = 'const seen = [];';
  assert.ok(ordered(setup, 'const Even = { [Symbol.hasInstance](x) { seen.push(x); return true; } };\nconst e = 4 instanceof Even;'));
  assert.ok(ordered(setup, "const splitter = { [Symbol.split](s) { seen.push(s); return [s]; } };\nconst parts = 'a,b'.split(splitter);"));
  assert.ok(ordered("const util = require('node:util');\nconst seen = [];", "const t = { [util.inspect.custom]() { seen.push(1); return 'T'; } };\nconsole.log(t);"));
  assert.ok(ordered(temp, "console.log('%s', t);"));
  // Built-ins every thread has its own copy of: changing them keeps the script in order.
  for (const code of ['Object.assign(Array.prototype, { total() { return 1; } });', '[].__proto__.last = function () { return 1; };', "''.constructor.prototype.shout = function () { return 1; };", 'Math.clamp = (x) => x;']) {
    assert.match(analyze(`${code}\nconst x = 1;`).sequentialReasons.map((r) => r.reason).join(' '), /built-in object/, code);
  }
  assert.match(analyze('let hits = 0;\nconst g = Object.create(Object.prototype, { v: { get() { hits++; return 7; } } });\nconst a = g.v;').sequentialReasons[0]?.reason ?? '', /getter, setter or proxy/);
  assert.match(analyze("const w = Math.sqrt(2);\nif (w > 0) { function helper() { return 1; } }\nconst h = helper();").sequentialReasons[0]?.reason ?? '', /declares a function inside a block/);
  // Static state changed through this.constructor: the class is not copied onto every thread.
  const t = analyze('class T { static made = 0; constructor() { this.constructor.made++; } }\nconst n = new T();\nconsole.log(T.made);');
  assert.ok(!t.replicated.has(0));
  // Values a clone would change cannot cross threads.
  const kind = (code: string, name: string) => analyze(`${code}\nconsole.log(${name});`).kinds.get(name)?.k;
  assert.equal(kind('const dict = { __proto__: null, a: 1 };', 'dict'), 'any');
  assert.equal(kind('const base = { k: 1 };\nconst o = { x: 1 };\no.__proto__ = base;', 'o'), 'any');
  assert.equal(kind("const m = new Map();\nm.unit = 'kg';", 'm'), 'any');
  assert.equal(kind('const fmt = JSON.stringify;', 'fmt'), 'any');
  assert.equal(kind('const pi = Math.PI;', 'pi'), 'prim');
  assert.equal(kind("const m = 'y2024'.match(/(?<year>\\d+)/);", 'm'), 'any');
  assert.equal(kind("const m = 'y2024'.match(/(\\d+)/);", 'm'), 'data');
  // A transfer detaches the buffer: the statement changes it.
  const moved = analyze('const buf = new ArrayBuffer(16);\nconst copy = structuredClone(buf, { transfer: [buf] });');
  assert.deepEqual(moved.statements[1].mutates, ['buf']);
});
