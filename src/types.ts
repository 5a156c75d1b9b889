/** Public types of the transform API. */
import type { Plan, Platform, TaskGraph } from './schedule/types.js';

export interface TransformOptions {
  /** File name used in messages and source maps. */
  filename?: string;
  /** Maximum number of threads, main included (default: available parallelism). */
  workers?: number;
  /** Measured or user-given times: source line (1-based) → ms. */
  times?: Record<string, number>;
  /** A profile from `parallelize profile` (or a trace): measured times by line, value sizes, cloneability. `times` wins where both give a line. */
  profile?: import('./estimate/profile-format.js').Profile;
  /** Scheduler name or object. */
  scheduler?: string | import('./schedule/types.js').Scheduler;
  /** Platform overrides (over the values `parallelize calibrate` stored, or the defaults). */
  platform?: Partial<Platform>;
  /** Record each statement's time when the output runs with PARALLELIZE_TRACE=FILE (feed it back with `--profile`). */
  trace?: boolean;
  /**
   * Let a thread that finishes its share early take statements another thread has not started
   * (default true). false: every statement runs on the thread the plan gives it.
   */
  share?: boolean;
  /** "module" | "commonjs" | "auto" (default: by file extension and syntax). */
  sourceType?: 'module' | 'commonjs' | 'auto';
}

export interface Warning {
  code: string;
  message: string;
  line?: number;
}

export interface TransformResult {
  code: string;
  map: null;
  warnings: Warning[];
  graph: unknown;
  schedule: Plan | null;
  /** The statements as scheduled: task i is the statement on line statementLines[i]. */
  taskGraph: TaskGraph;
  statementLines: number[];
  /** Lines of the statements any sharing thread may take at run time (none: every statement stays where the plan puts it). */
  sharedLines: number[];
  /** Why the output is the sequential script, when it is. */
  sequentialReason?: string;
}
