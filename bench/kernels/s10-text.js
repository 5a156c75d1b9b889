'use strict';
// Synthetic corpus, then three independent text analyses.
const WORDS = 1200000;
const VOCAB = 5000;
const SEED = 1009;

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'si', 'po', 'an', 'el', 'or', 'u', 'a', 'be', 'di', 'ga'];

function buildCorpus(words, vocabSize, seed) {
  const rng = mulberry32(seed);
  const vocab = [];
  for (let v = 0; v < vocabSize; v++) {
    const parts = 1 + Math.floor(rng() * 3);
    let w = '';
    for (let p = 0; p < parts; p++) w += SYLLABLES[Math.floor(rng() * SYLLABLES.length)];
    vocab.push(w);
  }
  const out = [];
  for (let i = 0; i < words; i++) {
    // rough Zipf: square the uniform draw to favour small indices
    const u = rng();
    out.push(vocab[Math.floor(u * u * u * vocabSize)]);
    if (rng() < 0.08) out.push(rng() < 0.5 ? '.' : ',');
  }
  return out.join(' ');
}

function wordFrequencies(text) {
  const counts = new Map();
  for (const raw of text.split(/\s+/)) {
    if (raw === '.' || raw === ',' || raw === '') continue;
    const w = raw.toLowerCase();
    counts.set(w, (counts.get(w) || 0) + 1);
  }
  const byLength = {};
  for (const [w, c] of counts) byLength[w.length] = (byLength[w.length] || 0) + c;
  const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 8);
  return { distinct: counts.size, top, byLength };
}

function bigramCounts(text) {
  const sentences = text.split(/\s*[.,]\s*/);
  const counts = new Map();
  let pairs = 0;
  sentences.forEach((sentence) => {
    const words = sentence.split(' ').filter((w) => w.length > 0);
    for (let i = 1; i < words.length; i++) {
      const key = words[i - 1] + ' ' + words[i];
      counts.set(key, (counts.get(key) || 0) + 1);
      pairs++;
    }
  });
  let best = '';
  let bestCount = 0;
  for (const [k, c] of counts) {
    if (c > bestCount || (c === bestCount && k < best)) {
      best = k;
      bestCount = c;
    }
  }
  return { pairs, distinct: counts.size, best, bestCount };
}

function runsAndPalindromes(text) {
  const letters = text.replace(/[^a-z]/g, '');
  let longestRun = 0;
  let runChar = '';
  let vowelRun = 0;
  let longestVowelRun = 0;
  let i = 0;
  while (i < letters.length) {
    let j = i;
    while (j < letters.length && letters[j] === letters[i]) j++;
    if (j - i > longestRun) {
      longestRun = j - i;
      runChar = letters[i];
    }
    i = j;
  }
  for (const ch of letters) {
    if ('aeiou'.includes(ch)) {
      vowelRun++;
      if (vowelRun > longestVowelRun) longestVowelRun = vowelRun;
    } else vowelRun = 0;
  }
  // expand-around-center palindrome search over the letter stream
  let bestLen = 1;
  let bestAt = 0;
  const n = letters.length;
  for (let c = 0; c < n; c++) {
    for (let odd = 0; odd < 2; odd++) {
      let lo = c;
      let hi = c + odd;
      while (lo >= 0 && hi < n && letters.charCodeAt(lo) === letters.charCodeAt(hi)) {
        lo--;
        hi++;
      }
      const len = hi - lo - 1;
      if (len > bestLen) {
        bestLen = len;
        bestAt = lo + 1;
      }
    }
  }
  return { letters: n, longestRun, runChar, longestVowelRun, palindrome: letters.slice(bestAt, bestAt + bestLen) };
}

const corpus = buildCorpus(WORDS, VOCAB, SEED);
const freq = wordFrequencies(corpus);
const bigrams = bigramCounts(corpus);
const runs = runsAndPalindromes(corpus);

console.log('corpus chars:', corpus.length, 'distinct words:', freq.distinct);
console.log('top words:', freq.top.map(([w, c]) => w + '=' + c).join(' '));
console.log('by length:', JSON.stringify(freq.byLength));
console.log('bigrams:', bigrams.pairs, bigrams.distinct, JSON.stringify(bigrams.best), bigrams.bestCount);
console.log('runs:', runs.letters, runs.longestRun, runs.runChar, runs.longestVowelRun, 'palindrome:', runs.palindrome);
