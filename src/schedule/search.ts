/**
 * Improvement moves used by the default scheduler, all decoded by the list
 * scheduler so that every candidate is a valid schedule:
 * - forward-backward improvement (Li & Willis 1992, "justification" in project
 *   scheduling): schedule the reversed graph with priority = forward finish
 *   time, then the graph again with priority = backward finish time; this
 *   packs tasks against the ends of the schedule and often closes idle gaps;
 * - random-key perturbation: re-decode with priority = -(start + noise);
 * - reassignment (with communication): move a task of the critical chain next
 *   to its predecessor or successor, keep the other threads, re-decode.
 */
import type { CompiledGraph } from './graph.js';
import { listSchedule, type Decoded } from './list.js';

/** One forward-backward round; returns the forward result (may be worse than the input). */
export function forwardBackward(cg: CompiledGraph, rev: CompiledGraph, s: Decoded, assign?: Int32Array): Decoded {
  const finish = new Float64Array(cg.n);
  for (let t = 0; t < cg.n; t++) finish[t] = s.start[t] + cg.cost[t];
  const back = listSchedule(rev, finish, { placement: 'eft', insertion: true, assign });
  for (let t = 0; t < cg.n; t++) finish[t] = back.start[t] + cg.cost[t];
  return listSchedule(cg, finish, { placement: 'eft', insertion: true, assign });
}

/** Repeats forward-backward rounds while they improve. */
export function justify(cg: CompiledGraph, rev: CompiledGraph, s: Decoded, rounds: number, assign?: Int32Array): Decoded {
  let best = s;
  for (let i = 0; i < rounds; i++) {
    const next = forwardBackward(cg, rev, best, assign);
    if (next.makespan >= best.makespan) {
      // Equal length but different: keep it, it may open a different gap next round.
      if (next.makespan === best.makespan) best = next;
      break;
    }
    best = next;
  }
  return best;
}

/** Priority reproducing a schedule's start order, blurred by noise of the given scale. */
export function perturbedPriority(cg: CompiledGraph, s: Decoded, scale: number, random: () => number): Float64Array {
  const prio = new Float64Array(cg.n);
  for (let t = 0; t < cg.n; t++) prio[t] = -(s.start[t] + scale * random());
  return prio;
}

/** Tasks on a longest chain of the schedule: each waits for the previous one (data or thread). */
export function criticalChain(cg: CompiledGraph, s: Decoded): number[] {
  const eps = 1e-9 * Math.max(1, s.makespan);
  let t = -1;
  for (let i = 0; i < cg.n; i++) if (t < 0 || s.start[i] + cg.cost[i] > s.start[t] + cg.cost[t]) t = i;
  const chain: number[] = [];
  const byThreadEnd = new Map<string, number>();
  for (let i = 0; i < cg.n; i++) byThreadEnd.set(`${s.thread[i]}@${s.start[i] + cg.cost[i]}`, i);
  while (t >= 0 && chain.length <= cg.n) {
    chain.push(t);
    let next = -1;
    for (let k = cg.predStart[t]; k < cg.predStart[t + 1]; k++) {
      const u = cg.predIdx[k];
      const arrive = s.start[u] + cg.cost[u] + (s.thread[u] === s.thread[t] ? 0 : cg.predComm[k]);
      if (Math.abs(arrive - s.start[t]) <= eps) { next = u; break; }
    }
    if (next < 0) next = byThreadEnd.get(`${s.thread[t]}@${s.start[t]}`) ?? -1;
    if (next === t) break;
    t = next;
  }
  return chain;
}

/**
 * One reassignment move: a random task of the critical chain goes to the thread
 * of a random neighbour (to save a message) or to a random thread.
 */
export function reassign(cg: CompiledGraph, s: Decoded, random: () => number): Int32Array | null {
  const chain = criticalChain(cg, s);
  const movable = chain.filter((t) => cg.fixed[t] < 0);
  if (movable.length === 0) return null;
  const t = movable[Math.floor(random() * movable.length)];
  const deg = cg.predStart[t + 1] - cg.predStart[t] + cg.succStart[t + 1] - cg.succStart[t];
  let target: number;
  if (deg > 0 && random() < 0.7) {
    const k = Math.floor(random() * deg);
    const npred = cg.predStart[t + 1] - cg.predStart[t];
    const u = k < npred ? cg.predIdx[cg.predStart[t] + k] : cg.succIdx[cg.succStart[t] + k - npred];
    target = s.thread[u];
  } else target = Math.floor(random() * cg.threads);
  if (target === s.thread[t]) return null;
  return moveTask(cg, Int32Array.from(s.thread), t, target);
}

/** Puts task t, with every task of its group, on thread p in `assign`. */
function moveTask(cg: CompiledGraph, assign: Int32Array, t: number, p: number): Int32Array {
  if (cg.group[t] >= 0) {
    for (let i = 0; i < cg.n; i++) if (cg.group[i] === cg.group[t]) assign[i] = p;
  } else assign[t] = p;
  return assign;
}

/**
 * Single-task moves, tried exhaustively on small graphs: each movable task (with its group) to
 * each other thread, with the other tasks kept where they are or placed again by the list rule
 * around it, re-decoded in the current start order and packed, keeping any move that shortens the
 * plan, until none does or the deadline passes. The list rules place a heavy task on the thread
 * that finishes it first, which with a worker's start-up is the main thread, even when a task
 * pinned there must then wait for it; one move undoes that.
 */
export function improveByMoves(cg: CompiledGraph, rev: CompiledGraph, s: Decoded, deadline: number): Decoded {
  const eps = 1e-9 * Math.max(1, s.makespan);
  let best = s;
  for (let improved = true; improved && performance.now() < deadline; ) {
    improved = false;
    const order = perturbedPriority(cg, best, 0, () => 0);
    for (let t = 0; t < cg.n && !improved && performance.now() < deadline; t++) {
      if (cg.fixed[t] >= 0) continue;
      for (let p = 0; p < cg.threads && !improved; p++) {
        if (p === best.thread[t]) continue;
        // The task goes to p; the others keep their threads, or (second try) go where the list rule puts them now.
        const kept = moveTask(cg, Int32Array.from(best.thread), t, p);
        const free = moveTask(cg, new Int32Array(cg.n).fill(-1), t, p);
        for (const assign of [kept, free]) {
          const next = justify(cg, rev, listSchedule(cg, order, { insertion: true, assign }), 1, assign === kept ? assign : undefined);
          if (next.makespan < best.makespan - eps) {
            best = next;
            improved = true;
            break;
          }
        }
      }
    }
  }
  return best;
}
