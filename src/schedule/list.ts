/**
 * The list-scheduling decoder shared by most schedulers: repeatedly take the
 * ready task with the highest priority and give it a thread. Placement rules:
 * - 'eft': the thread where it finishes first (HEFT), optionally inserting it
 *   into an idle gap between already placed tasks;
 * - 'earliest-free': the thread that became free first, ignoring where the
 *   inputs are (classic Graham list scheduling, as makeParallel did);
 * `assign` (thread per task, -1 = free) fixes threads, e.g. for local search
 * over assignments. Pins and groups always win: a group follows the thread of
 * its first placed task.
 */
import type { CompiledGraph } from './graph.js';

export type Placement = 'eft' | 'earliest-free';

export interface DecodeOptions {
  placement?: Placement;
  insertion?: boolean;
  assign?: ArrayLike<number>;
  /** Use only threads 0..threadLimit-1 for free tasks (fewer threads, fewer messages). */
  threadLimit?: number;
}

export interface Decoded {
  thread: Int32Array;
  start: Float64Array;
  makespan: number;
}

/** Per-thread busy intervals, sorted by start, for gap insertion. */
export class Timelines {
  readonly starts: number[][];
  readonly ends: number[][];
  constructor(threads: number, private readonly threadReady: Float64Array) {
    this.starts = Array.from({ length: threads }, () => []);
    this.ends = Array.from({ length: threads }, () => []);
  }

  /** Workers with nothing placed yet are interchangeable: callers try only the first one. */
  isIdleWorker(p: number): boolean {
    return p > 0 && this.starts[p].length === 0;
  }

  lastEnd(p: number): number {
    const e = this.ends[p];
    return e.length ? Math.max(e[e.length - 1], this.threadReady[p]) : this.threadReady[p];
  }

  /** Earliest start ≥ ready on thread p for a task of length dur. */
  earliest(p: number, ready: number, dur: number, insertion: boolean): number {
    let t = Math.max(ready, this.threadReady[p]);
    const s = this.starts[p], e = this.ends[p];
    if (!insertion) return s.length ? Math.max(t, e[e.length - 1]) : t;
    for (let i = 0; i < s.length; i++) {
      if (e[i] <= t) continue;
      if (s[i] >= t + dur) return t;
      t = e[i];
    }
    return t;
  }

  add(p: number, start: number, end: number): number {
    const s = this.starts[p], e = this.ends[p];
    let i = s.length;
    while (i > 0 && (s[i - 1] > start || (s[i - 1] === start && e[i - 1] > start))) i--;
    s.splice(i, 0, start);
    e.splice(i, 0, end);
    return i;
  }

  remove(p: number, index: number): void {
    this.starts[p].splice(index, 1);
    this.ends[p].splice(index, 1);
  }
}

/**
 * Data-ready time of task t on every thread, given where and when its
 * predecessors ran: one pass over the predecessors plus one over the threads.
 */
export class ReadyTimes {
  private readonly local: Float64Array;
  readonly ready: Float64Array;
  constructor(private readonly cg: CompiledGraph) {
    this.local = new Float64Array(cg.threads);
    this.ready = new Float64Array(cg.threads);
  }

  compute(t: number, thread: Int32Array, finish: Float64Array): Float64Array {
    const cg = this.cg, local = this.local;
    let best1 = 0, best1Thread = -1, best2 = 0;
    for (let k = cg.predStart[t]; k < cg.predStart[t + 1]; k++) {
      const u = cg.predIdx[k], pu = thread[u], f = finish[u];
      if (f > local[pu]) local[pu] = f;
      const cross = f + cg.predComm[k];
      if (cross > best1) {
        if (pu !== best1Thread) best2 = best1;
        best1 = cross;
        best1Thread = pu;
      } else if (pu !== best1Thread && cross > best2) best2 = cross;
    }
    for (let p = 0; p < cg.threads; p++) {
      const remote = p === best1Thread ? best2 : best1;
      this.ready[p] = Math.max(local[p], remote);
    }
    for (let k = cg.predStart[t]; k < cg.predStart[t + 1]; k++) local[thread[cg.predIdx[k]]] = 0;
    return this.ready;
  }
}

/** Picks the ready task with the highest priority (ties: earlier in topological order). */
export function listSchedule(cg: CompiledGraph, priority: ArrayLike<number>, opts: DecodeOptions = {}): Decoded {
  const placement = opts.placement ?? 'eft';
  const insertion = opts.insertion ?? true;
  const { n } = cg;
  const threads = Math.max(1, Math.min(cg.threads, opts.threadLimit ?? cg.threads));
  const thread = new Int32Array(n).fill(-1);
  const start = new Float64Array(n);
  const finish = new Float64Array(n);
  const groupThread = new Int32Array(cg.groups).fill(-1);
  const missing = new Int32Array(n);
  const topoPos = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    missing[i] = cg.predStart[i + 1] - cg.predStart[i];
    topoPos[cg.topo[i]] = i;
  }
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (missing[i] === 0) ready.push(i);
  const lines = new Timelines(cg.threads, cg.threadReady);
  const readyTimes = new ReadyTimes(cg);
  let makespan = 0;

  for (let placed = 0; placed < n; placed++) {
    let bi = 0;
    for (let i = 1; i < ready.length; i++) {
      const a = ready[i], b = ready[bi];
      if (priority[a] > priority[b] || (priority[a] === priority[b] && topoPos[a] < topoPos[b])) bi = i;
    }
    const t = ready[bi];
    ready[bi] = ready[ready.length - 1];
    ready.pop();

    const r = readyTimes.compute(t, thread, finish);
    const forced = cg.fixed[t] >= 0 ? cg.fixed[t]
      : cg.group[t] >= 0 && groupThread[cg.group[t]] >= 0 ? groupThread[cg.group[t]]
      : opts.assign ? opts.assign[t] : -1;
    let bestP = forced, bestStart = Infinity;
    if (forced >= 0) bestStart = lines.earliest(forced, r[forced], cg.cost[t], insertion);
    else if (placement === 'earliest-free') {
      let freeAt = Infinity;
      for (let p = 0; p < threads; p++) {
        const f = lines.lastEnd(p);
        if (f < freeAt) { freeAt = f; bestP = p; }
      }
      bestStart = lines.earliest(bestP, r[bestP], cg.cost[t], false);
    } else {
      let triedIdle = false;
      for (let p = 0; p < threads; p++) {
        if (lines.isIdleWorker(p)) {
          if (triedIdle) continue;
          triedIdle = true;
        }
        const s = lines.earliest(p, r[p], cg.cost[t], insertion);
        if (s < bestStart) { bestStart = s; bestP = p; }
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
