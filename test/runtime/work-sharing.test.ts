/**
 * Shared statements (src/schedule/work-sharing.ts): a thread that finishes its share takes what
 * another has not started, and the program still ends exactly as the original does: same output,
 * the error of the first failing statement in program order, the abort of a crashed worker.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../../src/index.js';
import { runNode } from '../support/run-node.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

const helpers = `function spin(ms) { const end = Date.now() + ms; let n = 0; while (Date.now() < end) n++; return ms; }
function failAfter(ms, what) { spin(ms); throw new RangeError(what); }
`;

function write(source: string, options: { times: Record<number, number>; workers?: number; trace?: boolean }) {
  const out = transform(source, { filename: 'shared.cjs', ...options });
  assert.equal(out.sequentialReason, undefined);
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-sharing-'));
  const original = join(dir, 'in.cjs');
  const parallel = join(dir, 'out.cjs');
  writeFileSync(original, source);
  writeFileSync(parallel, out.code);
  return { dir, code: out.code, original, parallel };
}

/** Runs the output with a trace, checks its output against the original's, and says where each statement ran. */
function runTraced(dir: string, original: string, parallel: string) {
  const traceFile = join(dir, 'trace.json');
  const run = spawnSync(process.execPath, [parallel], { encoding: 'utf8', env: { ...process.env, PARALLELIZE_TRACE: traceFile } });
  const orig = spawnSync(process.execPath, [original], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, orig.stdout);
  return JSON.parse(readFileSync(traceFile, 'utf8')).statements as { line: number; thread: number }[];
}

test('a thread that finishes its share early takes the statement another thread has not started', () => {
  // Planned from times that are wrong: line 3 is said to be the long one, but line 4 is.
  const source = `${helpers}const a = spin(30);
const b = spin(700);
const c = spin(30);
console.log(a, b, c);
`;
  const { dir, code, original, parallel } = write(source, { times: { 3: 900, 4: 500, 5: 400 }, trace: true });
  assert.match(code, /placement: \{ L3: 0, L4: 1, L5: 1, L6: 0 \}/);
  assert.match(code, /shared: \['L3', 'L4', 'L5'\]/);
  assert.match(code, /\.share\(sharedWork\(\), \['L4', 'L5'\]\)/);
  const ran = runTraced(dir, original, parallel);
  // The main thread finished line 3 while the worker was still on line 4, so it took line 5.
  assert.equal(ran.find((s) => s.line === 5)?.thread, 0);
  assert.equal(ran.find((s) => s.line === 3)?.thread, 0);
});

test('a thread runs its own share longest first; one that helps takes the shortest left', () => {
  const source = `${helpers}const a = spin(300);
const b = spin(100);
const c = spin(700);
console.log(a, b, c);
`;
  const { dir, code, original, parallel } = write(source, { times: { 3: 900, 4: 400, 5: 500 }, trace: true });
  assert.match(code, /placement: \{ L3: 0, L4: 1, L5: 1, L6: 0 \}/);
  assert.match(code, /shared: \['L3', 'L5', 'L4'\]/);
  assert.match(code, /\.share\(sharedWork\(\), \['L5', 'L4'\]\)/);
  const ran = runTraced(dir, original, parallel);
  // The worker started on line 5, the long one; the main thread, done with line 3, took line 4.
  assert.equal(ran.find((s) => s.line === 5)?.thread, 1);
  assert.equal(ran.find((s) => s.line === 4)?.thread, 0);
});

for (const [title, first, second] of [
  ['the earlier statement fails last', 300, 10],
  ['the earlier statement fails first', 10, 300],
] as const) {
  test(`two shared statements fail: the one first in program order wins (${title})`, async () => {
    const source = `${helpers}console.log('start');
const a = failAfter(${first}, 'line 4 failed');
const b = failAfter(${second}, 'line 5 failed');
const c = spin(20);
console.log('unreachable', a, b, c);
`;
    for (const times of [{ 4: 500, 5: 900, 6: 400 }, { 4: 900, 5: 500, 6: 400 }]) {
      const { code, original, parallel } = write(source, { times });
      // Longest first by the times given: in one of the two, not the program's order.
      const longestFirst = Object.entries(times).sort((x, y) => y[1] - x[1]).map(([line]) => `'L${line}'`).join(', ');
      assert.ok(code.includes(`shared: [${longestFirst}]`), longestFirst);
      const orig = await runNode(original);
      const run = await runNode(parallel);
      assert.equal(orig.errorLine, 'RangeError: line 4 failed');
      assert.deepEqual({ ...run, stderr: '' }, { ...orig, stderr: '' });
    }
  });
}

test('with three threads, every shared statement runs once and the output is the original', async () => {
  const source = `${helpers}const a = spin(20);
const b = spin(200);
const c = spin(20);
const d = spin(20);
const e = spin(20);
console.log(a, b, c, d, e);
`;
  const { code, original, parallel } = write(source, { times: { 3: 900, 4: 300, 5: 300, 6: 300, 7: 300 }, workers: 3 });
  assert.match(code, /threads: 3,/);
  assert.match(code, /shared: \['L3', 'L4', 'L5', 'L6', 'L7'\]/);
  const orig = await runNode(original);
  const run = await runNode(parallel);
  assert.equal(orig.stdout, '20 200 20 20 20\n');
  assert.deepEqual(run, orig);
});

test('a worker that runs out of memory in a shared statement ends the program with SIGABRT, as the original', () => {
  const source = `${helpers}function hog() { const all = []; for (;;) all.push(new Array(10000).fill(all.length)); }
const a = spin(300);
const b = hog();
const c = spin(50);
console.log(a, b, c);
`;
  const { code, original, parallel } = write(source, { times: { 4: 900, 5: 400, 6: 400 } });
  assert.match(code, /shared: \['L4', 'L5', 'L6'\]/);
  assert.match(code, /placement: \{ L4: 0, L5: 1, L6: 1, L7: 0 \}/);
  const flags = ['--max-old-space-size=64'];
  const orig = spawnSync(process.execPath, [...flags, original], { encoding: 'utf8', timeout: 60_000 });
  const run = spawnSync(process.execPath, [...flags, parallel], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(orig.signal, 'SIGABRT');
  assert.equal(run.signal, 'SIGABRT', run.stderr);
  assert.equal(run.stdout, orig.stdout);
});

test('share: false (--no-share) keeps every statement on the thread the plan gives it', () => {
  const source = `${helpers}const a = spin(30);
const b = spin(70);
const c = spin(30);
console.log(a, b, c);
`;
  const times = { 3: 900, 4: 500, 5: 400 };
  const shared = transform(source, { filename: 'shared.cjs', times });
  const fixed = transform(source, { filename: 'shared.cjs', times, share: false });
  assert.match(shared.code, /shared: \['L3', 'L4', 'L5'\]/);
  assert.match(shared.code, /\/\/ Shared out \(lines 3-5\)/);
  assert.doesNotMatch(fixed.code, /shared: \[|\.share\(/);
  // The same plan either way.
  for (const out of [shared, fixed]) assert.match(out.code, /placement: \{ L3: 0, L4: 1, L5: 1, L6: 0 \}/);
  assert.throws(() => transform(source, { share: 'no' as unknown as boolean }), /share/);
});

test('the main thread runs its share early, yet its effects between shared statements happen before their failure', async () => {
  const source = `${helpers}const a = spin(20);
console.log('between');
const b = failAfter(10, 'line 5 failed');
const c = spin(20);
const d = spin(20);
console.log('end', a, b, c, d);
`;
  const { code, original, parallel } = write(source, { times: { 3: 500, 5: 350, 6: 450, 7: 400 } });
  assert.match(code, /placement: \{ L3: 0, L4: 0, L5: 0, L6: 1, L7: 1, L8: 0 \}/);
  // Line 5 runs before line 4 prints: its error must wait until line 4 has printed.
  assert.match(code, /\.share\(sharedWork\(\), \['L3', 'L5'\]\);[^\n]*\n[^\n]*settle\('L4'\)/);
  const orig = await runNode(original);
  const run = await runNode(parallel);
  assert.equal(orig.stdout, 'between\n');
  assert.equal(orig.errorLine, 'RangeError: line 5 failed');
  assert.deepEqual({ ...run, stderr: '' }, { ...orig, stderr: '' });
});

test('a shared statement the main thread took fails: no later effect happens (found by the fuzzer, seed 20261492)', async () => {
  const source = `const h1 = Array.from({ length: 500 }, (_, i) => (i * 25) % 13).reduce((l, r) => l + r, 0);
const h2 = (() => {
  let s = h1;
  for (let i = 0; i < 8000; i++) s = (s * 31 + i) % 10007;
  return s;
})();
var a3 = [31, 38, 10];
const h4 = (() => {
  let s = a3.length;
  for (let i = 0; i < 20000; i++) s = (s * 31 + i) % 10007;
  return s;
})();
class XError5 extends Error {}
const hx6 = (() => {
  let s = 39;
  for (let i = 0; i < 5000; i++) s = (s * 7 + i) % 101;
  if (s >= 0) throw new XError5('heavy failed ' + s);
  return s;
})();
console.log(h4);
`;
  // Two threads, as the fuzzer's plan had them: the main thread must be one of those that take shared work.
  const { code, original, parallel } = write(source, { times: { 1: 200, 2: 200, 8: 200, 14: 400 }, workers: 2 });
  assert.match(code, /shared: \[[^\]]*'L14'/);
  const orig = await runNode(original);
  const run = await runNode(parallel);
  assert.equal(orig.stdout, '');
  assert.equal(orig.errorLine, 'XError5: heavy failed 81');
  assert.deepEqual({ ...run, stderr: '' }, { ...orig, stderr: '' });
});
