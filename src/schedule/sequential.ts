/**
 * Everything on the main thread in topological (source) order: the plan to
 * beat. Tasks pinned to a worker (or grouped with one) still go there.
 */
import { defineScheduler, topoPriority } from './base.js';
import { listSchedule } from './list.js';

export const sequential = defineScheduler(
  'sequential',
  'All tasks on the main thread in source order (pinned tasks on their thread).',
  (cg) => listSchedule(cg, topoPriority(cg), { insertion: false, assign: new Int32Array(cg.n) }),
);
