// Running a script with node and reducing what it printed to the parts that must match.
import { execFile } from 'node:child_process';

export interface Outcome {
  stdout: string;
  /** Everything the script itself wrote to stderr, i.e. stderr before node's crash report. */
  stderr: string;
  /** The uncaught error's `Name: message` line (or the thrown value's first line), if any. */
  errorLine: string | null;
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  ms: number;
  /** Raw stderr, for reports. */
  rawStderr: string;
}

export interface RunOptions {
  timeoutMs?: number;
  cwd?: string;
}

/** Runs `node file` without inheriting loaders or test-runner state from this process. */
export function runNode(file: string, opts: RunOptions = {}): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const k of ['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'FORCE_COLOR', 'NODE_CHANNEL_FD']) delete env[k];
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [file],
      { cwd: opts.cwd, env, timeout: opts.timeoutMs ?? 20_000, killSignal: 'SIGKILL', maxBuffer: 64 << 20, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const e = err as (NodeJS.ErrnoException & { killed?: boolean; signal?: string; code?: number | string }) | null;
        const timedOut = Boolean(e?.killed);
        const exitCode = e ? (typeof e.code === 'number' ? e.code : null) : 0;
        const { script, errorLine } = splitStderr(stderr, exitCode !== 0);
        resolve({
          stdout,
          stderr: script,
          errorLine,
          exitCode,
          signal: e?.signal ?? null,
          timedOut,
          ms: performance.now() - start,
          rawStderr: stderr,
        });
      },
    );
  });
}

const FRAME_HEADER = /^(?:file:\/\/|\/|[A-Za-z]:\\|node:).*:\d+$/;
const CARET = /^\s*\^+\s*$/;
const ERROR_LINE = /^[A-Za-z_$][\w$]*(: .*)?$/;

/**
 * Splits stderr into what the script wrote and node's crash report. The report is a code frame
 * (`path:line`, source line, caret), then the error's first line, stack frames and `Node.js vX`.
 */
export function splitStderr(stderr: string, crashed: boolean): { script: string; errorLine: string | null } {
  if (!crashed) return { script: stderr, errorLine: null };
  const lines = stderr.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    if (!FRAME_HEADER.test(lines[i])) continue;
    const caret = lines.findIndex((l, j) => j > i && CARET.test(l));
    if (caret < 0 || caret > i + 3) continue;
    let j = caret + 1;
    while (j < lines.length && lines[j].trim() === '') j++;
    return { script: scriptPart(lines, i), errorLine: j < lines.length ? lines[j] : null };
  }
  // No code frame: take the first line that looks like `Name: message` and isn't node's footer.
  const at = lines.findIndex((l) => ERROR_LINE.test(l) && !/^Node\.js v/.test(l));
  if (at < 0) return { script: stderr.replace(/\n*Node\.js v[\d.]+\n*$/, '\n'), errorLine: null };
  return { script: scriptPart(lines, at), errorLine: lines[at] };
}

/** Lines before the crash report; the blank line node sometimes puts before it is not the script's. */
function scriptPart(lines: string[], end: number): string {
  let e = end;
  while (e > 0 && lines[e - 1] === '') e--;
  return lines.slice(0, e).join('\n');
}
