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
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { analyze } from '../analyze/index.js';
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

/** Runs `file` once, instrumented, and returns its profile with how the run ended. */
export async function runProfileDetailed(file: string, opts: ProfileOptions = {}): Promise<ProfileRun> {
  const path = resolve(file);
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (err) {
    throw diagnostics.readFailed(file, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  const analysis = analyze(source, { filename: path });
  const ext = analysis.parsed.kind === 'module' ? '.mjs' : '.cjs';
  const hidden = join(dirname(path), `.${basename(path)}.parallelize-profile-${process.pid}${ext}`);
  const temp = mkdtempSync(join(tmpdir(), 'parallelize-profile-'));
  const out = join(temp, 'profile.json');
  const recorder = join(temp, 'recorder.cjs');
  try {
    writeFileSync(recorder, recorderSource({ out, script: hidden, file: basename(path) }));
    writeFileSync(hidden, instrumentForProfile(analysis));
    const run = await runNode([`--require`, recorder, hidden, ...(opts.args ?? [])], dirname(path), opts);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      throw diagnostics.profileFailed(file, `the run ended (${run.signal ?? `exit code ${run.code}`}) without writing a profile`);
    }
    const problem = profileProblem(data);
    if (problem) throw diagnostics.profileFailed(file, `the recorder wrote a bad profile: ${problem}`);
    return { ...run, profile: data as Profile };
  } finally {
    rmSync(hidden, { force: true });
    rmSync(temp, { recursive: true, force: true });
  }
}

/** Runs `file` once, instrumented, and returns what it measured. */
export async function runProfile(file: string, opts: ProfileOptions = {}): Promise<Profile> {
  return (await runProfileDetailed(file, opts)).profile;
}

function runNode(args: string[], cwd: string, opts: ProfileOptions): Promise<Omit<ProfileRun, 'profile'>> {
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
