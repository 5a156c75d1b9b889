/**
 * A large number array that crosses threads travels as a Float64Array and is rebuilt on arrival.
 * The rebuilt array must be packed, as the original was: a holey one (new Array(n) filled in)
 * made a later scan of it ~1.4x slower. Element kinds are visible only to V8's natives syntax, so
 * the check is spliced into the generated code after the transform.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../../src/index.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

test('a number array rebuilt from its packed form has packed elements and the same values', () => {
  const source = `function series(n) { const xs = []; for (let i = 0; i < n; i++) xs.push(Math.sin(i) + (i % 3)); return xs; }
function spin(ms) { const end = Date.now() + ms; while (Date.now() < end); return ms; }
const holey = (a) => 'unchecked';
const xs = series(5000);
const slow = spin(50);
console.log(holey(xs), xs.length, xs.reduce((s, x) => s + x, 0).toFixed(6), xs[17], slow);
`;
  // Lines 4 and 5 on different threads: xs crosses to the thread that prints.
  const out = transform(source, { filename: 'packed.cjs', times: { 4: 400, 5: 500 } });
  assert.equal(out.sequentialReason, undefined);
  assert.match(out.code, /packable: \['xs'\]/);
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-packed-'));
  const file = join(dir, 'out.cjs');
  const probe = "(a) => 'unchecked'";
  assert.ok(out.code.includes(probe));
  writeFileSync(file, out.code.replace(probe, '(a) => (%HasHoleyElements(a) ? "holey" : "packed")'));
  const run = spawnSync(process.execPath, ['--allow-natives-syntax', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const orig = spawnSync(process.execPath, ['-e', source], { encoding: 'utf8' });
  assert.equal(run.stdout, orig.stdout.replace('unchecked', 'packed'));
});
