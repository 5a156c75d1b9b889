'use strict';
// Two independent dense linear-algebra jobs on separately generated matrices.
const MUL_N = 680;
const SOLVE_N = 1050;

function lcg(seed) {
  let s = seed >>> 0;
  return function () {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296 - 0.5;
  };
}

function randomMatrix(n, m, seed) {
  const rnd = lcg(seed);
  const rows = [];
  for (let i = 0; i < n; i++) {
    const row = [];
    for (let j = 0; j < m; j++) row.push(rnd());
    rows.push(row);
  }
  return rows;
}

function multiply(a, b) {
  const n = a.length;
  const m = b[0].length;
  const k = b.length;
  const c = [];
  for (let i = 0; i < n; i++) {
    const row = new Array(m).fill(0);
    const ai = a[i];
    for (let p = 0; p < k; p++) {
      const aip = ai[p];
      const bp = b[p];
      for (let j = 0; j < m; j++) row[j] += aip * bp[j];
    }
    c.push(row);
  }
  return c;
}

function productStats(n, seed) {
  const a = randomMatrix(n, n, seed);
  const b = randomMatrix(n, n, seed + 1);
  const c = multiply(a, b);
  let trace = 0;
  let frob = 0;
  for (let i = 0; i < n; i++) {
    trace += c[i][i];
    for (const v of c[i]) frob += v * v;
  }
  return { trace, frob: Math.sqrt(frob), corner: c[n - 1][0] };
}

function gaussSolve(n, seed) {
  const a = randomMatrix(n, n, seed);
  for (let i = 0; i < n; i++) a[i][i] += n / 4; // keep it well conditioned
  const xTrue = [];
  for (let i = 0; i < n; i++) xTrue.push(Math.cos(i));
  const b = a.map((row) => row.reduce((s, v, j) => s + v * xTrue[j], 0));
  const m = a.map((row, i) => row.concat([b[i]]));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (pivot !== col) {
      const t = m[col];
      m[col] = m[pivot];
      m[pivot] = t;
    }
    const prow = m[col];
    for (let r = col + 1; r < n; r++) {
      const row = m[r];
      const f = row[col] / prow[col];
      if (f === 0) continue;
      for (let c = col; c <= n; c++) row[c] -= f * prow[c];
    }
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = m[i][n];
    for (let j = i + 1; j < n; j++) s -= m[i][j] * x[j];
    x[i] = s / m[i][i];
  }
  let maxErr = 0;
  for (let i = 0; i < n; i++) maxErr = Math.max(maxErr, Math.abs(x[i] - xTrue[i]));
  return { maxErr, x0: x[0], xLast: x[n - 1] };
}

const product = productStats(MUL_N, 2024);
const solution = gaussSolve(SOLVE_N, 4048);

console.log('product trace:', product.trace.toFixed(8), 'frobenius:', product.frob.toFixed(6), 'corner:', product.corner.toFixed(8));
console.log('solve maxErr < 1e-9:', solution.maxErr < 1e-9, 'x0:', solution.x0.toFixed(10), 'xLast:', solution.xLast.toFixed(10));
