/**
 * `parallelize profile INPUT`: run the script once, instrumented, and keep what it measured
 * (the file format is documented in profile-format.ts).
 *
 * The instrumented copy is written beside the input under a hidden name, so that relative
 * imports, `require` and the nearest package.json resolve as for the original, and is removed
 * afterwards. The recorder is preloaded with `--require` from a temporary folder. The script's
 * stdout and stderr pass through (or are captured), its arguments are passed on, and it runs in
 * its own folder. What differs from a plain run: `__filename` / `import.meta.url` and stack
 * traces name the hidden copy, and columns on instrumented lines shift; lines do not.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { ModuleKind } from '../analyze/parse.js';
import { diagnostics } from '../diagnostics.js';
import { instrumentForProfile } from './instrument.js';
import { profileProblem, type Profile } from './profile-format.js';
import { recorderSource } from './recorder.js';

export { instrumentForProfile } from './instrument.js';
export { readProfile, profileProblem, type Profile, type StatementTime, type ValueSize } from './profile-format.js';

export interface ProfileOptions {
  /** Arguments for the script (process.argv.slice(2)). */
  args?: string[];
  /** Capture stdout and stderr instead of passing them through. */
  capture?: boolean;
  /** Environment of the run (default: this process's). */
  env?: NodeJS.ProcessEnv;
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
 * Loading the analysis takes longer than the short run-up of node, so node is started first and
 * waits (see recorderSource's gate) while the analysis writes the instrumented copy. The copy's
 * extension (.mjs / .cjs) must be chosen before the analysis knows the module kind: a cheap
 * guess, and a second start in the rare case the guess was wrong.
 */
export async function runProfileDetailed(file: string, opts: ProfileOptions = {}): Promise<ProfileRun> {
  const path = resolve(file);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw diagnostics.readFailed(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  const temp = mkdtempSync(join(tmpdir(), 'parallelize-profile-'));
  const runs: GatedRun[] = [];
  try {
    let run = startGated(path, guessKind(source, path), temp, opts);
    runs.push(run);
    let analysis;
    try {
      const { analyze } = await import('../analyze/index.js');
      analysis = analyze(source, { filename: path });
    } catch (err) {
      run.abort();
      await run.ended;
      throw err;
    }
    if (!run.hidden.endsWith(extensionOf(analysis.parsed.kind))) {
      run.abort();
      await run.ended;
      run = startGated(path, analysis.parsed.kind, temp, opts);
      runs.push(run);
    }
    writeFileSync(run.hidden, instrumentForProfile(analysis));
    run.open();
    const ended = await run.ended;
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(run.out, 'utf8'));
    } catch {
      throw diagnostics.profileFailed(file, `the run ended (${ended.signal ?? `exit code ${ended.code}`}) without writing a profile`);
    }
    const problem = profileProblem(data);
    if (problem) throw diagnostics.profileFailed(file, `the recorder wrote a bad profile: ${problem}`);
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
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if (JSON.parse(readFileSync(pkg, 'utf8')).type === 'module') return 'module';
      } catch {
        /* the analysis decides */
      }
      break;
    }
    if (dirname(dir) === dir) break;
  }
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
