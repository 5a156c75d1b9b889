/**
 * A class whose static state changes (`Item.created++`) is declared by the one thread that runs
 * everything using it; shared functions that name it see it through a module-level binding.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { transform } from '../../src/index.js';
import { simulate } from '../../src/schedule/index.js';
import type { Scheduler } from '../../src/schedule/types.js';

process.env.PARALLELIZE_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'parallelize-cache-'));

const source = `function heavy(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 10007; return s; }
function make(v) { return new Item(v); }
const a = heavy(2e6);
class Item { static created = 0; constructor(v) { this.v = v; this.id = Item.created++; } }
class Oops extends Error { constructor(m) { super(m); this.name = 'Oops'; this.code = Item.created; } }
const b = (() => { const first = make(heavy(1e6)); const second = make(2); if (second.id > first.id) throw new Oops('made ' + Item.created); return first; })();
console.log(a, b);
`;

/** Lines 4 to 6 (Item and its user; Oops, which keeps no state, is on every thread) on worker 1. */
const onWorker: Scheduler = {
  name: 'forced',
  description: 'puts the statements on lines 4-6 on worker 1',
  schedule(graph, platform) {
    const order: number[][] = [[], []];
    for (const task of graph.tasks) order[/^L[456] /.test(task.label ?? '') ? 1 : 0].push(task.id);
    return simulate(graph, { ...platform, threads: 2 }, order, 'forced');
  },
};

function run(code: string, name: string) {
  const dir = mkdtempSync(join(tmpdir(), 'parallelize-class-state-'));
  const file = join(dir, name);
  writeFileSync(file, code);
  return spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
}

test('a class with changing static state runs on one thread, with its users, wherever that is', () => {
  const original = run(source, 'in.cjs');
  assert.equal(original.status, 1);
  assert.match(original.stderr, /Oops: made 2/);
  for (const scheduler of [undefined, onWorker]) {
    const out = transform(source, { filename: 'in.cjs', times: { 3: 500, 6: 500 }, ...(scheduler ? { scheduler } : {}) });
    assert.equal(out.sequentialReason, undefined);
    // The classes and their user share a thread; make() (shared by every thread) sees Item.
    assert.match(out.code, /Item = class Item/);
    if (scheduler) assert.match(out.code, /placement: \{ L3: 0, L4: 1, L6: 1, L7: 0 \}/);
    const parallel = run(out.code, 'out.cjs');
    assert.equal(parallel.status, original.status, parallel.stderr);
    assert.equal(parallel.stdout, original.stdout);
    assert.match(parallel.stderr, /Oops: made 2\n[^]*code: 2\n/);
  }
});

test('a class that is reassigned still keeps the whole script in order', () => {
  const out = transform('class A { static n = 0; }\nconst x = A.n++;\nA = null;\nconsole.log(x);', { filename: 'in.cjs' });
  assert.match(out.sequentialReason ?? '', /`A` is reassigned or changed later/);
});
