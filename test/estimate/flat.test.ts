/** Which crossing values are flat numeric data, and how the script's task graph marks them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';
import { estimate } from '../../src/estimate/index.js';
import type { Profile } from '../../src/estimate/profile-format.js';
import { scriptTaskGraph } from '../../src/schedule/script.js';

const source = `const floats = new Float64Array(1e6);
const sines = Array.from({ length: 1e6 }, (_, i) => Math.sin(i) * 2);
const labels = Array.from({ length: 1e6 }, (_, i) => 'n' + i);
const rows = Array.from({ length: 1e4 }, (_, i) => ({ id: i }));
const grown = [];
for (let i = 0; i < 5000; i++) grown.push(i * 0.5);
const counts = new Array(4096).fill(0);
console.log(floats.length, sines[1], labels[1], rows[1].id, grown[3], counts[2]);
`;

test('statically: typed arrays and arrays built of numbers are flat; anything unclear is not', () => {
  const est = estimate(analyze(source, { filename: 'flat.cjs' }));
  assert.equal(est.flat('floats'), true);
  assert.equal(est.flat('sines'), true);
  assert.equal(est.flat('counts'), true);
  assert.equal(est.flat('labels'), false, "'n' + i is a string");
  assert.equal(est.flat('rows'), false, 'objects');
  assert.equal(est.flat('grown'), false, 'filled by later statements: the model cannot tell');
});

test('a number array with named properties is not flat: the runtime does not pack it', () => {
  const analysis = analyze(`const xs = Array.from({ length: 4096 }, (_, i) => i);\nxs.total = 1;\nconsole.log(xs[0], xs.total);\n`, { filename: 'named.cjs' });
  assert.ok(analysis.named.has('xs'));
  // Even when a profile saw an array of numbers.
  const profile: Profile = { version: 1, statements: [], values: [{ line: 2, name: 'xs', bytes: 20_000, cloneable: true, flat: true }] };
  assert.equal(estimate(analysis, { profile }).flat('xs'), false);
  assert.equal(estimate(analysis).flat('xs'), false);
});

test('a profile decides over the static model: flat only if every measurement of the name was flat', () => {
  const analysis = analyze(source, { filename: 'flat.cjs' });
  const profile: Profile = {
    version: 1,
    statements: [],
    values: [
      { line: 1, name: 'floats', bytes: 8_000_000, cloneable: true }, // measured, not flat: the profile wins
      { line: 5, name: 'grown', bytes: 45_000, cloneable: true, flat: true },
      { line: 4, name: 'rows', bytes: 200_000, cloneable: true, flat: true },
      { line: 2, name: 'sines', bytes: 9_000_000, cloneable: true, flat: true },
      { line: 7, name: 'sines', bytes: 9_000_000, cloneable: true },
    ],
  };
  const est = estimate(analysis, { profile });
  assert.equal(est.flat('grown'), true);
  assert.equal(est.flat('floats'), false);
  assert.equal(est.flat('sines'), false);
  assert.equal(est.flat('rows'), true);
  assert.equal(est.flat('counts'), true, 'not measured: the static model');
});

test('scriptTaskGraph puts the flat values of an edge in flatBytes', () => {
  const code = `function heavy(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
const samples = Array.from({ length: 1e6 }, (_, i) => i * 0.5);
const meta = Array.from({ length: 100 }, (_, i) => ({ i }));
const total = heavy(samples.length) + meta.length + samples[3];
console.log(total);
`;
  const analysis = analyze(code, { filename: 'edges.cjs' });
  const profile: Profile = {
    version: 1,
    statements: [],
    values: [
      { line: 2, name: 'samples', bytes: 9_000_011, cloneable: true, flat: true },
      { line: 3, name: 'meta', bytes: 1_500, cloneable: true },
    ],
  };
  const est = estimate(analysis, { profile });
  const { graph, statementOf } = scriptTaskGraph(analysis, est);
  const task = (line: number) => statementOf.findIndex((id) => analysis.statements[id].line === line);
  const edge = (from: number, to: number) => graph.edges.find((e) => e.from === task(from) && e.to === task(to))!;
  assert.deepEqual([edge(2, 4).bytes, edge(2, 4).flatBytes], [9_000_011, 9_000_011]);
  assert.deepEqual([edge(3, 4).bytes, edge(3, 4).flatBytes], [1_500, undefined]);
});
