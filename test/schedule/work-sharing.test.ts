/**
 * Which statements are shared out (src/schedule/work-sharing.ts): only those whose move to
 * another thread at run time cannot change what any statement sees.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from '../../src/index.js';
import { analyze } from '../../src/analyze/index.js';
import { chooseWorkSharing } from '../../src/schedule/work-sharing.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

const helpers = `function work(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * i) % 1000003; return s; }
function fill(xs, n) { for (let i = 0; i < n; i++) xs.push(i); return xs.length; }
`;

/** The shared statements' lines, or [] when nothing is shared. */
function sharedLines(source: string, times: Record<number, number>): number[] {
  const out = transform(source, { filename: 'sharing.cjs', times });
  assert.equal(out.sequentialReason, undefined, 'the plan must be parallel for the case to mean anything');
  const m = /^ {2}shared: \[([^\]]*)\]/m.exec(out.code);
  return m ? [...m[1].matchAll(/L(\d+)/g)].map((x) => Number(x[1])) : [];
}

test('independent declarations whose values only the main thread uses are shared', () => {
  const source = `${helpers}const a = work(10);
const b = work(20);
const c = work(30);
console.log(a, b, c);
`;
  assert.deepEqual(sharedLines(source, { 3: 900, 4: 500, 5: 400 }), [3, 4, 5]);
});

test('a statement whose value a worker uses is not shared', () => {
  // d (line 7) needs a and runs on a worker: if a ran elsewhere, d would wait for a message the
  // plan does not have. The planner puts d on the main thread here, so the plan is given.
  const source = `${helpers}const a = work(10);
const b = work(20);
const c = work(30);
const e = work(40);
const d = work(a);
console.log(b, c, d, e);
`;
  const analysis = analyze(source, { filename: 'sharing.cjs' });
  const id = (line: number) => analysis.statements.find((s) => s.line === line)!.id;
  const threads = [[id(4), id(8)], [id(3), id(5), id(6), id(7)]].map((ids) => ids.sort((x, y) => x - y));
  const sharing = chooseWorkSharing(analysis, threads, () => true, () => 1);
  const lines = (sharing?.members ?? []).map((m) => analysis.statements[m].line);
  assert.ok(!lines.includes(3), `line 3 is shared: ${lines}`);
  // The others still are: d's removal (it reads a) does not keep them out.
  assert.deepEqual(lines, [4, 5, 6]);
  // With d on the main thread, a may be shared as well.
  const onMain = [[id(4), id(7), id(8)], [id(3), id(5), id(6)]].map((ids) => ids.sort((x, y) => x - y));
  assert.deepEqual((chooseWorkSharing(analysis, onMain, () => true, () => 1)?.members ?? []).map((m) => analysis.statements[m].line), [3, 4, 5, 6]);
});

test('a statement that changes an object, or reads one another statement changes, is not shared', () => {
  const source = `${helpers}const xs = [];
const a = fill(xs, 10);
const b = work(20);
const c = work(30);
const d = work(40);
console.log(a, b, c, d, xs.length);
`;
  const lines = sharedLines(source, { 4: 900, 5: 500, 6: 400, 7: 400 });
  assert.ok(!lines.includes(4), `line 4 is shared: ${lines}`);
  assert.deepEqual(lines, [5, 6, 7]);
});

test('a statement with an effect is not shared', () => {
  const source = `${helpers}const a = work(10);
const b = work(20);
const c = (console.log('c'), work(30));
console.log(a, b, c);
`;
  const lines = sharedLines(source, { 3: 900, 4: 500, 5: 400 });
  assert.ok(!lines.includes(5), `line 5 is shared: ${lines}`);
});

test('a statement that reads a value only one thread has is not shared', () => {
  // data (line 3) is made on one thread only (too costly to copy): its readers stay where the plan put them.
  const source = `${helpers}const data = Array.from({ length: work(5) % 7 + 3 }, (_, i) => i);
const a = work(data.length);
const b = work(data[0] + 20);
const c = work(30);
const d = work(40);
console.log(a, b, c, d);
`;
  const lines = sharedLines(source, { 3: 800, 4: 500, 5: 500, 6: 400, 7: 400 });
  for (const l of [4, 5]) assert.ok(!lines.includes(l), `line ${l} is shared: ${lines}`);
});
