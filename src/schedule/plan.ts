/** Turns a thread assignment and start times into a Plan with its transfers. */
import type { CompiledGraph } from './graph.js';
import type { Plan, Slot, TaskGraph, Transfer } from './types.js';

export function buildPlan(
  graph: TaskGraph, cg: CompiledGraph, thread: ArrayLike<number>, start: ArrayLike<number>, scheduler: string,
): Plan {
  const threads: Slot[][] = Array.from({ length: cg.threads }, () => []);
  let makespan = 0;
  for (let t = 0; t < cg.n; t++) {
    const finish = start[t] + cg.cost[t];
    threads[thread[t]].push({ task: t, thread: thread[t], start: start[t], finish });
    if (finish > makespan) makespan = finish;
  }
  // Zero-cost tasks can share an instant with a neighbour: put them first, then keep topological order.
  const rank = new Int32Array(cg.n);
  cg.topo.forEach((t, i) => { rank[t] = i; });
  for (const row of threads) row.sort((a, b) => a.start - b.start || a.finish - b.finish || rank[a.task] - rank[b.task]);
  const transfers: Transfer[] = [];
  for (let t = 0; t < cg.n; t++) {
    for (let p = cg.predStart[t]; p < cg.predStart[t + 1]; p++) {
      const u = cg.predIdx[p];
      if (thread[u] === thread[t]) continue;
      const send = start[u] + cg.cost[u];
      transfers.push({ from: u, to: t, fromThread: thread[u], toThread: thread[t], start: send, arrive: send + cg.predComm[p] });
    }
  }
  transfers.sort((a, b) => a.start - b.start || a.from - b.from || a.to - b.to);
  return { scheduler, threads, transfers, makespan, sequential: cg.totalWork };
}
