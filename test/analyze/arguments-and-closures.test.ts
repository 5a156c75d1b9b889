import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** Facts of the statement on the last line of the code. */
function last(code: string) {
  const a = analyze(code);
  const s = a.statements[a.statements.length - 1];
  return { mutates: [...s.mutates].sort(), effects: s.effects, analysis: a };
}

test('arguments: a rest parameter, `arguments` and a spread reach every later argument', () => {
  const setup = 'const a = []; const b = []; const pair = [a, b];\n';
  assert.deepEqual(last(`${setup}function f(...xs) { xs[1].push(1); }\nf(a, b);`).mutates, ['a', 'b']);
  assert.deepEqual(last(`${setup}function f() { arguments[1].push(1); }\nf(a, b);`).mutates, ['a', 'b']);
  assert.deepEqual(last(`${setup}function f(x, ...ys) { for (const y of ys) y.push(x); }\nf(1, a, b);`).mutates, ['a', 'b']);
  // f(...pair) may put pair's second element in f's second parameter.
  assert.deepEqual(last(`${setup}function f(x, y) { y.push(1); }\nf(...pair);`).mutates, ['pair']);
  // A nested helper called with a spread may change any parameter from the spread on.
  assert.deepEqual(last(`${setup}function g(list) { const put = (p, q) => q.push(1); put(...list); }\ng(pair);`).mutates, ['pair']);
});

const helpers = `
const rows = [{ k: 'a', v: 1 }, { k: 'b', v: 2 }];
const groupBy = (key) => (list) => list.reduce((acc, row) => { (acc[key(row)] ||= []).push(row); return acc; }, {});
const sumBy = (fn) => (list) => list.reduce((s, r) => s + fn(r), 0);
const pipe = (...fns) => (x) => fns.reduce((acc, fn) => fn(acc), x);
const value = (r) => r.v;
`;

test('closures: a factory’s closure called on the spot has its own facts, through both argument lists', () => {
  for (const use of ['groupBy((r) => r.k)(rows)', 'sumBy(value)(rows)', 'pipe(sumBy(value), (x) => x * 2)(rows)']) {
    const s = last(`${helpers}const out = ${use};`);
    assert.deepEqual(s.effects, [], use);
    assert.deepEqual(s.mutates, [], use);
  }
  // What the callbacks change is still the caller's change, at either level.
  assert.deepEqual(last(`${helpers}const out = groupBy((r) => (r.seen = r.k))(rows);`).mutates, ['rows']);
  assert.deepEqual(last(`${helpers}const out = sumBy((r) => r.v++)(rows);`).mutates, ['rows']);
  assert.deepEqual(last(`${helpers}const out = pipe((list) => list.pop())(rows);`).mutates, ['rows']);
  // A function the factory does not know stays unknown.
  assert.deepEqual(last(`${helpers}const out = sumBy(globalThis.pick)(rows);`).effects, ['unknown']);
});

test('closures: a parameter with a default may call the default', () => {
  const code = 'const data = [];\nfunction touch(x) { x.push(1); }\nfunction run(cb = touch) { cb(data); }\nrun();';
  assert.ok(last(code).mutates.includes('data'));
});

test('reduce: an accumulator that starts empty and only gets new groups is the function’s own', () => {
  const group = (body: string) => `const rows = [{ k: 'a' }];\nfunction group(list) { return list.reduce((acc, row) => { ${body} return acc; }, {}); }\nconst g = group(rows);`;
  assert.deepEqual(last(group('(acc[row.k] || (acc[row.k] = [])).push(row);')).mutates, []);
  assert.deepEqual(last(group('acc[row.k] = (acc[row.k] || 0) + 1;')).mutates, []);
  // A group that is one of the rows: changing it changes the caller's data.
  assert.deepEqual(last(group('(acc[row.k] ||= row).seen = true;')).mutates, ['rows']);
  assert.deepEqual(last(group('acc[row.k] = row; acc[row.k].n = 1;')).mutates, ['rows']);
});

test('declarations: a function that names a later constant reads nothing until it is called', () => {
  const ok = analyze('const f = () => g();\nconst g = () => 1;\nconsole.log(f());');
  assert.deepEqual(ok.sequentialReasons, []);
  const early = analyze('const f = () => g();\nconsole.log(f());\nconst g = () => 1;');
  assert.match(early.sequentialReasons[0]?.reason ?? '', /uses `g` before its declaration/);
});

test('closures: a closure handed to a built-in as a value does what its factory made it do', () => {
  const code = (body: string) => `const TOTALS = [];\nconst makeAdder = (into) => (x) => { into.push(x); };\nconst makeLogger = (tag) => (x) => console.log(tag, x);\n${body}`;
  // The adder was made with TOTALS: every call pushes there, including forEach's.
  assert.ok(last(code('const adder = makeAdder(TOTALS);\n[1, 2].forEach(adder);')).mutates.includes('TOTALS'));
  assert.ok(last(code('function run() { const adder = makeAdder(TOTALS); [1, 2].forEach(adder); }\nrun();')).mutates.includes('TOTALS'));
  assert.deepEqual(last(code('const log = makeLogger("x");\n[1, 2].forEach(log);')).effects, ['console']);
});

test('closures: what a closure called on the spot returns may be what its factory was given', () => {
  // get(DATA)('a') is DATA.a itself: pushing to it changes DATA.
  const shares = (code: string) => last(code).analysis.deps.aliasClasses.some((c) => c.includes('x') && c.includes('DATA'));
  assert.ok(shares("const DATA = { a: [1] };\nconst get = (obj) => (k) => obj[k];\nconst x = get(DATA)('a');\nx.push(2);"));
  // A closure that returns a number shares nothing with its factory's argument.
  assert.ok(!shares("const DATA = { a: [1] };\nconst sizeOf = (obj) => (k) => obj[k].length;\nlet x = sizeOf(DATA)('a');\nx += 1;"));
});

test('function values: a call through an alias, a field or an element does what the function does', () => {
  // The last statement reads TOTALS; it must come after the one before it, which pushes there.
  const ordered = (body: string) => {
    const a = analyze(`const TOTALS = [];\nconst makeAdder = (into) => (x) => { into.push(x); };\nconst push = (x) => { TOTALS.push(x); };\n${body}\nconst count = TOTALS.length;`);
    const n = a.statements.length - 1;
    return a.deps.edges.some((e) => e.from === n - 1 && e.to === n);
  };
  const uses = [
    // A factory's closure, reached through a field, an element or another name.
    'const ops = { add: makeAdder(TOTALS) };\n[1, 2, 3].forEach(ops.add);',
    'const fs = [makeAdder(TOTALS)];\n[1, 2, 3].forEach((x) => fs[0](x));',
    'const adder = makeAdder(TOTALS);\nconst other = adder;\n[1, 2, 3].forEach(other);',
    'const adder = makeAdder(TOTALS);\nconst other = adder;\nother(1);',
    'const ops = { add: makeAdder(TOTALS) };\nops.add(5);',
    'const adders = { a: makeAdder(TOTALS) };\nObject.values(adders).forEach((f) => [1, 2].forEach(f));',
    // A script function that pushes, handed to a built-in other than by its own name.
    'const o = { push };\n[1].forEach(o.push);',
    'const o = { put(x) { TOTALS.push(x); } };\n[1].forEach(o.put);',
    'const fs = [push];\n[1].forEach(fs[0]);',
    'const other = push;\n[1].forEach(other);',
    '[1].forEach(Math.random() < 2 ? push : null);',
    // A function's parameter handed to a built-in is a call of whatever the caller passes.
    'function run(f) { [1, 2].forEach(f); }\nconst o = { push };\nrun(o.push);',
  ];
  // A method of a script object, handed on by its field.
  uses.push('const tracker = { note(x) { TOTALS.push(x); } };\n[1].map(tracker.note);');
  uses.push('function run(f) { f(1); }\nconst tracker = { note(x) { TOTALS.push(x); } };\nrun(tracker.note);');
  for (const use of uses) assert.ok(ordered(use), use);
  // A method that changes nothing is not an unknown call: `xs.map(helpers.square)` stays free.
  assert.deepEqual(last('const helpers = { square: (x) => x * x, cube(x) { return x ** 3; } };\nconst ys = [1, 2].map(helpers.square).map(helpers.cube);').effects, []);
  // Built-ins and known functions are not unknown calls: `map(Number)` changes nothing.
  assert.deepEqual(last('const xs = ["1"];\nconst ys = xs.map(Number);').effects, []);
  assert.deepEqual(last('const TOTALS = [];\nconst makeAdder = (into) => (x) => { into.push(x); };\nconst adder = makeAdder(TOTALS);\n[1].forEach(adder);').effects, []);
});

test('local helpers: a helper only ever called directly returns what its calls give it; one used any other way may return anything', () => {
  const kind = (code: string, name: string) => analyze(`${code}\nconsole.log(${name});`).kinds.get(name)?.k;
  const P = 'class P { constructor(x) { this.x = x; } }\n';
  // A union-find's `find`: its calls pass indexes, so it returns one, and the Map it keys is plain data.
  const components = `function sizes(n) {
    const parent = Int32Array.from({ length: n }, (_, i) => i);
    const find = (x) => { while (parent[x] !== x) x = parent[x]; return x; };
    const counts = new Map();
    for (let v = 0; v < n; v++) { const r = find(v); counts.set(r, (counts.get(r) || 0) + 1); }
    return [...counts.values()];
  }
  const result = sizes(10);`;
  assert.equal(kind(components, 'result'), 'data');
  assert.equal(kind(`function f() { const h = function (x) { return x; }; return h({ a: 1 }); }\nconst result = f();`, 'result'), 'data');
  // A helper's parameter is what the caller's own parameter is at each call.
  assert.equal(kind(`${P}function f(seed) { const pick = (x) => x; return pick(seed); }\nconst result = f(5);`, 'result'), 'prim');
  assert.equal(kind(`${P}function f(seed) { const pick = (x) => x; return pick(seed); }\nconst result = f(new P(1));`, 'result'), 'any');
  for (const body of [
    'const wrap = (v) => ({ v }); return wrap(() => 1);', // it is given a function
    'const id = (x) => x; const a = id(1); return id(new P(3)) && a;', // one call gives it an instance
    'const mk = (x) => new P(x); return mk(1);',
    'function r(n) { return n ? r(n - 1) : new P(1); } return r(3);', // recursive: taken for anything
    'function g() { return arguments[0]; } return g(new P(2));', // reads `arguments`
    'let h = (x) => x; h = (x) => new P(x); return h(1);', // reassigned
    'const h = (x) => x; return [() => 1].map(h);', // handed on as a value
  ]) {
    assert.equal(kind(`${P}function f() { ${body} }\nconst result = f();`, 'result'), 'any', body);
  }
});

test('parameters: one every call gives an instance of the script’s class returns what its method returns', () => {
  const kind = (code: string, name: string) => analyze(`${code}\nconsole.log(${name});`).kinds.get(name)?.k;
  const G = `class G {
    constructor(n) { this.adj = Array.from({ length: n }, () => []); }
    degree(v) { return this.adj[v].length; }
    static make(n) { const g = new G(n); return g; }
  }
  function deg(graph) { return graph.degree(1); }
  function rows(graph) { return [1, 2].map((v) => ({ node: v, degree: graph.degree(v) })); }
  `;
  assert.equal(kind(`${G}const result = deg(new G(3));`, 'result'), 'prim');
  assert.equal(kind(`${G}const net = G.make(3);\nconst result = deg(net);`, 'result'), 'prim');
  assert.equal(kind(`${G}const result = rows(G.make(3));`, 'result'), 'data');
  // Another call gives it something else, the function is handed on, or the parameter is reassigned.
  assert.equal(kind(`${G}const x = deg(new G(3));\nconst result = deg({ degree: () => new G(1) });`, 'result'), 'any');
  assert.equal(kind(`${G}const result = [new G(3)].map(deg);`, 'result'), 'any');
  assert.equal(kind(`${G}function f(graph) { graph = { degree: () => () => 1 }; return graph.degree(1); }\nconst result = f(new G(3));`, 'result'), 'any');
});
