import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan, edgeCost, simulate } from '../../src/schedule/index.js';
import type { Plan, TaskGraph } from '../../src/schedule/types.js';
import { forkJoin, platform } from './helpers.js';

const plat = { threads: 3, latency: 0.5, bandwidth: 100, startup: 4 };

test('edge cost: explicit cost, else latency + bytes/bandwidth, else latency', () => {
  assert.equal(edgeCost({ from: 0, to: 1, cost: 7, bytes: 1e6 }, plat), 7);
  assert.equal(edgeCost({ from: 0, to: 1, bytes: 200 }, plat), 2.5);
  assert.equal(edgeCost({ from: 0, to: 1 }, plat), 0.5);
});

test('edge cost: the flat part of bytes moves at flatBandwidth, the rest at bandwidth', () => {
  const fast = { ...plat, flatBandwidth: 1000 };
  assert.equal(edgeCost({ from: 0, to: 1, bytes: 200, flatBytes: 200 }, fast), 0.5 + 200 / 1000);
  // One message with a 200-byte flat value and a 100-byte object: each part at its rate.
  assert.equal(edgeCost({ from: 0, to: 1, bytes: 300, flatBytes: 200 }, fast), 0.5 + 100 / 100 + 200 / 1000);
  // A platform without a flat rate (graph files, old callers) prices everything as before.
  assert.equal(edgeCost({ from: 0, to: 1, bytes: 200, flatBytes: 200 }, plat), 2.5);
  assert.equal(edgeCost({ from: 0, to: 1, bytes: 200 }, fast), 2.5);
  // flatBytes never counts for more than bytes; an explicit cost still wins.
  assert.equal(edgeCost({ from: 0, to: 1, bytes: 200, flatBytes: 5000 }, fast), 0.7);
  assert.equal(edgeCost({ from: 0, to: 1, bytes: 200, flatBytes: 200, cost: 9 }, fast), 9);
});

test('simulate and checkPlan time a flat edge at the flat rate', () => {
  const fast = { ...plat, flatBandwidth: 1000 };
  const graph: TaskGraph = {
    tasks: [{ id: 0, cost: 10 }, { id: 1, cost: 1 }],
    edges: [{ from: 0, to: 1, bytes: 2000, flatBytes: 2000 }],
  };
  const plan = simulate(graph, fast, [[], [0], [1]]);
  // Task 0 runs on worker 1 from 4 (start-up) to 14; the 2000 flat bytes arrive at 14 + 0.5 + 2.
  assert.deepEqual(plan.transfers.map((t) => [t.start, t.arrive]), [[14, 16.5]]);
  assert.equal(plan.makespan, 17.5);
  assert.deepEqual(checkPlan(graph, fast, plan), []);
  // The same bytes as structured data: 2000 / 100 = 20 ms on the wire.
  const slow = simulate({ ...graph, edges: [{ from: 0, to: 1, bytes: 2000 }] }, fast, [[], [0], [1]]);
  assert.equal(slow.makespan, 14 + 0.5 + 20 + 1);
});

test('simulate: earliest times with messages, worker startup and sends at producer finish', () => {
  const graph: TaskGraph = {
    tasks: [{ id: 0, cost: 1 }, { id: 1, cost: 10 }, { id: 2, cost: 10 }, { id: 3, cost: 2 }],
    edges: [{ from: 0, to: 1, bytes: 100 }, { from: 0, to: 2, bytes: 100 }, { from: 1, to: 3 }, { from: 2, to: 3, cost: 3 }],
  };
  const plan = simulate(graph, plat, [[0, 1, 3], [], [2]]);
  const at = new Map(plan.threads.flat().map((s) => [s.task, s]));
  assert.equal(at.get(0)!.start, 0);
  assert.equal(at.get(1)!.start, 1.5); // main first serializes what it sends to thread 2: a third of the 1.5 ms message
  assert.equal(at.get(2)!.start, 4); // data arrives at 2.5, but the worker is up only at 4
  assert.equal(at.get(3)!.start, 17); // 2 finishes at 14, + 3 ms message
  assert.equal(plan.makespan, 19);
  assert.deepEqual(plan.transfers.map((t) => [t.from, t.to, t.start, t.arrive]), [[0, 2, 1, 2.5], [2, 3, 14, 17]]);
  assert.deepEqual(checkPlan(graph, plat, plan), []);
});

test('simulate keeps the given order even when a later task could start earlier', () => {
  const graph = forkJoin(2, 5);
  const plan = simulate(graph, platform(1), [[0, 2, 1, 3]]);
  assert.deepEqual(plan.threads[0].map((s) => s.task), [0, 2, 1, 3]);
  assert.equal(plan.makespan, 12);
});

test('simulate rejects orders that miss tasks or deadlock', () => {
  const graph = forkJoin(2);
  assert.throws(() => simulate(graph, platform(2), [[0, 1], [3]]), /task 2 is missing/);
  assert.throws(() => simulate(graph, platform(2), [[0, 1, 1, 2, 3]]), /more than once/);
  assert.throws(() => simulate(graph, platform(2), [[3, 0, 1], [2]]), /deadlock/);
});

test('checkPlan catches broken plans', () => {
  const graph = forkJoin(2, 5);
  graph.tasks[1].pin = 0;
  graph.tasks[2].group = 1;
  graph.tasks[3].group = 1;
  const good = simulate(graph, plat, [[0, 1], [2, 3]]);
  assert.deepEqual(checkPlan(graph, plat, good), []);
  const broken = (edit: (p: Plan) => void) => {
    const p: Plan = structuredClone(good);
    edit(p);
    return checkPlan(graph, plat, p).join('\n');
  };
  assert.match(broken((p) => { p.threads[1][1].start -= 1; p.threads[1][1].finish -= 1; }), /before the data of task 2|overlap/);
  assert.match(broken((p) => { p.threads[1][0].start = 3; p.threads[1][0].finish = 8; }), /before it is up at 4/);
  assert.match(broken((p) => { p.threads[0].pop(); }), /task 1 is not scheduled/);
  assert.match(broken((p) => { p.threads[0].push({ ...p.threads[0][1] }); }), /more than once/);
  assert.match(broken((p) => { p.threads[0][1].finish += 2; }), /lasts 7, its cost is 5/);
  assert.match(broken((p) => { p.transfers = []; }), /no transfer for edge 0 -> 2/);
  assert.match(broken((p) => { p.makespan = 1; }), /makespan is 1/);
  const moved = simulate(graph, plat, [[0], [1, 2, 3]]);
  assert.match(checkPlan(graph, plat, moved).join('\n'), /pinned to thread 0 but runs on 1/);
  const split = simulate(graph, plat, [[0, 1, 2], [3]]);
  assert.match(checkPlan(graph, plat, split).join('\n'), /group 1 is split/);
  const overlap = structuredClone(good);
  overlap.threads[0][1].start = 0.5;
  overlap.threads[0][1].finish = 5.5;
  assert.match(checkPlan(graph, plat, overlap).join('\n'), /overlap on thread 0/);
});
