/**
 * The static model prices a method for the object it is called on (`new Matrix(900, 900)` is not
 * the script's typical matrix), does not take a guard in front of a loop's work for a search that
 * ends early, counts a queue drained by two indices once per element, and prices the fields of an
 * object that a loop does not change as the compiler reads them: once, before the loop.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';
import { staticCosts } from '../../src/estimate/static-cost.js';

const MATRIX = `
class Matrix {
  constructor(rows, cols) {
    this.rows = rows;
    this.cols = cols;
    this.data = new Float64Array(rows * cols);
  }
  static random(rows, cols, seed) {
    const m = new Matrix(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = ((i * 7919 + seed) % 1000) / 1000;
    return m;
  }
  logDeterminant() {
    const n = this.rows, a = Float64Array.from(this.data);
    let logAbs = 0;
    for (let col = 0; col < n; col++) {
      const p = a[col * n + col];
      if (p === 0) return -Infinity;
      logAbs += Math.log(Math.abs(p));
      for (let r = col + 1; r < n; r++) {
        const f = a[r * n + col] / p;
        for (let c = col; c < n; c++) a[r * n + c] -= f * a[col * n + c];
      }
    }
    return logAbs;
  }
}
`;

/** Estimated ms of each top-level statement after the class. */
const costs = (code: string, classes = MATRIX) => staticCosts(analyze(classes + code)).slice(1);

test('a method is priced for the object it is called on', () => {
  const [small, big, chained] = costs(`
const a = Matrix.random(100, 100, 1).logDeterminant();
const b = Matrix.random(800, 800, 2).logDeterminant();
const m = new Matrix(800, 800);
const c = m.logDeterminant();
`).filter((_, i) => i !== 2);
  // Elimination is cubic: 8 times the side, about 500 times the work.
  assert.ok(big / small > 100, `800×800: ${big.toFixed(1)} ms, 100×100: ${small.toFixed(1)} ms`);
  assert.ok(Math.abs(Math.log(chained / big)) < Math.log(1.5), `through a name: ${chained.toFixed(1)} ms, made in place: ${big.toFixed(1)} ms`);
  // 800³/3 multiply-adds, about 1 ns each or more.
  assert.ok(big > 100, `800×800 elimination: ${big.toFixed(1)} ms`);
});

test('a return in front of the work of each trip is a guard, not a search', () => {
  const [guarded] = costs('const d = Matrix.random(500, 500, 3).logDeterminant();');
  const [unguarded] = costs('const d = Matrix.random(500, 500, 3).logDeterminant();', MATRIX.replace('if (p === 0) return -Infinity;', ''));
  assert.ok(Math.abs(Math.log(guarded / unguarded)) < Math.log(1.1), `with the guard ${guarded.toFixed(1)} ms, without ${unguarded.toFixed(1)} ms`);
  // A loop that only searches still ends early: the square root of its bound.
  const [search] = staticCosts(analyze('const xs = Array.from({ length: 1000000 }, (_, i) => i);\nfunction find(t) { for (let i = 0; i < xs.length; i++) { if (xs[i] === t) return i; } return -1; }\nconst at = find(5);\n')).slice(2);
  const [scan] = staticCosts(analyze('const xs = Array.from({ length: 1000000 }, (_, i) => i);\nfunction sum() { let s = 0; for (let i = 0; i < xs.length; i++) { s += xs[i]; } return s; }\nconst at = sum();\n')).slice(2);
  assert.ok(scan > 50 * search, `scan ${scan.toFixed(3)} ms, search ${search.toFixed(3)} ms`);
  // With the guard, elimination of a 500×500 matrix counts every column: well over the square root's 22 of 500.
  assert.ok(guarded > 40, `500×500 elimination: ${guarded.toFixed(1)} ms`);
});

test('a queue drained by two indices runs once per element of its array', () => {
  const code = (n: number) => `
function bfs(n) {
  const seen = new Uint8Array(n), queue = new Int32Array(n);
  let head = 0, tail = 0;
  queue[tail++] = 0; seen[0] = 1;
  while (head < tail) {
    const u = queue[head++];
    for (const v of [u * 2 + 1, u * 2 + 2]) if (v < n && !seen[v]) { seen[v] = 1; queue[tail++] = v; }
  }
  return tail;
}
const reached = bfs(${n});
`;
  const small = staticCosts(analyze(code(10000))).at(-1)!;
  const big = staticCosts(analyze(code(1000000))).at(-1)!;
  assert.ok(big / small > 50 && big / small < 200, `100× the nodes: ${(big / small).toFixed(1)}× the time`);
});

test("an unchanging object's fields cost a loop what arithmetic does; its elements' fields cost a load", () => {
  const invariant = staticCosts(analyze('const cfg = { scale: 2, shift: 1 };\nlet s = 0;\nfor (let i = 0; i < 1e7; i++) s += i * cfg.scale + cfg.shift;\n')).at(-1)!;
  const local = staticCosts(analyze('const scale = 2, shift = 1;\nlet s = 0;\nfor (let i = 0; i < 1e7; i++) s += i * scale + shift;\n')).at(-1)!;
  const records = staticCosts(analyze('const rows = Array.from({ length: 1e7 }, (_, i) => ({ scale: i, shift: 1 }));\nlet s = 0;\nfor (const r of rows) s += r.scale + r.shift;\n')).at(-1)!;
  const plain = staticCosts(analyze('const rows = Array.from({ length: 1e7 }, (_, i) => i);\nlet s = 0;\nfor (const r of rows) s += r + 1;\n')).at(-1)!;
  assert.ok(invariant / local < 1.5, `cfg.scale: ${(invariant / local).toFixed(2)}× a local`);
  assert.ok(records / plain > 1.5, `r.scale of each element: ${(records / plain).toFixed(2)}× reading the element`);
});
