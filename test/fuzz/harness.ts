// Differential check: run a program as written and as transformed, compare what an observer sees.
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runNode, type Outcome } from './outcome.js';
import { fileExtension, type Program } from './program.js';

export type { Outcome } from './outcome.js';

export interface TransformOptions {
  filename: string;
  times: Record<string, number>;
}

/** A transform under test; may return the code or an object holding it, sync or async. */
export type TransformFn = (
  code: string,
  options: TransformOptions,
) => string | { code: string } | Promise<string | { code: string }>;

export type FailureKind = 'transform-error' | 'hang' | 'mismatch';

export interface CaseResult {
  ok: boolean;
  kind?: FailureKind;
  diff?: string;
  original: Outcome;
  transformed?: Outcome;
  transformedCode?: string;
}

export interface CaseOptions {
  timeoutMs?: number;
  /** Keep the temp dir (for debugging); its path is added to the diff. */
  keep?: boolean;
}

export async function runCase(program: Program, transformFn: TransformFn, opts: CaseOptions = {}): Promise<CaseResult> {
  const dir = await mkdtemp(join(tmpdir(), 'pfuzz-'));
  try {
    const file = `input${fileExtension(program.kind)}`;
    // Same file name in sibling folders: paths the script may see differ only in the folder.
    const [origDir, outDir] = [join(dir, 'original'), join(dir, 'transformed')];
    await Promise.all([mkdir(origDir), mkdir(outDir)]);
    await writeFile(join(origDir, file), program.code);
    const originalRun = runNode(join(origDir, file), { cwd: origDir, timeoutMs: opts.timeoutMs });

    let code: string;
    try {
      // An absolute path: a transform may look for the nearest package.json from it, and this
      // process's working directory (with its own package.json) must not leak into the result.
      const result = await transformFn(program.code, { filename: join(outDir, file), times: { ...program.times } });
      code = typeof result === 'string' ? result : result.code;
    } catch (err) {
      const original = await originalRun;
      const msg = err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);
      return { ok: false, kind: 'transform-error', diff: `transform threw: ${msg}`, original };
    }
    await writeFile(join(outDir, file), code);
    const [original, transformed] = await Promise.all([originalRun, runNode(join(outDir, file), { cwd: outDir, timeoutMs: opts.timeoutMs })]);
    const [origFiles, outFiles] = await Promise.all([snapshot(origDir, file), snapshot(outDir, file)]);
    const problems = compare(original, transformed);
    if (origFiles !== outFiles) problems.push(`files in the working directory differ:\n${lineDiff(origFiles, outFiles)}`);
    if (problems.length === 0) return { ok: true, original, transformed, transformedCode: code };
    const kind: FailureKind = transformed.timedOut && !original.timedOut ? 'hang' : 'mismatch';
    const diff = problems.join('\n') + (opts.keep ? `\n(files kept in ${dir})` : '');
    return { ok: false, kind, diff, original, transformed, transformedCode: code };
  } finally {
    if (!opts.keep) await rm(dir, { recursive: true, force: true });
  }
}

/** Differences an observer would notice, one message each (empty when the runs agree). */
export function compare(a: Outcome, b: Outcome): string[] {
  const out: string[] = [];
  if (a.timedOut !== b.timedOut) out.push(b.timedOut ? `hang: transformed program timed out after ${Math.round(b.ms)} ms` : 'original timed out, transformed did not');
  if (a.exitCode !== b.exitCode || a.signal !== b.signal) out.push(`exit code: original ${a.exitCode}${a.signal ? ` (${a.signal})` : ''}, transformed ${b.exitCode}${b.signal ? ` (${b.signal})` : ''}`);
  if (a.errorLine !== b.errorLine) out.push(`error: original ${JSON.stringify(a.errorLine)}, transformed ${JSON.stringify(b.errorLine)}`);
  if (a.stdout !== b.stdout) out.push(`stdout differs:\n${lineDiff(a.stdout, b.stdout)}`);
  if (a.stderr !== b.stderr) out.push(`stderr (script part) differs:\n${lineDiff(a.stderr, b.stderr)}`);
  if (out.length && b.errorLine !== a.errorLine && b.rawStderr) out.push(`transformed stderr:\n${indent(b.rawStderr.slice(0, 2000))}`);
  return out;
}

/** First differing line with a little context; enough to see what went wrong. */
export function lineDiff(a: string, b: string, context = 3): string {
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  const from = Math.max(0, i - context);
  const lines: string[] = [];
  for (let k = from; k < i; k++) lines.push(`  ${la[k]}`);
  for (let k = i; k < Math.min(la.length, i + context + 1); k++) lines.push(`- ${la[k]}`);
  for (let k = i; k < Math.min(lb.length, i + context + 1); k++) lines.push(`+ ${lb[k]}`);
  return `  @ line ${i + 1} (original ${la.length} lines, transformed ${lb.length} lines)\n${lines.join('\n')}`;
}

/** Files the script left in its working directory (besides itself), as comparable text. */
async function snapshot(dir: string, self: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile() && !(e.name === self && e.parentPath === dir));
  const parts = await Promise.all(
    files.map(async (e) => {
      const full = join(e.parentPath, e.name);
      return `${full.slice(dir.length + 1)}: ${JSON.stringify((await readFile(full, 'utf8')).slice(0, 4000))}`;
    }),
  );
  return parts.sort().join('\n');
}

function indent(s: string): string {
  return s.replace(/^/gm, '    ');
}
