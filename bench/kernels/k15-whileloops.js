'use strict';
// While loops with compound conditions and early exits: Collatz, Newton iterations, Game of Life.
const COLLATZ_LIMIT = 350000;
const NEWTON_COUNT = 1500000;
const LIFE_SIZE = 256;
const LIFE_MAX_GENERATIONS = 300;
const SEED = 1234;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Top-level loop: longest Collatz chain below the limit.
let bestStart = 1;
let bestLength = 1;
for (let start = 1; start < COLLATZ_LIMIT; start++) {
  let n = start;
  let len = 1;
  while (n !== 1 && len < 1000) {
    n = n % 2 === 0 ? n / 2 : 3 * n + 1;
    len++;
  }
  if (len > bestLength) {
    bestLength = len;
    bestStart = start;
  }
}

function newtonCubeRoots(count, seed) {
  const rand = mulberry32(seed);
  let totalIters = 0;
  let maxIters = 0;
  let sum = 0;
  for (let k = 0; k < count; k++) {
    const a = 1 + rand() * 1e6;
    let x = a;
    let iters = 0;
    let delta = Infinity;
    while (Math.abs(delta) > 1e-12 * x && iters < 200) {
      const next = x - (x * x * x - a) / (3 * x * x);
      delta = next - x;
      x = next;
      iters++;
    }
    totalIters += iters;
    if (iters > maxIters) maxIters = iters;
    sum += x;
  }
  return { meanIters: totalIters / count, maxIters, sum };
}

function lifeUntilStable(size, maxGen, seed) {
  const rand = mulberry32(seed);
  let grid = new Uint8Array(size * size);
  for (let i = 0; i < grid.length; i++) grid[i] = rand() < 0.3 ? 1 : 0;
  let next = new Uint8Array(size * size);
  let gen = 0;
  let changed = 1;
  let population = 0;
  while (gen < maxGen && changed > 0) {
    changed = 0;
    population = 0;
    for (let y = 0; y < size; y++) {
      const up = ((y - 1 + size) % size) * size, mid = y * size, down = ((y + 1) % size) * size;
      for (let x = 0; x < size; x++) {
        const l = (x - 1 + size) % size, r = (x + 1) % size;
        const nb = grid[up + l] + grid[up + x] + grid[up + r] + grid[mid + l] + grid[mid + r] +
          grid[down + l] + grid[down + x] + grid[down + r];
        const alive = grid[mid + x];
        const v = (nb === 3 || (alive && nb === 2)) ? 1 : 0;
        next[mid + x] = v;
        if (v !== alive) changed++;
        population += v;
      }
    }
    const t = grid; grid = next; next = t;
    gen++;
  }
  return { generations: gen, population, stable: changed === 0 };
}

const newton = newtonCubeRoots(NEWTON_COUNT, SEED);
const life = lifeUntilStable(LIFE_SIZE, LIFE_MAX_GENERATIONS, SEED + 1);

console.log('longest Collatz chain below', COLLATZ_LIMIT, 'starts at', bestStart, 'length', bestLength);
console.log('newton mean iterations', newton.meanIters.toFixed(4), 'max', newton.maxIters, 'sum', newton.sum.toFixed(3));
console.log('life generations', life.generations, 'population', life.population, 'stable', life.stable);
