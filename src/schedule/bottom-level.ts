/**
 * makeParallel's list scheduler, without its send-contention bug: tasks by
 * decreasing bottom level computed without communication, each given to the
 * thread that became free first, wherever its inputs are. A baseline: it
 * ignores communication when deciding, so it pays for it at high CCR.
 */
import { defineScheduler } from './base.js';
import { listSchedule } from './list.js';
import { upwardRank } from './ranks.js';

export const bottomLevel = defineScheduler(
  'bottom-level',
  'List scheduling by bottom level ignoring communication, each task on the first free thread.',
  (cg) => listSchedule(cg, upwardRank(cg, 0), { placement: 'earliest-free', insertion: false }),
);
