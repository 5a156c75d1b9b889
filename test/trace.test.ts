/** The feedback loop: an output built with `trace` records real statement times, and a second transform plans from them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../src/index.js';
import { readProfile } from '../src/estimate/profile-format.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

test('PARALLELIZE_TRACE writes per-statement times that --profile accepts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-trace-'));
  const source = `function spin(ms) { const end = Date.now() + ms; let n = 0; while (Date.now() < end) n++; return n > 0; }
const a = spin(120);
const b = spin(60);
console.log(a, b);
`;
  const input = join(dir, 'spin.cjs');
  writeFileSync(input, source);
  // Mark both heavy so that the output is parallel and carries the runtime.
  const first = transform(source, { filename: input, times: { 2: 500, 3: 500 }, trace: true });
  assert.equal(first.sequentialReason, undefined);
  assert.match(first.code, /parallel\.begin\('L2'\)/);
  const out = join(dir, 'spin.out.cjs');
  writeFileSync(out, first.code);
  const traceFile = join(dir, 'trace.json');
  const run = spawnSync(process.execPath, [out], { encoding: 'utf8', env: { ...process.env, PARALLELIZE_TRACE: traceFile } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout, 'true true\n');
  const trace = readProfile(traceFile);
  const ms = new Map(trace.statements.map((s) => [s.line, s.ms]));
  assert.ok(ms.get(2)! >= 100 && ms.get(2)! < 1000, `line 2 took ${ms.get(2)} ms`);
  assert.ok(ms.get(3)! >= 50 && ms.get(3)! < 1000, `line 3 took ${ms.get(3)} ms`);
  // Planned again from the trace alone: the sequential time is the measured one.
  const second = transform(source, { filename: input, profile: trace });
  const sched = second.schedule!;
  const total = sched.sequential;
  assert.ok(total >= 150 && total < 2000, `planned from the trace: ${total} ms in order`);
});
