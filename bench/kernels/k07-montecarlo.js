'use strict';
// Monte Carlo: pi estimation, rejection-sampled integral, random walks with data dependent loops.
const PI_SAMPLES = 30000000;
const INTEGRAL_TARGET = 2000000;
const WALKERS = 4000;
const WALK_RADIUS = 60;
const SEED = 31337;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function estimatePi(samples, seed) {
  const rand = mulberry32(seed);
  let inside = 0;
  let i = 0;
  while (i < samples) {
    const x = rand(), y = rand();
    if (x * x + y * y <= 1) inside++;
    i++;
  }
  return (4 * inside) / samples;
}

function rejectionIntegral(target, seed) {
  // Integral of exp(-x^2) * (1 + sin(5x))/2 over [0, 3], by counting accepted points.
  const rand = mulberry32(seed);
  let accepted = 0;
  let tried = 0;
  let sumX = 0;
  while (accepted < target) {
    const x = rand() * 3;
    const y = rand();
    tried++;
    if (y < Math.exp(-x * x) * (1 + Math.sin(5 * x)) / 2) {
      accepted++;
      sumX += x;
    }
  }
  return { area: (3 * accepted) / tried, meanX: sumX / accepted, tried };
}

function randomWalkExits(walkers, radius, seed) {
  const rand = mulberry32(seed);
  const r2 = radius * radius;
  let totalSteps = 0;
  let maxSteps = 0;
  let northExits = 0;
  for (let w = 0; w < walkers; w++) {
    let x = 0, y = 0, steps = 0;
    while (x * x + y * y < r2) {
      const d = (rand() * 4) | 0;
      if (d === 0) x++; else if (d === 1) x--; else if (d === 2) y++; else y--;
      steps++;
    }
    if (y > Math.abs(x)) northExits++;
    totalSteps += steps;
    if (steps > maxSteps) maxSteps = steps;
  }
  return { meanSteps: totalSteps / walkers, maxSteps, northExits };
}

const piEstimate = estimatePi(PI_SAMPLES, SEED);
const integral = rejectionIntegral(INTEGRAL_TARGET, SEED + 1);
const walks = randomWalkExits(WALKERS, WALK_RADIUS, SEED + 2);

console.log('pi ~', piEstimate.toFixed(6));
console.log('integral ~', integral.area.toFixed(6), 'mean x', integral.meanX.toFixed(6), 'tried', integral.tried);
console.log('walks mean steps', walks.meanSteps.toFixed(2), 'max', walks.maxSteps, 'north exits', walks.northExits);
