/**
 * CPOP (Topcuoglu, Hariri, Wu 2002): priority = upward + downward rank; the
 * tasks of one critical path all go to the main thread (it starts first), the
 * others to the thread where they finish earliest, filling idle gaps.
 */
import { defineScheduler } from './base.js';
import type { CompiledGraph } from './graph.js';
import { listSchedule } from './list.js';
import { downwardRank, upwardRank } from './ranks.js';

export function cpopPriority(cg: CompiledGraph): Float64Array {
  const up = upwardRank(cg, 1), down = downwardRank(cg, 1);
  return up.map((u, i) => u + down[i]);
}

/** One critical path: from the entry of highest priority, follow a successor of equal priority. */
export function criticalTasks(cg: CompiledGraph, prio: Float64Array): number[] {
  if (cg.n === 0) return [];
  let t = -1;
  for (let i = 0; i < cg.n; i++) {
    if (cg.predStart[i + 1] === cg.predStart[i] && (t < 0 || prio[i] > prio[t])) t = i;
  }
  const eps = 1e-9 * Math.max(1, prio[t]);
  const path = [t];
  for (;;) {
    let next = -1;
    for (let s = cg.succStart[t]; s < cg.succStart[t + 1]; s++) {
      if (Math.abs(prio[cg.succIdx[s]] - prio[t]) <= eps) { next = cg.succIdx[s]; break; }
    }
    if (next < 0) return path;
    path.push((t = next));
  }
}

export const cpop = defineScheduler(
  'cpop',
  'CPOP: critical-path tasks on the main thread, the rest by upward+downward rank on the earliest-finishing thread.',
  (cg) => {
    const prio = cpopPriority(cg);
    const assign = new Int32Array(cg.n).fill(-1);
    for (const t of criticalTasks(cg, prio)) assign[t] = 0;
    return listSchedule(cg, prio, { placement: 'eft', insertion: true, assign });
  },
);
