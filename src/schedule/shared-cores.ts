/**
 * simulateOnCores: like simulate, but for more threads than cores. The operating system shares
 * the cores among the threads that are running a statement (a thread blocked on a message uses
 * none), so while k > cores threads run, each advances at cores / k of full speed.
 *
 * Why plan for it: three equal statements on two cores take 2 units on two threads but 1.5 on
 * three time-shared threads, and no placement on two threads can do better than 2.
 */
import { compileGraph } from './graph.js';
import { buildPlan } from './plan.js';
import { readyAt, senderCost } from './simulate.js';
import type { Plan, Platform, TaskGraph } from './types.js';

/** Extra work for every thread beyond the cores: switches and cache refills while they share. */
export const SHARING_PENALTY = 0.03;

export function simulateOnCores(graph: TaskGraph, platform: Platform, order: number[][], cores: number, scheduler = 'simulate'): Plan {
  const cg = compileGraph(graph, platform);
  const n = cg.n;
  const threads = order.length;
  const thread = new Int32Array(n).fill(-1);
  order.forEach((o, p) => o.forEach((t) => { thread[t] = p; }));
  for (let t = 0; t < n; t++) if (thread[t] < 0) throw new Error(`task ${t} is missing from the order`);

  const start = new Float64Array(n);
  const finish = new Float64Array(n).fill(-1);
  const next = new Int32Array(threads);
  const free = Float64Array.from({ length: threads }, (_, p) => cg.threadReady[p]);
  const largest = new Float64Array(threads);
  const left = new Float64Array(threads).fill(-1); // work left of the running task, -1 when none runs
  const EPS = 1e-9;
  let now = 0;
  let done = 0;
  while (done < n) {
    // Start every thread whose next task has all its inputs by now; note the earliest future start.
    let nextStart = Infinity;
    for (let p = 0; p < threads; p++) {
      while (left[p] < 0 && next[p] < order[p].length) {
        const t = order[p][next[p]];
        const ready = readyAt(cg, t, p, free[p], thread, finish);
        if (ready < 0) break;
        if (ready > now + EPS) { nextStart = Math.min(nextStart, ready); break; }
        start[t] = Math.max(ready, now);
        if (cg.cost[t] > EPS) { left[p] = cg.cost[t]; break; }
        finish[t] = start[t]; // an instant task ends where it starts
        free[p] = finish[t] + senderCost(cg, t, p, thread, largest);
        next[p]++;
        done++;
      }
    }
    let running = 0;
    for (let p = 0; p < threads; p++) if (left[p] >= 0) running++;
    if (running === 0) {
      if (nextStart === Infinity) {
        if (done < n) throw new Error('the thread orders contradict the dependencies (deadlock)');
        break;
      }
      now = nextStart;
      continue;
    }
    const rate = running > cores ? cores / running / (1 + SHARING_PENALTY) : 1;
    let step = nextStart - now;
    for (let p = 0; p < threads; p++) if (left[p] >= 0) step = Math.min(step, left[p] / rate);
    now += step;
    for (let p = 0; p < threads; p++) {
      if (left[p] < 0) continue;
      left[p] -= step * rate;
      if (left[p] > EPS) continue;
      const t = order[p][next[p]];
      finish[t] = now;
      free[p] = now + senderCost(cg, t, p, thread, largest);
      left[p] = -1;
      next[p]++;
      done++;
    }
  }
  const plan = buildPlan(graph, cg, thread, start, scheduler);
  // buildPlan assumes a task runs at full speed; shared cores stretch it to its simulated finish.
  let makespan = 0;
  for (const row of plan.threads) for (const slot of row) {
    slot.finish = finish[slot.task];
    makespan = Math.max(makespan, slot.finish);
  }
  for (const tr of plan.transfers) {
    const comm = tr.arrive - tr.start;
    tr.start = finish[tr.from];
    tr.arrive = tr.start + comm;
  }
  plan.makespan = makespan;
  return plan;
}
