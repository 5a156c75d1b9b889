import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkPlan, defaultScheduler, getScheduler, schedulers } from '../../src/schedule/index.js';
import type { TaskGraph } from '../../src/schedule/types.js';
import { chain, forkJoin, platform, randomDag, singleRoot } from './helpers.js';

const graphs: Record<string, TaskGraph> = {
  'fork-join': forkJoin(6),
  'fork-join with messages': forkJoin(6, 10, 3),
  chain: chain(8),
  'single root': singleRoot(7),
  'random 40': randomDag(40, 7, 2),
  empty: { tasks: [], edges: [] },
  'one task': { tasks: [{ id: 0, cost: 3 }], edges: [] },
};

for (const [name, scheduler] of Object.entries(schedulers)) {
  test(`${name}: valid plans on small graphs`, () => {
    for (const [graphName, graph] of Object.entries(graphs)) {
      for (const P of [1, 2, 4]) {
        for (const plat of [platform(P), platform(P, { latency: 0.5, bandwidth: 100, startup: 2 })]) {
          const plan = scheduler.schedule(graph, plat);
          assert.deepEqual(checkPlan(graph, plat, plan), [], `${graphName} P=${P}`);
          assert.equal(plan.threads.flat().length, graph.tasks.length);
          assert.equal(plan.sequential, graph.tasks.reduce((s, t) => s + t.cost, 0));
        }
      }
    }
  });
}

test('a chain cannot be sped up: list schedulers keep it at its total work', () => {
  for (const name of ['heft', 'cpop', 'best', 'sequential', 'heft-lookahead']) {
    assert.equal(getScheduler(name).schedule(chain(8), platform(4)).makespan, 40, name);
  }
});

test('fork-join spreads over the threads', () => {
  const graph = forkJoin(6);
  for (const name of ['heft', 'cpop', 'best', 'bottom-level', 'staged', 'heft-lookahead']) {
    // 1 + two rounds of 10 on three threads + 1
    assert.equal(getScheduler(name).schedule(graph, platform(3)).makespan, 22, name);
  }
  assert.equal(getScheduler('sequential').schedule(graph, platform(3)).makespan, 62);
});

test('one root statement feeding many: HEFT and the default run the children in parallel', () => {
  const graph = singleRoot(8);
  const plat = { threads: 4, latency: 0.2, bandwidth: 1e4, startup: 5 };
  for (const name of ['heft', 'best']) {
    const plan = getScheduler(name).schedule(graph, plat);
    assert.ok(plan.makespan < plan.sequential / 2, `${name}: ${plan.makespan} vs ${plan.sequential}`);
    assert.ok(plan.threads.filter((row) => row.length > 0).length >= 3, name);
    assert.ok(plan.transfers.every((t) => t.start === 1), 'sends leave when the root finishes');
  }
});

test('the default scheduler is best and names the rule that won', () => {
  assert.equal(defaultScheduler.name, 'best');
  const plan = defaultScheduler.schedule(forkJoin(6), platform(3));
  assert.match(plan.scheduler, /^best\(.+\)$/);
});

test('the default is never slower than sequential, even at high communication cost', () => {
  for (let seed = 1; seed <= 12; seed++) {
    const graph = randomDag(30, seed, 200);
    for (const P of [2, 4, 16]) {
      const plat = platform(P, { latency: 1 });
      const plan = defaultScheduler.schedule(graph, plat);
      assert.ok(plan.makespan <= plan.sequential, `seed ${seed} P=${P}: ${plan.makespan} > ${plan.sequential}`);
      assert.deepEqual(checkPlan(graph, plat, plan), []);
    }
  }
  const plan = defaultScheduler.schedule(forkJoin(4, 1, 50), platform(4));
  assert.equal(plan.scheduler, 'best(sequential)');
});

test('the default beats or equals HEFT and is fast on 100 tasks, 16 threads', () => {
  for (let seed = 1; seed <= 3; seed++) {
    const graph = randomDag(100, seed, 5);
    const plat = platform(16);
    const t0 = performance.now();
    const plan = defaultScheduler.schedule(graph, plat);
    const ms = performance.now() - t0;
    assert.ok(plan.makespan <= getScheduler('heft').schedule(graph, plat).makespan);
    assert.ok(ms < 500, `${ms} ms`); // generous: CI machines are slow; typically ~10-40 ms
  }
});

test('best: a heavy task goes to a worker when a heavy task pinned to the main thread would otherwise wait for it', () => {
  // A script's shape (held-out h12): sources, a 1.5 s simulation, a cheap statement feeding a
  // 0.64 s pricing that is pinned to the main thread with the prints. List rules put the simulation
  // on the main thread (free at once, while a worker starts in 45 ms), and the pricing waits for it.
  const graph: TaskGraph = {
    tasks: [
      { id: 0, cost: 0.01 }, { id: 1, cost: 0.01 }, { id: 2, cost: 1477 }, { id: 3, cost: 0.01 },
      { id: 4, cost: 0.01, pin: 0, group: 4 }, { id: 5, cost: 642, pin: 0, group: 4 }, { id: 6, cost: 0.01, pin: 0 },
    ],
    edges: [
      { from: 0, to: 1, bytes: 108 }, { from: 0, to: 2, bytes: 108 }, { from: 1, to: 2, bytes: 108 }, { from: 1, to: 3, bytes: 108 },
      { from: 3, to: 5, bytes: 16 }, { from: 4, to: 5, bytes: 65536 }, { from: 2, to: 6, bytes: 1280 }, { from: 5, to: 6, bytes: 280 },
    ],
  };
  const plat = platform(2, { latency: 0.05, bandwidth: 30_000, startup: 45 });
  const plan = getScheduler('best').schedule(graph, plat);
  assert.deepEqual(checkPlan(graph, plat, plan), []);
  assert.ok(plan.makespan < 1600, `makespan ${plan.makespan} (the simulation and the pricing one after the other: 2119)`);
});
