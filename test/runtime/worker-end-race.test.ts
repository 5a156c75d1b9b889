/**
 * A worker posts its last value and ends. If the main thread drained its ports just before that
 * and learns of the end just after, it must drain again before it calls the worker crashed: under
 * load this window opened often enough to fail one fuzz program in a thousand as a crashed worker.
 * The window is widened here by a pause spliced into the runtime between the two.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../../src/index.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

test('a worker that ends right after its last message is not taken for a crashed one', () => {
  const source = `function spin(ms) { const end = Date.now() + ms; while (Date.now() < end); return ms; }
const a = spin(20);
const b = spin(5);
console.log(a, b);
`;
  const out = transform(source, { filename: 'race.cjs', times: { 2: 400, 3: 500 } });
  assert.equal(out.sequentialReason, undefined);
  const drainThenLook = 'drain();\n      if (!inWorker) {';
  assert.ok(out.code.includes(drainThenLook), 'the runtime drains, then looks for ended workers');
  // 300 ms between the main thread's drain and its look at ended workers: the worker ends in it.
  const paused = out.code.replace(drainThenLook, 'drain();\n      { const until = Date.now() + 300; while (Date.now() < until); }\n      if (!inWorker) {');
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-race-'));
  const file = join(dir, 'out.cjs');
  writeFileSync(file, paused);
  for (let i = 0; i < 3; i++) {
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, '20 5\n');
  }
});
