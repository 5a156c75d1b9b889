/** `parallelize profile`: the instrumented run behaves like the plain one and measures plausibly. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode, splitStderr } from '../support/run-node.js';
import { analyze } from '../../src/analyze/index.js';
import { instrumentForProfile } from '../../src/estimate/instrument.js';
import { runProfileDetailed, type Profile } from '../../src/estimate/profile.js';
import { profileProblem } from '../../src/estimate/profile-format.js';

const dir = mkdtempSync(join(tmpdir(), 'parallelize-profile-'));

function script(name: string, code: string): string {
  const file = join(dir, name);
  writeFileSync(file, code);
  return file;
}

/** Runs the plain script and the profiled one; they must print, fail and exit alike. */
async function sameBehaviour(file: string): Promise<Profile> {
  const plain = await runNode(file, { cwd: dir });
  const run = await runProfileDetailed(file, { capture: true });
  assert.equal(run.stdout, plain.stdout);
  const profiled = splitStderr(run.stderr!);
  assert.equal(profiled.stderr, plain.stderr);
  assert.equal(profiled.errorLine, plain.errorLine);
  assert.equal(run.code, plain.code);
  return run.profile;
}

const busy = `function busy(ms) { const end = performance.now() + ms; let n = 0; while (performance.now() < end) n++; return n; }\n`;

test('a script that throws: same output, same error, exit 1, and a profile up to the error', async () => {
  const file = script('throws.cjs', `${busy}console.log('before');
const n = busy(5)
if (n > 0) throw new TypeError('boom ' + (n > 0));
console.log('never');
`);
  const profile = await sameBehaviour(file);
  assert.equal(profile.exitCode, 1);
  assert.deepEqual(profile.statements.map((s) => s.line), [1, 2, 3, 4]);
});

test('a script that calls process.exit: same output and code; the exiting statement is timed', async () => {
  const file = script('exits.cjs', `process.stdout.write('partial ');
console.error('to stderr');
if (true) { console.log('bye'); process.exit(3); }
console.log('never');
`);
  const profile = await sameBehaviour(file);
  assert.equal(profile.exitCode, 3);
  assert.ok(profile.statements.some((s) => s.line === 3));
});

test('line numbers stay the original ones, statements sharing a line are told apart', async () => {
  const file = script('lines.cjs', `'use strict'
const a = 1; const b = a + 1
const where = new Error('here').stack.split('\\n')[1].match(/:(\\d+):\\d+\\)?$/)[1]
console.log(where, a, b)
`);
  const instrumented = instrumentForProfile(analyze(`'use strict'\nconst a = 1; const b = a + 1\nconsole.log(b)\n`));
  assert.equal(instrumented.split('\n').length, 4);
  assert.match(instrumented, /^'use strict'\n/);
  const profile = await sameBehaviour(file);
  assert.deepEqual(profile.statements.filter((s) => s.line === 2).map((s) => s.index ?? 0), [0, 1]);
});

test('an ES module with imports and top-level await runs the same', async () => {
  const file = script('esm.mjs', `import { join } from 'node:path';
const joined = await Promise.resolve(join('a', 'b'));
console.log(joined, typeof require);
`);
  const profile = await sameBehaviour(file);
  assert.deepEqual(profile.statements.map((s) => s.line), [2, 3]);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('parallelize-profile')), [], 'the hidden copy is removed');
});

test('times and sizes are plausible; functions and class instances are not cloneable', async () => {
  const file = script('measure.cjs', `${busy}class Point { constructor(x) { this.x = x; } }
function adder(k) { return (x) => x + k; }
const spun = busy(50);
const floats = new Float64Array(1e5);
floats.fill(spun > 0 ? 0.5 : 1);
const add = adder(2);
const point = new Point(3);
const plain = { list: [1, 2, 3], when: new Date(0), tags: new Set(['a']) };
plain.list.push(spun > 0 ? 4 : 5);
console.log(floats[0], add(1), point.x, plain.list.length);
`);
  const profile = await sameBehaviour(file);
  const spin = profile.statements.find((s) => s.line === 4)!;
  assert.ok(spin.ms >= 25 && spin.ms <= 100, `busy(50) measured ${spin.ms} ms`);
  const value = (name: string) => profile.values!.find((v) => v.name === name)!;
  const floats = profile.values!.filter((v) => v.name === 'floats');
  assert.ok(floats.length > 0, 'floats crosses');
  for (const f of floats) assert.ok(f.bytes > 790_000 && f.bytes < 820_000, `Float64Array(1e5) is ${f.bytes} bytes`);
  assert.equal(value('add').cloneable, false);
  assert.match(value('add').reason!, /cannot be cloned/);
  assert.equal(value('point').cloneable, false);
  assert.match(value('point').reason!, /instance of Point/);
  assert.equal(value('plain').cloneable, true);
  assert.ok(profile.totalMs! >= spin.ms);
});

test('flat numeric values are marked flat: typed arrays, buffers and long arrays of numbers only', async () => {
  const file = script('flat.cjs', `const nums = Array.from({ length: 5000 }, (_, i) => i * 0.5);
const typed = new Float32Array(2048);
const buffer = new ArrayBuffer(64);
const objects = Array.from({ length: 5000 }, (_, i) => ({ i }));
const short = nums.slice(0, 3);
const mixed = Array.from({ length: 5000 }, (_, i) => (i === 4000 ? 'x' : i));
const holes = new Array(nums.length);
console.log(nums.length, typed.length, buffer.byteLength, objects.length, short.length, mixed.length, holes.length);
`);
  const profile = await sameBehaviour(file);
  const flat = (name: string) => {
    const v = profile.values!.find((x) => x.name === name);
    assert.ok(v, `${name} crosses`);
    return v.flat;
  };
  assert.equal(flat('nums'), true);
  assert.equal(flat('typed'), true);
  assert.equal(flat('buffer'), true);
  for (const name of ['objects', 'short', 'mixed', 'holes']) assert.equal(flat(name), undefined, name);
  assert.equal(profileProblem(profile), null);
});

test('values are not measured when the script defines accessors', () => {
  const code = instrumentForProfile(analyze(`const o = { get x() { return 1; } };\nconst y = o.x + 1;\nconsole.log(y);\n`));
  assert.doesNotMatch(code, /\?\.v\(/);
  assert.match(code, /\?\.b\(2,0\)/);
});

test('a wrong guess of the module kind starts node again; a syntax error runs nothing', async () => {
  const file = script('guess.js', "const text = `\nimport nothing from 'here'`;\nconsole.log(text.trim(), typeof require);\n");
  await sameBehaviour(file);
  const bad = script('bad.cjs', "console.log('must not run');\nconst = 1;\n");
  await assert.rejects(runProfileDetailed(bad, { capture: true }), /Unexpected token|SYNTAX/);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('parallelize-profile')), []);
});

// ── The fast path: `parallelize profile` instruments from a parse (outline.ts, may-write.ts).

test('fast path: a value changed by a method call is measured after that statement; a value only read is not measured again', async () => {
  const { outlineScript } = await import('../../src/estimate/outline.js');
  const code = `const arr = [1, 2];
const total = arr.reduce((a, b) => a + b, 0);
arr.push(total);
console.log(arr.map((x) => x * 2).join(), total, arr.length);
`;
  const file = script('fast-push.cjs', code);
  const outline = outlineScript(code, { filename: file });
  const at = (line: number) => outline.values.get(outline.statements.findIndex((s) => s.line === line)) ?? [];
  assert.deepEqual([at(1), at(2), at(3), at(4)], [['arr'], ['total'], ['arr'], []]);
  assert.match(instrumentForProfile(outline), /;globalThis\.__parallelizeProfileRecorder\$\?\.e\(\);try\{globalThis\.__parallelizeProfileRecorder\$\?\.v\(3,"arr",arr\)\}catch\{\}/);
  const profile = await sameBehaviour(file);
  assert.deepEqual(profile.values!.map((v) => `${v.line}:${v.name}`), ['1:arr', '2:total', '3:arr']);
  assert.ok(profile.values![2].bytes > profile.values![0].bytes, 'measured again after the push, larger');
});

test('fast path: functions are followed: one that fills its argument changes it, one that only reads it does not', async () => {
  const { outlineScript } = await import('../../src/estimate/outline.js');
  const code = `function fill(xs, n) { for (let i = 0; i < n; i++) xs.push({ i }); }
function sum(xs) { let s = 0; for (const x of xs) s += x.i; return s; }
function sortedCopy(xs) { const c = xs.slice(); c.sort((a, b) => b.i - a.i); return c; }
const log = [];
function note(x) { log.push(x); }
const data = [];
fill(data, 1000);
const total = sum(data);
const top = sortedCopy(data)[0];
note(total);
console.log(total, top.i, data.length, log.length);
`;
  const outline = outlineScript(code, { filename: join(dir, 'fast-functions.cjs') });
  const byLine = Object.fromEntries([...outline.values].map(([i, names]) => [outline.statements[i].line, names]));
  assert.deepEqual(byLine, { 4: ['log'], 6: ['data'], 7: ['data'], 8: ['total'], 9: ['top'], 10: ['log'] });
});

test('fast path: no value is measured when the script defines getters, setters or proxies, or uses eval', async () => {
  const { outlineScript } = await import('../../src/estimate/outline.js');
  const tail = `const y = o.x + 1;\nconsole.log(y);\n`;
  for (const head of [
    `const o = { get x() { return 1; } };`,
    `class C { set v(x) {} }\nconst o = { x: 1 };`,
    `const o = {};\nObject.defineProperty(o, 'x', { value: 1 });`,
    `const o = {};\nReflect.defineProperty(o, 'x', { value: 1 });`,
    `const o = {};\no.__defineGetter__('x', () => 1);`,
    `const o = new Proxy({}, {});`,
    `const o = { x: eval('1') };`,
  ]) {
    const outline = outlineScript(`${head}\n${tail}`);
    assert.equal(outline.values.size, 0, head);
    assert.ok(outline.noValues, head);
    const code = instrumentForProfile(outline);
    assert.doesNotMatch(code, /\?\.v\(/, head);
    assert.match(code, /\?\.b\(1,0\)/, head);
  }
});

test('fast path: an ES module (package type, imports, top-level await, exports) profiles with its values', async () => {
  const { outlineScript } = await import('../../src/estimate/outline.js');
  const { mkdirSync } = await import('node:fs');
  const pkg = join(dir, 'esm-package');
  mkdirSync(pkg, { recursive: true });
  writeFileSync(join(pkg, 'package.json'), '{ "type": "module" }\n');
  const code = `import { join } from 'node:path';
const parts = await Promise.resolve(['a', 'b']);
parts.push(join('c', 'd'));
export const joined = parts.join('/');
console.log(joined, typeof require);
`;
  const file = join(pkg, 'main.js');
  writeFileSync(file, code);
  const outline = outlineScript(code, { filename: file });
  assert.equal(outline.kind, 'module');
  assert.equal(outlineScript(code.replace(/^export /m, ''), { filename: join(dir, 'no-package.js') }).kind, 'module', 'import syntax decides without a package type');
  assert.equal(outlineScript('const x = "import";\nconsole.log(x);\n', { filename: join(dir, 'script.js') }).kind, 'commonjs');
  const profile = await sameBehaviour(file);
  assert.deepEqual(profile.statements.map((s) => s.line), [2, 3, 4, 5]);
  assert.deepEqual(profile.values!.map((v) => `${v.line}:${v.name}`), ['2:parts', '3:parts', '4:joined']);
  assert.deepEqual(readdirSync(pkg).filter((f) => f.includes('parallelize-profile')), [], 'the hidden copy is removed');
});

test('fast path: statements are keyed as the analysis keys them, and its crossing values are all measured', async () => {
  const { outlineScript } = await import('../../src/estimate/outline.js');
  const { crossingValues, indexOnLine } = await import('../../src/estimate/instrument.js');
  const { readFileSync } = await import('node:fs');
  const bench = ['two-heavy', 'diamond', 'source-analyses', 'two-hash-chains'].map((n) => join(import.meta.dirname, '../../bench/scripts', `${n}.js`));
  const inline = script('keys.cjs', `'use strict'; const a = [1]; const b = a.length
function f(x) { return x * 2 } const c = f(b); a.push(c);
if (c > 1) { var d = [c]; } const e = { d, c }; console.log(e, a)
`);
  for (const file of [...bench, inline]) {
    const source = readFileSync(file, 'utf8');
    const analysis = analyze(source, { filename: file });
    const outline = outlineScript(source, { filename: file });
    const index = indexOnLine(analysis);
    assert.deepEqual(
      outline.statements.map((s) => [s.line, s.index, s.start, s.end]),
      analysis.statements.map((s) => [s.line, index[s.id], s.start, s.end]),
      file,
    );
    for (const [id, names] of crossingValues(analysis)) {
      for (const name of names) assert.ok(outline.values.get(id)?.includes(name), `${file}: ${name} after line ${analysis.statements[id].line}`);
    }
  }
});

test('fast path: a syntax error gives the analysis\'s diagnostic, code frame included', async () => {
  const { formatError } = await import('../../src/diagnostics.js');
  for (const [name, code] of [['syntax.cjs', "const ok = 1;\nconst = 2;\n"], ['syntax.mjs', "import x from 'y';\nlet let = 1;\n"], ['syntax-return.mjs', 'const a = 1;\nreturn a;\n']]) {
    const file = script(name, code);
    let expected: unknown;
    try {
      analyze(code, { filename: file });
    } catch (err) {
      expected = err;
    }
    assert.ok(expected, `${name} does not parse`);
    const got = await runProfileDetailed(file, { capture: true }).then(() => undefined, (err: unknown) => err);
    assert.equal(formatError(got), formatError(expected), name);
  }
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('parallelize-profile')), []);
});

test('a profile from the fast path plans a split print as a profile keyed by the analysis does', async () => {
  const { transform } = await import('../../src/transform.js');
  const { crossingValues } = await import('../../src/estimate/instrument.js');
  const code = `${busy}const a = busy(150);
const b = busy(150);
console.log(busy(150) > 0, a > 0, b > 0);
`;
  const file = script('split.cjs', code);
  const fast = await sameBehaviour(file);
  // The same measurements, restricted to the analysis's crossing values: what the analysis-made instrumentation measures.
  const analysis = analyze(code, { filename: file });
  const crossing = new Set([...crossingValues(analysis)].flatMap(([id, names]) => names.map((n) => `${analysis.statements[id].line}:${n}`)));
  const exact: Profile = { ...fast, values: fast.values!.filter((v) => crossing.has(`${v.line}:${v.name}`)) };
  const plan = (profile: Profile) => {
    const result = transform(code, { filename: file, profile, workers: 2 });
    return { result, threads: result.schedule?.threads.map((slots) => slots.map((s) => result.statementLines[s.task])) };
  };
  const withFast = plan(fast);
  const withExact = plan(exact);
  assert.deepEqual(withFast.threads, withExact.threads);
  // The print was split (two statements on line 4), and the measured time of line 4 landed on the heavy part.
  const line4 = withFast.result.taskGraph.tasks.filter((t) => t.label?.startsWith('L4 '));
  assert.equal(line4.length, 2, JSON.stringify(withFast.result.taskGraph.tasks.map((t) => t.label)));
  assert.match(line4[0].label ?? '', /^L4 const line4Value = busy\(150\)/);
  const measured = fast.statements.filter((s) => s.line === 4).reduce((sum, s) => sum + s.ms, 0);
  assert.equal(line4[0].cost, measured);
  assert.ok(measured >= 100, `busy(150) measured ${measured} ms`);
});

test('a long array of records is sized from a sample, close to its whole clone', async () => {
  const make = `const rows = [];
for (let i = 0; i < 60000; i++) rows.push({ id: i, name: 'row' + i, tags: i % 3 ? ['a'] : [], score: i / 7 });
`;
  const file = script('records.cjs', `${make}console.log(rows.filter((r) => r.tags.length).length);
`);
  const profile = await sameBehaviour(file);
  // Measured after `const rows = []` (empty) and after the loop that fills it.
  const rows = profile.values!.filter((v) => v.name === 'rows').sort((a, b) => b.bytes - a.bytes)[0];
  const { serialize } = await import('node:v8');
  const whole = serialize(new Function(`${make}return rows;`)()).length;
  assert.ok(Math.abs(rows.bytes - whole) / whole < 0.01, `sampled ${rows.bytes} bytes, whole clone ${whole}`);
  assert.equal(rows.cloneable, true);
});

test('a long sparse array is not sized from a sample', async () => {
  const file = script('sparse.cjs', `const far = [];
far[1000000] = 1;
console.log(far.length);
`);
  const profile = await sameBehaviour(file);
  const far = profile.values!.filter((v) => v.name === 'far').sort((a, b) => b.bytes - a.bytes)[0];
  assert.ok(far.bytes < 100, `one element of a sparse array is ${far.bytes} bytes`);
});
