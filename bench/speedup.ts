/**
 * Speed-up benchmark: transforms each script, then runs the original and the output
 * alternately (so both see the same machine load) and reports medians and their ratio, next to
 * the ideal bound min(workers, work / critical path) computed from measured statement times.
 *
 *   npm run bench                     all of bench/scripts, transformed with no flags
 *   npm run bench -- --profile        plan each script from a profile of it (`parallelize profile`)
 *   npm run bench -- a.js b.js        these scripts
 *   npm run bench -- --runs 7         more paired runs (default 5)
 *   npm run bench -- --no-share       every statement stays on the thread the plan gives it
 *
 * The ideal comes from one profile run per script: work is the sum of the statements' measured
 * times, the critical path the longest chain of them along the dependences, messages free.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { transform } from '../src/index.js';
import { runProfile } from '../src/estimate/profile.js';
import type { TaskGraph } from '../src/schedule/types.js';
import { median, timeNode } from './timing.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const withProfile = args.includes('--profile');
const share = !args.includes('--no-share');
const files = args.filter((a, i) => !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1));
const scriptsDir = new URL('./scripts/', import.meta.url).pathname;
const scripts = files.length
  ? files.map((f) => resolve(f))
  : readdirSync(scriptsDir).filter((f) => f.endsWith('.js')).sort().map((f) => join(scriptsDir, f));
const workers = availableParallelism();

const timeRun = (file: string) => timeNode([file], dirname(file));

/** min(workers, work / critical path) of a task graph whose costs are measured times. */
function idealBound(graph: TaskGraph): { work: number; critical: number; ideal: number } {
  const finish = new Array<number>(graph.tasks.length).fill(0);
  const preds = graph.tasks.map(() => [] as number[]);
  for (const e of graph.edges) preds[e.to].push(e.from);
  // Edges go from earlier to later statements, so task order is a topological order.
  for (const t of graph.tasks) finish[t.id] = t.cost + Math.max(0, ...preds[t.id].map((p) => finish[p]));
  const work = graph.tasks.reduce((s, t) => s + t.cost, 0);
  const critical = Math.max(0, ...finish);
  return { work, critical, ideal: critical > 0 ? Math.min(workers, work / critical) : 1 };
}

console.log(
  `parallelize speed-up: ${runs} paired runs per script, medians; ${workers} cores, node ${process.version}; ` +
    (withProfile ? 'planned from a profile' : 'no flags (static estimates)') + (share ? '' : ', --no-share') + '\n',
);
console.log(`${'script'.padEnd(20)} ${'original'.padStart(9)} ${'parallel'.padStart(9)} ${'speed-up'.padStart(8)} ${'ideal'.padStart(6)} ${'of ideal'.padStart(8)}  plan`);
let failures = 0;
for (const file of scripts) {
  const code = readFileSync(file, 'utf8');
  const profile = await runProfile(file, { capture: true });
  // The measured times on the task graph the transform builds (statements split as it splits them).
  const measured = transform(code, { filename: file, profile });
  const { ideal } = idealBound(measured.taskGraph);
  const result = withProfile ? (share ? measured : transform(code, { filename: file, profile, share })) : transform(code, { filename: file, share });
  const out = join(dirname(file), `.${basename(file, extname(file))}.parallel${extname(file)}`);
  writeFileSync(out, result.code);
  try {
    const orig: number[] = [];
    const par: number[] = [];
    let same = true;
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first: the second run of a pair is often a few percent faster.
      let a, b;
      if (i % 2 === 0) {
        a = timeRun(file);
        b = timeRun(out);
      } else {
        b = timeRun(out);
        a = timeRun(file);
      }
      orig.push(a.ms);
      par.push(b.ms);
      if (a.stdout !== b.stdout || a.code !== b.code) same = false;
    }
    const mo = median(orig);
    const mp = median(par);
    const speedup = mo / mp;
    const plan = result.sequentialReason ? `sequential: ${result.sequentialReason}` : `${result.schedule!.threads.length} threads, estimated ${(result.schedule!.makespan / 1000).toFixed(2)} s${/^ {2}shared: \[/m.test(result.code) ? ', shared out' : ''}`;
    console.log(
      `${basename(file).padEnd(20)} ${(mo / 1000).toFixed(3).padStart(8)}s ${(mp / 1000).toFixed(3).padStart(8)}s ${speedup.toFixed(2).padStart(7)}× ` +
        `${ideal.toFixed(2).padStart(5)}× ${(speedup / ideal).toFixed(2).padStart(8)}  ${plan}${same ? '' : '  OUTPUT DIFFERS'}`,
    );
    if (!same) failures++;
  } finally {
    rmSync(out, { force: true });
  }
}
if (failures) {
  console.error(`\n${failures} script(s) behaved differently after the transform`);
  process.exitCode = 1;
}
