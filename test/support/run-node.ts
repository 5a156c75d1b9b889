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

/** Node prints an uncaught error as `location`, source line, caret, blank, `Name: message`, stack. */
export function splitStderr(stderr: string): { stderr: string; errorLine: string | null } {
  const lines = stderr.split('\n');
  for (let caret = 2; caret < lines.length; caret++) {
    if (!/^\s*\^+\s*$/.test(lines[caret])) continue;
    const location = caret - 2;
    if (!/\S:\d+$/.test(lines[location])) continue;
    const rest = lines.slice(caret + 1).filter((l) => l.trim() !== '');
    return { stderr: lines.slice(0, location).join('\n'), errorLine: rest[0] ?? null };
  }
  return { stderr, errorLine: null };
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
