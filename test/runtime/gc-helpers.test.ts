/**
 * When the plan's threads take every core, the runtime turns off V8's background sweeping of
 * ArrayBuffers and its parallel scavenges (their helpers compete with the program's own threads
 * for the cores), and only then. The flags are seen through a preload that records every
 * v8.setFlagsFromString call of the program.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../../src/index.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

const source = `const crypto = require('node:crypto');
function stretch(s, n) { let d = Buffer.from(s); for (let i = 0; i < n; i++) d = crypto.createHash('sha256').update(d).digest(); return d.toString('hex'); }
const a = stretch('a', 2000);
const b = stretch('b', 2000);
console.log(a, b);
`;

function run(): { flags: string[]; stdout: string; status: number | null } {
  const out = transform(source, { filename: 'sweep.cjs', times: { 3: 500, 4: 500 } });
  assert.match(out.code, /threads: 2,/);
  assert.equal(out.sequentialReason, undefined);
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-sweep-'));
  const preload = join(dir, 'record-flags.cjs');
  writeFileSync(preload, `const v8 = require('node:v8');
const set = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => { process.stderr.write('flags: ' + flags + '\\n'); return set(flags); };
`);
  writeFileSync(join(dir, 'out.cjs'), out.code);
  const r = spawnSync(process.execPath, ['--require', preload, join(dir, 'out.cjs')], { encoding: 'utf8' });
  const flags = r.stderr.split('\n').filter((l) => l.startsWith('flags: ')).map((l) => l.slice(7));
  return { flags, stdout: r.stdout, status: r.status };
}

test('background ArrayBuffer sweeping and parallel scavenges are turned off exactly when the threads take every core', () => {
  const orig = spawnSync(process.execPath, ['-e', source], { encoding: 'utf8' });
  const cores = availableParallelism();
  const r = run();
  assert.equal(r.status, 0);
  assert.equal(r.stdout, orig.stdout);
  // Two threads: every core on a 2-core machine, spare cores on a larger one.
  assert.deepEqual(r.flags, 2 >= cores ? ['--no-concurrent-array-buffer-sweeping', '--no-parallel-scavenge'] : []);
});
