import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateSources, withCopiesPriced } from '../../src/schedule/duplicate.js';
import { simulate } from '../../src/schedule/index.js';
import type { TaskGraph } from '../../src/schedule/types.js';

// 1000 bytes per ms: an edge of 100 kB takes 100 ms (plus latency).
const plat = { threads: 2, latency: 0.5, bandwidth: 1000, startup: 5 };

/** A source (task 0) feeding two heavy consumers, and a join. */
function diamond(sourceCost: number, bytes: number): TaskGraph {
  return {
    tasks: [{ id: 0, cost: sourceCost }, { id: 1, cost: 400 }, { id: 2, cost: 400 }, { id: 3, cost: 1 }],
    edges: [{ from: 0, to: 1, bytes }, { from: 0, to: 2, bytes }, { from: 1, to: 3, bytes: 8 }, { from: 2, to: 3, bytes: 8 }],
  };
}

test('duplicate: a source cheaper to compute than to send is copied to the thread that needs it, and the plan gets faster', () => {
  const graph = diamond(20, 100_000);
  const order = [[0, 1, 3], [2]];
  const dup = duplicateSources(graph, order, plat, new Set([0]));
  assert.ok(dup, 'a copy is made');
  assert.deepEqual(dup.order, [[0, 1, 3], [4, 2]], 'the copy (task 4) runs on worker 1 before its consumer');
  assert.equal(dup.copyOf[4], 0);
  assert.equal(dup.graph.tasks[4].cost, 20);
  assert.ok(dup.graph.edges.some((e) => e.from === 4 && e.to === 2), 'the consumer on worker 1 reads the copy');
  assert.ok(!dup.graph.edges.some((e) => e.from === 0 && e.to === 2), 'and no longer the original');
  const before = simulate(graph, plat, order).makespan;
  const after = simulate(dup.graph, plat, dup.order).makespan;
  assert.ok(after < before, `copy: ${after} ms, message: ${before} ms`);
  assert.equal(after, 5 + 20 + 400 + 0.5 + 8 / 1000 + 1);
});

test('duplicate: a source dearer than its message, or not a candidate, or pinned, stays single', () => {
  assert.equal(duplicateSources(diamond(200, 100_000), [[0, 1, 3], [2]], plat, new Set([0])), null, 'computing (200 ms) costs more than sending (100 ms)');
  assert.equal(duplicateSources(diamond(20, 100_000), [[0, 1, 3], [2]], plat, new Set()), null, 'the analysis did not allow it');
  const pinned = diamond(20, 100_000);
  pinned.tasks[0].pin = 0;
  assert.equal(duplicateSources(pinned, [[0, 1, 3], [2]], plat, new Set([0])), null);
});

test('duplicate: a source nobody on its own thread needs moves to the first thread that does', () => {
  const graph = diamond(20, 100_000);
  const dup = duplicateSources(graph, [[0, 3], [1], [2]], { ...plat, threads: 3 }, new Set([0]));
  assert.ok(dup);
  assert.deepEqual(dup.order, [[3], [0, 1], [4, 2]]);
  assert.equal(simulate(dup.graph, { ...plat, threads: 3 }, dup.order).makespan, 5 + 20 + 400 + 0.5 + 8 / 1000 + 1);
});

test('withCopiesPriced: edges out of a candidate cost no more than computing it again', () => {
  const graph = diamond(20, 100_000);
  const priced = withCopiesPriced(graph, plat, new Set([0]));
  assert.equal(priced.edges[0].cost, 20.5);
  assert.equal(priced.edges[2].cost, undefined, 'other edges keep the platform model');
  assert.equal(graph.edges[0].cost, undefined, 'the input graph is unchanged');
});
