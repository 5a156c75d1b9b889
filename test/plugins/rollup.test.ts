/**
 * The Rollup plugin: a real bundle of a two-module script, parallelized in ES and CommonJS
 * output, runs as the sources do; formats no thread can run again are left alone with a warning.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { rollup, type RollupLog } from '@rollup/wasm-node';
import { parallelize } from '../../src/plugins/rollup.js';
import { ParallelizeError } from '../../src/diagnostics.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

const dir = mkdtempSync(join(tmpdir(), 'parallelize-rollup-'));
writeFileSync(
  join(dir, 'kernels.mjs'),
  `export function harmonic(n) {
  let s = 0;
  for (let i = 1; i <= n; i++) s += 1 / i;
  return s;
}
export function collatzSteps(limit) {
  let total = 0;
  for (let start = 1; start < limit; start++) {
    let n = start;
    while (n !== 1) { n = n % 2 === 0 ? n / 2 : 3 * n + 1; total++; }
  }
  return total;
}
`,
);
writeFileSync(
  join(dir, 'main.mjs'),
  `import { harmonic, collatzSteps } from './kernels.mjs';
const h = harmonic(60000000);
const steps = collatzSteps(400000);
console.log('harmonic', h.toFixed(9), 'collatz steps', steps);
`,
);
const input = join(dir, 'main.mjs');

/** Bundles main.mjs with the plugin; returns the output's code and the warnings. */
async function build(format: 'es' | 'cjs' | 'iife', file: string, options: Parameters<typeof parallelize>[0] = {}) {
  const logs: RollupLog[] = [];
  const bundle = await rollup({ input, plugins: [parallelize(options)], onLog: (_level, log) => void logs.push(log) });
  await bundle.write({ file: join(dir, file), format, name: format === 'iife' ? 'app' : undefined });
  await bundle.close();
  return { code: readFileSync(join(dir, file), 'utf8'), logs };
}

const run = (file: string) => spawnSync(process.execPath, [join(dir, file)], { encoding: 'utf8', timeout: 60_000 });
const original = run('main.mjs');

test('an ES and a CommonJS bundle are parallelized and print what the sources print', async () => {
  assert.equal(original.status, 0, original.stderr);
  assert.match(original.stdout, /^harmonic 18\.\d+ collatz steps \d+\n$/);
  for (const [format, file] of [['es', 'out.mjs'], ['cjs', 'out.cjs']] as const) {
    const { code } = await build(format, file);
    assert.match(code, /^('use strict';\n)?\/\/ Parallelized by parallelize from out\.c?m?js: 2 threads/, format);
    assert.match(code, /placement: \{ L\d+: [01], L\d+: [01]/, format);
    const out = run(file);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(out.stdout, original.stdout, format);
  }
});

test('include and exclude choose the entry chunks; a chunk left out is the plain bundle', async () => {
  const left = await build('es', 'left.mjs', { include: [/other/] });
  assert.doesNotMatch(left.code, /parallelizeRuntime/);
  const excluded = await build('es', 'excluded.mjs', { exclude: 'main' });
  assert.doesNotMatch(excluded.code, /parallelizeRuntime/);
  const included = await build('es', 'included.mjs', { include: 'main.mjs' });
  assert.match(included.code, /parallelizeRuntime/);
  assert.equal(run('left.mjs').stdout, original.stdout);
});

test('an iife bundle is left as it is, with a warning that says why', async () => {
  const { code, logs } = await build('iife', 'out.iife.js');
  assert.doesNotMatch(code, /parallelizeRuntime/);
  const warning = logs.find((l) => l.pluginCode === 'UNSUPPORTED_FORMAT' || l.code === 'UNSUPPORTED_FORMAT');
  assert.ok(warning, JSON.stringify(logs));
  assert.match(warning.message, /format "iife" is not a file the worker threads can run again/);
});

test('a sequential verdict reaches the build as a warning; options the chunk decides are refused', async () => {
  const { logs } = await build('es', 'one-thread.mjs', { workers: 1 });
  assert.ok(logs.some((l) => /Output is sequential/.test(l.message)), JSON.stringify(logs));
  assert.equal(run('one-thread.mjs').stdout, original.stdout);
  assert.throws(() => parallelize({ filename: 'x.js' } as never), (e: unknown) => e instanceof ParallelizeError && e.code === 'INVALID_OPTION');
});
