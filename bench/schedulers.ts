/**
 * Scheduler benchmark over the Standard Task Graph Set and the WfCommons
 * workflows in <repo>/../shared (or $PARALLELIZE_SHARED). Per suite, P and
 * scheduler: geometric mean and worst of makespan / reference (best-known
 * makespan, or the lower bound max(CP, W/P) where none is known), share of
 * graphs at the reference, mean speedup over serial, plans slower than serial.
 *
 *   node --import tsx bench/schedulers.ts [--quick] [--schedulers best,heft] [--suites stg,app,ccr,wf]
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGraph, withCcr } from '../src/schedule/formats/index.js';
import { compileGraph } from '../src/schedule/graph.js';
import { checkPlan, getScheduler, schedulers } from '../src/schedule/index.js';
import { lowerBound } from '../src/schedule/ranks.js';
import type { Platform, TaskGraph } from '../src/schedule/types.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const names = (option('--schedulers') ?? Object.keys(schedulers).join(',')).split(',').filter(Boolean);
names.forEach((n) => getScheduler(n)); // fail early on a typo
const suites = new Set((option('--suites') ?? 'stg,app,ccr,wf').split(','));
const PS = [2, 4, 8, 16];
const CCRS = [0.1, 1, 10];

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = process.env.PARALLELIZE_SHARED ?? path.resolve(repo, '..', 'shared');
if (!existsSync(path.join(shared, 'stg'))) {
  console.log(`No benchmark data: ${path.join(shared, 'stg')} does not exist. Set PARALLELIZE_SHARED to the folder holding stg/ and workflows/.`);
  process.exit(0);
}

interface Instance { name: string; graph: TaskGraph; P: number; best?: number; lo?: number; platform: Platform }
interface Row { suite: string; P: number; scheduler: string; ratios: number[]; loRatios: number[]; speedups: number[]; slower: number; ms: number; invalid: number }

const commFree = (P: number): Platform => ({ threads: P, latency: 0, bandwidth: Infinity, startup: 0 });
const graphCache = new Map<string, TaskGraph>();
const load = (file: string) => {
  let g = graphCache.get(file);
  if (!g) graphCache.set(file, (g = parseGraph(readFileSync(file, 'utf8'), file)));
  return g;
};

/** Best-known table: `size/randNNNN.stg,P,value` or `…,P,lo,hi` (hi is the best known). */
function optimalTable(size: number, P: number): Map<string, { best: number; lo: number }> {
  const table = new Map<string, { best: number; lo: number }>();
  const file = path.join(shared, 'stg', 'optimal', `Case${size}_${P}_OPT.csv`);
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const f = line.trim().split(',');
    if (f.length < 3) continue;
    table.set(f[0], { best: Number(f[f.length - 1]), lo: Number(f[2]) });
  }
  return table;
}

const stgFiles = (size: number) => {
  const all = readdirSync(path.join(shared, 'stg', String(size))).filter((f) => f.endsWith('.stg')).sort();
  return quick ? all.filter((_, i) => i % 10 === 0) : all;
};
const appFiles = () => readdirSync(path.join(shared, 'stg', 'app')).filter((f) => f.endsWith('.stg')).sort();
const wfDir = path.join(shared, 'workflows');
const wfFiles = () => (existsSync(wfDir) ? readdirSync(wfDir).filter((f) => f.endsWith('.json')).sort() : []);

function* instances(): Generator<[string, Instance]> {
  for (const size of [50, 100]) {
    for (const P of PS) {
      const table = optimalTable(size, P);
      for (const f of stgFiles(size)) {
        const ref = table.get(`${size}/${f}`);
        const graph = load(path.join(shared, 'stg', String(size), f));
        if (suites.has('stg')) yield [`stg${size}`, { name: f, graph, P, best: ref?.best, lo: ref?.lo, platform: commFree(P) }];
        if (suites.has('ccr')) {
          for (const ccr of CCRS) yield [`stg${size} ccr${ccr}`, { name: f, graph: withCcr(graph, ccr), P, platform: commFree(P) }];
        }
      }
    }
  }
  for (const P of PS) {
    for (const f of appFiles()) {
      const graph = load(path.join(shared, 'stg', 'app', f));
      if (suites.has('app')) yield ['app', { name: f, graph, P, platform: commFree(P) }];
      if (suites.has('ccr')) for (const ccr of CCRS) yield [`app ccr${ccr}`, { name: f, graph: withCcr(graph, ccr), P, platform: commFree(P) }];
    }
    for (const f of suites.has('wf') ? wfFiles() : []) {
      const graph = load(path.join(wfDir, f));
      // Structured clone at ~100 MB/s with 1 ms per message; runtimes are seconds, so also try CCR 1 and 10.
      const platform: Platform = { threads: P, latency: 1, bandwidth: 100_000, startup: 50 };
      yield ['workflows', { name: f, graph, P, platform }];
      for (const ccr of [1, 10]) yield [`workflows ccr${ccr}`, { name: f, graph: withCcr(graph, ccr), P, platform }];
    }
  }
}

const rows = new Map<string, Row>();
const problems: string[] = [];
const started = performance.now();
for (const [suite, inst] of instances()) {
  const cg = compileGraph(inst.graph, inst.platform);
  const bound = lowerBound(cg);
  const ref = inst.best ?? bound;
  for (const name of names) {
    const key = `${suite}|${inst.P}|${name}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { suite, P: inst.P, scheduler: name, ratios: [], loRatios: [], speedups: [], slower: 0, ms: 0, invalid: 0 }));
    const t0 = performance.now();
    const plan = getScheduler(name).schedule(inst.graph, inst.platform);
    row.ms += performance.now() - t0;
    const bad = checkPlan(inst.graph, inst.platform, plan);
    if (bad.length) {
      row.invalid++;
      problems.push(`${suite} ${inst.name} P=${inst.P} ${name}: ${bad[0]}`);
    }
    row.ratios.push(plan.makespan / ref);
    if (inst.lo !== undefined) row.loRatios.push(plan.makespan / inst.lo);
    row.speedups.push(plan.sequential / plan.makespan);
    if (plan.makespan > plan.sequential * (1 + 1e-9)) row.slower++;
  }
}

const geo = (xs: number[]) => Math.exp(xs.reduce((s, x) => s + Math.log(x), 0) / xs.length);
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const header = ['suite', 'P', 'scheduler', 'graphs', 'geo/ref', 'worst/ref', 'at ref', 'geo/lo', 'speedup', 'slower', 'ms/graph', 'invalid'];
const table: string[][] = [];
let lastSuite = '';
const suiteOrder = [...new Set([...rows.values()].map((r) => r.suite))];
const sorted = [...rows.values()].sort((a, b) =>
  suiteOrder.indexOf(a.suite) - suiteOrder.indexOf(b.suite) || a.P - b.P || names.indexOf(a.scheduler) - names.indexOf(b.scheduler));
for (const r of sorted) {
  table.push([
    r.suite === lastSuite ? '' : r.suite, String(r.P), r.scheduler, String(r.ratios.length),
    geo(r.ratios).toFixed(4), Math.max(...r.ratios).toFixed(4),
    `${((100 * r.ratios.filter((x) => x <= 1 + 1e-9).length) / r.ratios.length).toFixed(0)}%`,
    r.loRatios.length ? geo(r.loRatios).toFixed(4) : '-',
    mean(r.speedups).toFixed(2), String(r.slower), (r.ms / r.ratios.length).toFixed(2), String(r.invalid),
  ]);
  lastSuite = r.suite;
}
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
const fmt = (row: string[]) => row.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`Schedulers on ${shared}${quick ? ' (quick: every 10th STG graph)' : ''}`);
console.log('ref = best-known makespan (STG tables; hi of lo,hi rows), else the lower bound max(CP, W/P) without communication.');
console.log(fmt(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of table) console.log(fmt(row));
for (const p of problems.slice(0, 20)) console.log('INVALID', p);

// The acceptance targets of the default scheduler, checked on what was just measured.
const def = names.includes('best') ? 'best' : undefined;
if (def) {
  console.log('\nTargets for the default (best):');
  for (const r of sorted.filter((r) => r.scheduler === def)) {
    if (/^stg\d+$/.test(r.suite)) {
      const ok = geo(r.ratios) <= 1.01 && Math.max(...r.ratios) <= 1.05;
      console.log(`  ${r.suite} P=${r.P}: geo ${geo(r.ratios).toFixed(4)} ≤ 1.01, worst ${Math.max(...r.ratios).toFixed(4)} ≤ 1.05: ${ok ? 'ok' : 'MISSED'}`);
    }
    if (/ccr(1|10)$/.test(r.suite) && (r.P === 4 || r.P === 16)) {
      console.log(`  ${r.suite} P=${r.P}: ${r.slower} plans slower than serial: ${r.slower === 0 ? 'ok' : 'MISSED'}`);
    }
  }
}
console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s`);
