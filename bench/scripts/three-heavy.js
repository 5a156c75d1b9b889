// Three independent computations of about 0.7 s each, then a summary.

const STRING_LENGTH = 8800;
const COLLATZ_LIMIT = 400000;
const MANDEL_SIZE = 2450;

// Levenshtein distance between two generated strings of length n (dynamic programming, two rows).
function makeString(n, seed) {
  let s = seed, out = '';
  for (let i = 0; i < n; i++) {
    s = (s * 48271) % 2147483647;
    out += 'ACGT'[s % 4];
  }
  return out;
}
function editDistance(n) {
  const a = makeString(n, 11), b = makeString(n, 23);
  let prev = new Int32Array(n + 1), cur = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const sub = prev[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1);
      const del = prev[j] + 1, ins = cur[j - 1] + 1;
      cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
    }
    const t = prev; prev = cur; cur = t;
  }
  return prev[n];
}

// Starting value below `limit` with the longest Collatz sequence.
function longestCollatz(limit) {
  let best = 1, bestLen = 1;
  for (let start = 1; start < limit; start++) {
    let n = start, len = 1;
    while (n !== 1) {
      n = n % 2 === 0 ? n / 2 : 3 * n + 1;
      len++;
    }
    if (len > bestLen) { bestLen = len; best = start; }
  }
  return { best, bestLen };
}

// Number of points of a size x size grid over [-2, 1] x [-1.5, 1.5] inside the Mandelbrot set.
function mandelbrotArea(size) {
  let inside = 0;
  for (let py = 0; py < size; py++) {
    const ci = -1.5 + (3 * py) / size;
    for (let px = 0; px < size; px++) {
      const cr = -2 + (3 * px) / size;
      let zr = 0, zi = 0, k = 0;
      while (k < 200 && zr * zr + zi * zi <= 4) {
        const t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        k++;
      }
      if (k === 200) inside++;
    }
  }
  return inside;
}

const distance = editDistance(STRING_LENGTH);
const collatz = longestCollatz(COLLATZ_LIMIT);
const inside = mandelbrotArea(MANDEL_SIZE);
console.log(`edit distance between two random DNA strings of length ${STRING_LENGTH}: ${distance}`);
console.log(`longest Collatz sequence below ${COLLATZ_LIMIT}: starts at ${collatz.best}, ${collatz.bestLen} terms`);
console.log(`Mandelbrot area estimate: ${(inside * 9 / (MANDEL_SIZE * MANDEL_SIZE)).toFixed(6)}`);
