/**
 * Task duplication: a cheap source whose values cost more to send than to make runs again on
 * each thread that needs them (12 MiB of records take ~0.3 s to clone and 0.1 s to build).
 * Which statements may run twice is the analysis's call (src/analyze/duplicable.ts: no effects,
 * deterministic, reads only what every thread has); whether it pays is decided here, per thread.
 *
 * The result is a new task graph with the copies appended (a copy has its original's cost and
 * feeds the consumers on its thread) and per-thread orders that list them; the original stays
 * on the lowest-numbered thread that needs it and sends its values to the threads without a copy.
 */
import { edgeCost } from './graph.js';
import type { Edge, Platform, Task, TaskGraph } from './types.js';

export interface Duplicated {
  /** The tasks of the input graph (same ids), then the copies. */
  graph: TaskGraph;
  /** Per thread, its tasks (copies included) in source order. */
  order: number[][];
  /** Task → the task it copies (itself for the input's tasks). */
  copyOf: number[];
}

/**
 * Copies each candidate source onto every other thread whose consumers would wait longer for
 * its values than it takes to compute them. Null when nothing is copied.
 */
export function duplicateSources(graph: TaskGraph, order: number[][], platform: Platform, candidates: ReadonlySet<number>): Duplicated | null {
  const threadOf = new Map<number, number>();
  order.forEach((tasks, thread) => tasks.forEach((t) => threadOf.set(t, thread)));
  const tasks: Task[] = graph.tasks.map((t) => ({ ...t }));
  const edges: Edge[] = graph.edges.map((e) => ({ ...e }));
  const copyOf = tasks.map((t) => t.id);
  const placed = order.map((o) => [...o]);
  let changed = false;
  for (const s of [...candidates].sort((a, b) => a - b)) {
    const task = tasks[s];
    if (!task || task.pin !== undefined || task.group !== undefined || edges.some((e) => e.to === s)) continue;
    const home = threadOf.get(s);
    if (home === undefined) continue;
    const outgoing = edges.filter((e) => e.from === s);
    const byThread = new Map<number, Edge[]>();
    for (const e of outgoing) {
      const q = threadOf.get(e.to)!;
      byThread.set(q, [...(byThread.get(q) ?? []), e]);
    }
    const holders = new Set([home]);
    for (const [q, es] of byThread) {
      if (q === home) continue;
      // Its consumers there would wait for the message; a copy makes them wait for the computation.
      const wait = Math.max(...es.map((e) => edgeCost(e, platform)));
      if (task.cost < wait) holders.add(q);
    }
    if (holders.size === 1) continue;
    if (!byThread.has(home)) holders.delete(home); // nothing on its own thread needs it: move it
    const primary = Math.min(...holders);
    const instance = new Map<number, number>([[primary, s]]);
    if (primary !== home) {
      placed[home] = placed[home].filter((t) => t !== s);
      placed[primary].push(s);
      threadOf.set(s, primary);
    }
    for (const q of holders) {
      if (q === primary) continue;
      const id = tasks.length;
      tasks.push({ id, cost: task.cost, label: `${task.label ?? `task ${s}`} (copy)` });
      copyOf.push(s);
      placed[q].push(id);
      threadOf.set(id, q);
      instance.set(q, id);
    }
    for (const e of outgoing) {
      const own = instance.get(threadOf.get(e.to)!);
      if (own !== undefined) e.from = own;
    }
    changed = true;
  }
  if (!changed) return null;
  for (const o of placed) o.sort((a, b) => copyOf[a] - copyOf[b] || a - b);
  return { graph: { tasks, edges }, order: placed, copyOf };
}

/**
 * The graph the scheduler sees when copies are possible: an edge out of a candidate costs no
 * more than computing the source again, so consumers are placed as if a copy could serve them.
 */
export function withCopiesPriced(graph: TaskGraph, platform: Platform, candidates: ReadonlySet<number>): TaskGraph {
  return {
    tasks: graph.tasks,
    edges: graph.edges.map((e) => {
      if (!candidates.has(e.from)) return e;
      const cost = Math.min(edgeCost(e, platform), graph.tasks[e.from].cost + platform.latency);
      return { ...e, cost };
    }),
  };
}
