/**
 * Robustness over real code: every JavaScript file under a folder either transforms into a
 * script that parses again, or is refused with a diagnostic (a ParallelizeError). Anything
 * else — an internal exception, an output that does not parse, a file that takes too long —
 * is a failure.
 *
 *   npm run corpus                          node_modules of this project
 *   npm run corpus -- DIR [--max-kb 2048] [--timeout 60] [--jobs 2]
 */
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

export interface CorpusResult {
  file: string;
  outcome: 'parallel' | 'sequential' | 'refused' | 'crash' | 'unparsable-output' | 'timeout';
  detail?: string;
  ms: number;
}

export function listFiles(dir: string, maxBytes: number): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && /\.(c|m)?js$/.test(e.name) && !e.name.endsWith('.min.js')) {
        if (statSync(p).size <= maxBytes) out.push(p);
      }
    }
  };
  walk(dir);
  return out.sort();
}

const workerSource = new URL('./corpus-worker.ts', import.meta.url);

/** Runs the files through a small pool of worker threads, each file with a time limit. */
export async function runCorpus(files: string[], opts: { jobs?: number; timeoutMs?: number; onResult?: (r: CorpusResult) => void } = {}): Promise<CorpusResult[]> {
  const jobs = Math.max(1, opts.jobs ?? availableParallelism());
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const results: CorpusResult[] = [];
  let next = 0;
  const runOne = (worker: Worker, file: string): Promise<{ result: CorpusResult; worker: Worker }> =>
    new Promise((resolve) => {
      const start = performance.now();
      const timer = setTimeout(() => {
        worker.terminate();
        resolve({ result: { file, outcome: 'timeout', ms: performance.now() - start }, worker: spawn() });
      }, timeoutMs);
      worker.once('message', (r: CorpusResult) => {
        clearTimeout(timer);
        resolve({ result: r, worker });
      });
      worker.postMessage(file);
    });
  // The worker is TypeScript: register tsx inside it before loading it.
  const spawn = () =>
    new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(workerSource.href)}); });`, { eval: true });
  await Promise.all(
    Array.from({ length: Math.min(jobs, files.length) }, async () => {
      let worker = spawn();
      while (next < files.length) {
        const file = files[next++];
        const { result, worker: w } = await runOne(worker, file);
        worker = w;
        results.push(result);
        opts.onResult?.(result);
      }
      await worker.terminate();
    }),
  );
  return results;
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string, def: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : def;
  };
  const dir = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--'))) ?? new URL('../node_modules', import.meta.url).pathname;
  const files = listFiles(dir, flag('--max-kb', 2048) * 1024);
  console.log(`corpus: ${files.length} files under ${dir}`);
  const start = performance.now();
  let done = 0;
  const results = await runCorpus(files, {
    jobs: flag('--jobs', availableParallelism()),
    timeoutMs: flag('--timeout', 60) * 1000,
    onResult: () => {
      if (++done % 500 === 0) console.log(`  ${done}/${files.length}`);
    },
  });
  const count = (o: CorpusResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const bad = results.filter((r) => r.outcome === 'crash' || r.outcome === 'unparsable-output' || r.outcome === 'timeout');
  for (const r of bad.slice(0, 30)) console.log(`FAIL ${r.outcome} ${r.file}\n     ${r.detail ?? ''}`);
  const refusals = new Map<string, number>();
  for (const r of results.filter((x) => x.outcome === 'refused')) refusals.set(r.detail!, (refusals.get(r.detail!) ?? 0) + 1);
  console.log('\nrefusal reasons:');
  for (const [reason, n] of [...refusals].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${String(n).padStart(5)}  ${reason}`);
  const slowest = [...results].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log('\nslowest:');
  for (const r of slowest) console.log(`  ${(r.ms / 1000).toFixed(2)} s  ${r.file}`);
  console.log(
    `\ncorpus: ${results.length} files in ${((performance.now() - start) / 1000).toFixed(1)} s: ${count('parallel')} parallel, ${count('sequential')} sequential, ${count('refused')} refused with a diagnostic, ${bad.length} failures`,
  );
  if (bad.length) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
