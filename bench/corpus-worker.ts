/** One corpus file at a time: transform it and parse the output again. */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { parse } from '@babel/parser';
import { performance } from 'node:perf_hooks';
import { transform, ParallelizeError } from '../src/index.js';

parentPort!.on('message', (file: string) => {
  const start = performance.now();
  const reply = (outcome: string, detail?: string) => parentPort!.postMessage({ file, outcome, detail, ms: performance.now() - start });
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch (err) {
    reply('refused', `unreadable: ${(err as Error).message}`);
    return;
  }
  let out: string;
  let parallel: boolean;
  try {
    const r = transform(code, { filename: file });
    out = r.code;
    parallel = r.sequentialReason === undefined;
  } catch (err) {
    if (err instanceof ParallelizeError) reply('refused', `${err.code}: ${err.message.split('\n')[0].slice(0, 80)}`);
    else reply('crash', (err as Error).stack?.split('\n').slice(0, 4).join(' | '));
    return;
  }
  try {
    const esm = /\bimport\b[\s\S]*from|^\s*export\b|\bimport\.meta\b/m.test(out) || file.endsWith('.mjs');
    parse(out, { sourceType: esm ? 'module' : 'script', allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true, errorRecovery: false });
    reply(parallel ? 'parallel' : 'sequential');
  } catch (err) {
    // The sequential output is the input itself: if that does not parse as a script, try as a module.
    try {
      parse(out, { sourceType: 'unambiguous', allowReturnOutsideFunction: true, allowAwaitOutsideFunction: true });
      reply(parallel ? 'parallel' : 'sequential');
    } catch {
      reply('unparsable-output', (err as Error).message);
    }
  }
});
