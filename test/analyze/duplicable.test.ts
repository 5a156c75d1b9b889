import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** Source lines of the statements the analysis lets any thread run again. */
function duplicableLines(code: string): number[] {
  const a = analyze(code);
  return [...a.duplicable].map((id) => a.statements[id].line).sort((x, y) => x - y);
}

const rng = `function rng(seed) {
  return () => (seed = (seed * 16807) % 2147483647) / 2147483647;
}
function make(n, seed) {
  const r = rng(seed);
  const out = [];
  for (let i = 0; i < n; i++) out.push({ i, v: r() });
  return out;
}
`;

test("duplicable: a deterministic source made by the script's own functions", () => {
  assert.deepEqual(duplicableLines(`${rng}const data = make(1000, 7);\nconsole.log(data.length);\n`), [10]);
});

test('duplicable: not with random numbers, clocks, the process, modules or effects', () => {
  const cases = [
    'const data = make(1000, Math.random());',
    'const data = make(1000, Date.now());',
    'const data = make(1000, performance.now());',
    'const data = make(1000, process.pid);',
    "const data = make(1000, require('node:os').cpus().length);",
    "const data = (console.log('making'), make(1000, 7));",
    'const data = make(1000, globalThis.seed);',
  ];
  for (const line of cases) assert.deepEqual(duplicableLines(`${rng}${line}\nconsole.log(data.length);\n`), [], line);
});

test('duplicable: not when a function it calls reaches a source of difference, however deep', () => {
  const code = `function noise() { return Math.random(); }
function jitter(x) { return x + noise(); }
function make(n) { const out = []; for (let i = 0; i < n; i++) out.push(jitter(i)); return out; }
const data = make(1000);
console.log(data.length);
`;
  assert.deepEqual(duplicableLines(code), []);
});

test('duplicable: not when it changes or reads state other statements change', () => {
  const code = `let counter = 0;
function next() { counter++; return counter; }
const a = next();
const b = [1, 2, 3];
b.push(4);
const c = b.length;
console.log(a, c, counter);
`;
  // Line 3 changes counter; line 6 reads b, which is not the same on every thread (line 5 changes it).
  // Line 4 may be copied: a copy is made where the original is, and later changes reach each copy by message.
  assert.deepEqual(duplicableLines(code), [4]);
});

test('duplicable: not when a shared constant object holds a method that draws random numbers', () => {
  const code = `const util = { pick() { return Math.random(); } };
function make(n) { const out = []; for (let i = 0; i < n; i++) out.push(util.pick()); return out; }
const data = make(1000);
console.log(data.length);
`;
  assert.deepEqual(duplicableLines(code), []);
});
