import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPlot } from '../../src/cli/plot.js';
import { dagMermaid, dagSvg, ganttMermaid, ganttSvg, layeredLayout } from '../../src/plot/index.js';
import { defaultScheduler } from '../../src/schedule/index.js';
import type { TaskGraph } from '../../src/schedule/types.js';
import { platform } from './helpers.js';

const graph: TaskGraph = {
  tasks: [
    { id: 0, cost: 10, label: 'L1 const data = load("a<b>.json")' },
    { id: 1, cost: 120, label: 'L2 const a = heavy(data, 1) // a very long statement that cannot fit' },
    { id: 2, cost: 100, label: 'L3 const b = heavy(data, 2)' },
    { id: 3, cost: 5, label: 'L4 console.log(a, b)' },
  ],
  edges: [{ from: 0, to: 1, bytes: 2048 }, { from: 0, to: 2, bytes: 2048 }, { from: 1, to: 3 }, { from: 2, to: 3 }],
};
const plat = platform(3, { latency: 0.5, bandwidth: 1000, startup: 4 });
const plan = defaultScheduler.schedule(graph, plat);

test('Gantt SVG: thread rows, escaped labels cut to fit, arrows, axis, makespan', () => {
  const svg = ganttSvg(plan, graph);
  assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, />main</);
  assert.match(svg, />worker 1</);
  assert.match(svg, /L1 const data = load\(&quot;a&lt;b&gt;.json&quot;\)/);
  assert.match(svg, /…</, 'the long label is truncated');
  assert.equal((svg.match(/marker-end/g) ?? []).length, plan.transfers.length);
  assert.match(svg, new RegExp(`makespan ${Math.round(plan.makespan)} ms`));
  assert.match(svg, />ms</);
  assert.doesNotMatch(svg, /NaN|undefined/);
});

test('DAG SVG: every task and edge drawn, layered by longest path', () => {
  const svg = dagSvg(graph);
  assert.equal((svg.match(/<rect x=/g) ?? []).length, 4);
  assert.equal((svg.match(/<path d="M[^"]* C/g) ?? []).length, 4);
  assert.match(svg, /2\.0 kB/);
  assert.deepEqual(layeredLayout(graph).layers.map((l) => l.length), [1, 2, 1]);
  assert.doesNotMatch(svg, /NaN|undefined/);
});

test('Mermaid: gantt with ms timestamps per thread, flowchart with escaped labels', () => {
  const gantt = ganttMermaid(plan, graph);
  assert.match(gantt, /^gantt\n/);
  assert.match(gantt, /dateFormat x\n/);
  assert.match(gantt, /axisFormat /);
  assert.match(gantt, /section main/);
  assert.match(gantt, /:t0, 0, 10\n/);
  assert.doesNotMatch(gantt.split('\n').filter((l) => l.includes(':t')).map((l) => l.split(' :t')[0]).join(''), /[:;#]/);
  const flow = dagMermaid(graph);
  assert.match(flow, /^flowchart TD\n/);
  assert.match(flow, /t0\["L1 const data = load\(#quot;a#lt;b#gt;.json#quot;\)<br\/>10 ms"\]/);
  assert.match(flow, /t1 --> t3/);
});

test('renderPlot dispatches and explains bad input', () => {
  assert.match(renderPlot('gantt', 'svg', plan, graph), /<svg/);
  assert.match(renderPlot('dag', 'mermaid', plan, graph), /flowchart TD/);
  assert.match(renderPlot('dag', 'svg', null, graph), /<svg/);
  assert.throws(() => renderPlot('gantt', 'mermaid', null, graph), /needs a plan/);
  assert.throws(() => renderPlot('gantt', 'png' as 'svg', plan, graph), /unknown plot format/);
});
