import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan, schedulers } from '../../src/schedule/index.js';
import type { TaskGraph } from '../../src/schedule/types.js';
import { forkJoin, platform } from './helpers.js';

function constrained(): TaskGraph {
  const graph = forkJoin(6);
  graph.tasks[1].pin = 2;
  graph.tasks[2].pin = 0;
  // 3, 4 and 5 share a value that cannot be cloned; 6 sits with 1, pinned to 2.
  graph.tasks[3].group = 7;
  graph.tasks[4].group = 7;
  graph.tasks[5].group = 7;
  graph.tasks[6].group = 9;
  graph.tasks[1].group = 9;
  return graph;
}

for (const [name, scheduler] of Object.entries(schedulers)) {
  test(`${name} honours pins and groups`, () => {
    const graph = constrained();
    for (const plat of [platform(3), platform(4, { latency: 1, startup: 3 })]) {
      const plan = scheduler.schedule(graph, plat);
      assert.deepEqual(checkPlan(graph, plat, plan), []);
      const threadOf = new Map(plan.threads.flat().map((s) => [s.task, s.thread]));
      assert.equal(threadOf.get(1), 2);
      assert.equal(threadOf.get(6), 2);
      assert.equal(threadOf.get(2), 0);
      assert.equal(threadOf.get(3), threadOf.get(4));
      assert.equal(threadOf.get(4), threadOf.get(5));
    }
  });
}

test('impossible constraints are reported clearly', () => {
  const graph = forkJoin(2);
  graph.tasks[1].pin = 5;
  assert.throws(() => schedulers.heft.schedule(graph, platform(2)), /pinned to thread 5, but threads are 0..1/);
  const split = forkJoin(2);
  Object.assign(split.tasks[1], { pin: 0, group: 1 });
  Object.assign(split.tasks[2], { pin: 1, group: 1 });
  assert.throws(() => schedulers.best.schedule(split, platform(2)), /group 1 has tasks pinned to different threads/);
  const cyclic: TaskGraph = { tasks: [{ id: 0, cost: 1 }, { id: 1, cost: 1 }], edges: [{ from: 0, to: 1 }, { from: 1, to: 0 }] };
  assert.throws(() => schedulers.best.schedule(cyclic, platform(2)), /cycle/);
});
