/** Threads run their statements in source order: plans are repaired for that, and timed that way. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from '../../src/transform.js';
import { refineInOrder } from '../../src/schedule/in-order.js';
import { simulate } from '../../src/schedule/index.js';
import type { TaskGraph } from '../../src/schedule/types.js';

process.env.PARALLELIZE_CACHE_DIR = mkdtempSync(join(tmpdir(), 'parallelize-in-order-'));

// Two accumulator loops, each with its own counter declared just before it.
const loops = `let a = 0;
for (let i = 0; i < 10; i++) a += i % 7;
let b = 0;
for (let i = 0; i < 10; i++) b += i % 5;
console.log(a, b);
`;

test('a counter declared before a long loop on another thread moves with the loop that uses it', () => {
  const r = transform(loops, { filename: 'loops.cjs', workers: 2, times: { 2: 1000, 4: 1000 } });
  assert.equal(r.sequentialReason, undefined);
  const threads = r.schedule!.threads.filter((t) => t.length > 0);
  assert.equal(threads.length, 2);
  // Each counter shares a thread with its loop, and the plan takes one loop's time, not two.
  const threadOfLine = (line: number) => threads.findIndex((t) => t.some((s) => r.statementLines[s.task] === line));
  assert.equal(threadOfLine(1), threadOfLine(2));
  assert.equal(threadOfLine(3), threadOfLine(4));
  assert.notEqual(threadOfLine(2), threadOfLine(4));
  assert.ok(r.schedule!.makespan < 1200, `makespan ${r.schedule!.makespan}`);
});

test('refinement moves a cheap producer to its consumer’s thread, keeps pins and never makes a plan slower', () => {
  const platform = { threads: 2, latency: 0.05, bandwidth: 30_000, flatBandwidth: 250_000, startup: 45 };
  const graph: TaskGraph = {
    tasks: [
      { id: 0, cost: 0 },
      { id: 1, cost: 1000 },
      { id: 2, cost: 0 },
      { id: 3, cost: 1000 },
      { id: 4, cost: 0, pin: 0 },
    ],
    edges: [
      { from: 0, to: 1, bytes: 16 },
      { from: 2, to: 3, bytes: 16 },
      { from: 1, to: 4, bytes: 16 },
      { from: 3, to: 4, bytes: 16 },
    ],
  };
  const time = (o: number[][]) => simulate(graph, { ...platform, threads: o.length }, o).makespan;
  const listed = [[0, 1, 2, 4], [3]]; // what a list scheduler gives: task 2 early on main
  assert.ok(time(listed) > 1900);
  const refined = refineInOrder(graph.tasks, listed, time, 2);
  assert.deepEqual(refined, [[0, 1, 4], [2, 3]]);
  assert.ok(time(refined) < 1100);
  // Already good: unchanged.
  assert.deepEqual(refineInOrder(graph.tasks, refined, time, 2), refined);
});

test('at an equal estimate, a statement goes back to the main thread (nothing to send, nothing to wait for)', () => {
  const platform = { threads: 2, latency: 0.05, bandwidth: 30_000, flatBandwidth: 250_000, startup: 45 };
  // A source main must run (0, it reads a file), a cheap read of it (1) that a long statement of
  // main's uses (2), and a long statement on the source (3).
  const graph: TaskGraph = {
    tasks: [
      { id: 0, cost: 25, pin: 0 },
      { id: 1, cost: 0 },
      { id: 2, cost: 400, pin: 0 },
      { id: 3, cost: 500 },
      { id: 4, cost: 0, pin: 0 },
    ],
    edges: [
      { from: 0, to: 1, bytes: 300_000 },
      { from: 0, to: 3, bytes: 300_000 },
      { from: 1, to: 2, bytes: 8 },
      { from: 3, to: 4, bytes: 8 },
    ],
  };
  const time = (o: number[][]) => simulate(graph, { ...platform, threads: o.length }, o).makespan;
  // The cheap read beside the long statement: main waits for the source to reach the worker.
  const listed = [[0, 2, 4], [1, 3]];
  const refined = refineInOrder(graph.tasks, listed, time, 2);
  assert.deepEqual(refined, [[0, 1, 2, 4], [3]]);
  assert.ok(time(refined) <= time(listed));
  const mainStart = (o: number[][]) => simulate(graph, { ...platform, threads: o.length }, o).threads[0].find((s) => s.task === 2)!.start;
  assert.ok(mainStart(refined) < mainStart(listed), `${mainStart(refined)} vs ${mainStart(listed)}`);
});
