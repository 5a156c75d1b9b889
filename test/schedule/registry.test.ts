import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPlan, defaultScheduler, getScheduler, loadScheduler, schedulers } from '../../src/schedule/index.js';
import { forkJoin, platform, randomDag } from './helpers.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('registry: built-ins by name, every one described', () => {
  for (const name of ['best', 'heft', 'cpop', 'bottom-level', 'sequential', 'round-robin', 'staged', 'heft-lookahead']) {
    assert.equal(getScheduler(name).name, name);
    assert.ok(getScheduler(name).description.length > 10);
  }
  assert.equal(defaultScheduler, schedulers.best);
  assert.throws(() => getScheduler('fastest'), /unknown scheduler "fastest"; known schedulers: best, heft/);
});

test('loadScheduler: a built-in name, or a user file by path', async () => {
  assert.equal(await loadScheduler('cpop'), schedulers.cpop);
  const user = await loadScheduler('examples/my-scheduler.mjs', repo);
  assert.equal(user.name, 'greedy-earliest-start');
  for (const graph of [forkJoin(5, 10, 2), randomDag(30, 3, 4)]) {
    const plat = platform(3, { latency: 0.5, startup: 1 });
    const plan = user.schedule(graph, plat);
    assert.deepEqual(checkPlan(graph, plat, plan), []);
  }
});

test('loadScheduler: named export, and clear errors for bad files', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'sched-'));
  writeFileSync(path.join(dir, 'named.mjs'), 'export const scheduler = { name: "mine", schedule: () => null };');
  writeFileSync(path.join(dir, 'bad.mjs'), 'export default { name: "no-schedule" };');
  const named = await loadScheduler(path.join(dir, 'named.mjs'));
  assert.equal(named.name, 'mine');
  assert.match(named.description, /user scheduler/);
  await assert.rejects(loadScheduler(path.join(dir, 'bad.mjs')), /must export a scheduler/);
  await assert.rejects(loadScheduler(path.join(dir, 'missing.mjs')), /cannot load scheduler file/);
  await assert.rejects(loadScheduler('nonsense'), /unknown scheduler "nonsense"/);
});
