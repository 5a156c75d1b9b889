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
