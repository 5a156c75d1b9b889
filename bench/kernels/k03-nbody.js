'use strict';
// N-body simulation with plain objects {x,y,z,vx,vy,vz,mass}.
const PI = Math.PI;
const SOLAR_MASS = 4 * PI * PI;
const DAYS_PER_YEAR = 365.24;
const SOLAR_STEPS = 3000000;
const CLUSTER_SIZE = 450;
const CLUSTER_STEPS = 150;
const SEED = 777;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function body(x, y, z, vx, vy, vz, mass) {
  return { x, y, z, vx, vy, vz, mass };
}

function solarSystem() {
  const bodies = [
    body(0, 0, 0, 0, 0, 0, SOLAR_MASS),
    body(4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS),
    body(8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS),
    body(1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS),
    body(1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS),
  ];
  let px = 0, py = 0, pz = 0;
  for (const b of bodies) { px += b.vx * b.mass; py += b.vy * b.mass; pz += b.vz * b.mass; }
  bodies[0].vx = -px / SOLAR_MASS; bodies[0].vy = -py / SOLAR_MASS; bodies[0].vz = -pz / SOLAR_MASS;
  return bodies;
}

function advance(bodies, dt) {
  const n = bodies.length;
  for (let i = 0; i < n; i++) {
    const bi = bodies[i];
    for (let j = i + 1; j < n; j++) {
      const bj = bodies[j];
      const dx = bi.x - bj.x, dy = bi.y - bj.y, dz = bi.z - bj.z;
      const d2 = dx * dx + dy * dy + dz * dz + 1e-9;
      const mag = dt / (d2 * Math.sqrt(d2));
      bi.vx -= dx * bj.mass * mag; bi.vy -= dy * bj.mass * mag; bi.vz -= dz * bj.mass * mag;
      bj.vx += dx * bi.mass * mag; bj.vy += dy * bi.mass * mag; bj.vz += dz * bi.mass * mag;
    }
  }
  for (let i = 0; i < n; i++) {
    const b = bodies[i];
    b.x += dt * b.vx; b.y += dt * b.vy; b.z += dt * b.vz;
  }
}

function energy(bodies) {
  let e = 0;
  for (let i = 0; i < bodies.length; i++) {
    const bi = bodies[i];
    e += 0.5 * bi.mass * (bi.vx * bi.vx + bi.vy * bi.vy + bi.vz * bi.vz);
    for (let j = i + 1; j < bodies.length; j++) {
      const bj = bodies[j];
      const dx = bi.x - bj.x, dy = bi.y - bj.y, dz = bi.z - bj.z;
      e -= (bi.mass * bj.mass) / Math.sqrt(dx * dx + dy * dy + dz * dz + 1e-9);
    }
  }
  return e;
}

function simulateSolar(steps) {
  const bodies = solarSystem();
  const e0 = energy(bodies);
  for (let s = 0; s < steps; s++) advance(bodies, 0.01);
  return { e0, e1: energy(bodies) };
}

function simulateCluster(n, steps, seed) {
  const rand = mulberry32(seed);
  const bodies = [];
  for (let i = 0; i < n; i++) {
    bodies.push(body(rand() * 10 - 5, rand() * 10 - 5, rand() * 10 - 5,
      rand() * 0.1 - 0.05, rand() * 0.1 - 0.05, rand() * 0.1 - 0.05, 0.5 + rand()));
  }
  for (let s = 0; s < steps; s++) advance(bodies, 0.001);
  let cx = 0, cy = 0, cz = 0, mt = 0;
  for (const b of bodies) { cx += b.x * b.mass; cy += b.y * b.mass; cz += b.z * b.mass; mt += b.mass; }
  return { cx: cx / mt, cy: cy / mt, cz: cz / mt, energy: energy(bodies) };
}

const solar = simulateSolar(SOLAR_STEPS);
const cluster = simulateCluster(CLUSTER_SIZE, CLUSTER_STEPS, SEED);

console.log('solar energy before', solar.e0.toFixed(9), 'after', solar.e1.toFixed(9));
console.log('cluster centre', cluster.cx.toFixed(6), cluster.cy.toFixed(6), cluster.cz.toFixed(6));
console.log('cluster energy', cluster.energy.toFixed(6));
