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
    if (!insertion || s.length === 0 || e[e.length - 1] <= t) return s.length ? Math.max(t, e[e.length - 1]) : t;
    // Intervals do not overlap, so ends are sorted too: skip those over before t by bisection.
    let lo = 0, hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < s.length; i++) {
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

/** The bookkeeping of a list schedule in progress: placed tasks, ready tasks, thread timelines. */
export class ListState {
  readonly thread: Int32Array;
  readonly start: Float64Array;
  readonly finish: Float64Array;
  readonly groupThread: Int32Array;
  readonly lines: Timelines;
  readonly readyTimes: ReadyTimes;
  private readonly missing: Int32Array;
  private readonly topoPos: Int32Array;
  private readonly ready: number[] = [];
  makespan = 0;

  constructor(private readonly cg: CompiledGraph) {
    const n = cg.n;
    this.thread = new Int32Array(n).fill(-1);
    this.start = new Float64Array(n);
    this.finish = new Float64Array(n);
    this.groupThread = new Int32Array(cg.groups).fill(-1);
    this.lines = new Timelines(cg.threads, cg.threadReady);
    this.readyTimes = new ReadyTimes(cg);
    this.missing = new Int32Array(n);
    this.topoPos = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      this.missing[i] = cg.predStart[i + 1] - cg.predStart[i];
      this.topoPos[cg.topo[i]] = i;
      if (this.missing[i] === 0) this.ready.push(i);
    }
  }

  /** Removes the ready task with the highest priority (ties: earlier in topological order). */
  next(priority: ArrayLike<number>): number {
    const { ready, topoPos } = this;
    let bi = 0;
    for (let i = 1; i < ready.length; i++) {
      const a = ready[i], b = ready[bi];
      if (priority[a] > priority[b] || (priority[a] === priority[b] && topoPos[a] < topoPos[b])) bi = i;
    }
    const t = ready[bi];
    ready[bi] = ready[ready.length - 1];
    ready.pop();
    return t;
  }

  /** The thread a task must take because of its pin or its group, -1 if free. */
  forced(t: number): number {
    const g = this.cg.group[t];
    return this.cg.fixed[t] >= 0 ? this.cg.fixed[t] : g >= 0 ? this.groupThread[g] : -1;
  }

  /** Records the placement and makes the successors whose inputs are all placed ready. */
  place(t: number, p: number, start: number): void {
    const cg = this.cg;
    this.thread[t] = p;
    this.start[t] = start;
    this.finish[t] = start + cg.cost[t];
    if (this.finish[t] > this.makespan) this.makespan = this.finish[t];
    if (cg.group[t] >= 0) this.groupThread[cg.group[t]] = p;
    this.lines.add(p, start, this.finish[t]);
    for (let s = cg.succStart[t]; s < cg.succStart[t + 1]; s++) {
      const u = cg.succIdx[s];
      if (--this.missing[u] === 0) this.ready.push(u);
    }
  }

  result(): Decoded {
    return { thread: this.thread, start: this.start, makespan: this.makespan };
  }
}

/** Decodes a priority vector into a schedule with the chosen placement rule. */
export function listSchedule(cg: CompiledGraph, priority: ArrayLike<number>, opts: DecodeOptions = {}): Decoded {
  const placement = opts.placement ?? 'eft';
  const insertion = opts.insertion ?? true;
  const threads = Math.max(1, Math.min(cg.threads, opts.threadLimit ?? cg.threads));
  const state = new ListState(cg);
  const { lines } = state;
  for (let placed = 0; placed < cg.n; placed++) {
    const t = state.next(priority);
    const r = state.readyTimes.compute(t, state.thread, state.finish);
    let forced = state.forced(t);
    if (forced < 0 && opts.assign) forced = opts.assign[t];
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
    state.place(t, bestP, bestStart);
  }
  return state.result();
}
