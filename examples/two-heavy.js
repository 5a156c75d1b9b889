// Example for the README: two independent computations of about one second each.
//
// `integrate(STEPS)` and `countPrimes(LIMIT)` do not read or write anything the other touches, so
// parallelize can run one of them on a worker thread while the main thread runs the other, and the
// script finishes in about half the time (on two or more cores) with exactly the same output.
// Try it:  npm run example   (or: parallelize examples/two-heavy.js -o two-heavy.parallel.js)
//

const STEPS = 41000000;
const LIMIT = 7000000;

// Midpoint rule for the integral of exp(-x) * sin(x) over [0, 20], which is close to 1/2.
function integrate(steps) {
  const h = 20 / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) {
    const x = (i + 0.5) * h;
    sum += Math.exp(-x) * Math.sin(x);
  }
  return sum * h;
}

// Number of primes below `limit`, by trial division over odd divisors.
function countPrimes(limit) {
  let count = limit > 2 ? 1 : 0;
  for (let n = 3; n < limit; n += 2) {
    let prime = true;
    for (let d = 3; d * d <= n; d += 2) {
      if (n % d === 0) { prime = false; break; }
    }
    if (prime) count++;
  }
  return count;
}

const integral = integrate(STEPS);
const primes = countPrimes(LIMIT);
console.log(`integral of exp(-x) sin(x) over [0, 20] = ${integral.toFixed(12)}; there are ${primes} primes below ${LIMIT}`);
