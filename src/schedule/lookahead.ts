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
import { ReadyTimes, Timelines, type Decoded } from './list.js';
import { upwardRank } from './ranks.js';

export function lookaheadSchedule(cg: CompiledGraph, priority: ArrayLike<number>, threadLimit = cg.threads): Decoded {
  const { n } = cg;
  const threads = Math.max(1, Math.min(cg.threads, threadLimit));
  const thread = new Int32Array(n).fill(-1), start = new Float64Array(n), finish = new Float64Array(n);
  const groupThread = new Int32Array(cg.groups).fill(-1);
  const missing = new Int32Array(n);
  for (let i = 0; i < n; i++) missing[i] = cg.predStart[i + 1] - cg.predStart[i];
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (missing[i] === 0) ready.push(i);
  const lines = new Timelines(cg.threads, cg.threadReady);
  const readyTimes = new ReadyTimes(cg);
  const allowed = (t: number) => (cg.fixed[t] >= 0 ? cg.fixed[t] : cg.group[t] >= 0 ? groupThread[cg.group[t]] : -1);

  /** Earliest finish of child c over the threads, counting only its already placed inputs. */
  const childFinish = (c: number): number => {
    let best = Infinity;
    const forced = allowed(c);
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

  let makespan = 0;
  for (let placed = 0; placed < n; placed++) {
    let bi = 0;
    for (let i = 1; i < ready.length; i++) if (priority[ready[i]] > priority[ready[bi]]) bi = i;
    const t = ready[bi];
    ready[bi] = ready[ready.length - 1];
    ready.pop();
    const r = Float64Array.from(readyTimes.compute(t, thread, finish));
    const forced = allowed(t);
    let bestP = -1, bestStart = 0, bestScore = Infinity, bestOwn = Infinity;
    let triedIdle = false;
    for (let p = forced >= 0 ? forced : 0; p < (forced >= 0 ? forced + 1 : threads); p++) {
      if (lines.isIdleWorker(p)) {
        if (triedIdle) continue;
        triedIdle = true;
      }
      const s = lines.earliest(p, r[p], cg.cost[t], true);
      const own = s + cg.cost[t];
      thread[t] = p;
      finish[t] = own;
      const g = cg.group[t];
      const hadGroup = g >= 0 ? groupThread[g] : -1;
      if (g >= 0) groupThread[g] = p;
      const index = lines.add(p, s, own);
      let score = own;
      for (let k = cg.succStart[t]; k < cg.succStart[t + 1]; k++) score = Math.max(score, childFinish(cg.succIdx[k]));
      lines.remove(p, index);
      if (g >= 0) groupThread[g] = hadGroup;
      if (score < bestScore || (score === bestScore && own < bestOwn)) {
        bestScore = score; bestOwn = own; bestP = p; bestStart = s;
      }
    }
    thread[t] = bestP;
    start[t] = bestStart;
    finish[t] = bestStart + cg.cost[t];
    if (finish[t] > makespan) makespan = finish[t];
    if (cg.group[t] >= 0) groupThread[cg.group[t]] = bestP;
    lines.add(bestP, bestStart, finish[t]);
    for (let s = cg.succStart[t]; s < cg.succStart[t + 1]; s++) {
      const u = cg.succIdx[s];
      if (--missing[u] === 0) ready.push(u);
    }
  }
  return { thread, start, makespan };
}

export const heftLookahead = defineScheduler(
  'heft-lookahead',
  'HEFT choosing each thread by the earliest finish of the task\'s children (one-step lookahead).',
  (cg) => lookaheadSchedule(cg, upwardRank(cg, 1)),
);
