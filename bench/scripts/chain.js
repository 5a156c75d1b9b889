// A chain: every heavy step needs the result of the one before, so nothing can run in parallel.
// The ideal speedup is 1; a parallelized version must not be slower than the original.

const N = 1000000;
const HARMONICS = 30;
const SMOOTH_PASSES = 100;
const WINDOW = 250;

// Step 1: synthesize a signal as a sum of harmonics.
function synthesize(n, harmonics) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let h = 1; h <= harmonics; h++) v += Math.sin((i * h) / 5000 + h) / h;
    out[i] = v;
  }
  return out;
}

// Step 2: repeated three-point smoothing.
function smooth(xs, passes) {
  let cur = xs.slice();
  for (let p = 0; p < passes; p++) {
    const next = new Array(cur.length);
    next[0] = cur[0];
    next[cur.length - 1] = cur[cur.length - 1];
    for (let i = 1; i < cur.length - 1; i++) next[i] = (cur[i - 1] + 2 * cur[i] + cur[i + 1]) / 4;
    cur = next;
  }
  return cur;
}

// Step 3: variance of the window of +-w samples around every sample (plain double loop).
function localVariance(xs, w) {
  const out = new Array(xs.length).fill(0);
  for (let i = w; i < xs.length - w; i++) {
    let sum = 0, sq = 0;
    for (let j = i - w; j <= i + w; j++) { sum += xs[j]; sq += xs[j] * xs[j]; }
    const m = sum / (2 * w + 1);
    out[i] = sq / (2 * w + 1) - m * m;
  }
  return out;
}

// Step 4: quantiles of the local variance.
function quantiles(xs, qs) {
  const sorted = xs.slice().sort((a, b) => a - b);
  return qs.map(q => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
}

const signal = synthesize(N, HARMONICS);
const smoothed = smooth(signal, SMOOTH_PASSES);
const variance = localVariance(smoothed, WINDOW);
const q = quantiles(variance, [0.1, 0.5, 0.9, 0.99]);
console.log(`signal[12345] = ${signal[12345].toFixed(6)}, smoothed[12345] = ${smoothed[12345].toFixed(6)}`);
console.log(`local variance quantiles (10%, 50%, 90%, 99%): ${q.map(v => v.toExponential(6)).join(' ')}`);
