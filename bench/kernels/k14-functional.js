'use strict';
// Functional style: long map/filter/reduce chains, Array.from with callbacks, flatMap, grouping.
const N = 400000;
const GROUPS = 64;
const MATRIX_SIZE = 1500;
const SEED = 6006;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(SEED);
const values = Array.from({ length: N }, () => Math.floor(rand() * 100000));

const chainStats = values
  .map((v, i) => ({ v, i, sq: v * v }))
  .filter(o => o.v % 3 !== 0)
  .map(o => ({ ...o, bucket: o.v % GROUPS }))
  .filter(o => o.sq % 7 < 5)
  .reduce((acc, o) => {
    acc.count++;
    acc.sum += o.v;
    acc.buckets[o.bucket] = (acc.buckets[o.bucket] || 0) + 1;
    return acc;
  }, { count: 0, sum: 0, buckets: [] });

const grouped = Object.entries(
  values
    .flatMap(v => (v % 5 === 0 ? [v, v >> 1] : [v]))
    .reduce((acc, v) => {
      const key = 'g' + (v % GROUPS);
      (acc[key] = acc[key] || []).push(v);
      return acc;
    }, {})
)
  .map(([key, list]) => [key, list.length, list.reduce((a, b) => a + b, 0) / list.length])
  .sort((a, b) => b[2] - a[2])
  .slice(0, 3);

const matrixSummary = Array.from({ length: MATRIX_SIZE }, (_, i) =>
  Array.from({ length: MATRIX_SIZE }, (_, j) => ((i * 31 + j * 17) % 101) - 50)
)
  .map(row => row.map(x => x * 2).filter(x => x > -60))
  .map(row => row.reduce((a, b) => a + b, 0))
  .reduce((acc, s, i) => (s > acc.best ? { best: s, row: i } : acc), { best: -Infinity, row: -1 });

console.log('chain count', chainStats.count, 'sum', chainStats.sum, 'bucket[7]', chainStats.buckets[7]);
console.log('top groups', JSON.stringify(grouped.map(([k, n, m]) => [k, n, Math.round(m)])));
console.log('matrix best row', matrixSummary.row, 'sum', matrixSummary.best);
