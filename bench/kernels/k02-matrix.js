'use strict';
// Dense linear algebra with arrays of arrays: matmul, Gaussian elimination, LU determinant.
const N = 520;
const M = 700;
const SEED = 12345;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomMatrix(n, rand) {
  const m = [];
  for (let i = 0; i < n; i++) {
    const row = [];
    for (let j = 0; j < n; j++) row.push(rand() * 2 - 1);
    m.push(row);
  }
  return m;
}

function matMul(a, b) {
  const n = a.length;
  const c = [];
  for (let i = 0; i < n; i++) {
    const row = new Array(n).fill(0);
    const ai = a[i];
    for (let k = 0; k < n; k++) {
      const aik = ai[k];
      const bk = b[k];
      for (let j = 0; j < n; j++) row[j] += aik * bk[j];
    }
    c.push(row);
  }
  return c;
}

function solveGauss(a0, rhs) {
  const n = a0.length;
  const a = a0.map((row, i) => row.concat([rhs[i]]));
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) piv = r;
    const tmp = a[col]; a[col] = a[piv]; a[piv] = tmp;
    const p = a[col][col];
    for (let r = col + 1; r < n; r++) {
      const f = a[r][col] / p;
      if (f === 0) continue;
      const ar = a[r], ac = a[col];
      for (let c = col; c <= n; c++) ar[c] -= f * ac[c];
    }
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = a[i][n];
    for (let j = i + 1; j < n; j++) s -= a[i][j] * x[j];
    x[i] = s / a[i][i];
  }
  return x;
}

function logAbsDeterminant(a0) {
  const n = a0.length;
  const a = a0.map(row => row.slice());
  let logDet = 0;
  let sign = 1;
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(a[r][k]) > Math.abs(a[piv][k])) piv = r;
    if (piv !== k) { const t = a[k]; a[k] = a[piv]; a[piv] = t; sign = -sign; }
    const akk = a[k][k];
    if (akk < 0) sign = -sign;
    logDet += Math.log(Math.abs(akk));
    for (let i = k + 1; i < n; i++) {
      const l = a[i][k] / akk;
      a[i][k] = l;
      const ai = a[i], ak = a[k];
      for (let j = k + 1; j < n; j++) ai[j] -= l * ak[j];
    }
  }
  return { sign, logDet };
}

const rand = mulberry32(SEED);
const A = randomMatrix(N, rand);
const B = randomMatrix(N, rand);
const BIG = randomMatrix(M, rand);

const C = matMul(A, B);
const x = solveGauss(BIG, BIG.map((row, i) => i % 7));
const det = logAbsDeterminant(BIG);

let trace = 0;
for (let i = 0; i < N; i++) trace += C[i][i];
console.log('trace(A*B) =', trace.toFixed(6));
console.log('x[0..3] =', x.slice(0, 3).map(v => v.toFixed(6)).join(' '));
console.log('det sign', det.sign, 'log|det| =', det.logDet.toFixed(6));
