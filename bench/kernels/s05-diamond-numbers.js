'use strict';
// Diamond: a cheap signal source, two heavy independent analyses, a cheap join.
const N = 1000000;
const MAX_LAG = 500;
const CLUSTERS = 8;
const KMEANS_ROUNDS = 32;

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeSignal(n, seed) {
  const rng = mulberry32(seed);
  const out = new Array(n);
  let drift = 0;
  for (let i = 0; i < n; i++) {
    drift += (rng() - 0.5) * 0.01;
    out[i] = Math.sin(i / 37) + 0.5 * Math.sin(i / 11) + drift + (rng() - 0.5);
  }
  return out;
}

function autocorrelation(xs, maxLag) {
  const n = xs.length;
  let mean = 0;
  for (const x of xs) mean += x;
  mean /= n;
  const centered = xs.map((x) => x - mean);
  let variance = 0;
  for (let i = 0; i < n; i++) variance += centered[i] * centered[i];
  const acf = [];
  for (let lag = 1; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += centered[i] * centered[i - lag];
    acf.push(s / variance);
  }
  // strongest periodic lag beyond the short-range correlation
  let bestLag = 20;
  for (let lag = 21; lag <= maxLag; lag++) if (acf[lag - 1] > acf[bestLag - 1]) bestLag = lag;
  return { acf1: acf[0], acf10: acf[9], bestLag, tail: acf[acf.length - 1] };
}

function kmeans1d(xs, k, rounds) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const x of xs) {
    if (x < lo) lo = x;
    if (x > hi) hi = x;
  }
  const centers = [];
  for (let c = 0; c < k; c++) centers.push(lo + ((c + 0.5) * (hi - lo)) / k);
  const sums = new Float64Array(k);
  const counts = new Int32Array(k);
  let inertia = 0;
  for (let r = 0; r < rounds; r++) {
    sums.fill(0);
    counts.fill(0);
    inertia = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const d = (x - centers[c]) * (x - centers[c]);
        if (d < bestD) {
          bestD = d;
          best = c;
        }
      }
      sums[best] += x;
      counts[best]++;
      inertia += bestD;
    }
    for (let c = 0; c < k; c++) if (counts[c] > 0) centers[c] = sums[c] / counts[c];
  }
  return { centers: centers.map((c) => +c.toFixed(4)), sizes: Array.from(counts), inertia };
}

function joinReport(acf, km) {
  const biggest = km.sizes.indexOf(Math.max(...km.sizes));
  return [
    `acf lag1=${acf.acf1.toFixed(6)} lag10=${acf.acf10.toFixed(6)} best=${acf.bestLag} tail=${acf.tail.toFixed(6)}`,
    `kmeans centers=${km.centers.join(',')}`,
    `kmeans sizes=${km.sizes.join(',')} biggest=${biggest} inertia=${km.inertia.toFixed(3)}`,
  ].join('\n');
}

const signal = makeSignal(N, 31337);
const acf = autocorrelation(signal, MAX_LAG);
const clusters = kmeans1d(signal, CLUSTERS, KMEANS_ROUNDS);
const report = joinReport(acf, clusters);

console.log(report);
