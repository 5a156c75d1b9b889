/** Loop bounds read from fields (`this.rows`) take the numbers the script stores there. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';
import { fieldValues } from '../../src/estimate/field-values.js';
import { staticCosts } from '../../src/estimate/static-cost.js';

const matrices = (size: number) => `class Matrix {
  constructor(rows, cols) {
    this.rows = rows;
    this.cols = cols;
    this.data = new Float64Array(rows * cols).fill(0);
  }
  static random(rows, cols) {
    const m = new Matrix(rows, cols);
    for (let i = 0; i < m.data.length; i++) m.data[i] = Math.random();
    return m;
  }
  times(o) {
    const out = new Matrix(this.rows, o.cols);
    for (let i = 0; i < this.rows; i++)
      for (let k = 0; k < this.cols; k++)
        for (let j = 0; j < o.cols; j++) out.data[i * out.cols + j] += this.data[i * this.cols + k] * o.data[k * o.cols + j];
    return out;
  }
}
const a = Matrix.random(${size}, ${size});
const b = Matrix.random(${size}, ${size});
const c = a.times(b);
`;

test('field values: numbers a field is given through constructors and static methods', () => {
  const analysis = analyze(matrices(300) + 'const d = new Matrix(100, 200);\n');
  const fields = fieldValues(analysis.ctx, () => undefined);
  // rows: 300, 300 (through random's parameters) and 100; cols: 300, 300, 200.
  assert.equal(fields.number('rows'), 300);
  assert.equal(fields.number('cols'), 300);
  assert.equal(fields.length('data'), 300 * 300);
  assert.equal(fields.number('nothing'), undefined);
});

test('field values: a product of matrices costs what their sizes say', () => {
  const cost = (size: number) => {
    const analysis = analyze(matrices(size));
    return staticCosts(analysis).at(-1)!; // const c = a.times(b);
  };
  const big = cost(300);
  const small = cost(3);
  // 300³ multiply-adds: tens of milliseconds at least; 3³: microseconds.
  assert.ok(big > 20, `300x300 product estimated at ${big} ms`);
  assert.ok(small < 0.1, `3x3 product estimated at ${small} ms`);
});
