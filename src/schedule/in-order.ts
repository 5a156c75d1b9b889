/**
 * Each thread of a script runs its statements in source order (deadlock-free: every edge points
 * forward). The schedulers do not know that: they may put a cheap producer on a busy thread ahead
 * of a long statement (`let b = 0` before `for (…) a += …`), and in source order it then runs after
 * the long one, so the thread that needs `b` waits for the whole loop. This local search moves
 * statements (a group as a whole) between threads, timing every candidate in source order, and
 * keeps each move that shortens the plan.
 */
import type { Task } from './types.js';

/** Candidates timed at most, and wall-clock milliseconds spent at most, per refinement. */
const MAX_TRIES = 20_000;
const MAX_MS = 250;

/**
 * @param order thread → task ids in source order; thread 0 is main and keeps pinned tasks.
 * @param time the makespan of an order (source order within each thread).
 * @param maxThreads how many threads an order may use.
 */
export function refineInOrder(tasks: Task[], order: number[][], time: (order: number[][]) => number, maxThreads: number): number[][] {
  let current = order.map((o) => [...o]);
  let best = time(current);
  // Movable units: a task alone, or every task of its group (they must share a thread).
  const units: number[][] = [];
  const byGroup = new Map<number, number[]>();
  for (const t of tasks) {
    if (t.pin === 0) continue;
    if (t.group === undefined) units.push([t.id]);
    else byGroup.set(t.group, [...(byGroup.get(t.group) ?? []), t.id]);
  }
  for (const ids of byGroup.values()) if (!ids.some((id) => tasks[id].pin === 0)) units.push(ids);
  const started = Date.now();
  let tries = 0;
  for (let improved = true; improved; ) {
    improved = false;
    for (const unit of units) {
      if (tries >= MAX_TRIES || Date.now() - started > MAX_MS) return current;
      const from = current.findIndex((o) => o.includes(unit[0]));
      const targets = current.length < maxThreads ? current.length + 1 : current.length;
      for (let to = 0; to < targets; to++) {
        if (to === from) continue;
        const next = moved(current, unit, from, to);
        tries++;
        const t = time(next);
        // A clear gain only: equal plans keep the scheduler's choice.
        if (t < best * (1 - 1e-6)) {
          current = next;
          best = t;
          improved = true;
          break;
        }
      }
    }
  }
  // At an equal estimate, a statement is better on the main thread: nothing to send there and
  // back, and no wait for it when the estimate is off (`const { length } = rows` on a worker
  // made the main thread wait for the rows to arrive there).
  for (const unit of units) {
    if (tries >= MAX_TRIES || Date.now() - started > MAX_MS) break;
    const from = current.findIndex((o) => o.includes(unit[0]));
    if (from === 0) continue;
    const next = moved(current, unit, from, 0);
    tries++;
    const t = time(next);
    if (t <= best * (1 + 1e-9)) {
      current = next;
      best = Math.min(best, t);
    }
  }
  return current;
}

/** The order with `unit` taken from thread `from` and merged, in source order, into thread `to`. */
function moved(order: number[][], unit: number[], from: number, to: number): number[][] {
  const next = order.map((o) => [...o]);
  if (to === next.length) next.push([]);
  next[from] = next[from].filter((t) => !unit.includes(t));
  next[to] = [...next[to], ...unit].sort((a, b) => a - b);
  // An emptied worker is dropped (thread 0 is main and always stays).
  return next.filter((o, i) => i === 0 || o.length > 0);
}
