'use strict';
// A strict chain: every step consumes the previous step's result.
const SIZE = 700;
const DIFFUSE_STEPS = 300;
const BLUR_RADIUS = 9;
const LEVELS = 8;
const SITES = 80;
const SUPERSAMPLE = 2;
const SEED = 77;

function xorshift32(seed) {
  let x = seed | 0 || 1;
  return function () {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

function diffuse(size, steps, seed) {
  const rnd = xorshift32(seed);
  let grid = new Float64Array(size * size);
  let next = new Float64Array(size * size);
  for (let k = 0; k < 400; k++) {
    const cx = Math.floor(rnd() * size);
    const cy = Math.floor(rnd() * size);
    grid[cy * size + cx] = 500 + rnd() * 1500;
  }
  for (let s = 0; s < steps; s++) {
    for (let y = 1; y < size - 1; y++) {
      const row = y * size;
      for (let x = 1; x < size - 1; x++) {
        const i = row + x;
        next[i] = grid[i] * 0.6 + 0.1 * (grid[i - 1] + grid[i + 1] + grid[i - size] + grid[i + size]);
      }
    }
    const t = grid;
    grid = next;
    next = t;
  }
  return { size, values: grid };
}

function boxBlur(field, radius) {
  const { size, values } = field;
  const out = new Float64Array(size * size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let s = 0;
      let c = 0;
      for (let dy = -radius; dy <= radius; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= size) continue;
        for (let dx = -radius; dx <= radius; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= size) continue;
          s += values[yy * size + xx];
          c++;
        }
      }
      out[y * size + x] = s / c;
    }
  }
  return { size, values: out };
}

function find(parent, i) {
  while (parent[i] !== i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

function labelLevels(field, levels) {
  const { size, values } = field;
  let max = 0;
  for (const v of values) if (v > max) max = v;
  const parent = new Int32Array(size * size);
  const perLevel = [];
  let keep = null;
  for (let l = 1; l <= levels; l++) {
    const threshold = (max * l) / (levels + 1) / 8;
    for (let i = 0; i < parent.length; i++) parent[i] = i;
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        const i = y * size + x;
        if (values[i] < threshold) continue;
        if (x > 0 && values[i - 1] >= threshold) parent[find(parent, i)] = find(parent, i - 1);
        if (y > 0 && values[i - size] >= threshold) parent[find(parent, i)] = find(parent, i - size);
      }
    }
    const sizes = new Map();
    for (let i = 0; i < parent.length; i++) {
      if (values[i] < threshold) continue;
      const r = find(parent, i);
      sizes.set(r, (sizes.get(r) || 0) + 1);
    }
    perLevel.push(sizes.size);
    // keep the most fragmented level for the next step
    if (keep === null || sizes.size > keep.sizes.size) {
      keep = { roots: Int32Array.from(parent, (_, i) => (values[i] < threshold ? -1 : find(parent, i))), sizes };
    }
  }
  return { size, perLevel, roots: keep.roots, sizes: keep.sizes };
}

function voronoiOfComponents(labels, sites, sub) {
  const { size, roots, sizes } = labels;
  const biggest = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, sites);
  const index = new Map(biggest.map(([root], k) => [root, k]));
  const sx = new Float64Array(biggest.length);
  const sy = new Float64Array(biggest.length);
  for (let i = 0; i < roots.length; i++) {
    const k = index.get(roots[i]);
    if (k === undefined) continue;
    sx[k] += i % size;
    sy[k] += Math.floor(i / size);
  }
  for (let k = 0; k < biggest.length; k++) {
    sx[k] /= biggest[k][1];
    sy[k] /= biggest[k][1];
  }
  const area = new Int32Array(biggest.length);
  let far = 0;
  for (let sy0 = 0; sy0 < size * sub; sy0++) {
    const y = (sy0 + 0.5) / sub;
    for (let sx0 = 0; sx0 < size * sub; sx0++) {
      const x = (sx0 + 0.5) / sub;
      let best = 0;
      let bestD = Infinity;
      for (let k = 0; k < biggest.length; k++) {
        const dx = x - sx[k];
        const dy = y - sy[k];
        const d = dx * dx + dy * dy;
        if (d < bestD) {
          bestD = d;
          best = k;
        }
      }
      area[best]++;
      if (bestD > far) far = bestD;
    }
  }
  return { sites: biggest.length, largestCell: Math.max(...area), smallestCell: Math.min(...area), farthest: Math.sqrt(far) };
}

const field = diffuse(SIZE, DIFFUSE_STEPS, SEED);
const smooth = boxBlur(field, BLUR_RADIUS);
const labels = labelLevels(smooth, LEVELS);
const cells = voronoiOfComponents(labels, SITES, SUPERSAMPLE);

console.log('components per level:', labels.perLevel.join(' '));
console.log('voronoi:', cells.sites, cells.largestCell, cells.smallestCell, cells.farthest.toFixed(3));
