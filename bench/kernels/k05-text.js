'use strict';
// String processing: generated text, word frequency with Map, regex replace/split, bigrams.
const WORD_COUNT = 700000;
const SEED = 2024;
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'shi', 'po', 'ven', 'dra', 'el', 'or', 'qui', 'zu'];
const TOP_K = 5;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeVocabulary(rand, size) {
  const vocab = [];
  for (let i = 0; i < size; i++) {
    let w = '';
    const len = 1 + Math.floor(rand() * 3);
    for (let s = 0; s < len; s++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    vocab.push(w);
  }
  return vocab;
}

function generateText(nWords, seed) {
  const rand = mulberry32(seed);
  const vocab = makeVocabulary(rand, 3000);
  const parts = [];
  for (let i = 0; i < nWords; i++) {
    // Zipf-like skew toward low indices
    const idx = Math.floor(vocab.length * rand() * rand());
    let w = vocab[idx];
    if (rand() < 0.08) w = w[0].toUpperCase() + w.slice(1);
    parts.push(w);
    const r = rand();
    if (r < 0.06) parts.push('. ');
    else if (r < 0.1) parts.push(', ');
    else parts.push(' ');
  }
  return parts.join('');
}

function wordFrequencies(text) {
  const freq = new Map();
  const words = text.toLowerCase().split(/[^a-z]+/);
  for (const w of words) {
    if (w.length === 0) continue;
    freq.set(w, (freq.get(w) || 0) + 1);
  }
  return [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOP_K);
}

function regexTransform(text) {
  let out = text.replace(/([aeiou])\1/g, '$1');
  out = out.replace(/\b([A-Z])([a-z]*)/g, (m, first, rest) => rest.toUpperCase() + first.toLowerCase());
  out = out.replace(/shi|dra|qui/g, 'X');
  const sentences = out.split(/\.\s*/);
  let longest = 0;
  let totalCommas = 0;
  for (const s of sentences) {
    if (s.length > longest) longest = s.length;
    const m = s.match(/,/g);
    if (m) totalCommas += m.length;
  }
  return { sentences: sentences.length, longest, totalCommas, xCount: (out.match(/X/g) || []).length };
}

function bigramStats(text) {
  const counts = Object.create(null);
  let prev = '';
  let word = '';
  let distinct = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) | 32 : 32;
    if (ch >= 97 && ch <= 122) {
      word += String.fromCharCode(ch);
    } else if (word.length > 0) {
      if (prev) {
        const key = prev + ' ' + word;
        if (counts[key] === undefined) { counts[key] = 1; distinct++; } else counts[key]++;
      }
      prev = word;
      word = '';
    }
  }
  let best = '', bestCount = 0;
  for (const k in counts) if (counts[k] > bestCount) { best = k; bestCount = counts[k]; }
  return { distinct, best, bestCount };
}

const text = generateText(WORD_COUNT, SEED);
const topWords = wordFrequencies(text);
const regexStats = regexTransform(text);
const bigrams = bigramStats(text);

console.log('text length', text.length);
console.log('top words', topWords.map(([w, c]) => w + ':' + c).join(' '));
console.log('sentences', regexStats.sentences, 'longest', regexStats.longest, 'commas', regexStats.totalCommas, 'X', regexStats.xCount);
console.log('distinct bigrams', bigrams.distinct, 'most common', JSON.stringify(bigrams.best), bigrams.bestCount);
