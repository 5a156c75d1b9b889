/**
 * Scheduling a script: its statements become a task graph (flow edges carry the values,
 * effect edges only a signal), the scheduler places them, and the plan is kept only if it
 * beats running in order by a clear margin once worker start-up and messages are paid (10%, or 5%
 * when the time saved is also at least four worker start-ups).
 */
import { availableParallelism } from 'node:os';
import type { Analysis } from '../analyze/index.js';
import type { Estimates } from '../estimate/index.js';
import { defaultScheduler, simulate } from './index.js';
import { duplicateSources, withCopiesPriced } from './duplicate.js';
import { simulateOnCores } from './shared-cores.js';
import { refineInOrder } from './in-order.js';
import { edgeCost } from './graph.js';
import type { Edge, Plan, Platform, Scheduler, Task, TaskGraph } from './types.js';
import { chooseWorkSharing, type WorkSharing } from './work-sharing.js';
import { fmt } from './format-time.js';

/**
 * The platform without `parallelize calibrate`, a little under what a 2-core Linux machine on
 * Node 20 measured: small objects cloned at 32-38 MB/s, packed integer arrays at 257-275 MB/s
 * (doubles ~490 MB/s, a Float64Array clone 1.4-1.6 GB/s), bare worker start-up ~25 ms (ours
 * also loads the script).
 */
export const defaultPlatform: Platform = { threads: 2, latency: 0.05, bandwidth: 30_000, flatBandwidth: 250_000, startup: 45 };

/**
 * Communication time of an edge whose value is never sent (Dependences.copyOnly): large enough
 * that no plan keeps it, finite so that the schedulers' arithmetic stays well defined.
 */
export const NEVER_SENT = 1e9;

/** A plan must beat the sequential time by this factor to be used… */
export const REQUIRED_GAIN = 0.9;

/**
 * …or by this factor when what it saves is also many worker start-ups. What a plan can lose is
 * bounded by its overheads (start-up, messages), while what it saves is the work it moves; when
 * the saving dwarfs the start-up, a 5% prediction is a safe bet even if the estimates that made it
 * are off by a few times (two heavy statements estimated 2.7 s and 0.3 s that take 0.85 and 0.91).
 */
export const REQUIRED_GAIN_LARGE = 0.95;
export const LARGE_SAVING_STARTUPS = 4;

/** A plan with more threads than another must be faster by this share to be preferred. */
export const EXTRA_THREAD_GAIN = 0.05;

export interface ScriptGraph {
  graph: TaskGraph;
  /** Task index → statement id. */
  statementOf: number[];
}

export function scriptTaskGraph(analysis: Analysis, est: Estimates): ScriptGraph {
  const statementOf = analysis.tasks;
  const taskOf = new Map(statementOf.map((s, i) => [s, i]));
  const tasks: Task[] = statementOf.map((id, i) => {
    const s = analysis.statements[id];
    const text = analysis.parsed.code.slice(s.start, s.end).replace(/\s+/g, ' ');
    const task: Task = { id: i, cost: est.cost[id], label: `L${s.line} ${text.length > 40 ? text.slice(0, 39) + '…' : text}` };
    if (analysis.deps.pinned.has(id)) task.pin = 0;
    const g = analysis.deps.group.get(id);
    if (g !== undefined) task.group = g;
    return task;
  });
  // ── Measured (a profile): a value that did not clone faithfully keeps its producer and its
  // consumers in one group. Fresh group ids start above every statement id (the analysis's ids).
  let freshGroup = Math.max(-1, ...statementOf) + 1;
  const copyOnly = analysis.deps.copyOnly;
  for (const e of analysis.deps.edges) {
    if (e.kind !== 'flow' || !e.vars.some((v) => est.notCloneable?.has(v) && !copyOnly.has(v))) continue;
    const a = tasks[taskOf.get(e.from)!];
    const b = tasks[taskOf.get(e.to)!];
    const merged = [a.group, b.group].filter((g) => g !== undefined);
    const label = a.group ?? b.group ?? freshGroup++;
    for (const t of tasks) if (t === a || t === b || (t.group !== undefined && merged.includes(t.group))) t.group = label;
  }
  // ── end of measured groups.
  // A group with a pinned member is pinned as a whole.
  const pinnedGroups = new Set(tasks.filter((t) => t.pin === 0 && t.group !== undefined).map((t) => t.group));
  for (const t of tasks) if (t.group !== undefined && pinnedGroups.has(t.group)) t.pin = 0;
  const edges: Edge[] = [];
  const seen = new Map<string, Edge>();
  for (const e of analysis.deps.edges) {
    if (e.kind !== 'flow' && e.kind !== 'effect') continue;
    const from = taskOf.get(e.from)!;
    const to = taskOf.get(e.to)!;
    const key = `${from}>${to}`;
    const vars = e.kind === 'flow' ? e.vars : [];
    const bytes = vars.reduce((sum, v) => sum + est.bytes(v), 0);
    // Flat numeric values move at the platform's flat rate (see Edge.flatBytes).
    const flatBytes = vars.reduce((sum, v) => sum + (est.flat(v) ? est.bytes(v) : 0), 0);
    let edge = seen.get(key);
    if (edge) edge.bytes = (edge.bytes ?? 0) + bytes;
    else {
      edge = { from, to, bytes };
      seen.set(key, edge);
      edges.push(edge);
    }
    if (flatBytes > 0) edge.flatBytes = (edge.flatBytes ?? 0) + flatBytes;
    // A value that is never sent: across threads only a copy of its producer serves (duplicate.ts).
    if (vars.some((v) => copyOnly.has(v))) edge.cost = NEVER_SENT;
  }
  return { graph: { tasks, edges }, statementOf };
}

export interface ScriptPlan {
  plan: Plan;
  /** The task graph the plan is for (task i is statement statementOf[i]). */
  graph: TaskGraph;
  statementOf: number[];
  /**
   * Statement ids per thread, in program order; thread 0 is main. Empty workers removed. A
   * statement listed on several threads is computed on each (a copy instead of a message); the
   * first thread listing it sends its values to the others that need them.
   */
  threads: number[][];
  parallel: boolean;
  reason?: string;
  /** Statements any sharing thread may take at run time when its own share is done (work-sharing.ts). */
  sharing?: WorkSharing;
}

/** Times per-thread orders as they would run: on the cores, time-shared when there are more threads than cores. */
function timeOrder(graph: TaskGraph, platform: Platform, order: number[][], cores: number, scheduler?: string): Plan {
  const compact: Platform = { ...platform, threads: order.length };
  return order.length > cores ? simulateOnCores(graph, compact, order, cores, scheduler) : simulate(graph, compact, order, scheduler);
}

/** How much too high static times may be, as a factor a plan must survive. */
const STATIC_ERROR = 3;

/** The graph with every statically estimated time divided by STATIC_ERROR; undefined when no time is static. */
function pessimistic(graph: TaskGraph, statementOf: number[], est: Estimates): TaskGraph | undefined {
  if (!graph.tasks.some((t) => est.source[statementOf[t.id]] === 'static' && t.cost > 0)) return undefined;
  return { ...graph, tasks: graph.tasks.map((t) => (est.source[statementOf[t.id]] === 'static' ? { ...t, cost: t.cost / STATIC_ERROR } : t)) };
}

export function planScript(
  analysis: Analysis,
  est: Estimates,
  opts: { workers?: number; scheduler?: Scheduler; platform?: Partial<Platform>; share?: boolean } = {},
): ScriptPlan {
  const { graph, statementOf } = scriptTaskGraph(analysis, est);
  const cores = availableParallelism();
  // The main thread often waits for messages, so by default one worker per core may pay off.
  const maxThreads = Math.max(1, Math.min(opts.workers ?? cores + 1, cores * 2, 16));
  const platform: Platform = { ...defaultPlatform, ...opts.platform, threads: maxThreads };
  const sequentialOrder = [graph.tasks.map((t) => t.id)];
  const sequentialPlan = simulate(graph, platform, sequentialOrder, 'sequential');
  const asSequential = (reason: string): ScriptPlan => ({ plan: sequentialPlan, graph, statementOf, threads: [[...analysis.tasks]], parallel: false, reason });
  if (graph.tasks.length < 2) return asSequential('there is at most one statement to schedule');
  if (maxThreads < 2) return asSequential('only one thread is available');
  const scheduler = opts.scheduler ?? defaultScheduler;
  // One plan per core count, and one with a thread more than cores (time-shared) when allowed;
  // the extra thread must earn its keep by a clear margin.
  const counts = opts.workers !== undefined ? [maxThreads] : [...new Set([Math.min(cores, maxThreads), maxThreads])].filter((p) => p >= 2);
  // Cheap deterministic sources may run again where their values are needed (src/schedule/duplicate.ts).
  const taskOf = new Map(statementOf.map((id, i) => [id, i]));
  const copyable = new Set([...analysis.duplicable].map((id) => taskOf.get(id)).filter((t): t is number => t !== undefined));
  let best: { plan: Plan; order: number[][]; graph: TaskGraph; copyOf: number[] } | undefined;
  const identity = graph.tasks.map((t) => t.id);
  for (const threads of counts) {
    const views = copyable.size > 0 ? [graph, withCopiesPriced(graph, { ...platform, threads }, copyable)] : [graph];
    for (const view of views) {
      const raw = scheduler.schedule(view, { ...platform, threads });
      // Each thread runs its statements in source order (see ARCHITECTURE.md: in-order threads are deadlock-free).
      const listed = raw.threads.map((slots) => slots.map((s) => s.task).sort((a, b) => a - b)).filter((o, t) => t === 0 || o.length > 0);
      const timed = (g: TaskGraph, o: number[][]) => timeOrder(g, platform, o, cores, raw.scheduler);
      // An order as it would run: as it is, and with cheap sources copied where they are used.
      const candidatesOf = (order: number[][]) => {
        const candidates = [{ plan: timed(graph, order), order, graph, copyOf: identity }];
        const dup = copyable.size > 0 ? duplicateSources(graph, order, { ...platform, threads: order.length }, copyable) : null;
        if (dup) {
          // Copies first: at an equal estimate, sending less is better (the sender's serialisation is not in the model).
          candidates.unshift({ plan: { ...timed(dup.graph, dup.order), sequential: candidates[0].plan.sequential }, order: dup.order, graph: dup.graph, copyOf: dup.copyOf });
        }
        return candidates;
      };
      // The scheduler's order, repaired for running each thread in source order.
      const fastest = (order: number[][]) => Math.min(...candidatesOf(order).map((c) => c.plan.makespan));
      if (listed.length < 2) continue;
      // (It may move everything back to the main thread: then the plan is the sequential one.)
      const order = refineInOrder(graph.tasks, listed, fastest, threads);
      const candidates = candidatesOf(order);
      for (const c of candidates) {
        if (!best || c.plan.makespan < best.plan.makespan * (c.order.length > best.order.length ? 1 - EXTRA_THREAD_GAIN : 1)) best = c;
      }
    }
  }
  if (!best) return asSequential('no statement is worth moving to another thread');
  const { plan, order } = best;
  const total = plan.sequential;
  const required = total - plan.makespan >= LARGE_SAVING_STARTUPS * platform.startup ? REQUIRED_GAIN_LARGE : REQUIRED_GAIN;
  if (!(plan.makespan < total * required)) {
    return asSequential(
      `the best plan (${fmt(plan.makespan)}) does not beat running in order (${fmt(total)}) by ${Math.round((1 - required) * 100)}% once worker start-up (${fmt(platform.startup)}) and messages are counted`,
    );
  }
  const planned = best.graph;
  // A value that is never sent must have a copy on every thread that uses it.
  const threadOf = new Map(order.flatMap((o, thread) => o.map((t): [number, number] => [t, thread])));
  if (planned.edges.some((e) => e.cost === NEVER_SENT && threadOf.get(e.from) !== threadOf.get(e.to))) {
    return asSequential('a value that cannot be copied to another thread would have to be sent');
  }
  const statementOfPlanned = best.copyOf.map((t) => statementOf[t]);
  // Static times are often a few times off (ARCHITECTURE.md, estimate), and in the same direction
  // within a script, while a message costs what its bytes cost. A plan whose messages cost more
  // than a worker's start-up must also win with every static time three times too high (analyses
  // of rows read from a data file priced at 0.8 and 0.55 s ran in 0.22 and 0.19 s, and sending
  // the rows to a worker made the script 0.76x).
  const messages = planned.edges.filter((e) => threadOf.get(e.from) !== threadOf.get(e.to)).reduce((ms, e) => ms + edgeCost(e, platform), 0);
  const overestimated = messages > platform.startup ? pessimistic(planned, statementOfPlanned, est) : undefined;
  if (overestimated) {
    const shrunk = timeOrder(overestimated, platform, order, cores);
    if (!(shrunk.makespan < shrunk.sequential * REQUIRED_GAIN_LARGE)) {
      return asSequential(
        `the best plan (${fmt(plan.makespan)} instead of ${fmt(total)}) would lose to running in order if the static estimates were three times too high (${fmt(shrunk.makespan)} instead of ${fmt(shrunk.sequential)}), since its messages cost the same`,
      );
    }
  }
  const threads = order.map((o) => o.map((t) => statementOfPlanned[t]));
  // A statement taken from the main thread sends it its values: only if that costs little (a tenth of its time).
  const taskOfPlanned = new Map(statementOfPlanned.map((id, i) => [id, i]));
  const movable = (id: number, onMain: boolean) => {
    const task = planned.tasks[taskOfPlanned.get(id)!];
    if (task.pin !== undefined || task.group !== undefined) return false;
    if (!onMain) return true;
    const sent = planned.edges.filter((e) => e.from === task.id).reduce((ms, e) => ms + edgeCost(e, platform), 0);
    return sent <= 0.1 * task.cost;
  };
  const sharing = opts.share === false ? undefined : chooseWorkSharing(analysis, threads, movable, (id) => planned.tasks[taskOfPlanned.get(id)!].cost) ?? undefined;
  return { plan, graph: planned, statementOf: statementOfPlanned, threads, parallel: true, sharing };
}

