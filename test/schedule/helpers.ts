/** Small hand-made graphs and platforms shared by the scheduling tests. */
import type { Edge, Platform, TaskGraph } from '../../src/schedule/types.js';
import { seededRandom } from '../../src/schedule/random.js';

export const platform = (threads: number, extra: Partial<Platform> = {}): Platform =>
  ({ threads, latency: 0, bandwidth: Infinity, startup: 0, ...extra });

const tasks = (costs: number[]) => costs.map((cost, id) => ({ id, cost, label: `t${id}` }));

/** 0 → 1..k → k+1, every edge with the given comm cost. */
export function forkJoin(k: number, cost = 10, comm = 0): TaskGraph {
  const edges: Edge[] = [];
  for (let i = 1; i <= k; i++) edges.push({ from: 0, to: i, cost: comm }, { from: i, to: k + 1, cost: comm });
  return { tasks: tasks([1, ...Array(k).fill(cost), 1]), edges };
}

export function chain(n: number, cost = 5): TaskGraph {
  return { tasks: tasks(Array(n).fill(cost)), edges: Array.from({ length: n - 1 }, (_, i) => ({ from: i, to: i + 1, bytes: 100 })) };
}

/** One cheap root statement everything depends on (makeParallel ran this sequentially). */
export function singleRoot(children: number, cost = 20): TaskGraph {
  return {
    tasks: tasks([1, ...Array(children).fill(cost)]),
    edges: Array.from({ length: children }, (_, i) => ({ from: 0, to: i + 1, bytes: 1000 })),
  };
}

/** A random layered DAG (seeded), edges of the given comm cost. */
export function randomDag(n: number, seed: number, comm: number): TaskGraph {
  const random = seededRandom(seed);
  const edges: Edge[] = [];
  for (let to = 1; to < n; to++) {
    for (let from = Math.max(0, to - 12); from < to; from++) if (random() < 0.15) edges.push({ from, to, cost: comm });
  }
  return { tasks: tasks(Array.from({ length: n }, () => 1 + Math.floor(random() * 20))), edges };
}
