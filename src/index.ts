/** Public API: `transform(code, options) → { code, map, warnings, graph, schedule }`. */
export { transform } from './transform.js';
export { analyze } from './analyze/index.js';
export { estimate } from './estimate/index.js';
export { planScript } from './schedule/script.js';
export { schedulers, getScheduler, loadScheduler, defaultScheduler, simulate, checkPlan } from './schedule/index.js';
export { ParallelizeError, formatError } from './diagnostics.js';
export type { TransformOptions, TransformResult, Warning } from './types.js';
export type { Plan, Platform, Scheduler, TaskGraph, Task, Edge, Slot } from './schedule/types.js';
