/**
 * Instrumentation for a profile run: the user's script with a call to the recorder before and
 * after every top-level statement, and after a statement, one call that measures the values it
 * wrote that a later statement reads (the values that would cross threads).
 *
 * Every inserted call goes on the line of the statement it belongs to, so line numbers (in the
 * profile, in stack traces, in `new Error().stack` the script prints) stay the original ones.
 * Each insertion starts with `;`, which ends the statement before exactly where the parser did.
 */
import type { Analysis } from '../analyze/index.js';
import { RECORDER_GLOBAL } from './recorder.js';

const R = `globalThis.${RECORDER_GLOBAL}`;

/** Which statement starting on its line each statement is (0 for the first), keyed by statement id. */
export function indexOnLine(analysis: Analysis): number[] {
  const count = new Map<number, number>();
  return analysis.statements.map((s) => {
    const i = count.get(s.line) ?? 0;
    count.set(s.line, i + 1);
    return i;
  });
}

/** Bindings each statement writes that a later statement reads: the flow edges out of it. */
export function crossingValues(analysis: Analysis): Map<number, string[]> {
  const out = new Map<number, Set<string>>();
  for (const e of analysis.deps.edges) {
    if (e.kind !== 'flow') continue;
    const set = out.get(e.from) ?? new Set<string>();
    for (const v of e.vars) set.add(v);
    out.set(e.from, set);
  }
  return new Map([...out].map(([id, set]) => [id, [...set].sort()]));
}

/**
 * The instrumented source. Values are not measured when the script defines accessors or
 * proxies: reading a binding's value to measure it could then run the user's code.
 */
export function instrumentForProfile(analysis: Analysis): string {
  const code = analysis.parsed.code;
  const index = indexOnLine(analysis);
  const measureValues = analysis.ctx.accessors.length === 0;
  const crossing = measureValues ? crossingValues(analysis) : new Map<number, string[]>();
  const edits: { at: number; text: string }[] = [];
  for (const s of analysis.statements) {
    // Imports are hoisted: they run before any statement, so there is nothing to time between them.
    if (s.kind === 'import') continue;
    edits.push({ at: s.start, text: `;${R}?.b(${s.line},${index[s.id]});` });
    let after = `;${R}?.e();`;
    const names = crossing.get(s.id) ?? [];
    if (names.length > 0) {
      const thunks = names.map((n) => `${JSON.stringify(n)}:()=>${n}`).join(',');
      after += `${R}?.v(${s.line},{${thunks}});`;
    }
    edits.push({ at: s.end, text: after });
  }
  // Apply from the end so earlier offsets stay valid; at one offset, an end goes before a start.
  let out = code;
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => b.at - a.at || b.i - a.i);
  for (const e of ordered) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  return out;
}
