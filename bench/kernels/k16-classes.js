'use strict';
// Class-based code: Vector class in a particle simulation, PriorityQueue class for event scheduling and Huffman coding.
const PARTICLES = 2000;
const PARTICLE_STEPS = 900;
const EVENTS = 600000;
const SYMBOLS = 200000;
const SEED = 9001;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Vector {
  constructor(x, y) { this.x = x; this.y = y; }
  add(o) { return new Vector(this.x + o.x, this.y + o.y); }
  sub(o) { return new Vector(this.x - o.x, this.y - o.y); }
  scale(k) { return new Vector(this.x * k, this.y * k); }
  dot(o) { return this.x * o.x + this.y * o.y; }
  length() { return Math.sqrt(this.dot(this)); }
  normalize() { const l = this.length() || 1; return this.scale(1 / l); }
}

class Particle {
  constructor(pos, vel) { this.pos = pos; this.vel = vel; this.bounces = 0; }
  step(dt, gravity, center) {
    const toCenter = center.sub(this.pos).normalize().scale(0.5);
    this.vel = this.vel.add(gravity.scale(dt)).add(toCenter.scale(dt));
    this.pos = this.pos.add(this.vel.scale(dt));
    if (this.pos.y < 0) { this.pos = new Vector(this.pos.x, -this.pos.y); this.vel = new Vector(this.vel.x, -this.vel.y * 0.9); this.bounces++; }
  }
}

class PriorityQueue {
  constructor(compare) { this.items = []; this.compare = compare; }
  get size() { return this.items.length; }
  push(item) {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.compare(a[p], a[i]) <= 0) break;
      [a[p], a[i]] = [a[i], a[p]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && this.compare(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.compare(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i], a[m]];
        i = m;
      }
    }
    return top;
  }
}

function simulateParticles(n, steps, seed) {
  const rand = mulberry32(seed);
  const particles = [];
  for (let i = 0; i < n; i++) {
    particles.push(new Particle(new Vector(rand() * 100, rand() * 100), new Vector(rand() - 0.5, rand() - 0.5)));
  }
  const gravity = new Vector(0, -9.81);
  const center = new Vector(50, 50);
  for (let s = 0; s < steps; s++) {
    for (const p of particles) p.step(0.01, gravity, center);
  }
  let bounces = 0;
  let centroid = new Vector(0, 0);
  for (const p of particles) { bounces += p.bounces; centroid = centroid.add(p.pos); }
  centroid = centroid.scale(1 / n);
  return { bounces, cx: centroid.x, cy: centroid.y };
}

function eventSimulation(nEvents, seed) {
  const rand = mulberry32(seed);
  const queue = new PriorityQueue((a, b) => a.time - b.time || a.id - b.id);
  for (let i = 0; i < 1000; i++) queue.push({ time: rand() * 10, id: i, kind: i % 3 });
  let processed = 0, nextId = 1000, lastTime = 0;
  const kindCounts = [0, 0, 0];
  while (processed < nEvents && queue.size > 0) {
    const ev = queue.pop();
    lastTime = ev.time;
    kindCounts[ev.kind]++;
    processed++;
    const spawn = ev.kind === 0 ? 2 : ev.kind === 1 ? 1 : (rand() < 0.5 ? 1 : 0);
    for (let k = 0; k < spawn && queue.size < 5000; k++) {
      queue.push({ time: ev.time + rand() * 5, id: nextId++, kind: (ev.kind + k + 1) % 3 });
    }
  }
  return { processed, lastTime, kindCounts };
}

function huffmanCodeLength(nSymbols, seed) {
  const rand = mulberry32(seed);
  const queue = new PriorityQueue((a, b) => a.weight - b.weight || a.order - b.order);
  for (let i = 0; i < nSymbols; i++) queue.push({ weight: 1 + Math.floor(rand() * rand() * 10000), order: i, left: null, right: null });
  let order = nSymbols;
  while (queue.size > 1) {
    const a = queue.pop(), b = queue.pop();
    queue.push({ weight: a.weight + b.weight, order: order++, left: a, right: b });
  }
  const root = queue.pop();
  let totalBits = 0, maxDepth = 0;
  const stack = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop();
    if (!node.left) { totalBits += node.weight * depth; if (depth > maxDepth) maxDepth = depth; continue; }
    stack.push([node.left, depth + 1], [node.right, depth + 1]);
  }
  return { totalBits, maxDepth, totalWeight: root.weight };
}

const particles = simulateParticles(PARTICLES, PARTICLE_STEPS, SEED);
const events = eventSimulation(EVENTS, SEED + 1);
const huffman = huffmanCodeLength(SYMBOLS, SEED + 2);

console.log('particles bounces', particles.bounces, 'centroid', particles.cx.toFixed(4), particles.cy.toFixed(4));
console.log('events processed', events.processed, 'last time', events.lastTime.toFixed(4), 'kinds', events.kindCounts.join('/'));
console.log('huffman bits', huffman.totalBits, 'max depth', huffman.maxDepth, 'avg', (huffman.totalBits / huffman.totalWeight).toFixed(4));
