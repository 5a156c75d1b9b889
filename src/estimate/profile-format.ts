/**
 * The profile file: what one instrumented run of a script measured.
 *
 * ```json
 * {
 *   "version": 1,
 *   "file": "two-heavy.js",            // basename of the profiled script
 *   "node": "v20.12.0",                 // process.version of the run
 *   "totalMs": 2051.3,                  // from the recorder's start to process exit
 *   "exitCode": 0,                      // optional: how the script ended
 *   "statements": [                     // every top-level statement that ran (imports excepted)
 *     { "line": 31, "ms": 1012.4 },
 *     { "line": 40, "index": 1, "ms": 3.2 }   // index: the 2nd statement starting on line 40
 *   ],
 *   "values": [                         // bindings a statement wrote that a later statement reads
 *     { "line": 31, "name": "integral", "bytes": 9, "cloneable": true },
 *     { "line": 32, "name": "samples", "bytes": 9000011, "cloneable": true, "flat": true },
 *     { "line": 33, "name": "shape", "bytes": 0, "cloneable": false, "reason": "an instance of Shape" }
 *   ]
 * }
 * ```
 *
 * `bytes` is `v8.serialize(value).length` (what a structured clone copies); for an array of more
 * than 8192 elements, scaled up from 2048 of them, one at a random position in each equal stretch
 * (serializing it all would add ~0.5 µs an element to the profiled run). `cloneable` is false when
 * the clone throws or would not be faithful (class instances, accessors, Buffers, Errors…), as far
 * as the sample and a walk of the first 20 000 entries see; the analysis's own judgement of what
 * may cross comes first.
 * `flat` (optional, absent = false) marks flat numeric data — a typed array, an ArrayBuffer, or an
 * Array of ≥1024 numbers (what the runtime may send packed) — which moves far faster than objects.
 * A trace written by a generated script (PARALLELIZE_TRACE=FILE) has the same shape with
 * `"trace": true` and no `values`; the reader accepts both.
 */
import { readFileSync } from 'node:fs';
import { diagnostics } from '../diagnostics.js';

export interface StatementTime {
  /** 1-based source line where the statement starts. */
  line: number;
  /** Which of the statements starting on that line (0 when absent). */
  index?: number;
  ms: number;
}

export interface ValueSize {
  /** Line of the statement after which the value was measured. */
  line: number;
  name: string;
  bytes: number;
  cloneable: boolean;
  /** Why it is not cloneable (only when it is not). */
  reason?: string;
  /** Flat numeric data: a typed array, an ArrayBuffer, or an Array of ≥1024 numbers. */
  flat?: boolean;
}

export interface Profile {
  version: 1;
  trace?: boolean;
  file?: string;
  node?: string;
  totalMs?: number;
  exitCode?: number;
  statements: StatementTime[];
  values?: ValueSize[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isLine = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 1;
const isMs = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x >= 0;

/** Why `data` is not a profile, or null when it is one. */
export function profileProblem(data: unknown): string | null {
  if (!isObject(data)) return 'not a JSON object';
  if (data.version !== 1) return `unsupported version ${JSON.stringify(data.version)} (expected 1)`;
  if (!Array.isArray(data.statements)) return '"statements" must be an array';
  for (const [i, s] of data.statements.entries()) {
    const ok = isObject(s) && isLine(s.line) && isMs(s.ms) && (s.index === undefined || (Number.isInteger(s.index) && (s.index as number) >= 0));
    if (!ok) return `statements[${i}] must be { "line": positive integer, "ms": number ≥ 0 }, got ${JSON.stringify(s)}`;
  }
  if (data.values !== undefined) {
    if (!Array.isArray(data.values)) return '"values" must be an array';
    for (const [i, v] of data.values.entries()) {
      const ok = isObject(v) && isLine(v.line) && typeof v.name === 'string' && isMs(v.bytes) && typeof v.cloneable === 'boolean' &&
        (v.flat === undefined || typeof v.flat === 'boolean');
      if (!ok) return `values[${i}] must be { "line", "name", "bytes", "cloneable", "flat"? }, got ${JSON.stringify(v)}`;
    }
  }
  if (data.totalMs !== undefined && !isMs(data.totalMs)) return '"totalMs" must be a number ≥ 0';
  return null;
}

/** Reads and validates a profile or trace file; a bad file is a ParallelizeError that names the problem. */
export function readProfile(path: string): Profile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw diagnostics.badProfileFile(path, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw diagnostics.badProfileFile(path, `not JSON (${(err as Error).message})`);
  }
  const problem = profileProblem(data);
  if (problem) throw diagnostics.badProfileFile(path, problem);
  return data as Profile;
}

/** Measured time per source line (statements sharing a line added up), in the shape of `times`. */
export function profileTimes(profile: Profile): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of profile.statements) out[s.line] = (out[s.line] ?? 0) + s.ms;
  return out;
}
