/** A transformed module exports the same values: a consumer that requires or imports it sees no difference. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../src/index.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

const work = `function work(n, k) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * k) % 1000003; return s; }`;

function run(dir: string, file: string): { stdout: string; status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  return { stdout: r.stdout, status: r.status, stderr: r.stderr };
}

test('a CommonJS module computed in parallel exports the same values', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-cjs-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "commonjs" }');
  const lib = `${work}
const a = work(200000, 3);
const b = work(200000, 7);
module.exports = { a, b, sum: a + b };
exports.extra = 'x';
`;
  writeFileSync(join(dir, 'lib.js'), lib);
  const out = transform(lib, { filename: join(dir, 'lib.js'), times: { 2: 400, 3: 400 } });
  assert.equal(out.sequentialReason, undefined, 'the module itself is parallel');
  writeFileSync(join(dir, 'lib.parallel.js'), out.code);
  writeFileSync(join(dir, 'use.js'), "console.log(JSON.stringify(require('./lib.js')));");
  writeFileSync(join(dir, 'use-parallel.js'), "console.log(JSON.stringify(require('./lib.parallel.js')));");
  const original = run(dir, 'use.js');
  const parallel = run(dir, 'use-parallel.js');
  assert.equal(original.status, 0, original.stderr);
  assert.equal(parallel.status, 0, parallel.stderr);
  assert.equal(parallel.stdout, original.stdout);
  assert.match(original.stdout, /"a":\d+,"b":\d+,"sum":\d+/);
});

test('an ES module with exports keeps them (and says why it stays sequential)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-esm-'));
  const lib = `${work}
export const a = work(200000, 3);
export const b = work(200000, 7);
export default a + b;
`;
  writeFileSync(join(dir, 'lib.mjs'), lib);
  const out = transform(lib, { filename: join(dir, 'lib.mjs'), times: { 2: 400, 3: 400 } });
  writeFileSync(join(dir, 'lib.parallel.mjs'), out.code);
  writeFileSync(join(dir, 'use.mjs'), "import d, * as m from './lib.mjs'; console.log(d, m.a, m.b);");
  writeFileSync(join(dir, 'use-parallel.mjs'), "import d, * as m from './lib.parallel.mjs'; console.log(d, m.a, m.b);");
  const original = run(dir, 'use.mjs');
  const parallel = run(dir, 'use-parallel.mjs');
  assert.equal(original.status, 0, original.stderr);
  assert.equal(parallel.stdout, original.stdout);
  assert.match(out.sequentialReason ?? '', /exports a value/);
});
