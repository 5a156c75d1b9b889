'use strict';
// Three independent heavy jobs: Mandelbrot area, N-queens count, and a random-walk histogram.
const MANDEL_W = 1800;
const MANDEL_H = 1200;
const MAX_ITER = 300;
const QUEENS = 13;
const WALKS = 64000;
const WALK_LEN = 500;

function lcg(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

function mandelbrotArea(w, h, maxIter) {
  let inside = 0;
  let iterSum = 0;
  for (let py = 0; py < h; py++) {
    const ci = -1.2 + (2.4 * py) / h;
    for (let px = 0; px < w; px++) {
      const cr = -2.1 + (3.0 * px) / w;
      let zr = 0;
      let zi = 0;
      let k = 0;
      while (k < maxIter && zr * zr + zi * zi <= 4) {
        const t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        k++;
      }
      iterSum += k;
      if (k === maxIter) inside++;
    }
  }
  const areaEstimate = (inside / (w * h)) * 3.0 * 2.4;
  return { inside, areaEstimate, iterSum };
}

function countQueens(n) {
  const full = (1 << n) - 1;
  let count = 0;
  function place(cols, d1, d2) {
    if (cols === full) {
      count++;
      return;
    }
    let avail = full & ~(cols | d1 | d2);
    while (avail) {
      const bit = avail & -avail;
      avail -= bit;
      place(cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1);
    }
  }
  // run the search several times with a simple array-based verifier to add work
  place(0, 0, 0);
  const solutions = count;
  let arrCount = 0;
  const board = new Array(n).fill(-1);
  function safe(row, col) {
    for (let r = 0; r < row; r++) {
      const c = board[r];
      if (c === col || Math.abs(c - col) === row - r) return false;
    }
    return true;
  }
  function solve(row) {
    if (row === n) {
      arrCount++;
      return;
    }
    for (let c = 0; c < n; c++) {
      if (safe(row, c)) {
        board[row] = c;
        solve(row + 1);
      }
    }
  }
  // mirror symmetry: only try the left half of the first row, then double
  const half = n >> 1;
  for (let c = 0; c < half; c++) {
    board[0] = c;
    solve(1);
  }
  arrCount *= 2;
  if (n % 2 === 1) {
    board[0] = half;
    solve(1);
  }
  return { bitwise: solutions, arrayBased: arrCount };
}

function walkHistogram(walks, len, seed) {
  const next = lcg(seed);
  const hist = new Map();
  let farthest = 0;
  for (let w = 0; w < walks; w++) {
    let x = 0;
    let y = 0;
    for (let s = 0; s < len; s++) {
      const r = next() >>> 30;
      if (r === 0) x++;
      else if (r === 1) x--;
      else if (r === 2) y++;
      else y--;
    }
    const d = Math.abs(x) + Math.abs(y);
    if (d > farthest) farthest = d;
    const bucket = Math.floor(d / 5) * 5;
    hist.set(bucket, (hist.get(bucket) || 0) + 1);
  }
  const top = [...hist.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
  return { farthest, buckets: hist.size, top };
}

const mandel = mandelbrotArea(MANDEL_W, MANDEL_H, MAX_ITER);
const queens = countQueens(QUEENS);
const walks = walkHistogram(WALKS, WALK_LEN, 7);

console.log('mandelbrot inside:', mandel.inside, 'area ~', mandel.areaEstimate.toFixed(5), 'iters', mandel.iterSum);
console.log('queens(' + QUEENS + '):', queens.bitwise, queens.arrayBased);
console.log('walks farthest:', walks.farthest, 'buckets', walks.buckets, JSON.stringify(walks.top));
