/**
 * Every folder under fixtures/<area>/<case>/ is a test: the transform's output and graph are
 * compared with the committed expectations (OVERWRITE=1 rewrites them), and the output is run
 * beside the input: stdout, stderr, the uncaught error line and the exit code must match.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform, ParallelizeError } from '../src/index.js';
import { describeDifference, runNode } from './support/run-node.js';

const root = new URL('../fixtures/', import.meta.url).pathname;
// Plan with the default platform, not one a `parallelize calibrate` on this machine stored.
process.env.PARALLELIZE_CACHE_DIR = mkdtempSync(join(tmpdir(), 'parallelize-cache-'));
const overwrite = !!process.env.OVERWRITE;

interface Case {
  name: string;
  dir: string;
  input: string;
  ext: '.js' | '.mjs';
  options: { times?: Record<string, number>; workers?: number; throws?: string; parallel?: boolean };
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const area of readdirSync(root, { withFileTypes: true })) {
    if (!area.isDirectory()) continue;
    for (const c of readdirSync(join(root, area.name), { withFileTypes: true })) {
      if (!c.isDirectory()) continue;
      const dir = join(root, area.name, c.name);
      const ext = existsSync(join(dir, 'input.mjs')) ? '.mjs' : '.js';
      if (!existsSync(join(dir, `input${ext}`))) continue;
      const optionsFile = join(dir, 'options.json');
      const options = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
      out.push({ name: `${area.name}/${c.name}`, dir, input: join(dir, `input${ext}`), ext, options });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

function expectFile(file: string, actual: string): void {
  if (overwrite || !existsSync(file)) {
    writeFileSync(file, actual);
    return;
  }
  assert.equal(actual, readFileSync(file, 'utf8'), `${file} is out of date (run with OVERWRITE=1 after checking the change)`);
}

const all = cases();

test('there are at least 40 fixture cases', () => {
  assert.ok(all.length >= 40, `only ${all.length} fixtures`);
});

describe('fixtures', { concurrency: 4 }, () => {
  for (const c of all) {
    test(c.name, async () => {
      const code = readFileSync(c.input, 'utf8');
      const { throws, parallel, ...options } = c.options;
      if (throws !== undefined) {
        const strip = (m: string) => m.replace(/ \(\d+:\d+\)\.?$/, '').replace(/\.$/, '');
        assert.throws(
          () => transform(code, { filename: c.input, ...options }),
          (err: unknown) => err instanceof ParallelizeError && strip(err.message) === strip(throws) && err.loc !== undefined,
        );
        return;
      }
      const result = transform(code, { filename: c.input, ...options });
      expectFile(join(c.dir, `output${c.ext}`), result.code);
      expectFile(join(c.dir, 'graph.json'), JSON.stringify(result.graph, null, 2) + '\n');
      if (parallel !== undefined) assert.equal(result.sequentialReason === undefined, parallel, result.sequentialReason);
      // Run what the transform produced now (not the committed file), beside the input.
      const actualFile = join(c.dir, `.actual-${process.pid}${c.ext}`);
      writeFileSync(actualFile, result.code);
      try {
        // One after the other: both may use the same temporary files.
        const original = await runNode(c.input, { cwd: c.dir });
        const transformed = await runNode(actualFile, { cwd: c.dir });
        const diff = describeDifference(original, transformed);
        assert.equal(diff, null, diff ?? '');
      } finally {
        rmSync(actualFile, { force: true });
      }
    });
  }
});
