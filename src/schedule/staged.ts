/**
 * drake's abandoned approach: run the graph level by level (level = longest
 * chain of edges from an entry) with a barrier between levels; inside a level,
 * longest task first onto the thread where it finishes earliest. Kept as a
 * baseline: the barriers waste time whenever levels are unbalanced.
 */
import { defineScheduler } from './base.js';
import { ListState } from './list.js';

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

    const state = new ListState(cg);
    let barrier = 0;
    for (const tasks of levels) {
      tasks.sort((a, b) => cg.cost[b] - cg.cost[a] || a - b);
      let levelEnd = barrier;
      for (const t of tasks) {
        const r = state.readyTimes.compute(t, state.thread, state.finish);
        const forced = state.forced(t);
        let bestP = -1, bestStart = Infinity;
        for (let p = 0; p < cg.threads; p++) {
          if (forced >= 0 && p !== forced) continue;
          const s = state.lines.earliest(p, Math.max(barrier, r[p]), cg.cost[t], false);
          if (s < bestStart) { bestStart = s; bestP = p; }
        }
        state.place(t, bestP, bestStart);
        levelEnd = Math.max(levelEnd, state.finish[t]);
      }
      barrier = levelEnd;
    }
    return state.result();
  },
);
