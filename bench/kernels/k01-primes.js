'use strict';
// Prime counting: sieve of Eratosthenes, trial division, twin primes.
const SIEVE_LIMIT = 20000000;
const TRIAL_LIMIT = 1500000;
const TWIN_LIMIT = 16000000;

function sieveCount(n) {
  const composite = new Uint8Array(n + 1);
  let count = 0;
  for (let i = 2; i <= n; i++) {
    if (!composite[i]) {
      count++;
      for (let j = i * i; j <= n; j += i) composite[j] = 1;
    }
  }
  return count;
}

function isPrimeTrial(n) {
  if (n < 2) return false;
  if (n % 2 === 0) return n === 2;
  for (let d = 3; d * d <= n; d += 2) {
    if (n % d === 0) return false;
  }
  return true;
}

function countPrimesTrial(limit) {
  let count = 0;
  for (let n = 2; n <= limit; n++) {
    if (isPrimeTrial(n)) count++;
  }
  return count;
}

function twinPrimes(limit) {
  const composite = new Uint8Array(limit + 1);
  const primes = [];
  for (let i = 2; i <= limit; i++) {
    if (!composite[i]) {
      primes.push(i);
      for (let j = i * i; j <= limit; j += i) composite[j] = 1;
    }
  }
  let twins = 0;
  let sumGaps = 0;
  for (let k = 1; k < primes.length; k++) {
    const gap = primes[k] - primes[k - 1];
    if (gap === 2) twins++;
    sumGaps += gap;
  }
  return { twins, avgGap: sumGaps / (primes.length - 1), largest: primes[primes.length - 1] };
}

const sieveResult = sieveCount(SIEVE_LIMIT);
const trialResult = countPrimesTrial(TRIAL_LIMIT);
const twinResult = twinPrimes(TWIN_LIMIT);

console.log('primes below', SIEVE_LIMIT, '=', sieveResult);
console.log('primes below', TRIAL_LIMIT, '(trial division) =', trialResult);
console.log('twin primes below', TWIN_LIMIT, '=', twinResult.twins, 'avg gap', twinResult.avgGap.toFixed(4), 'largest', twinResult.largest);
