/**
 * A task graph compiled once into flat arrays, so that schedulers can decode
 * hundreds of candidate schedules per call without re-walking objects.
 */
import type { Edge, Platform, TaskGraph } from './types.js';

/** Communication time of one edge when its two tasks run on different threads. */
export function edgeCost(edge: Edge, platform: Platform): number {
  if (edge.cost !== undefined) return edge.cost;
  const bytes = edge.bytes ?? 0;
  // A pure ordering edge still needs one message, so it pays the latency.
  if (!(bytes > 0)) return platform.latency;
  // One message may carry flat and structured values: each part at its own rate.
  const flat = Math.min(Math.max(edge.flatBytes ?? 0, 0), bytes);
  return platform.latency + (bytes - flat) / platform.bandwidth + (flat > 0 ? flat / (platform.flatBandwidth ?? platform.bandwidth) : 0);
}

export interface CompiledGraph {
  n: number;
  threads: number;
  cost: Float64Array;
  /** CSR predecessors of task t: predIdx[predStart[t] .. predStart[t+1]), with the edge's comm cost. */
  predStart: Int32Array;
  predIdx: Int32Array;
  predComm: Float64Array;
  /** Index into graph.edges of each predecessor entry (for transfers). */
  predEdge: Int32Array;
  succStart: Int32Array;
  succIdx: Int32Array;
  succComm: Float64Array;
  /** A topological order (ties broken by id). */
  topo: Int32Array;
  /** Earliest start of each thread: 0 for main, platform.startup for workers. */
  threadReady: Float64Array;
  /** Thread a task must run on (pin, or pin of its group), -1 if free. */
  fixed: Int32Array;
  /** Dense group index per task, -1 if none. */
  group: Int32Array;
  groups: number;
  totalWork: number;
  platform: Platform;
}

/** Validates the graph (dense ids, known endpoints, no cycle, consistent pins) and compiles it. */
export function compileGraph(graph: TaskGraph, platform: Platform): CompiledGraph {
  const n = graph.tasks.length;
  const threads = Math.max(1, Math.floor(platform.threads));
  const cost = new Float64Array(n);
  graph.tasks.forEach((task, i) => {
    if (task.id !== i) throw new Error(`task ids must be dense 0..n-1 in order: tasks[${i}].id is ${task.id}`);
    if (!(task.cost >= 0)) throw new Error(`task ${i} has an invalid cost ${task.cost}`);
    cost[i] = task.cost;
  });
  for (const e of graph.edges) {
    if (!(e.from >= 0 && e.from < n && e.to >= 0 && e.to < n) || e.from === e.to) {
      throw new Error(`edge ${e.from} -> ${e.to} does not join two different tasks of the graph`);
    }
  }
  const predCount = new Int32Array(n + 1);
  const succCount = new Int32Array(n + 1);
  for (const e of graph.edges) {
    predCount[e.to + 1]++;
    succCount[e.from + 1]++;
  }
  for (let i = 0; i < n; i++) {
    predCount[i + 1] += predCount[i];
    succCount[i + 1] += succCount[i];
  }
  const m = graph.edges.length;
  const predIdx = new Int32Array(m), predComm = new Float64Array(m), predEdge = new Int32Array(m);
  const succIdx = new Int32Array(m), succComm = new Float64Array(m);
  const pFill = predCount.slice(0, n), sFill = succCount.slice(0, n);
  graph.edges.forEach((e, k) => {
    const c = edgeCost(e, platform);
    const pi = pFill[e.to]++;
    predIdx[pi] = e.from;
    predComm[pi] = c;
    predEdge[pi] = k;
    const si = sFill[e.from]++;
    succIdx[si] = e.to;
    succComm[si] = c;
  });
  const topo = topologicalOrder(n, predCount, succCount, succIdx);
  const threadReady = new Float64Array(threads).fill(Math.max(0, platform.startup));
  threadReady[0] = 0;
  const { fixed, group, groups } = resolveConstraints(graph, threads);
  let totalWork = 0;
  for (let i = 0; i < n; i++) totalWork += cost[i];
  return {
    n, threads, cost, predStart: predCount, predIdx, predComm, predEdge,
    succStart: succCount, succIdx, succComm, topo, threadReady, fixed, group, groups, totalWork, platform,
  };
}

/** Kahn's algorithm, smallest id first among ready tasks (stable: source order for scripts). */
function topologicalOrder(n: number, predStart: Int32Array, succStart: Int32Array, succIdx: Int32Array): Int32Array {
  const indeg = new Int32Array(n);
  for (let i = 0; i < n; i++) indeg[i] = predStart[i + 1] - predStart[i];
  const order = new Int32Array(n);
  // Ready tasks kept sorted descending so pop() yields the smallest id.
  const ready: number[] = [];
  for (let i = n - 1; i >= 0; i--) if (indeg[i] === 0) ready.push(i);
  let k = 0;
  while (ready.length > 0) {
    const t = ready.pop()!;
    order[k++] = t;
    for (let s = succStart[t]; s < succStart[t + 1]; s++) {
      const u = succIdx[s];
      if (--indeg[u] === 0) {
        let j = ready.length;
        ready.push(u);
        while (j > 0 && ready[j - 1] < u) { ready[j] = ready[j - 1]; j--; }
        ready[j] = u;
      }
    }
  }
  if (k < n) {
    const stuck = [];
    for (let i = 0; i < n && stuck.length < 5; i++) if (indeg[i] > 0) stuck.push(i);
    throw new Error(`the task graph has a cycle (tasks involved include ${stuck.join(', ')})`);
  }
  return order;
}

/** Turns pins and groups into one fixed thread per task where known, and dense group numbers. */
function resolveConstraints(graph: TaskGraph, threads: number) {
  const n = graph.tasks.length;
  const fixed = new Int32Array(n).fill(-1);
  const group = new Int32Array(n).fill(-1);
  const groupIds = new Map<number, number>();
  const groupPin: number[] = [];
  for (const task of graph.tasks) {
    if (task.pin !== undefined) {
      if (!(Number.isInteger(task.pin) && task.pin >= 0 && task.pin < threads)) {
        throw new Error(`task ${task.id} is pinned to thread ${task.pin}, but threads are 0..${threads - 1}`);
      }
      fixed[task.id] = task.pin;
    }
    if (task.group === undefined) continue;
    let g = groupIds.get(task.group);
    if (g === undefined) {
      g = groupIds.size;
      groupIds.set(task.group, g);
      groupPin.push(-1);
    }
    group[task.id] = g;
    if (task.pin !== undefined) {
      if (groupPin[g] >= 0 && groupPin[g] !== task.pin) {
        throw new Error(`group ${task.group} has tasks pinned to different threads (${groupPin[g]} and ${task.pin})`);
      }
      groupPin[g] = task.pin;
    }
  }
  for (let i = 0; i < n; i++) if (group[i] >= 0 && groupPin[group[i]] >= 0) fixed[i] = groupPin[group[i]];
  return { fixed, group, groups: groupIds.size };
}
