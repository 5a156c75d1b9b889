/** The stored machine model: where it lives, round trip, defaults, and that transform plans with it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlatform, platformFile, readStoredPlatform, savePlatform } from '../../src/estimate/platform.js';
import { defaultPlatform } from '../../src/schedule/script.js';
import { transform } from '../../src/transform.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'parallelize-platform-'));
const defaults = {
  latency: defaultPlatform.latency,
  bandwidth: defaultPlatform.bandwidth,
  flatBandwidth: defaultPlatform.flatBandwidth,
  startup: defaultPlatform.startup,
};

test('the cache folder: PARALLELIZE_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache', () => {
  assert.equal(platformFile({ PARALLELIZE_CACHE_DIR: '/x', XDG_CACHE_HOME: '/y' }), join('/x', 'platform.json'));
  assert.equal(platformFile({ XDG_CACHE_HOME: '/y' }), join('/y', 'parallelize', 'platform.json'));
  assert.equal(platformFile({}), join(homedir(), '.cache', 'parallelize', 'platform.json'));
});

test('save then load returns the measurement; absent or broken files give the defaults', () => {
  const env = { PARALLELIZE_CACHE_DIR: join(fresh(), 'nested') };
  assert.deepEqual(loadPlatform(env), defaults);
  const stored = { latency: 0.02, bandwidth: 123_456, startup: 31, measuredAt: new Date(0).toISOString(), node: process.version, cpus: 4 };
  const file = savePlatform(stored, env);
  assert.equal(file, platformFile(env));
  assert.deepEqual(readStoredPlatform(env), stored);
  // Written before flatBandwidth existed: its one rate (then the smaller of flat and objects) serves for both.
  assert.deepEqual(loadPlatform(env), { latency: 0.02, bandwidth: 123_456, flatBandwidth: 123_456, startup: 31 });
  writeFileSync(file, '{ not json');
  assert.deepEqual(loadPlatform(env), defaults);
  writeFileSync(file, JSON.stringify({ ...stored, bandwidth: -1 }));
  assert.deepEqual(loadPlatform(env), defaults);
});

test('without a file, both rates come from the defaults', () => {
  assert.ok(defaultPlatform.flatBandwidth! > 0);
  assert.deepEqual(loadPlatform({ PARALLELIZE_CACHE_DIR: fresh() }), defaults);
});

test('a file with flatBandwidth round-trips; a bad flatBandwidth makes the file unusable', () => {
  const env = { PARALLELIZE_CACHE_DIR: fresh() };
  const stored = { latency: 0.01, bandwidth: 35_000, flatBandwidth: 270_000, startup: 25, measuredAt: new Date(0).toISOString(), node: process.version, cpus: 2 };
  const file = savePlatform(stored, env);
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), stored);
  assert.deepEqual(readStoredPlatform(env), stored);
  assert.deepEqual(loadPlatform(env), { latency: 0.01, bandwidth: 35_000, flatBandwidth: 270_000, startup: 25 });
  for (const bad of [0, -5, 'fast', null]) {
    writeFileSync(file, JSON.stringify({ ...stored, flatBandwidth: bad }));
    assert.equal(readStoredPlatform(env), null, String(bad));
    assert.deepEqual(loadPlatform(env), defaults);
  }
});

test('transform plans with the stored platform, under options.platform', () => {
  const dir = fresh();
  process.env.PARALLELIZE_CACHE_DIR = dir;
  const source = `function work(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; }
const a = work(3e8);
const b = work(3e8);
console.log(a + b);
`;
  const options = { filename: 'w.cjs', workers: 2 };
  assert.equal(transform(source, options).sequentialReason, undefined);
  // A machine where a worker takes a minute to start: nothing is worth moving.
  savePlatform({ latency: 0.05, bandwidth: 400_000, startup: 60_000, measuredAt: '', node: process.version, cpus: 2 }, { PARALLELIZE_CACHE_DIR: dir });
  assert.notEqual(transform(source, options).sequentialReason, undefined);
  assert.equal(transform(source, { ...options, platform: { startup: 40 } }).sequentialReason, undefined);
  delete process.env.PARALLELIZE_CACHE_DIR;
});
