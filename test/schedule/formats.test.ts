import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseGraph, parseStg, withCcr } from '../../src/schedule/formats/index.js';
import { compileGraph } from '../../src/schedule/graph.js';
import { criticalPath, lowerBound } from '../../src/schedule/ranks.js';
import { checkPlan, defaultScheduler } from '../../src/schedule/index.js';
import { platform } from './helpers.js';

// Entry dummy 0, tasks 1-4, exit dummy 5; right-aligned columns like the real files.
const tinyStg = `          4
          0          0          0
          1          3          1          0
          2          5          1          1
          3          4          1          1
          4          2          2          2          3
          5          0          1          4
# CP Length : 10
`;

test('STG: dummies dropped, ids shifted, edges from predecessors', () => {
  const graph = parseStg(tinyStg);
  assert.deepEqual(graph.tasks.map((t) => t.cost), [3, 5, 4, 2]);
  assert.deepEqual(graph.edges, [{ from: 0, to: 1 }, { from: 0, to: 2 }, { from: 1, to: 3 }, { from: 2, to: 3 }]);
  const cg = compileGraph(graph, platform(2));
  assert.equal(criticalPath(cg), 10);
  assert.equal(lowerBound(cg), 10);
  const plan = defaultScheduler.schedule(graph, platform(2));
  assert.equal(plan.makespan, 10);
  assert.deepEqual(checkPlan(graph, platform(2), plan), []);
  assert.throws(() => parseStg('3\n0 0 0\n'), /expected 5 task lines/);
});

test('parseGraph detects STG by content and JSON graphs by shape', () => {
  assert.equal(parseGraph(tinyStg).tasks.length, 4);
  const json = JSON.stringify({
    tasks: [{ id: 'a', cost: 2 }, { id: 'b', cost: 3, label: 'L2 const b = f(a)' }, { id: 'c', cost: 1, pin: 0 }],
    edges: [{ from: 'a', to: 'b', bytes: 64 }, { from: 'a', to: 'c', cost: 4 }],
  });
  const graph = parseGraph(json, 'g.json');
  assert.deepEqual(graph.edges, [{ from: 0, to: 1, bytes: 64 }, { from: 0, to: 2, cost: 4 }]);
  assert.equal(graph.tasks[1].label, 'L2 const b = f(a)');
  assert.equal(graph.tasks[2].pin, 0);
  assert.throws(() => parseGraph('{"tasks":[{"id":1,"cost":1}],"edges":[{"from":1,"to":2}]}'), /unknown task 2/);
  assert.throws(() => parseGraph('{"nodes":[]}', 'x.json'), /neither a WfFormat/);
});

test('WfFormat: runtimes in ms, edges from parents/children, bytes of shared files', () => {
  const wf = {
    workflow: {
      specification: {
        tasks: [
          { id: 'split', name: 'split', parents: [], children: ['left', 'right'], inputFiles: ['in'], outputFiles: ['p1', 'p2'] },
          { id: 'left', name: 'left', parents: ['split'], children: [], inputFiles: ['p1', 'ref'], outputFiles: [] },
          { id: 'right', name: 'right', parents: ['split'], children: [], inputFiles: ['p1', 'p2'], outputFiles: [] },
        ],
        files: [{ id: 'in', sizeInBytes: 5 }, { id: 'p1', sizeInBytes: 100 }, { id: 'p2', sizeInBytes: 20 }, { id: 'ref', sizeInBytes: 7 }],
      },
      execution: { tasks: [{ id: 'split', runtimeInSeconds: 1.5 }, { id: 'left', runtimeInSeconds: 2 }, { id: 'right', runtimeInSeconds: 3 }] },
    },
  };
  const graph = parseGraph(JSON.stringify(wf), 'wf.json');
  assert.deepEqual(graph.tasks.map((t) => t.cost), [1500, 2000, 3000]);
  assert.deepEqual(graph.edges, [{ from: 0, to: 1, bytes: 100 }, { from: 0, to: 2, bytes: 120 }]);
});

test('CCR gives every edge ccr × the average task cost', () => {
  const graph = withCcr(parseStg(tinyStg), 2);
  assert.ok(graph.edges.every((e) => e.cost === 7));
});
