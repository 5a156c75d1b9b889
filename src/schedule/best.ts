/**
 * The default scheduler. No single list-scheduling rule wins everywhere: HEFT
 * is a few percent off optimal on the STG set, bottom-level rules lose at high
 * communication, and any of them can be slower than running everything on the
 * main thread. So this one
 *  1. decodes several classic priority rules (HEFT's upward rank, bottom level
 *     without communication, CPOP's up+down rank and CPOP itself, HEFT with
 *     one-step lookahead when messages cost something) with and without gap
 *     insertion;
 *  2. improves the best of them by forward-backward passes, then by an
 *     iterated local search (random-key perturbations of the start order and,
 *     with communication, moves of critical-chain tasks next to their
 *     neighbours), accepting sideways moves;
 *  3. stops as soon as a plan reaches the lower bound max(critical path, W/P),
 *     or when its iteration budget (or a wall-clock safeguard) is spent:
 *     typically under 20 ms of CPU for 100 tasks on 16 threads;
 *  4. returns the sequential plan instead whenever that is not slower.
 * The search is seeded, so the same graph always gives the same plan unless
 * the wall-clock cap cuts it short on a very slow machine.
 */
import { compileGraph, type CompiledGraph } from './graph.js';
import { cpopPriority, criticalTasks } from './cpop.js';
import { listSchedule, type Decoded } from './list.js';
import { lookaheadSchedule } from './lookahead.js';
import { buildPlan } from './plan.js';
import { seededRandom } from './random.js';
import { lowerBound, upwardRank } from './ranks.js';
import { reverseGraph } from './reverse.js';
import { improveByMoves, justify, perturbedPriority, reassign } from './search.js';
import { topoPriority } from './base.js';
import type { Plan, Platform, Scheduler, TaskGraph } from './types.js';

export interface BestOptions {
  /**
   * Improvement iterations (each 2-5 list-schedule decodes). Default: 200
   * without communication, where the lower bound usually stops it early, 60
   * with communication, where it rarely does and gains flatten out sooner.
   */
  iterations?: number;
  /**
   * Wall-clock cap on the improvement phase, ms: a safeguard for very large
   * graphs or a starved CPU; the iteration count is the budget that normally ends it.
   */
  timeLimitMs?: number;
  seed?: number;
}

interface Candidate { name: string; s: Decoded }

/**
 * Graphs up to this many tasks × threads get every single-task move tried (two decodes each, per
 * pass): a script's statements on a few threads, in a few milliseconds. On the STG graphs of 50
 * tasks this shortens plans by 0-2% but takes several times as long as the rest of the search.
 */
const MOVES_LIMIT = 160;

function seedCandidates(cg: CompiledGraph, hasComm: boolean): Candidate[] {
  const rankComm = upwardRank(cg, 1), rankFree = upwardRank(cg, 0), cp = cpopPriority(cg);
  const out: Candidate[] = [];
  const add = (name: string, s: Decoded) => out.push({ name, s });
  add('heft', listSchedule(cg, rankComm, { insertion: true }));
  add('heft-append', listSchedule(cg, rankComm, { insertion: false }));
  add('bottom-level', listSchedule(cg, rankFree, { insertion: true }));
  add('up-down-rank', listSchedule(cg, cp, { insertion: true }));
  const onCp = new Int32Array(cg.n).fill(-1);
  for (const t of criticalTasks(cg, cp)) onCp[t] = 0;
  add('cpop', listSchedule(cg, cp, { insertion: true, assign: onCp }));
  if (!hasComm) return out;
  // Messages cost time: look one step ahead, and try using fewer threads (fewer messages).
  // Lookahead costs O(children × P) per candidate thread: skip it on very large graphs.
  if (cg.n * cg.threads <= 8000) add('heft-lookahead', lookaheadSchedule(cg, rankComm));
  for (let limit = 2; limit < cg.threads; limit *= 2) {
    add(`heft-${limit}-threads`, listSchedule(cg, rankComm, { insertion: true, threadLimit: limit }));
  }
  return out;
}

export function createBest(options: BestOptions = {}): Scheduler {
  const { timeLimitMs = 100, seed = 1 } = options;
  return {
    name: 'best',
    description: 'Several priority rules, improved by forward-backward passes and local search; never slower than sequential.',
    schedule(graph: TaskGraph, platform: Platform): Plan {
      const cg = compileGraph(graph, platform);
      const sequential = listSchedule(cg, topoPriority(cg), { insertion: false, assign: new Int32Array(cg.n) });
      const bound = lowerBound(cg);
      const eps = 1e-9 * Math.max(1, bound);
      const hasComm = cg.predComm.some((c) => c > 0) || platform.startup > 0;
      const finish = (winner: Candidate) => {
        const useSeq = sequential.makespan <= winner.s.makespan + eps;
        const s = useSeq ? sequential : winner.s;
        return buildPlan(graph, cg, s.thread, s.start, `best(${useSeq ? 'sequential' : winner.name})`);
      };
      if (cg.threads === 1 || cg.n <= 1) return finish({ name: 'sequential', s: sequential });

      const seeds = seedCandidates(cg, hasComm);
      let best = seeds.reduce((a, b) => (b.s.makespan < a.s.makespan ? b : a));
      if (best.s.makespan <= bound + eps) return finish(best);

      const rev = reverseGraph(cg);
      const deadline = performance.now() + timeLimitMs;
      // Forward-backward passes on the four best seeds (the others rarely catch up).
      for (const c of [...seeds].sort((a, b) => a.s.makespan - b.s.makespan).slice(0, 4)) {
        const j = justify(cg, rev, c.s, 4);
        if (j.makespan < best.s.makespan - eps) best = { name: `${c.name}+fbi`, s: j };
      }
      if (best.s.makespan <= bound + eps) return finish(best);
      if (cg.n * cg.threads <= MOVES_LIMIT) {
        const moved = improveByMoves(cg, rev, best.s, deadline);
        if (moved.makespan < best.s.makespan - eps) best = { name: `${best.name.split('+')[0]}+moves`, s: moved };
        if (best.s.makespan <= bound + eps) return finish(best);
      }

      const iterations = options.iterations ?? (hasComm ? 60 : 200);
      const rounds = hasComm ? 1 : 2;
      const random = seededRandom(seed ^ (cg.n * 7919 + cg.threads));
      const avgCost = cg.totalWork / cg.n;
      let current = best.s;
      let stale = 0;
      for (let it = 0; it < iterations && best.s.makespan > bound + eps; it++) {
        if ((it & 7) === 7 && performance.now() > deadline) break;
        let next: Decoded;
        const move = hasComm && random() < 0.5 ? reassign(cg, current, random) : null;
        if (move) {
          next = listSchedule(cg, perturbedPriority(cg, current, 0, random), { insertion: true, assign: move });
          next = justify(cg, rev, next, 1, move);
        } else {
          const scale = avgCost * (0.25 + 2 * random());
          next = listSchedule(cg, perturbedPriority(cg, current, scale, random), { insertion: true });
          next = justify(cg, rev, next, rounds);
        }
        if (next.makespan <= current.makespan + eps) {
          stale = next.makespan < current.makespan - eps ? 0 : stale + 1;
          current = next;
        } else stale++;
        if (current.makespan < best.s.makespan - eps) best = { name: `${best.name.split('+')[0]}+search`, s: current };
        // Stuck on a plateau: restart from the best plan found so far.
        if (stale > 30) { current = best.s; stale = 0; }
      }
      return finish(best);
    },
  };
}

export const best = createBest();
