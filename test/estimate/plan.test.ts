/** Plans from a profile: measured times decide what moves; values that did not clone stay together. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from '../../src/transform.js';
import { analyze } from '../../src/analyze/index.js';
import { estimate } from '../../src/estimate/index.js';
import type { Profile } from '../../src/estimate/profile-format.js';

// Plan with the default platform, whatever this machine has calibrated.
process.env.PARALLELIZE_CACHE_DIR = mkdtempSync(join(tmpdir(), 'parallelize-plan-'));

// Statically both calls look cheap: the work hides behind a parameter the model cannot see.
const source = `function f(x) { let s = 0; for (let i = 0; i < x.n; i++) s += i; return s; }
const a = f(JSON.parse('{"n": 10}'));
const b = f(JSON.parse('{"n": 20}'));
console.log(a, b);
`;
const profile = (ms: number, extra: Partial<Profile> = {}): Profile => ({
  version: 1,
  file: 'two.cjs',
  statements: [{ line: 2, ms }, { line: 3, ms }, { line: 4, ms: 0.1 }],
  values: [{ line: 2, name: 'a', bytes: 9, cloneable: true }, { line: 3, name: 'b', bytes: 9, cloneable: true }],
  ...extra,
});
const opts = { filename: 'two.cjs', workers: 2 };

test('two statements the profile measured as heavy run in parallel', () => {
  const r = transform(source, { ...opts, profile: profile(400) });
  assert.equal(r.sequentialReason, undefined);
  assert.equal(r.schedule!.threads.filter((t) => t.length > 0).length, 2);
});

test('statements the profile measured as cheap stay sequential', () => {
  assert.notEqual(transform(source, { ...opts, profile: profile(0.05) }).sequentialReason, undefined);
});

test('a trace (statements only) is accepted, and user times win over the profile', () => {
  const trace: Profile = { version: 1, trace: true, statements: [{ line: 2, ms: 400 }, { line: 3, ms: 400 }] };
  assert.equal(transform(source, { ...opts, profile: trace }).sequentialReason, undefined);
  assert.notEqual(transform(source, { ...opts, profile: trace, times: { 2: 0.01, 3: 0.01 } }).sequentialReason, undefined);
});

test('estimates take measured sizes by name and mark the source', () => {
  const analysis = analyze(source, { filename: 'two.cjs' });
  const est = estimate(analysis, { profile: profile(400, { values: [{ line: 2, name: 'a', bytes: 800_000, cloneable: true }, { line: 9, name: 'a', bytes: 10, cloneable: true }] }) });
  assert.equal(est.bytes('a'), 800_000);
  assert.equal(est.source[1], 'profile');
  assert.equal(est.notCloneable.size, 0);
});

test('a value the profile saw as not cloneable keeps its consumer on the producer\'s thread', () => {
  const chain = `function f(x) { let s = 0; for (let i = 0; i < x.n; i++) s += i; return { s }; }
function g(v) { let t = 0; for (let i = 0; i < v.s; i++) t += i; return t; }
const a = f(JSON.parse('{"n": 10}'));
const c = f(JSON.parse('{"n": 20}'));
const b = g(a);
console.log(b, c.s);
`;
  const statements = [{ line: 3, ms: 300 }, { line: 4, ms: 500 }, { line: 5, ms: 300 }, { line: 6, ms: 0.1 }];
  const cloneable = transform(chain, { ...opts, profile: { version: 1, statements } });
  const pinned = transform(chain, { ...opts, profile: { version: 1, statements, values: [{ line: 3, name: 'a', bytes: 40, cloneable: false, reason: 'an instance of A' }] } });
  for (const r of [cloneable, pinned]) assert.equal(r.sequentialReason, undefined);
  const task = (r: typeof pinned, line: number) => r.taskGraph.tasks[r.statementLines.indexOf(line)];
  assert.notEqual(task(pinned, 3).group, undefined);
  assert.equal(task(pinned, 3).group, task(pinned, 5).group);
  const threadOf = (r: typeof pinned, line: number) => r.schedule!.threads.findIndex((slots) => slots.some((s) => r.statementLines[s.task] === line));
  assert.equal(threadOf(pinned, 3), threadOf(pinned, 5));
  assert.equal(task(cloneable, 3).group, undefined);
});

test('a malformed profile option is rejected by name', () => {
  assert.throws(() => transform(source, { ...opts, profile: { version: 2 } as unknown as Profile }), /Option "profile" must be a profile \(unsupported version 2/);
});

test('an 8% saving is taken when it is many worker start-ups, not when it is one or two', () => {
  // 3.05 s in order, about 2.8 s in parallel: 250 ms saved, five start-ups of 45 ms.
  const large = transform(source, { ...opts, times: { 2: 2800, 3: 250 } });
  assert.equal(large.sequentialReason, undefined);
  // 0.97 s in order, about 0.9 s in parallel: the same share, but only 70 ms saved.
  const small = transform(source, { ...opts, times: { 2: 900, 3: 70 } });
  assert.match(small.sequentialReason ?? '', /does not beat running in order .* by 10%/);
});
