// Generated-program differential testing: the generator, the harness, the shrinker, and 1,000
// random programs through the real transform (set FUZZ_SEED to explore other seeds).
import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, test } from 'node:test';
import { generateProgram } from './fuzz/generate.js';
import { runCase, type TransformFn } from './fuzz/harness.js';
import { splitStderr } from './fuzz/outcome.js';
import { mapPool } from './fuzz/pool.js';
import { formatFailure, fuzzMany } from './fuzz/run-many.js';
import { shrinkCase } from './fuzz/shrink.js';
import { parseProgram, splitProgram } from './fuzz/statements.js';
import { identity, loadTransform } from './fuzz/transform.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const COUNT = Number(process.env.FUZZ_COUNT ?? 1000);
const JOBS = availableParallelism();
const seeds = Array.from({ length: 1000 }, (_, i) => SEED + i);

/** Features every batch of 1000 programs must exercise (each at least a few times). */
const REQUIRED_FEATURES = [
  'commonjs', 'module', 'const', 'let', 'var', 'destructure', 'reassign',
  'push', 'sort', 'splice', 'map-set', 'set-add', 'member-assign', 'nested-member',
  'alias', 'alias-fn', 'alias-hold', 'func-reader', 'func-writer', 'func-recursive', 'func-hoisted',
  'closure-mutable', 'class', 'static', 'instance', 'method-mutate', 'fn-value', 'symbol', 'keyed-store', 'closure-state',
  'log', 'stderr', 'stdout-write', 'heavy', 'times', 'var-hoist', 'try-catch',
  'throw-type', 'throw-range', 'throw-custom', 'throw-heavy', 'throw-two', 'throw-value', 'throw-await', 'throw-timer',
  'exit-code', 'exit', 'await', 'await-async-fn', 'await-sleep', 'promise-binding', 'await-promise-binding',
  'timer', 'timer-mutate', 'microtask', 'import', 'require', 'emitter',
  'shape-independent', 'shape-chain', 'shape-fan', 'shape-mixed',
  'getter', 'eval', 'global-prop', 'proxy', 'fs', 'fs-read', 'cloneable', 'identity-check', 'function-field',
];

describe('generator', () => {
  test('is deterministic per seed and differs between seeds', () => {
    for (const s of seeds.slice(0, 100)) assert.deepEqual(generateProgram(s), generateProgram(s));
    const distinct = new Set(seeds.slice(0, 100).map((s) => generateProgram(s).code));
    assert.ok(distinct.size >= 95, `only ${distinct.size} distinct programs in 100 seeds`);
  });

  test('every program parses, has 3–15 statements before its final prints, and times name statement lines', () => {
    for (const s of seeds) {
      const p = generateProgram(s);
      const ast = parseProgram(p);
      const starts = new Set(ast.program.body.map((n) => String(n.loc!.start.line)));
      for (const line of Object.keys(p.times)) assert.ok(starts.has(line), `seed ${s}: times line ${line} starts no statement`);
      const work = splitProgram(p).stmts.filter((st) => !st.code.startsWith("console.log('end'") && !st.code.startsWith("console.log('early'"));
      // Function declarations that float may add a few beyond the planned count.
      assert.ok(work.length >= 3 && work.length <= 17, `seed ${s}: ${work.length} statements`);
    }
  });

  test('covers every feature across 1000 programs', () => {
    const counts = new Map<string, number>();
    for (const s of seeds) for (const f of generateProgram(s).features) counts.set(f, (counts.get(f) ?? 0) + 1);
    const missing = REQUIRED_FEATURES.filter((f) => (counts.get(f) ?? 0) < 3);
    assert.deepEqual(missing, [], `features seen fewer than 3 times: ${missing.map((f) => `${f}=${counts.get(f) ?? 0}`).join(', ')}`);
  });

  test('programs are deterministic and valid: the identity transform always matches', async () => {
    const results = await mapPool(seeds.slice(0, 30), JOBS, async (s) => ({ s, r: await runCase(generateProgram(s), identity) }));
    for (const { s, r } of results) {
      assert.ok(r.ok, `seed ${s}: ${r.diff}`);
      // Generated errors are deliberate; these would mean a broken generator.
      assert.doesNotMatch(r.original.errorLine ?? '', /^(SyntaxError|ReferenceError)/, `seed ${s}`);
    }
  });
});

describe('harness', () => {
  const plain = { kind: 'commonjs' as const, times: {} };
  const replace = (from: string, to: string): TransformFn => (code) => code.replace(from, to);

  test('catches a transform that changes one printed number', async () => {
    const r = await runCase({ ...plain, code: `const a = 2;\nconst b = a * 21;\nconsole.log('b', b);\n` }, replace('21', '22'));
    assert.equal(r.ok, false);
    assert.equal(r.kind, 'mismatch');
    assert.match(r.diff!, /stdout differs[\s\S]*- b 42[\s\S]*\+ b 44/);
  });

  test('catches a changed printed value in generated programs that reach their final prints', async () => {
    // Adds a number to the last print; every program that gets there must be reported.
    const planted: TransformFn = (code) => {
      const at = code.lastIndexOf("console.log('end', ");
      return at < 0 ? code : `${code.slice(0, at)}console.log('end', 7, ${code.slice(at + "console.log('end', ".length)}`;
    };
    const results = await mapPool(seeds.slice(0, 24), JOBS, async (s) => ({ s, r: await runCase(generateProgram(s), planted) }));
    let reached = 0;
    for (const { s, r } of results) {
      if (!r.original.stdout.includes('end ')) continue;
      reached++;
      assert.equal(r.ok, false, `seed ${s}: planted change not detected`);
    }
    assert.ok(reached >= 8, `only ${reached} programs reached their final prints`);
  });

  test('catches changed error class, exit code, script stderr, and a transform that throws', async () => {
    const err = await runCase({ ...plain, code: `console.log(1);\nthrow new TypeError('x');\n` }, replace('TypeError', 'RangeError'));
    assert.match(err.diff!, /error: original "TypeError: x", transformed "RangeError: x"/);
    const exit = await runCase({ ...plain, code: `process.exitCode = 3;\n` }, replace('3', '4'));
    assert.match(exit.diff!, /exit code: original 3, transformed 4/);
    const stderr = await runCase({ ...plain, code: `console.error('! a');\nthrow new Error('e');\n` }, replace('! a', '! b'));
    assert.match(stderr.diff!, /stderr \(script part\) differs/);
    assert.doesNotMatch(stderr.diff!, /error: original/);
    const thrown = await runCase({ ...plain, code: `1;\n` }, () => {
      throw new SyntaxError('planted');
    });
    assert.equal(thrown.kind, 'transform-error');
    assert.match(thrown.diff!, /SyntaxError: planted/);
  });

  test('reports a transformed program that never ends as a hang', async () => {
    const r = await runCase({ ...plain, code: `console.log(1);\n` }, (c) => `${c}setInterval(() => {}, 1000);\n`, { timeoutMs: 1500 });
    assert.equal(r.kind, 'hang');
  });

  test('ignores stack frames and paths but keeps the error line and thrown values', async () => {
    const a = await runCase({ kind: 'module', times: {}, code: `await Promise.reject(new RangeError('r 1'));\n` }, identity);
    assert.equal(a.original.errorLine, 'RangeError: r 1');
    const b = await runCase({ ...plain, code: `console.error('! x');\nthrow { code: 5 };\n` }, identity);
    assert.equal(b.original.errorLine, '{ code: 5 }');
    assert.equal(b.original.stderr, '! x');
    const frames = splitStderr('/a/b.js:1\nthrow e\n^\n\nXError: m\n    at /a/b.js:1:7\n\nNode.js v20.0.0\n', true);
    assert.deepEqual(frames, { script: '', errorLine: 'XError: m' });
  });
});

describe('shrink', () => {
  test('shrinks a planted push bug to a few statements that still fail', async () => {
    const buggy: TransformFn = (code) => code.replaceAll('.push(', '.unshift(');
    let found;
    for (const s of seeds) {
      const p = generateProgram(s);
      if (!p.code.includes('.push(') || splitProgram(p).stmts.length < 8) continue;
      const r = await runCase(p, buggy);
      if (!r.ok && r.kind === 'mismatch') {
        found = { p, r };
        break;
      }
    }
    assert.ok(found, 'no generated program exposed the planted bug');
    const { program, result } = await shrinkCase(found.p, buggy, found.r);
    const before = splitProgram(found.p).stmts.length;
    const after = splitProgram(program).stmts.length;
    assert.ok(after < before && after <= 5, `shrunk from ${before} to ${after} statements:\n${program.code}`);
    assert.match(program.code, /\.push\(/);
    assert.equal(result.ok, false);
    assert.doesNotMatch(result.original.errorLine ?? '', /ReferenceError/);
  });
});

test(`${COUNT} generated programs behave the same after the transform (seed ${SEED})`, { timeout: 15 * 60_000 }, async () => {
  const transform = await loadTransform();
  if (transform instanceof Error) assert.fail(`the real transform is not available: ${transform.message}`);
  const summary = await fuzzMany({ count: COUNT, seed: SEED, jobs: JOBS, transform, maxShrink: 5 });
  const report = summary.failures.map(formatFailure).join('\n\n');
  assert.equal(summary.failures.length, 0, `fuzz: ${summary.passed} passed, ${summary.failures.length} failed (seed ${SEED})\n${report}`);
});
