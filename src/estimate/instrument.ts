/**
 * Instrumentation for a profile run: the user's script with a call to the recorder before and
 * after every top-level statement, and after a statement, one call that measures the bindings
 * whose values may cross threads from there.
 *
 * `parallelize profile` instruments from a parse alone (outline.ts): statement positions from
 * @babel/parser, and the values to measure from a syntactic over-approximation of what each
 * statement writes or changes and a later statement reads (may-write.ts). That keeps the
 * analysis (@babel/traverse, recast, the dependence analysis), which takes longer to load than
 * the script takes to start, off the path between `parallelize profile` and the script's first
 * statement. Given a full Analysis instead, the values are exactly its flow edges.
 *
 * Statements are keyed by (line, index on the line), the analysis's statement order, so a profile
 * maps onto the analysis's statements (src/estimate/index.ts) whichever way it was made. Every
 * inserted call goes on the line of the statement it belongs to, so line numbers (in the profile,
 * in stack traces, in `new Error().stack` the script prints) stay the original ones. Each
 * insertion starts with `;`, which ends the statement before exactly where the parser did.
 */
import type { Analysis } from '../analyze/index.js';
import type { ScriptOutline } from './outline.js';
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

interface Site {
  line: number;
  index: number;
  start: number;
  end: number;
  import: boolean;
  /** Bindings to measure after the statement. */
  values: string[];
}

function sitesOfAnalysis(analysis: Analysis): Site[] {
  const index = indexOnLine(analysis);
  // With accessors or proxies, reading a binding's value to measure it could run the user's code.
  const crossing = analysis.ctx.accessors.length === 0 ? crossingValues(analysis) : new Map<number, string[]>();
  return analysis.statements.map((s) => ({ line: s.line, index: index[s.id], start: s.start, end: s.end, import: s.kind === 'import', values: crossing.get(s.id) ?? [] }));
}

function sitesOfOutline(outline: ScriptOutline): Site[] {
  return outline.statements.map((s, i) => ({ ...s, values: outline.values.get(i) ?? [] }));
}

/** The instrumented source, from a parse (what `parallelize profile` uses) or from a full analysis. */
export function instrumentForProfile(input: ScriptOutline | Analysis): string {
  const code = 'parsed' in input ? input.parsed.code : input.code;
  const sites = 'parsed' in input ? sitesOfAnalysis(input) : sitesOfOutline(input);
  const edits: { at: number; text: string }[] = [];
  for (const s of sites) {
    // Imports are hoisted: they run before any statement, so there is nothing to time between them.
    if (s.import) continue;
    edits.push({ at: s.start, text: `;${R}?.b(${s.line},${s.index});` });
    let after = `;${R}?.e();`;
    // Each value read where it is, in a try (one not initialised yet throws: nothing crosses). Not
    // in a closure: a closure over a top-level `let` makes the binding a context slot, and a loop
    // that adds to it four times slower (165 ms → 685 ms for 50 million additions).
    for (const n of s.values) after += `try{${R}?.v(${s.line},${JSON.stringify(n)},${n})}catch{}`;
    edits.push({ at: s.end, text: after });
  }
  // Apply from the end so earlier offsets stay valid; at one offset, an end goes before a start.
  // Pieces joined once: a script with thousands of statements is not copied once per insertion.
  const ordered = edits.map((e, i) => ({ ...e, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  const parts: string[] = [];
  let from = 0;
  for (const e of ordered) {
    parts.push(code.slice(from, e.at), e.text);
    from = e.at;
  }
  parts.push(code.slice(from));
  return parts.join('');
}
