/**
 * How far the static cost model is from measured times. For each script, one profile run
 * (`parallelize profile`) against the static estimate of every top-level statement; prints each
 * statement that measured ≥ 20 ms or was estimated at ≥ 20 ms, with estimate / measured, then the
 * geometric mean of those ratios and how many lie within 3× and 10×.
 *
 *   npm run bench:static                    bench/scripts and bench/kernels (28 scripts of other
 *                                           styles: sorting, graphs, recursion, text, BigInt, JSON…)
 *   npm run bench:static -- a.js b.js       other scripts
 *
 * What matters for planning is mostly the order of magnitude and the ratio between statements
 * of one script, so the summary is in log terms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { analyze } from '../src/analyze/index.js';
import { staticCosts } from '../src/estimate/static-cost.js';
import { runProfile } from '../src/estimate/profile.js';

const args = process.argv.slice(2);
const dirs = ['./scripts/', './kernels/'].map((d) => new URL(d, import.meta.url).pathname);
const files = args.length ? args : dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.js') && !f.startsWith('.')).sort().map((f) => join(dir, f)));

const SHOWN_MS = 20;
const ratios: number[] = [];
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms >= 10 ? 0 : 1)} ms`);
console.log(`${'script'.padEnd(22)} ${'line'.padStart(5)} ${'measured'.padStart(10)} ${'static'.padStart(10)} ${'ratio'.padStart(8)}  statement`);
for (const file of files) {
  const code = readFileSync(file, 'utf8');
  const analysis = analyze(code, { filename: file });
  const estimates = staticCosts(analysis);
  const profile = await runProfile(file, { capture: true });
  const measured = new Map<number, number>();
  for (const { line, index, ms } of profile.statements) {
    const s = analysis.statements.filter((st) => st.line === line)[index ?? 0];
    if (s) measured.set(s.id, (measured.get(s.id) ?? 0) + ms);
  }
  for (const s of analysis.statements) {
    const real = measured.get(s.id);
    const est = estimates[s.id];
    if (real === undefined || (real < SHOWN_MS && est < SHOWN_MS)) continue;
    const ratio = est / Math.max(real, 0.01);
    ratios.push(ratio);
    const text = code.slice(s.start, s.end).replace(/\s+/g, ' ');
    console.log(
      `${basename(file).padEnd(22)} ${String(s.line).padStart(5)} ${fmt(real).padStart(10)} ${fmt(est).padStart(10)} ${(ratio >= 10 || ratio < 0.1 ? ratio.toExponential(1) : ratio.toFixed(2)).padStart(8)}  ${text.length > 50 ? text.slice(0, 49) + '…' : text}`,
    );
  }
}
if (ratios.length) {
  const logs = ratios.map((r) => Math.log(r));
  const gm = Math.exp(logs.reduce((a, b) => a + b, 0) / logs.length);
  const within = (k: number) => ratios.filter((r) => r <= k && r >= 1 / k).length;
  console.log(
    `\n${ratios.length} statements: geometric mean of estimate/measured ${gm.toFixed(2)}; within 3×: ${within(3)}, within 10×: ${within(10)}, ` +
      `more than 10× over: ${ratios.filter((r) => r > 10).length}, more than 10× under: ${ratios.filter((r) => r < 0.1).length}`,
  );
}
