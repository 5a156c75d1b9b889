import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** What the statement starting on `line` changes, by top-level name. */
function mutatesAt(code: string, line: number): string[] {
  const s = analyze(code).statements.find((x) => x.line === line);
  assert.ok(s, `no statement on line ${line}`);
  return [...s.mutates].sort();
}

const matrix = (extra = '') => `class M {
  constructor(rows, cols) {
    this.n = rows * cols;
    this.cols = cols;
    this.data = new Float64Array(rows * cols);
  }
  filled(v) {
    const out = new M(this.n, 1);
    for (let i = 0; i < this.n; i++) out.data[i] = v;
    return out;
  }
  put(r, c, v) {
    this.data[r * this.cols + c] = v;
  }
}
${extra}
const a = new M(2, 2);
const b = a.filled(2);
a.put(0, 1, 5);
`;

test('owned fields: writing into a new instance made from this.n changes neither the receiver nor the class', () => {
  assert.deepEqual(mutatesAt(matrix(), 18), []);
});

test("owned fields: a method that writes its receiver's own storage changes that receiver", () => {
  assert.deepEqual(mutatesAt(matrix(), 19), ['a']);
});

test('owned fields: anything that could write a field unseen turns the refinement off', () => {
  const unseen = [
    'const copy = { ...{ data: [] } };',
    'Object.assign({}, { data: [] });',
    'M.prototype.data = [];',
    'function set(o, k, v) { o[k] = v; }',
    'function share(o, p) { o.data = p.data; }',
  ];
  for (const extra of unseen) {
    // JSON.parse keeps primitive fields off (this.n would otherwise be known to be a number).
    const code = `${extra}\nJSON.parse('{}');`;
    const lines = code.split('\n').length;
    assert.deepEqual(mutatesAt(matrix(code), 17 + lines), ['a'], extra);
  }
});

test('owned fields: a constructor that stores the new object somewhere shares it with that place', () => {
  const code = `const registry = [];
class R {
  constructor() {
    this.items = [];
    registry.push(this);
  }
}
const r = new R();
r.items.push(1);
console.log(registry[0].items.length);
`;
  const a = analyze(code);
  const stmt = a.statements.find((s) => s.line === 9)!;
  const reader = a.statements.find((s) => s.line === 10)!;
  assert.ok(a.deps.edges.some((e) => e.from === stmt.id && e.to === reader.id && e.kind === 'flow'), 'r.items.push must come before reading the registry');
});

test('owned fields: a constructor that returns another object gives back that object', () => {
  const code = `const pool = { items: [] };
class P {
  constructor() {
    this.items = [];
    return pool;
  }
}
function fill() {
  const p = new P();
  p.items.push(1);
  return 0;
}
const k = fill();
`;
  assert.deepEqual(mutatesAt(code, 13), ['pool']);
});

test('owned fields: with this.n known to be a number, the new instance shares nothing even when the rule is off', () => {
  assert.deepEqual(mutatesAt(matrix('function share(o, p) { o.data = p.data; }'), 18), []);
});
