/**
 * HEFT (Topcuoglu, Hariri, Wu 2002): tasks in decreasing upward rank (longest
 * path to an exit, counting each edge's communication cost — on our identical
 * threads the average over thread pairs is the edge cost itself), each placed
 * on the thread where it finishes earliest, inserted into an idle gap if one fits.
 */
import { defineScheduler } from './base.js';
import { listSchedule } from './list.js';
import { upwardRank } from './ranks.js';

export const heft = defineScheduler(
  'heft',
  'HEFT: decreasing upward rank, each task on the thread where it finishes first, filling idle gaps.',
  (cg) => listSchedule(cg, upwardRank(cg, 1), { placement: 'eft', insertion: true }),
);
