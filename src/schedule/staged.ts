/**
 * drake's abandoned approach: run the graph level by level (level = longest
 * chain of edges from an entry) with a barrier between levels; inside a level,
 * longest task first onto the thread where it finishes earliest. Kept as a
 * baseline: the barriers waste time whenever levels are unbalanced.
 */
import { defineScheduler } from './base.js';
import { ReadyTimes, Timelines } from './list.js';

export const staged = defineScheduler(
  'staged',
  'Level by level with a barrier between levels; longest task first within a level.',
  (cg) => {
    const level = new Int32Array(cg.n);
    let depth = 0;
    for (const t of cg.topo) {
      for (let k = cg.predStart[t]; k < cg.predStart[t + 1]; k++) level[t] = Math.max(level[t], level[cg.predIdx[k]] + 1);
      depth = Math.max(depth, level[t] + 1);
    }
    const levels: number[][] = Array.from({ length: depth }, () => []);
    for (const t of cg.topo) levels[level[t]].push(t);

    const thread = new Int32Array(cg.n).fill(-1), start = new Float64Array(cg.n), finish = new Float64Array(cg.n);
    const groupThread = new Int32Array(cg.groups).fill(-1);
    const lines = new Timelines(cg.threads, cg.threadReady);
    const readyTimes = new ReadyTimes(cg);
    let barrier = 0;
    for (const tasks of levels) {
      tasks.sort((a, b) => cg.cost[b] - cg.cost[a] || a - b);
      let levelEnd = barrier;
      for (const t of tasks) {
        const r = readyTimes.compute(t, thread, finish);
        const forced = cg.fixed[t] >= 0 ? cg.fixed[t] : cg.group[t] >= 0 ? groupThread[cg.group[t]] : -1;
        let bestP = -1, bestStart = Infinity;
        for (let p = 0; p < cg.threads; p++) {
          if (forced >= 0 && p !== forced) continue;
          const s = lines.earliest(p, Math.max(barrier, r[p]), cg.cost[t], false);
          if (s < bestStart) { bestStart = s; bestP = p; }
        }
        thread[t] = bestP;
        start[t] = bestStart;
        finish[t] = bestStart + cg.cost[t];
        if (cg.group[t] >= 0) groupThread[cg.group[t]] = bestP;
        lines.add(bestP, bestStart, finish[t]);
        levelEnd = Math.max(levelEnd, finish[t]);
      }
      barrier = levelEnd;
    }
    return { thread, start, makespan: barrier };
  },
);
