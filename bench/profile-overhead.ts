/**
 * What `parallelize profile` costs over a plain run: the whole command, as a user waits for it
 * (our CLI's start-up, the parse and the instrumented run), against `node SCRIPT`, run alternately
 * so both see the same machine load. Prints medians and their ratio per script.
 *
 *   npm run bench:profile                  the bench scripts of about 2 s
 *   npm run bench:profile -- a.js --runs 7
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { median, timeNode } from './timing.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 5;
const files = args.filter((a, i) => !a.startsWith('--') && !(runsAt >= 0 && i === runsAt + 1));
const scriptsDir = new URL('./scripts/', import.meta.url).pathname;
// Scripts of about 2 s: one with small crossing values, one whose data set (12.6 MiB) is measured.
const scripts = files.length ? files.map((f) => resolve(f)) : ['two-heavy.js', 'source-analyses.js'].map((f) => join(scriptsDir, f));
const cli = new URL('../bin/parallelize.js', import.meta.url).pathname;
const temp = mkdtempSync(join(tmpdir(), 'parallelize-overhead-'));

function timed(argv: string[], cwd: string) {
  const r = timeNode(argv, cwd);
  if (r.code !== 0) throw new Error(`${argv.join(' ')} exited with ${r.code}:\n${r.stderr}`);
  return r;
}

console.log(`parallelize profile overhead: ${runs} paired runs per script, medians; node ${process.version}\n`);
console.log(`${'script'.padEnd(20)} ${'plain'.padStart(8)} ${'profile'.padStart(8)} ${'extra'.padStart(7)}`);
let differs = 0;
try {
  for (const file of scripts) {
    const out = join(temp, `${basename(file)}.profile.json`);
    const plain: number[] = [];
    const profiled: number[] = [];
    let same = true;
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first: the second run of a pair is often a few percent faster.
      const runPlain = () => timed([file], dirname(file));
      const runProfile = () => timed([cli, 'profile', file, '-o', out], dirname(file));
      let a, b;
      if (i % 2 === 0) {
        a = runPlain();
        b = runProfile();
      } else {
        b = runProfile();
        a = runPlain();
      }
      plain.push(a.ms);
      profiled.push(b.ms);
      // The profile passes the script's stdout through: it must be the script's own.
      if (a.stdout !== b.stdout) same = false;
    }
    const mp = median(plain);
    const mq = median(profiled);
    console.log(
      `${basename(file).padEnd(20)} ${(mp / 1000).toFixed(3).padStart(7)}s ${(mq / 1000).toFixed(3).padStart(7)}s ` +
        `${(((mq - mp) / mp) * 100).toFixed(1).padStart(6)}%${same ? '' : '  OUTPUT DIFFERS'}`,
    );
    if (!same) differs++;
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
if (differs) process.exitCode = 1;
