// A diamond: one cheap data source, two heavy independent analyses of it, a cheap join that prints.

const N = 1000000;
const MIN_LAG = 20;
const MAX_LAG = 800;
const CLUSTERS = 8;
const ROUNDS = 46;

// Seeded PRNG (mulberry32), so the data and the results are the same on every run.
function mulberry32(seed) {
  return function () {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A noisy seasonal series.
function makeSeries(n, seed) {
  const rand = mulberry32(seed);
  const xs = [];
  for (let i = 0; i < n; i++) xs.push(Math.sin(i / 25) + 0.5 * Math.sin(i / 7) + rand() - 0.5);
  return xs;
}

// Autocorrelation for lags 1..maxLag; returns the lag >= minLag with the strongest correlation.
function autocorrelation(xs, minLag, maxLag) {
  const n = xs.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += xs[i];
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (xs[i] - mean) ** 2;
  let bestLag = 0, best = -Infinity;
  const acf = [];
  for (let lag = 1; lag <= maxLag; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += (xs[i] - mean) * (xs[i - lag] - mean);
    const r = s / variance;
    acf.push(r);
    if (lag >= minLag && r > best) { best = r; bestLag = lag; }
  }
  return { bestLag, best, acf };
}

// One-dimensional k-means (Lloyd's algorithm) with centres spread over the range.
function kmeans(xs, k, rounds) {
  let lo = Infinity, hi = -Infinity;
  for (const x of xs) { if (x < lo) lo = x; if (x > hi) hi = x; }
  let centres = Array.from({ length: k }, (_, j) => lo + ((j + 0.5) * (hi - lo)) / k);
  const sums = new Float64Array(k), counts = new Float64Array(k);
  for (let r = 0; r < rounds; r++) {
    sums.fill(0); counts.fill(0);
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i];
      let bj = 0, bd = Infinity;
      for (let j = 0; j < k; j++) {
        const d = (x - centres[j]) * (x - centres[j]);
        if (d < bd) { bd = d; bj = j; }
      }
      sums[bj] += x; counts[bj]++;
    }
    centres = centres.map((c, j) => (counts[j] ? sums[j] / counts[j] : c));
  }
  return { centres, counts: Array.from(counts) };
}

const series = makeSeries(N, 20240601);
const acf = autocorrelation(series, MIN_LAG, MAX_LAG);
const clusters = kmeans(series, CLUSTERS, ROUNDS);
console.log(`strongest autocorrelation beyond lag ${MIN_LAG - 1} at lag ${acf.bestLag}: ${acf.best.toFixed(6)}; lag 1: ${acf.acf[0].toFixed(6)}`);
console.log(`cluster centres: ${clusters.centres.map(c => c.toFixed(4)).join(' ')}`);
console.log(`cluster sizes: ${clusters.counts.join(' ')}`);
