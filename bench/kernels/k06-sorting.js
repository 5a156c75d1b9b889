'use strict';
// Sorting numbers and objects with comparators, then binary searches.
const N_NUMBERS = 1000000;
const N_RECORDS = 200000;
const N_QUERIES = 1500000;
const SEED = 99;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['ada', 'bob', 'cyd', 'dee', 'eve', 'fay', 'gus', 'hal', 'ivy', 'jon', 'kim', 'lou'];

function makeData(seed) {
  const rand = mulberry32(seed);
  const numbers = new Array(N_NUMBERS);
  for (let i = 0; i < N_NUMBERS; i++) numbers[i] = Math.floor(rand() * 1e9);
  const records = new Array(N_RECORDS);
  for (let i = 0; i < N_RECORDS; i++) {
    records[i] = {
      id: i,
      name: NAMES[Math.floor(rand() * NAMES.length)] + (i % 1000),
      score: Math.round(rand() * 10000) / 100,
      age: 18 + Math.floor(rand() * 60),
    };
  }
  return { numbers, records };
}

function sortNumbers(numbers) {
  const copy = numbers.slice();
  copy.sort((a, b) => a - b);
  let checksum = 0;
  for (let i = 0; i < copy.length; i += 1000) checksum = (checksum * 31 + copy[i]) % 1000000007;
  return { sorted: copy, checksum };
}

function sortRecords(records) {
  const copy = records.slice();
  copy.sort((a, b) => {
    if (a.age !== b.age) return a.age - b.age;
    if (a.score !== b.score) return b.score - a.score;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : a.id - b.id;
  });
  return copy.slice(0, 3).map(r => r.id).concat(copy.slice(-3).map(r => r.id));
}

function lowerBound(arr, x) {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

function binarySearches(sorted, nQueries, seed) {
  const rand = mulberry32(seed);
  let hits = 0;
  let posSum = 0;
  for (let q = 0; q < nQueries; q++) {
    const x = Math.floor(rand() * 1e9);
    const p = lowerBound(sorted, x);
    if (p < sorted.length && sorted[p] === x) hits++;
    posSum += p;
  }
  return { hits, meanPos: posSum / nQueries };
}

const data = makeData(SEED);
const numberResult = sortNumbers(data.numbers);
const recordOrder = sortRecords(data.records);
const searchResult = binarySearches(numberResult.sorted, N_QUERIES, SEED + 1);

console.log('number checksum', numberResult.checksum, 'min', numberResult.sorted[0], 'max', numberResult.sorted[N_NUMBERS - 1]);
console.log('record order ends', recordOrder.join(','));
console.log('search hits', searchResult.hits, 'mean position', searchResult.meanPos.toFixed(2));
