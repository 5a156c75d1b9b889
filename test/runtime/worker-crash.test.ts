/**
 * A worker thread that dies without a word (here: out of memory) must end the program as the
 * original ends, with the abort exit code, and never leave the main thread waiting for its value.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../../src/index.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

test('a worker that runs out of memory ends the program with SIGABRT (exit code 134), as the original', () => {
  const source = `function spin(ms) { const end = Date.now() + ms; while (Date.now() < end); return ms; }
function hog() { const all = []; for (;;) all.push(new Array(10000).fill(all.length)); }
const a = spin(300);
const b = hog();
console.log(a, b);
`;
  const out = transform(source, { filename: 'crash.cjs', times: { 3: 500, 4: 400 } });
  assert.equal(out.sequentialReason, undefined);
  assert.match(out.code, /placement: \{ L3: 0, L4: 1, L5: 0 \}/);
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-crash-'));
  const original = join(dir, 'in.cjs');
  const parallel = join(dir, 'out.cjs');
  writeFileSync(original, source);
  writeFileSync(parallel, out.code);
  // A small heap, so that both run out of memory within a second (the flag applies to workers too).
  const flags = ['--max-old-space-size=64'];
  const orig = spawnSync(process.execPath, [...flags, original], { encoding: 'utf8', timeout: 60_000 });
  const run = spawnSync(process.execPath, [...flags, parallel], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(orig.signal, 'SIGABRT'); // the shell's exit code 134
  assert.match(orig.stderr, /JavaScript heap out of memory/);
  assert.equal(run.signal, 'SIGABRT', run.stderr);
  assert.equal(run.stdout, orig.stdout);
  // Our message, or (on Node 24, at times) V8's own, when the worker's heap limit ends the whole process first.
  assert.match(run.stderr, /^FATAL ERROR: the worker thread running line 4 .*JavaScript heap out of memory|FATAL ERROR: Reached heap limit .*JavaScript heap out of memory/);
});
