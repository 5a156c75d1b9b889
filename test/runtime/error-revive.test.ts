/** Errors thrown on a worker reach the main thread as themselves, and a value that cannot be sent says so. */
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

const heavy = 'function heavy(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 10007; return s; }\nconst a = heavy(2e6);\n';

function run(code: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'parallelize-revive-')), 'x.cjs');
  writeFileSync(file, code);
  return spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
}

test('a DOMException thrown on a worker is rethrown on the main thread as a DOMException', () => {
  const source = `${heavy}const b = heavy(2e6) + structuredClone({ f() {} }).x;\nconsole.log(a, b);\n`;
  const out = transform(source, { filename: 'x.cjs', times: { 2: 500, 3: 500 } });
  assert.match(out.code, /placement: \{ L2: 0, L3: 1, L4: 0 \}/);
  const original = run(source);
  const parallel = run(out.code);
  assert.equal(parallel.status, original.status);
  assert.match(original.stderr, /DOMException \[DataCloneError\]: f\(\) \{\} could not be cloned\./);
  assert.match(parallel.stderr, /DOMException \[DataCloneError\]: f\(\) \{\} could not be cloned\./);
});

test('a value the analysis took for cloneable ends the program with a message that says so, not a hang', () => {
  const source = `${heavy}const b = heavy(2e6);\nconsole.log(a, b);\n`;
  const out = transform(source, { filename: 'x.cjs', times: { 2: 500, 3: 500 } });
  // Make the worker send a function, as a wrong analysis would.
  const broken = out.code.replace("parallel.send(0, 'L3', { b });", "parallel.send(0, 'L3', { b, f: Object.defineProperty });");
  assert.notEqual(broken, out.code);
  const r = run(broken);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /parallelize: b, f \(from statement L3\) cannot be sent to another thread/);
});

test('an instance of a script class thrown on a worker keeps its class', () => {
  const source = `function heavy(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i * 7) % 10007; return s; }\nclass Failure { constructor(code) { this.code = code; } }\nconst a = (() => { const v = heavy(2e6); throw new Failure(v % 3); })();\nconst b = heavy(2e6);\nconsole.log(a, b);\n`;
  // The throwing statement (line 3) on worker 1, the rest on main.
  const scheduler: Scheduler = {
    name: 'forced',
    description: 'puts line 3 on worker 1',
    schedule: (graph, platform) => simulate(graph, { ...platform, threads: 2 }, [graph.tasks.filter((t) => !/^L3 /.test(t.label ?? '')).map((t) => t.id), graph.tasks.filter((t) => /^L3 /.test(t.label ?? '')).map((t) => t.id)], 'forced'),
  };
  const out = transform(source, { filename: 'x.cjs', times: { 3: 500, 4: 500 }, scheduler });
  assert.match(out.code, /\/\/ {3}worker 1 {5}3 /);
  const original = run(source);
  const parallel = run(out.code);
  assert.equal(parallel.status, original.status);
  assert.match(original.stderr, /Failure \{ code: 2 \}/);
  assert.match(parallel.stderr, /Failure \{ code: 2 \}/);
});
