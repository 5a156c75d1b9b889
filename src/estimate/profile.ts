/**
 * `parallelize profile INPUT`: run the script once, instrumented, and keep what it measured
 * (the file format is documented in profile-format.ts).
 *
 * What a user waits for is the wall time against a plain `node INPUT`, so the path to the script's
 * first statement is kept short:
 * - node is started first and waits at a file gate (see recorderSource) while this process
 *   prepares the instrumented copy, so node's start-up overlaps the preparation; this module
 *   loads the parser only once node is on its way;
 * - the preparation is a parse (outline.ts: @babel/parser, loaded with `require`) and a syntactic
 *   pass over it (may-write.ts), not the full analysis: @babel/traverse, recast and the dependence
 *   analysis take ~0.4 s to load and more to run, several times node's start-up. The parse gives
 *   statement positions (the analysis's statements, keyed by line and index on the line), the
 *   module kind and syntax errors (the analysis's diagnostic); the syntactic pass chooses the
 *   bindings to measure, so that every value on the analysis's crossing edges is measured;
 * - what is needed after the run (validating the profile, and the CLI's summary through
 *   `whileRunning`) loads while the script runs, and error messages load only on error.
 * What remains over a plain run is mostly node starting twice (this process, then the script's).
 *
 * The instrumented copy is written beside the input under a hidden name, so that relative
 * imports, `require` and the nearest package.json resolve as for the original, and is removed
 * afterwards. The recorder is preloaded with `--require` from a temporary folder. The script's
 * stdout and stderr pass through (or are captured), its arguments are passed on, and it runs in
 * its own folder. What differs from a plain run: `__filename` / `import.meta.url` and stack
 * traces name the hidden copy, and columns on instrumented lines shift; lines do not.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ModuleKind } from '../analyze/parse.js';
import { instrumentForProfile } from './instrument.js';
import type { ScriptOutline } from './outline.js';
import { packageType } from '../analyze/package-type.js';
import type { Profile } from './profile-format.js';
import { recorderSource } from './recorder.js';

export { instrumentForProfile } from './instrument.js';
export type { Profile, StatementTime, ValueSize } from './profile-format.js';

/** profile-format.js (and through it diagnostics.js, @babel/code-frame) only when needed. */
const format = () => import('./profile-format.js');
const diagnostics = async () => (await import('../diagnostics.js')).diagnostics;

export interface ProfileOptions {
  /** Arguments for the script (process.argv.slice(2)). */
  args?: string[];
  /** Capture stdout and stderr instead of passing them through. */
  capture?: boolean;
  /** Environment of the run (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** Called once the script runs: the moment to load what is needed after it, off the wait. */
  whileRunning?: () => void;
}

export interface ProfileRun {
  profile: Profile;
  /** Exit code and signal of the instrumented run. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Only with `capture`. */
  stdout?: string;
  stderr?: string;
}

type Ended = Omit<ProfileRun, 'profile'>;

/** A node process started ahead of its script, waiting at the recorder's gate. */
interface GatedRun {
  hidden: string;
  out: string;
  open(): void;
  abort(): void;
  ended: Promise<Ended>;
}

/**
 * Runs `file` once, instrumented, and returns its profile with how the run ended.
 *
 * Node is started first and waits at the recorder's gate while the script is parsed and the
 * instrumented copy written. The copy's extension (.mjs / .cjs) is chosen before the parse tells
 * the module kind: a cheap guess, and a second start in the rare case the guess was wrong.
 */
export async function runProfileDetailed(file: string, opts: ProfileOptions = {}): Promise<ProfileRun> {
  const path = resolve(file);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw (await diagnostics()).readFailed(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  const temp = mkdtempSync(join(tmpdir(), 'parallelize-profile-'));
  const runs: GatedRun[] = [];
  try {
    let run = startGated(path, guessKind(source, path), temp, opts);
    runs.push(run);
    let outline: ScriptOutline;
    // Loaded once node is on its way: the parser and the syntactic pass.
    const outlining = import('./outline.js');
    try {
      outline = (await outlining).outlineScript(source, { filename: path });
    } catch (err) {
      run.abort();
      await run.ended;
      // The analysis's diagnostic for a syntax error (src/analyze/parse.ts), with its code frame.
      const { OutlineSyntaxError } = await outlining;
      if (err instanceof OutlineSyntaxError) throw (await diagnostics()).syntaxError(err.message, { line: err.loc.line, column: err.loc.column + 1 }, path, source);
      throw err;
    }
    if (!run.hidden.endsWith(extensionOf(outline.kind))) {
      run.abort();
      await run.ended;
      run = startGated(path, outline.kind, temp, opts);
      runs.push(run);
    }
    writeFileSync(run.hidden, instrumentForProfile(outline));
    run.open();
    const checker = format();
    checker.catch(() => {}); // awaited below; a failure there is reported there
    opts.whileRunning?.();
    const ended = await run.ended;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(run.out, 'utf8'));
    } catch {
      throw (await diagnostics()).profileFailed(file, `the run ended (${ended.signal ?? `exit code ${ended.code}`}) without writing a profile`);
    }
    const problem = (await checker).profileProblem(data);
    if (problem) throw (await diagnostics()).profileFailed(file, `the recorder wrote a bad profile: ${problem}`);
    return { ...ended, profile: data as Profile };
  } finally {
    for (const r of runs) rmSync(r.hidden, { force: true });
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Runs `file` once, instrumented, and returns what it measured. */
export async function runProfile(file: string, opts: ProfileOptions = {}): Promise<Profile> {
  return (await runProfileDetailed(file, opts)).profile;
}

const extensionOf = (kind: ModuleKind) => (kind === 'module' ? '.mjs' : '.cjs');

/** Module kind without parsing: the extension, the package type, else a look for import/export. */
function guessKind(source: string, path: string): ModuleKind {
  const ext = extname(path);
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  if (ext === '.js' && packageType(path) === 'module') return 'module';
  return /^\s*(import\s*[\w{*'"]|export\s)/m.test(source) ? 'module' : 'commonjs';
}

function startGated(path: string, kind: ModuleKind, temp: string, opts: ProfileOptions): GatedRun {
  const tag = `${process.pid}-${kind}`;
  const hidden = join(dirname(path), `.${basename(path)}.parallelize-profile-${tag}${extensionOf(kind)}`);
  const out = join(temp, `profile-${tag}.json`);
  const gate = join(temp, `gate-${tag}`);
  const recorder = join(temp, `recorder-${tag}.cjs`);
  writeFileSync(recorder, recorderSource({ out, script: hidden, file: basename(path), gate }));
  const say = (word: string) => {
    // Written whole, then renamed: the waiting recorder never reads half a word.
    writeFileSync(`${gate}.part`, word);
    renameSync(`${gate}.part`, gate);
  };
  const ended = runNode(['--require', recorder, hidden, ...(opts.args ?? [])], dirname(path), opts);
  return { hidden, out, ended, open: () => say('go'), abort: () => say('abort') };
}

function runNode(args: string[], cwd: string, opts: ProfileOptions): Promise<Ended> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd, env: opts.env ?? process.env, stdio: ['inherit', opts.capture ? 'pipe' : 'inherit', opts.capture ? 'pipe' : 'inherit'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code, signal) => done(opts.capture ? { code, signal, stdout, stderr } : { code, signal }));
  });
}
