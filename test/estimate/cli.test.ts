/** `parallelize profile`, `parallelize calibrate` and `--profile`: files written and exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main.js';

const dir = mkdtempSync(join(tmpdir(), 'parallelize-profile-cli-'));
const cacheDir = join(dir, 'cache');
process.env.PARALLELIZE_CACHE_DIR = cacheDir; // transform() reads the platform from here

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: () => '',
    isTTY: false,
    env: { PARALLELIZE_CACHE_DIR: cacheDir },
  });
  return { code, stdout, stderr };
}

// Silent, so that the run's passed-through output does not mix with the test report.
const script = join(dir, 'quiet.cjs');
writeFileSync(script, `function spin(ms) { const end = Date.now() + ms; let n = 0; while (Date.now() < end) n++; return n; }
const a = spin(30);
const b = spin(30);
if (a + b < 0) console.log(a, b);
`);

test('profile writes INPUT.profile.json by default and summarises heavy lines on stderr', async () => {
  const r = await cli(['profile', script]);
  assert.equal(r.code, 0, r.stderr);
  const profile = JSON.parse(readFileSync(`${script}.profile.json`, 'utf8'));
  assert.equal(profile.version, 1);
  assert.equal(profile.file, 'quiet.cjs');
  assert.match(r.stderr, /profile of quiet\.cjs written to/);
  assert.match(r.stderr, /^\s+2\s+\d+\.\d ms/m);
  assert.match(r.stderr, /crossing values:\n\s+2\s+a\s+\d+ B/);
});

test('profile -o, then --profile on the main command, schedule and plot', async () => {
  const out = join(dir, 'p.json');
  assert.equal((await cli(['profile', script, '-o', out])).code, 0);
  assert.ok(existsSync(out));
  const main = await cli([script, '--profile', out, '--workers', '2']);
  assert.equal(main.code, 0, main.stderr);
  const schedule = await cli(['schedule', script, '--profile', out, '--format', 'json']);
  assert.equal(schedule.code, 0, schedule.stderr);
  assert.equal((await cli(['plot', script, '--profile', out])).code, 0);
});

test('a bad profile file exits 1 with a clear message; unknown flags still exit 2', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ version: 1, statements: [{ line: 0, ms: 3 }] }));
  for (const args of [[script, '--profile', bad], ['schedule', script, '--profile', bad], ['plot', script, '--profile', join(dir, 'none.json')]]) {
    const r = await cli(args);
    assert.equal(r.code, 1, args.join(' '));
    assert.match(r.stderr, /Cannot use profile .*(statements\[0\]|no such file).*\[BAD_PROFILE\]/);
  }
  assert.equal((await cli(['profile', script, '--frobnicate'])).code, 2);
  assert.equal((await cli(['calibrate', '--frobnicate'])).code, 2);
  assert.equal((await cli(['profile', join(dir, 'missing.js')])).code, 1);
});

test('calibrate measures and stores the platform in the cache folder', async () => {
  const r = await cli(['calibrate']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /worker start-up/);
  assert.match(r.stdout, new RegExp(`stored in ${join(cacheDir, 'platform.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  const stored = JSON.parse(readFileSync(join(cacheDir, 'platform.json'), 'utf8'));
  for (const k of ['latency', 'bandwidth', 'startup', 'cpus']) assert.ok(stored[k] > 0, k);
  assert.equal(stored.node, process.version);
});

test('profile passes the script its own arguments; a bad command line exits 2 and never runs the script', async () => {
  const { readdirSync, rmSync } = await import('node:fs');
  const argsScript = join(dir, 'args.cjs');
  const seen = join(dir, 'args.txt');
  writeFileSync(argsScript, `require('node:fs').writeFileSync(${JSON.stringify(seen)}, JSON.stringify(process.argv.slice(2)));\nconst n = 1;\nif (n < 0) console.log(n);\n`);
  // Options before the input, the script's own arguments after it and after --.
  const r = await cli(['profile', '-o', join(dir, 'args.json'), argsScript, 'one', '--', '--two', '-o']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(readFileSync(seen, 'utf8')), ['one', '--two', '-o']);
  assert.ok(existsSync(join(dir, 'args.json')));
  // Commander rejects this line: exit 2, the script never runs, no hidden copy is left.
  rmSync(seen);
  const bad = await cli(['profile', argsScript, '-o']);
  assert.equal(bad.code, 2, bad.stderr);
  assert.equal(existsSync(seen), false);
  assert.deepEqual(readdirSync(dir).filter((f) => f.includes('parallelize-profile')), []);
});
