/** Timing helpers the benchmarks share: one node run, timed from outside, and a median. */
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

export interface TimedRun {
  ms: number;
  stdout: string;
  code: number | null;
  stderr: string;
}

/** Runs `node ...argv` in `cwd` and times it as a user waits for it (start-up included). */
export function timeNode(argv: string[], cwd: string): TimedRun {
  const start = performance.now();
  const r = spawnSync(process.execPath, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: performance.now() - start, stdout: r.stdout, code: r.status, stderr: r.stderr };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
