/**
 * The scheduling vocabulary shared by every scheduler, the plan checker, the
 * graph-file readers and the code generator. Times are milliseconds, sizes bytes.
 */

/** One unit of work: a top-level statement, or a node of a benchmark graph. */
export interface Task {
  /** Dense index 0..n-1; for scripts, statement order in the source. */
  id: number;
  /** Estimated run time in ms. */
  cost: number;
  /** Human label (source line and excerpt for scripts). */
  label?: string;
  /** Must run on this thread (0 is the main thread). */
  pin?: number;
  /** Tasks with the same group must share a thread (values that cannot be cloned). */
  group?: number;
}

/** A dependence: `to` may start only after `from` finished and its data arrived. */
export interface Edge {
  from: number;
  to: number;
  /** Bytes sent when the two tasks run on different threads (0 or absent: a pure ordering signal). */
  bytes?: number;
  /**
   * Of `bytes`, the part that is flat numeric data (typed arrays, number arrays the runtime packs):
   * it moves at `Platform.flatBandwidth`, the rest at `bandwidth`. Absent: none.
   */
  flatBytes?: number;
  /** Communication time in ms when on different threads; overrides the platform model of `bytes`. */
  cost?: number;
}

export interface TaskGraph {
  tasks: Task[];
  edges: Edge[];
}

/** The machine the plan is for. Thread 0 is the main thread, 1..threads-1 are workers. */
export interface Platform {
  /** Number of threads, main thread included. */
  threads: number;
  /** Fixed cost of one message between two threads, ms. */
  latency: number;
  /** Bytes per ms for structured-clone transfer of structured data (objects, arrays of them…). */
  bandwidth: number;
  /** Bytes per ms for flat numeric data (an edge's `flatBytes`); absent: `bandwidth`. */
  flatBandwidth?: number;
  /** Time before a worker thread can start its first task, ms (main starts at 0). */
  startup: number;
}

export interface Slot {
  task: number;
  thread: number;
  start: number;
  finish: number;
}

export interface Transfer {
  from: number;
  to: number;
  fromThread: number;
  toThread: number;
  /** Send starts when the producer finishes; arrives at `arrive`. */
  start: number;
  arrive: number;
}

export interface Plan {
  scheduler: string;
  /** Per thread, its slots in execution order. */
  threads: Slot[][];
  transfers: Transfer[];
  /** Estimated finish time of the last task. */
  makespan: number;
  /** Sum of task costs: the time on one thread with no overheads. */
  sequential: number;
}

export interface Scheduler {
  name: string;
  /** One sentence: what it does. */
  description: string;
  schedule(graph: TaskGraph, platform: Platform): Plan;
}
