/**
 * simulate: earliest start and finish times for fixed per-thread task orders.
 * Each task starts when its thread is free (worker threads not before the
 * platform startup) and every input has arrived; a send leaves as soon as its
 * producer finishes. The code generator calls this after re-sorting each
 * thread's tasks into source order.
 */
import { compileGraph, type CompiledGraph } from './graph.js';
import { buildPlan } from './plan.js';
import type { Plan, Platform, TaskGraph } from './types.js';

export function simulate(graph: TaskGraph, platform: Platform, order: number[][], scheduler = 'simulate'): Plan {
  const cg = compileGraph(graph, platform);
  const { thread, start } = simulateCompiled(cg, order);
  return buildPlan(graph, cg, thread, start, scheduler);
}

/** Times for compiled graphs; throws when the orders miss a task or contradict the dependencies. */
export function simulateCompiled(cg: CompiledGraph, order: ArrayLike<number>[]) {
  if (order.length > cg.threads) throw new Error(`order has ${order.length} threads, platform has ${cg.threads}`);
  const thread = new Int32Array(cg.n).fill(-1);
  for (let p = 0; p < order.length; p++) {
    for (let i = 0; i < order[p].length; i++) {
      const t = order[p][i];
      if (!(t >= 0 && t < cg.n)) throw new Error(`order names unknown task ${t}`);
      if (thread[t] >= 0) throw new Error(`task ${t} appears more than once in the order`);
      thread[t] = p;
    }
  }
  for (let t = 0; t < cg.n; t++) if (thread[t] < 0) throw new Error(`task ${t} is missing from the order`);

  const start = new Float64Array(cg.n);
  const finish = new Float64Array(cg.n).fill(-1);
  const next = new Int32Array(order.length);
  const free = Float64Array.from({ length: order.length }, (_, p) => cg.threadReady[p]);
  const largest = new Float64Array(order.length);
  let done = 0;
  // Sweep the threads, advancing each as far as its inputs allow, until nothing moves.
  for (let progress = true; progress;) {
    progress = false;
    for (let p = 0; p < order.length; p++) {
      while (next[p] < order[p].length) {
        const t = order[p][next[p]];
        const ready = readyAt(cg, t, p, free[p], thread, finish);
        if (ready < 0) break;
        start[t] = ready;
        finish[t] = ready + cg.cost[t];
        free[p] = finish[t] + senderCost(cg, t, p, thread, largest);
        next[p]++;
        done++;
        progress = true;
      }
    }
  }
  if (done < cg.n) {
    const waiting = order.map((o, p) => (next[p] < o.length ? `thread ${p} waits at task ${o[next[p]]}` : ''))
      .filter(Boolean).join('; ');
    throw new Error(`the thread orders contradict the dependencies (deadlock: ${waiting})`);
  }
  return { thread, start };
}

/**
 * The sender's share of a clone: a thread that sends a value serializes it before it goes on
 * (v8.serialize of 200 000 records: 47 ms of a 135 ms round trip), once per thread it sends to.
 * The rest of the message's cost is the receiver's wait (the edge's cost).
 */
export const SENDER_SHARE = 1 / 3;

export function senderCost(cg: CompiledGraph, t: number, p: number, thread: ArrayLike<number>, largest: Float64Array): number {
  // `largest` (one slot per thread, all 0) is the caller's, reused: simulations run by the hundred.
  let total = 0;
  for (let k = cg.succStart[t]; k < cg.succStart[t + 1]; k++) {
    const q = thread[cg.succIdx[k]];
    if (q !== p) largest[q] = Math.max(largest[q], cg.succComm[k]);
  }
  for (let k = cg.succStart[t]; k < cg.succStart[t + 1]; k++) {
    const q = thread[cg.succIdx[k]];
    total += largest[q] * SENDER_SHARE;
    largest[q] = 0;
  }
  return total;
}

/**
 * When task t can start on thread p (free from `free`): the last of its inputs to arrive, a
 * message costing nothing within a thread; -1 while a predecessor has not finished.
 */
export function readyAt(cg: CompiledGraph, t: number, p: number, free: number, thread: ArrayLike<number>, finish: ArrayLike<number>): number {
  let ready = free;
  for (let k = cg.predStart[t]; k < cg.predStart[t + 1]; k++) {
    const u = cg.predIdx[k];
    if (finish[u] < 0) return -1;
    ready = Math.max(ready, finish[u] + (thread[u] === p ? 0 : cg.predComm[k]));
  }
  return ready;
}
