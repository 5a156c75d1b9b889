/**
 * `parallelize schedule --graph FILE... --workers P [--scheduler NAME] [--ccr X] --format json`:
 * schedule benchmark graph files (STG, WfFormat JSON, our JSON) and report
 * one line per file with the makespan, the sequential time and the lower bound.
 */
import { readGraphFile, withCcr } from '../schedule/formats/index.js';
import { compileGraph } from '../schedule/graph.js';
import { checkPlan, defaultScheduler, loadScheduler } from '../schedule/index.js';
import { lowerBound } from '../schedule/ranks.js';
import type { Platform } from '../schedule/types.js';

export interface GraphScheduleOptions {
  files: string[];
  /** Threads, main included. */
  workers: number;
  /** Built-in name or path to a user scheduler file (default: the default scheduler). */
  scheduler?: string;
  /** Give every edge ccr × the average task cost. */
  ccr?: number;
  format?: 'json' | 'text';
  /**
   * Message model for edges with bytes and no cost. Default: no latency, no
   * startup (as in the STG tables), 100 MB/s structured-clone bandwidth.
   */
  platform?: Partial<Omit<Platform, 'threads'>>;
}

export async function runGraphSchedule(opts: GraphScheduleOptions): Promise<string[]> {
  if (!(Number.isInteger(opts.workers) && opts.workers >= 1)) throw new Error(`--workers must be a positive integer, got ${opts.workers}`);
  if (opts.ccr !== undefined && !(opts.ccr >= 0)) throw new Error(`--ccr must be a number ≥ 0, got ${opts.ccr}`);
  const scheduler = opts.scheduler ? await loadScheduler(opts.scheduler) : defaultScheduler;
  const platform: Platform = { latency: 0, bandwidth: 100_000, startup: 0, ...opts.platform, threads: opts.workers };
  const lines: string[] = [];
  for (const file of opts.files) {
    const read = await readGraphFile(file);
    const graph = opts.ccr !== undefined ? withCcr(read, opts.ccr) : read;
    const plan = scheduler.schedule(graph, platform);
    const problems = checkPlan(graph, platform, plan);
    if (problems.length) throw new Error(`${file}: scheduler ${scheduler.name} produced an invalid plan: ${problems.slice(0, 3).join('; ')}`);
    // The bound ignores communication, so it stays comparable across CCRs.
    const bound = lowerBound(compileGraph(read, { ...platform, latency: 0 }));
    const result = { file, workers: opts.workers, scheduler: plan.scheduler, makespan: plan.makespan, sequential: plan.sequential, lowerBound: bound };
    lines.push(opts.format === 'text'
      ? `${file}: makespan ${round(plan.makespan)} with ${plan.scheduler} on ${opts.workers} threads (sequential ${round(plan.sequential)}, lower bound ${round(bound)})`
      : JSON.stringify(result));
  }
  return lines;
}

const round = (x: number) => Number(x.toPrecision(6));
