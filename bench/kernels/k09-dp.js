'use strict';
// Dynamic programming with 2D arrays: LCS, 0/1 knapsack, edit distance.
const LCS_LEN = 5000;
const KNAP_ITEMS = 300;
const KNAP_CAPACITY = 40000;
const EDIT_LEN = 2500;
const ALPHABET = 'ACGT';
const SEED = 8080;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomString(len, rand) {
  let s = '';
  for (let i = 0; i < len; i++) s += ALPHABET[Math.floor(rand() * ALPHABET.length)];
  return s;
}

function lcsLength(a, b) {
  const n = a.length, m = b.length;
  const dp = [];
  for (let i = 0; i <= n; i++) dp.push(new Array(m + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    const ai = a.charCodeAt(i - 1);
    const row = dp[i], prev = dp[i - 1];
    for (let j = 1; j <= m; j++) {
      if (ai === b.charCodeAt(j - 1)) row[j] = prev[j - 1] + 1;
      else row[j] = row[j - 1] > prev[j] ? row[j - 1] : prev[j];
    }
  }
  return dp[n][m];
}

function knapsack(items, capacity) {
  const n = items.length;
  const table = [];
  for (let i = 0; i <= n; i++) table.push(new Array(capacity + 1).fill(0));
  for (let i = 1; i <= n; i++) {
    const { weight, value } = items[i - 1];
    const row = table[i], prev = table[i - 1];
    for (let c = 0; c <= capacity; c++) {
      let best = prev[c];
      if (weight <= c) {
        const take = prev[c - weight] + value;
        if (take > best) best = take;
      }
      row[c] = best;
    }
  }
  let c = capacity, chosen = 0;
  for (let i = n; i > 0; i--) {
    if (table[i][c] !== table[i - 1][c]) { chosen++; c -= items[i - 1].weight; }
  }
  return { best: table[n][capacity], chosen };
}

function editDistance(a, b) {
  const n = a.length, m = b.length;
  const d = [];
  for (let i = 0; i <= n; i++) {
    const row = new Array(m + 1);
    row[0] = i;
    d.push(row);
  }
  for (let j = 0; j <= m; j++) d[0][j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
    }
  }
  return d[n][m];
}

const rand = mulberry32(SEED);
const strA = randomString(LCS_LEN, rand);
const strB = randomString(LCS_LEN, rand);
const items = Array.from({ length: KNAP_ITEMS }, () => ({ weight: 1 + Math.floor(rand() * 800), value: 1 + Math.floor(rand() * 1000) }));

const lcs = lcsLength(strA, strB);
const knap = knapsack(items, KNAP_CAPACITY);
const edit = editDistance(strA.slice(0, EDIT_LEN), strB.slice(0, EDIT_LEN));

console.log('LCS length', lcs);
console.log('knapsack best value', knap.best, 'items chosen', knap.chosen);
console.log('edit distance', edit);
