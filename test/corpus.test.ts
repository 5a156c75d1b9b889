/**
 * Never a crash on real code: every JavaScript file of this project's own dependencies (a few
 * hundred files of real libraries) transforms into a script that parses again, or is refused
 * with a diagnostic. `npm run corpus -- DIR` runs the same check over any folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { listFiles, runCorpus } from '../bench/corpus.js';

test('every file under node_modules transforms into parseable code or is refused with a diagnostic', async () => {
  const files = listFiles(new URL('../node_modules', import.meta.url).pathname, 300 * 1024);
  assert.ok(files.length > 100, `only ${files.length} files found`);
  const results = await runCorpus(files, { timeoutMs: 60_000 });
  const failures = results.filter((r) => r.outcome === 'crash' || r.outcome === 'unparsable-output' || r.outcome === 'timeout');
  assert.deepEqual(failures.map((f) => `${f.outcome} ${f.file}: ${f.detail}`), []);
  assert.equal(results.length, files.length);
});
