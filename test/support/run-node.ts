/** Runs a script with node and reduces what it did to what "behaves the same" compares. */
import { spawn } from 'node:child_process';

export interface Outcome {
  stdout: string;
  /** stderr written by the script itself, before any uncaught-error report. */
  stderr: string;
  /** `Name: message` (or the thrown value) of an uncaught error, if the script ended with one. */
  errorLine: string | null;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
}

export function runNode(file: string, opts: { cwd?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 30_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, ...splitStderr(stderr), code, signal, timedOut });
    });
  });
}

/**
 * Node prints an uncaught error as: a location line (`file:line`), the source line, a caret (or,
 * for JSON.parse, the text it choked on), a blank line, `Name: message`, the stack, and
 * `Node.js vXX`. What the script wrote itself comes before that block.
 */
export function splitStderr(stderr: string): { stderr: string; errorLine: string | null } {
  const lines = stderr.split('\n');
  const hasReport = lines.some((l) => /^Node\.js v\d+/.test(l));
  if (!hasReport) return { stderr, errorLine: null };
  // An Error: its `Name: message` line is the one just above the first stack frame.
  const frame = lines.findIndex((l, i) => i > 0 && /^    at /.test(l));
  let errorAt = frame > 0 ? frame - 1 : -1;
  if (errorAt < 0) {
    // A thrown non-Error value: the first non-empty line after the caret.
    const caret = lines.findIndex((l) => /^\s*\^+\s*$/.test(l));
    if (caret < 0) return { stderr, errorLine: null };
    errorAt = lines.findIndex((l, i) => i > caret && l.trim() !== '');
  }
  let start = errorAt;
  while (start > 0 && !/\S:\d+$/.test(lines[start])) start--;
  return { stderr: lines.slice(0, start).join('\n'), errorLine: errorAt >= 0 ? lines[errorAt] : null };
}

export function describeDifference(a: Outcome, b: Outcome): string | null {
  const diffs: string[] = [];
  if (b.timedOut) diffs.push('the transformed script timed out (hang)');
  if (a.stdout !== b.stdout) diffs.push(`stdout differs:\n--- original\n${a.stdout}\n--- transformed\n${b.stdout}`);
  if (a.stderr !== b.stderr) diffs.push(`stderr differs:\n--- original\n${a.stderr}\n--- transformed\n${b.stderr}`);
  if (a.errorLine !== b.errorLine) diffs.push(`error differs: ${JSON.stringify(a.errorLine)} vs ${JSON.stringify(b.errorLine)}`);
  if (a.code !== b.code) diffs.push(`exit code differs: ${a.code} vs ${b.code}`);
  return diffs.length ? diffs.join('\n') : null;
}
