'use strict';
// Two independent heavy computations: Simpson integration and a prime sieve.
const STEPS = 21000000;
const LIMIT = 60000000;

function integrand(x) {
  return Math.sin(x) * Math.exp(-0.1 * x) + Math.sqrt(1 + x * x) / (1 + x);
}

function simpson(f, a, b, n) {
  if (n % 2 === 1) n++;
  const h = (b - a) / n;
  let s = f(a) + f(b);
  for (let i = 1; i < n; i++) {
    const x = a + i * h;
    s += (i % 2 === 0 ? 2 : 4) * f(x);
  }
  return (s * h) / 3;
}

function twinPrimeStats(limit) {
  const composite = new Uint8Array(limit + 1);
  composite[0] = 1;
  composite[1] = 1;
  for (let p = 2; p * p <= limit; p++) {
    if (!composite[p]) {
      for (let m = p * p; m <= limit; m += p) composite[m] = 1;
    }
  }
  let primes = 0;
  let twins = 0;
  let lastPrime = 2;
  let maxGap = 0;
  for (let i = 2; i <= limit; i++) {
    if (composite[i]) continue;
    primes++;
    if (i - lastPrime === 2) twins++;
    if (i - lastPrime > maxGap) maxGap = i - lastPrime;
    lastPrime = i;
  }
  return { primes, twins, maxGap, lastPrime };
}

const area = simpson(integrand, 0, 40, STEPS);
const sieve = twinPrimeStats(LIMIT);

console.log('integral:', area.toFixed(10));
console.log('primes:', sieve.primes, 'twins:', sieve.twins, 'maxGap:', sieve.maxGap, 'last:', sieve.lastPrime);
