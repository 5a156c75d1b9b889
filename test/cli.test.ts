/** The command-line contract: exit codes, code frames, stdin/stdout, graph and schedule formats. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { runCli } from '../src/cli/main.js';

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: () => stdin,
    isTTY: false,
    env: {},
  });
  return { code, stdout, stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'parallelize-cli-'));
const script = join(dir, 'two.cjs');
writeFileSync(
  script,
  `function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
const a = work(3e8);
const b = work(3e8);
console.log(a + b);
`,
);

test('a syntax error exits 1 with a code frame and no internal stack', async () => {
  const bad = join(dir, 'bad.js');
  writeFileSync(bad, 'const x = 1;\nconst y = ;\n');
  const r = await cli([bad]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /bad\.js:2:11: Unexpected token/);
  assert.match(r.stderr, /> 2 \| const y = ;/);
  assert.doesNotMatch(r.stderr, /at .*\.ts:\d+/);
});

test('an unknown flag exits 2 and names the flag', async () => {
  const r = await cli(['--frobnicate', script]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--frobnicate/);
});

test('a bad --workers value exits 2', async () => {
  const r = await cli([script, '--workers', 'zero']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--workers must be a positive integer/);
});

test('a missing input file exits 1 with a clear message', async () => {
  const r = await cli([join(dir, 'nope.js')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Cannot read .*nope\.js: no such file/);
});

test('stdin to stdout when no input is given', async () => {
  const r = await cli([], 'console.log("hi");\n');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /kept sequential/);
  assert.match(r.stdout, /console\.log\("hi"\);/);
});

test('-o writes a parallel script for heavy independent statements', async () => {
  const out = join(dir, 'two.out.cjs');
  const r = await cli([script, '-o', out, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const code = readFileSync(out, 'utf8');
  assert.match(code, /^\/\/ Parallelized by parallelize/);
  assert.match(code, /function worker1\(\)/);
});

test('graph --format json has the documented shape', async () => {
  const r = await cli(['graph', script]);
  assert.equal(r.code, 0);
  const g = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(g.statements[0]).slice(0, 7), ['id', 'line', 'endLine', 'defines', 'reads', 'writes', 'mutates']);
  const flow = g.edges.filter((e: { kind: string }) => e.kind === 'flow');
  assert.deepEqual(flow.map((e: { from: number; to: number; vars: string[] }) => [e.from, e.to, e.vars]), [[1, 3, ['a']], [2, 3, ['b']]]);
  assert.ok(g.edges.some((e: { kind: string; to: number }) => e.kind === 'effect' && e.to === 3));
});

test('graph --format dot and mermaid', async () => {
  assert.match((await cli(['graph', script, '--format', 'dot'])).stdout, /^digraph statements \{/);
  assert.match((await cli(['graph', script, '--format', 'mermaid'])).stdout, /^flowchart TD/);
});

test('schedule --format json lists threads, makespan and sequential time', async () => {
  const r = await cli(['schedule', script, '--format', 'json']);
  assert.equal(r.code, 0);
  const s = JSON.parse(r.stdout);
  assert.equal(s.parallel, true);
  assert.ok(s.makespan < s.sequential);
  assert.equal(s.threads.length, 2);
  const lines = s.threads.flatMap((t: { statements: { line: number }[] }) => t.statements.map((x) => x.line)).sort();
  assert.deepEqual(lines, [2, 3, 4]);
});

test('schedule names the shared statements; --no-share keeps every statement where the plan puts it', async () => {
  const three = join(dir, 'three.cjs');
  writeFileSync(three, `function work(n) { let s = 0; for (let i = 0; i < n; i++) s = (s + i) % 7; return s; }
const a = work(10);
const b = work(20);
const c = work(30);
console.log(a, b, c);
`);
  const times = join(dir, 'three-times.json');
  writeFileSync(times, JSON.stringify({ 2: 900, 3: 500, 4: 400 }));
  const shared = await cli(['schedule', three, '--times', times, '--format', 'json']);
  assert.equal(shared.code, 0, shared.stderr);
  assert.deepEqual(JSON.parse(shared.stdout).shared, [2, 3, 4]);
  assert.match((await cli(['schedule', three, '--times', times])).stdout, /^shared out: lines 2, 3, 4 /m);
  const fixed = await cli(['schedule', three, '--times', times, '--format', 'json', '--no-share']);
  assert.equal(JSON.parse(fixed.stdout).shared, undefined);
  assert.match((await cli([three, '--times', times])).stdout, /\.share\(sharedWork\(\), /);
  assert.doesNotMatch((await cli([three, '--times', times, '--no-share'])).stdout, /\.share\(|\.help\(/);
});

test('--version and --help exit 0', async () => {
  assert.equal((await cli(['--version'])).code, 0);
  const help = await cli(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /Usage: parallelize/);
});

test('bin/parallelize.js runs from the built package', () => {
  const r = spawnSync(process.execPath, ['bin/parallelize.js', '--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+/);
});
