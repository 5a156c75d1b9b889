'use strict';
// Two independent jobs of unequal cost: a Collatz survey and a dynamic-programming edit distance.
const COLLATZ_LIMIT = 480000;
const STR_LEN = 6000;
const SEED = 20240611;

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function collatzSurvey(limit) {
  let bestStart = 1;
  let bestLen = 1;
  let total = 0;
  for (let start = 1; start < limit; start++) {
    let n = start;
    let steps = 0;
    while (n !== 1) {
      n = n % 2 === 0 ? n / 2 : 3 * n + 1;
      steps++;
    }
    total += steps;
    if (steps > bestLen) {
      bestLen = steps;
      bestStart = start;
    }
  }
  return { bestStart, bestLen, mean: total / (limit - 1) };
}

function randomDna(rng, len) {
  const alphabet = 'ACGT';
  let s = '';
  for (let i = 0; i < len; i++) s += alphabet[Math.floor(rng() * 4)];
  return s;
}

function editDistance(a, b) {
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      let v = prev[j - 1] + cost;
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      cur[j] = v;
    }
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  return prev[b.length];
}

function alignTwoRandom(seed, len) {
  const rng = mulberry32(seed);
  const a = randomDna(rng, len);
  const b = randomDna(rng, len);
  return { dist: editDistance(a, b), head: a.slice(0, 12) + '/' + b.slice(0, 12) };
}

const collatz = collatzSurvey(COLLATZ_LIMIT);
const alignment = alignTwoRandom(SEED, STR_LEN);

console.log('collatz longest:', collatz.bestStart, 'steps', collatz.bestLen, 'mean', collatz.mean.toFixed(4));
console.log('edit distance:', alignment.dist, alignment.head);
