/**
 * Every message the tool gives a user: a named code, a factory, and one formatter
 * that shows a code frame. Nothing else in the tree builds user-facing text for errors.
 */
import { codeFrameColumns } from '@babel/code-frame';

export interface Location {
  line: number;
  /** 1-based column. */
  column?: number;
}

/** An error meant for the user: printed as message, code frame and hint, never with our stack. */
export class ParallelizeError extends Error {
  readonly code: string;
  readonly loc?: Location;
  readonly hint?: string;
  readonly filename?: string;
  readonly source?: string;
  constructor(code: string, message: string, opts: { loc?: Location; hint?: string; filename?: string; source?: string } = {}) {
    super(message);
    this.name = 'ParallelizeError';
    this.code = code;
    this.loc = opts.loc;
    this.hint = opts.hint;
    this.filename = opts.filename;
    this.source = opts.source;
  }
}

export const diagnostics = {
  syntaxError: (message: string, loc: Location, filename: string | undefined, source: string) =>
    new ParallelizeError('SYNTAX_ERROR', message.replace(/ \(\d+:\d+\)$/, ''), {
      loc,
      filename,
      source,
      hint: 'The input must be valid JavaScript that node can run.',
    }),
  unknownOption: (name: string, known: string[]) =>
    new ParallelizeError('UNKNOWN_OPTION', `Unknown option "${name}".`, { hint: `Known options: ${known.join(', ')}.` }),
  invalidOption: (name: string, expected: string, got: unknown) =>
    new ParallelizeError('INVALID_OPTION', `Option "${name}" must be ${expected}, got ${JSON.stringify(got)}.`),
  badTimesFile: (file: string, reason: string) =>
    new ParallelizeError('BAD_TIMES', `Cannot use times file ${file}: ${reason}`, {
      hint: 'Expected a JSON object mapping source line numbers to milliseconds, e.g. {"12": 950}.',
    }),
  badProfileFile: (file: string, reason: string) =>
    new ParallelizeError('BAD_PROFILE', `Cannot use profile ${file}: ${reason}`, {
      hint: 'Expected the JSON written by `parallelize profile INPUT` (or a trace: {"version": 1, "statements": [{"line": 12, "ms": 950}]}).',
    }),
  profileFailed: (file: string, reason: string) =>
    new ParallelizeError('PROFILE_FAILED', `Cannot profile ${file}: ${reason}`),
  readFailed: (file: string, reason: string) => new ParallelizeError('READ_FAILED', `Cannot read ${file}: ${reason}`),
  unknownScheduler: (name: string, known: string[]) =>
    new ParallelizeError('UNKNOWN_SCHEDULER', `Unknown scheduler "${name}".`, {
      hint: `Built-in schedulers: ${known.join(', ')}; or give a path to a .js file that exports one.`,
    }),
} as const;

/** Warnings are data; the CLI prints them, the API returns them. */
export const warnings = {
  sequential: (reason: string) => ({ code: 'SEQUENTIAL', message: `Output is sequential: ${reason}` }),
  keptOnMain: (line: number, reason: string) => ({ code: 'KEPT_ON_MAIN', message: `Line ${line} stays on the main thread: ${reason}`, line }),
  unsupportedFormat: (file: string, format: string) => ({
    code: 'UNSUPPORTED_FORMAT',
    message: `${file} is left as it is: its format "${format}" is not a file the worker threads can run again (use "es" or "cjs").`,
  }),
};

/** Formats an error for a terminal: message, code frame, hint. Unknown errors keep their stack. */
export function formatError(err: unknown, opts: { color?: boolean } = {}): string {
  if (!(err instanceof ParallelizeError)) {
    const e = err as Error;
    return `parallelize: internal error: ${e?.stack ?? String(err)}\nPlease report this with the input that caused it.`;
  }
  const where = err.filename ? `${err.filename}${err.loc ? `:${err.loc.line}:${err.loc.column ?? 1}` : ''}: ` : '';
  let out = `${where}${err.message} [${err.code}]`;
  if (err.source !== undefined && err.loc) {
    out += '\n' + codeFrameColumns(err.source, { start: { line: err.loc.line, column: err.loc.column } }, { highlightCode: !!opts.color, forceColor: !!opts.color });
  }
  if (err.hint) out += `\nhint: ${err.hint}`;
  return out;
}
