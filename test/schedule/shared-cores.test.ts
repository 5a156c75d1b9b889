import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulate } from '../../src/schedule/index.js';
import { SHARING_PENALTY, simulateOnCores } from '../../src/schedule/shared-cores.js';
import type { TaskGraph } from '../../src/schedule/types.js';

const plat = { threads: 3, latency: 0.5, bandwidth: 100, startup: 4 };

test('shared cores: with a core per thread it times a plan exactly as simulate does', () => {
  const graph: TaskGraph = {
    tasks: [{ id: 0, cost: 1 }, { id: 1, cost: 10 }, { id: 2, cost: 10 }, { id: 3, cost: 2 }, { id: 4, cost: 0 }],
    edges: [{ from: 0, to: 1, bytes: 100 }, { from: 0, to: 2, bytes: 100 }, { from: 1, to: 3 }, { from: 2, to: 3, cost: 3 }, { from: 3, to: 4 }],
  };
  const order = [[0, 1, 3, 4], [], [2]];
  const a = simulate(graph, plat, order);
  const b = simulateOnCores(graph, plat, order, 3);
  assert.equal(b.makespan, a.makespan);
  const times = (p: typeof a) => p.threads.flat().map((s) => [s.task, s.start, s.finish]).sort((x, y) => x[0] - y[0]);
  assert.deepEqual(times(b), times(a));
});

test('shared cores: three equal statements on two cores all end at 1.5 units, stretched by the sharing penalty', () => {
  const graph: TaskGraph = { tasks: [0, 1, 2].map((id) => ({ id, cost: 100 })), edges: [] };
  const platform = { ...plat, startup: 0 };
  const plan = simulateOnCores(graph, platform, [[0], [1], [2]], 2);
  const expected = 150 * (1 + SHARING_PENALTY);
  assert.ok(Math.abs(plan.makespan - expected) < 1e-6, `makespan ${plan.makespan}, expected ${expected}`);
  for (const slot of plan.threads.flat()) assert.ok(Math.abs(slot.finish - expected) < 1e-6);
  // Two threads can do no better than 200 for the same work.
  assert.equal(simulate(graph, platform, [[0, 1], [2]]).makespan, 200);
});

test('shared cores: a thread waiting for a message uses no core, so the others run at full speed', () => {
  // 0 → 2 across threads; while thread 1 waits for 0, threads 0 and 2 share nothing.
  const graph: TaskGraph = {
    tasks: [{ id: 0, cost: 50 }, { id: 1, cost: 100 }, { id: 2, cost: 10 }],
    edges: [{ from: 0, to: 2, cost: 0 }],
  };
  const platform = { ...plat, startup: 0 };
  const plan = simulateOnCores(graph, platform, [[0], [1], [2]], 2);
  const at = new Map(plan.threads.flat().map((s) => [s.task, s]));
  assert.equal(at.get(0)!.finish, 50);
  assert.equal(at.get(2)!.start, 50);
  // 2 and 1 then share two cores: no slowdown.
  assert.equal(at.get(2)!.finish, 60);
  assert.equal(plan.makespan, 100);
  assert.deepEqual(plan.transfers.map((t) => [t.from, t.to, t.start, t.arrive]), [[0, 2, 50, 50]]);
});

test('shared cores: orders that deadlock are rejected', () => {
  const graph: TaskGraph = { tasks: [{ id: 0, cost: 1 }, { id: 1, cost: 1 }], edges: [{ from: 0, to: 1 }] };
  // Task 1 needs 0, which comes after it on the same thread.
  assert.throws(() => simulateOnCores(graph, plat, [[1, 0]], 2), /deadlock/);
});
