'use strict';
// A small particle simulation and an independent Monte Carlo estimate.
const PARTICLES = 300;
const SIM_STEPS = 920;
const MC_SAMPLES = 26000000;
const DIM = 5;

function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Particle {
  constructor(x, y, vx, vy, mass) {
    this.x = x;
    this.y = y;
    this.vx = vx;
    this.vy = vy;
    this.mass = mass;
    this.fx = 0;
    this.fy = 0;
  }

  resetForce() {
    this.fx = 0;
    this.fy = 0;
  }

  interact(other) {
    const dx = other.x - this.x;
    const dy = other.y - this.y;
    const d2 = dx * dx + dy * dy + 0.01;
    // soft Lennard-Jones-like: attract at range, repel when close
    const inv = 1 / d2;
    const f = (inv * inv - 0.5 * inv) * this.mass * other.mass;
    this.fx -= f * dx;
    this.fy -= f * dy;
    other.fx += f * dx;
    other.fy += f * dy;
  }

  advance(dt, box) {
    this.vx = (this.vx + (this.fx / this.mass) * dt) * 0.999;
    this.vy = (this.vy + (this.fy / this.mass) * dt) * 0.999;
    this.x += this.vx * dt;
    this.y += this.vy * dt;
    if (this.x < 0 || this.x > box) {
      this.vx = -this.vx;
      this.x = Math.min(Math.max(this.x, 0), box);
    }
    if (this.y < 0 || this.y > box) {
      this.vy = -this.vy;
      this.y = Math.min(Math.max(this.y, 0), box);
    }
  }

  kinetic() {
    return 0.5 * this.mass * (this.vx * this.vx + this.vy * this.vy);
  }
}

function simulate(count, steps, seed) {
  const rng = mulberry32(seed);
  const box = 40;
  const ps = [];
  for (let i = 0; i < count; i++) {
    ps.push(new Particle(rng() * box, rng() * box, rng() - 0.5, rng() - 0.5, 0.5 + rng()));
  }
  const energy = [];
  for (let s = 0; s < steps; s++) {
    ps.forEach((p) => p.resetForce());
    for (let i = 0; i < ps.length; i++) {
      for (let j = i + 1; j < ps.length; j++) ps[i].interact(ps[j]);
    }
    for (const p of ps) p.advance(0.01, box);
    if (s % 100 === 0) energy.push(ps.reduce((e, p) => e + p.kinetic(), 0));
  }
  let cx = 0;
  let cy = 0;
  for (const p of ps) {
    cx += p.x;
    cy += p.y;
  }
  return { energy: energy.map((e) => e.toFixed(4)), centre: [(cx / count).toFixed(4), (cy / count).toFixed(4)] };
}

function monteCarloBall(samples, dim, seed) {
  const rng = mulberry32(seed);
  let inside = 0;
  let inCircle = 0;
  for (let s = 0; s < samples; s++) {
    let r2 = 0;
    let first2 = 0;
    for (let d = 0; d < dim; d++) {
      const u = 2 * rng() - 1;
      r2 += u * u;
      if (d === 1) first2 = r2;
    }
    if (r2 <= 1) inside++;
    if (first2 <= 1) inCircle++;
  }
  const volume = (inside / samples) * Math.pow(2, dim);
  const exact = (8 * Math.PI * Math.PI) / 15; // unit 5-ball
  return { volume, exact, piEstimate: (4 * inCircle) / samples };
}

const sim = simulate(PARTICLES, SIM_STEPS, 5);
const mc = monteCarloBall(MC_SAMPLES, DIM, 6);

console.log('kinetic energy samples:', sim.energy.join(' '));
console.log('centre of mass:', sim.centre.join(', '));
console.log('5-ball volume:', mc.volume.toFixed(5), 'exact', mc.exact.toFixed(5), 'pi ~', mc.piEstimate.toFixed(5));
