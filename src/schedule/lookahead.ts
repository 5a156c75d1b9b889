/**
 * HEFT with one-step lookahead (after Bittencourt, Sakellariou, Madeira 2010):
 * tasks in decreasing upward rank; for each candidate thread, place the task
 * tentatively and look at how early each of its children could then finish on
 * its best thread; keep the thread that minimises the latest of those child
 * finishes (a task without children: its own finish). Sees one step past the
 * greedy choice, which helps most when communication is expensive.
 */
import { defineScheduler } from './base.js';
import type { CompiledGraph } from './graph.js';
import { ListState, type Decoded } from './list.js';
import { upwardRank } from './ranks.js';

export function lookaheadSchedule(cg: CompiledGraph, priority: ArrayLike<number>, threadLimit = cg.threads): Decoded {
  const threads = Math.max(1, Math.min(cg.threads, threadLimit));
  const state = new ListState(cg);
  const { thread, finish, groupThread, lines } = state;

  /** Earliest finish of child c over the threads, counting only its already placed inputs. */
  const childFinish = (c: number): number => {
    let best = Infinity;
    const forced = state.forced(c);
    let triedIdle = false;
    for (let q = forced >= 0 ? forced : 0; q < (forced >= 0 ? forced + 1 : threads); q++) {
      if (lines.isIdleWorker(q)) {
        if (triedIdle) continue;
        triedIdle = true;
      }
      let r = 0;
      for (let k = cg.predStart[c]; k < cg.predStart[c + 1]; k++) {
        const u = cg.predIdx[k];
        if (thread[u] < 0) continue;
        const a = finish[u] + (thread[u] === q ? 0 : cg.predComm[k]);
        if (a > r) r = a;
      }
      const f = lines.earliest(q, r, cg.cost[c], true) + cg.cost[c];
      if (f < best) best = f;
    }
    return best;
  };

  for (let placed = 0; placed < cg.n; placed++) {
    const t = state.next(priority);
    const r = Float64Array.from(state.readyTimes.compute(t, thread, finish));
    const forced = state.forced(t);
    const g = cg.group[t];
    let bestP = -1, bestStart = 0, bestScore = Infinity, bestOwn = Infinity;
    let triedIdle = false;
    for (let p = forced >= 0 ? forced : 0; p < (forced >= 0 ? forced + 1 : threads); p++) {
      if (lines.isIdleWorker(p)) {
        if (triedIdle) continue;
        triedIdle = true;
      }
      // Place t on p for a moment, score it by its children, take it back.
      const s = lines.earliest(p, r[p], cg.cost[t], true);
      const own = s + cg.cost[t];
      thread[t] = p;
      finish[t] = own;
      const hadGroup = g >= 0 ? groupThread[g] : -1;
      if (g >= 0) groupThread[g] = p;
      const index = lines.add(p, s, own);
      let score = own;
      for (let k = cg.succStart[t]; k < cg.succStart[t + 1]; k++) score = Math.max(score, childFinish(cg.succIdx[k]));
      lines.remove(p, index);
      if (g >= 0) groupThread[g] = hadGroup;
      thread[t] = -1;
      if (score < bestScore || (score === bestScore && own < bestOwn)) {
        bestScore = score; bestOwn = own; bestP = p; bestStart = s;
      }
    }
    state.place(t, bestP, bestStart);
  }
  return state.result();
}

export const heftLookahead = defineScheduler(
  'heft-lookahead',
  'HEFT choosing each thread by the earliest finish of the task\'s children (one-step lookahead).',
  (cg) => lookaheadSchedule(cg, upwardRank(cg, 1)),
);
