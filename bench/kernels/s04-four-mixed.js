'use strict';
// Four independent statements of decreasing cost.
const SORT_N = 1300000;
const KNAP_ITEMS = 1000;
const KNAP_CAP = 100000;
const FIB_MOD_N = 75000000;
const STRING_REPS = 140000;

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sortAndSummarize(n, seed) {
  const rng = mulberry32(seed);
  const values = [];
  for (let i = 0; i < n; i++) values.push(Math.floor(rng() * 1e9));
  values.sort((a, b) => a - b);
  let distinct = 1;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1]) distinct++;
  return { min: values[0], median: values[n >> 1], max: values[n - 1], distinct };
}

function knapsack(items, cap, seed) {
  const rng = mulberry32(seed);
  const weights = [];
  const profits = [];
  for (let i = 0; i < items; i++) {
    weights.push(1 + Math.floor(rng() * 400));
    profits.push(1 + Math.floor(rng() * 1000));
  }
  const best = new Float64Array(cap + 1);
  for (let i = 0; i < items; i++) {
    const w = weights[i];
    const p = profits[i];
    for (let c = cap; c >= w; c--) {
      const cand = best[c - w] + p;
      if (cand > best[c]) best[c] = cand;
    }
  }
  return best[cap];
}

function fibonacciResidues(n) {
  const mod = 1000000007;
  let a = 0;
  let b = 1;
  let i = 0;
  let xor = 0;
  while (i < n) {
    const c = (a + b) % mod;
    a = b;
    b = c;
    xor ^= c & 0xffff;
    i++;
  }
  return { last: a, xor };
}

function buildCsv(reps) {
  const parts = [];
  for (let i = 0; i < reps; i++) {
    parts.push(`${i},item-${(i * 7919) % 10007},${(i % 97) / 4}`);
  }
  const csv = parts.join('\n');
  let commas = 0;
  for (let i = 0; i < csv.length; i++) if (csv.charCodeAt(i) === 44) commas++;
  const rows = csv.split('\n').map((line) => line.split(','));
  let total = 0;
  for (const row of rows) total += parseFloat(row[2]);
  return { length: csv.length, commas, total };
}

const sorted = sortAndSummarize(SORT_N, 99);
const knap = knapsack(KNAP_ITEMS, KNAP_CAP, 1234);
const fib = fibonacciResidues(FIB_MOD_N);
const csv = buildCsv(STRING_REPS);

console.log('sort:', sorted.min, sorted.median, sorted.max, sorted.distinct);
console.log('knapsack best:', knap);
console.log('fib mod:', fib.last, fib.xor);
console.log('csv:', csv.length, csv.commas, csv.total);
