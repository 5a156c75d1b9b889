/**
 * Static task priorities and bounds: the upward rank / bottom level (longest
 * path to an exit, optionally counting communication), the downward rank
 * (longest path from an entry), and the makespan lower bound.
 */
import type { CompiledGraph } from './graph.js';

/** Longest path from each task to an exit, its own cost included; edges count `commWeight` × their comm cost. */
export function upwardRank(cg: CompiledGraph, commWeight = 1): Float64Array {
  const rank = new Float64Array(cg.n);
  for (let k = cg.n - 1; k >= 0; k--) {
    const t = cg.topo[k];
    let best = 0;
    for (let s = cg.succStart[t]; s < cg.succStart[t + 1]; s++) {
      const v = commWeight * cg.succComm[s] + rank[cg.succIdx[s]];
      if (v > best) best = v;
    }
    rank[t] = cg.cost[t] + best;
  }
  return rank;
}

/** Longest path from an entry to the start of each task (its own cost excluded). */
export function downwardRank(cg: CompiledGraph, commWeight = 1): Float64Array {
  const rank = new Float64Array(cg.n);
  for (let k = 0; k < cg.n; k++) {
    const t = cg.topo[k];
    let best = 0;
    for (let p = cg.predStart[t]; p < cg.predStart[t + 1]; p++) {
      const u = cg.predIdx[p];
      const v = rank[u] + cg.cost[u] + commWeight * cg.predComm[p];
      if (v > best) best = v;
    }
    rank[t] = best;
  }
  return rank;
}

/** Length of the longest chain of task costs, ignoring communication. */
export function criticalPath(cg: CompiledGraph): number {
  let cp = 0;
  for (const r of upwardRank(cg, 0)) if (r > cp) cp = r;
  return cp;
}

/**
 * max(critical path, total work / P), ignoring communication and startup: no
 * plan can beat it. With integer costs the work bound rounds up.
 */
export function lowerBound(cg: CompiledGraph): number {
  let integral = true;
  for (let i = 0; i < cg.n && integral; i++) integral = Number.isInteger(cg.cost[i]);
  const perThread = cg.totalWork / cg.threads;
  return Math.max(criticalPath(cg), integral ? Math.ceil(perThread - 1e-9) : perThread);
}
