/** Tasks in topological order dealt to threads 0, 1, …, P-1, 0, … regardless of cost: a naive baseline. */
import { defineScheduler, topoPriority } from './base.js';
import { listSchedule } from './list.js';

export const roundRobin = defineScheduler(
  'round-robin',
  'Tasks in source order dealt to the threads in turn, ignoring costs.',
  (cg) => {
    const assign = new Int32Array(cg.n);
    cg.topo.forEach((t, i) => { assign[t] = i % cg.threads; });
    return listSchedule(cg, topoPriority(cg), { insertion: false, assign });
  },
);
