/**
 * Speed-up benchmark: transforms each script with no flags, then runs the original and the
 * output alternately (so both see the same machine load) and reports medians and their ratio.
 *
 *   npm run bench                     all of bench/scripts
 *   npm run bench -- a.js b.js        these scripts
 *   npm run bench -- --runs 7         more paired runs (default 5)
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { transform } from '../src/index.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const files = args.filter((a, i) => !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1));
const scriptsDir = new URL('./scripts/', import.meta.url).pathname;
const scripts = files.length
  ? files.map((f) => resolve(f))
  : readdirSync(scriptsDir).filter((f) => f.endsWith('.js')).sort().map((f) => join(scriptsDir, f));

function timeRun(file: string): { ms: number; stdout: string; code: number | null } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [file], { cwd: dirname(file), encoding: 'utf8', maxBuffer: 1 << 26 });
  return { ms: performance.now() - start, stdout: r.stdout, code: r.status };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

console.log(`parallelize speed-up: ${runs} paired runs per script, medians; ${availableParallelism()} cores, node ${process.version}\n`);
console.log(`${'script'.padEnd(22)} ${'original'.padStart(9)} ${'parallel'.padStart(9)} ${'speed-up'.padStart(8)}  plan`);
let failures = 0;
for (const file of scripts) {
  const code = readFileSync(file, 'utf8');
  const result = transform(code, { filename: file });
  const out = join(dirname(file), `.${basename(file, extname(file))}.parallel${extname(file)}`);
  writeFileSync(out, result.code);
  try {
    const orig: number[] = [];
    const par: number[] = [];
    let same = true;
    for (let i = 0; i < runs; i++) {
      const a = timeRun(file);
      const b = timeRun(out);
      orig.push(a.ms);
      par.push(b.ms);
      if (a.stdout !== b.stdout || a.code !== b.code) same = false;
    }
    const mo = median(orig);
    const mp = median(par);
    const plan = result.sequentialReason ? `sequential: ${result.sequentialReason}` : `${result.schedule!.threads.length} threads, estimated ${(result.schedule!.makespan / 1000).toFixed(2)} s`;
    console.log(`${basename(file).padEnd(22)} ${(mo / 1000).toFixed(3).padStart(8)}s ${(mp / 1000).toFixed(3).padStart(8)}s ${(mo / mp).toFixed(2).padStart(7)}×  ${plan}${same ? '' : '  OUTPUT DIFFERS'}`);
    if (!same) failures++;
  } finally {
    rmSync(out, { force: true });
  }
}
if (failures) {
  console.error(`\n${failures} script(s) behaved differently after the transform`);
  process.exitCode = 1;
}
