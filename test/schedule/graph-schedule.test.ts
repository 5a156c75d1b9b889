import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGraphSchedule } from '../../src/cli/graph-schedule.js';

const dir = mkdtempSync(path.join(tmpdir(), 'graphs-'));
const stg = path.join(dir, 'tiny.stg');
writeFileSync(stg, '4\n0 0 0\n1 3 1 0\n2 5 1 1\n3 4 1 1\n4 2 2 2 3\n5 0 1 4\n');
const json = path.join(dir, 'g.json');
writeFileSync(json, JSON.stringify({ tasks: [{ id: 'a', cost: 4 }, { id: 'b', cost: 4 }], edges: [] }));

test('runGraphSchedule: one JSON line per file', async () => {
  const lines = await runGraphSchedule({ files: [stg, json], workers: 2, format: 'json' });
  assert.equal(lines.length, 2);
  const [a, b] = lines.map((l) => JSON.parse(l));
  assert.deepEqual(Object.keys(a), ['file', 'workers', 'scheduler', 'makespan', 'sequential', 'lowerBound']);
  assert.deepEqual([a.makespan, a.sequential, a.lowerBound, a.workers], [10, 14, 10, 2]);
  assert.match(a.scheduler, /^best\(/);
  assert.deepEqual([b.makespan, b.lowerBound], [4, 4]);
});

test('runGraphSchedule: CCR adds messages, the bound stays communication-free', async () => {
  const [line] = await runGraphSchedule({ files: [stg], workers: 2, ccr: 10, scheduler: 'heft' });
  const r = JSON.parse(line);
  assert.equal(r.lowerBound, 10);
  assert.equal(r.scheduler, 'heft');
  assert.ok(r.makespan >= 14, 'with messages of 35, one thread is best');
  const [best] = await runGraphSchedule({ files: [stg], workers: 2, ccr: 10 });
  assert.equal(JSON.parse(best).makespan, 14);
  await assert.rejects(runGraphSchedule({ files: [stg], workers: 0 }), /--workers/);
  await assert.rejects(runGraphSchedule({ files: [stg], workers: 2, scheduler: 'nope' }), /known schedulers/);
});
