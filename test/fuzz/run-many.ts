// Runs many generated programs through a transform in parallel and shrinks the failures.
import { availableParallelism } from 'node:os';
import { generateProgram, type GeneratedProgram } from './generate.js';
import { runCase, type CaseResult, type TransformFn } from './harness.js';
import { mapPool } from './pool.js';
import type { Program } from './program.js';
import { shrinkCase } from './shrink.js';

export interface Failure {
  seed: number;
  program: GeneratedProgram;
  result: CaseResult;
  /** The failure did not repeat on a second run. */
  flaky?: boolean;
  shrunk?: Program;
  shrunkResult?: CaseResult;
}

export interface FuzzOptions {
  count: number;
  seed: number;
  jobs?: number;
  transform: TransformFn;
  shrink?: boolean;
  /** Shrink at most this many failures (shrinking runs each candidate twice). */
  maxShrink?: number;
  timeoutMs?: number;
  onCase?: (seed: number, result: CaseResult, done: number) => void;
}

export interface FuzzSummary {
  passed: number;
  failures: Failure[];
  ms: number;
}

export async function fuzzMany(opts: FuzzOptions): Promise<FuzzSummary> {
  const start = performance.now();
  const seeds = Array.from({ length: opts.count }, (_, i) => opts.seed + i);
  const failures: Failure[] = [];
  let done = 0;
  await mapPool(seeds, opts.jobs ?? availableParallelism(), async (seed) => {
    const program = generateProgram(seed);
    const result = await runCase(program, opts.transform, { timeoutMs: opts.timeoutMs });
    opts.onCase?.(seed, result, ++done);
    if (!result.ok) {
      // A second run tells a reproducible failure from a timing-dependent one.
      const again = await runCase(program, opts.transform, { timeoutMs: opts.timeoutMs });
      failures.push({ seed, program, result, flaky: again.ok });
    }
  });
  // Shrink afterwards, one at a time, so shrinking does not compete with the main run for cores.
  if (opts.shrink !== false) {
    failures.sort((a, b) => a.seed - b.seed);
    for (const f of failures.filter((x) => !x.flaky).slice(0, opts.maxShrink ?? Infinity)) {
      const { program, result } = await shrinkCase(f.program, opts.transform, f.result, { timeoutMs: Math.min(opts.timeoutMs ?? 20_000, 10_000) });
      f.shrunk = program;
      f.shrunkResult = result;
    }
  }
  failures.sort((a, b) => a.seed - b.seed);
  return { passed: opts.count - failures.length, failures, ms: performance.now() - start };
}

/** A readable report of one failure: seed, what differed, and the shrunk program with its times. */
export function formatFailure(f: Failure): string {
  const p = f.shrunk ?? f.program;
  const r = f.shrunkResult ?? f.result;
  const ext = p.kind === 'module' ? 'mjs' : 'js';
  return [
    `--- seed ${f.seed} (${f.result.kind}, ${p.kind}${f.flaky ? ', flaky: passed on a second run' : ''}) ---`,
    r.diff ?? '',
    `shrunk program (input.${ext}, times ${JSON.stringify(p.times)}):`,
    p.code.replace(/^/gm, '  | '),
  ].join('\n');
}
