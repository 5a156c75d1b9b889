/**
 * estimate: a time for every statement and a size for every value that crosses threads.
 * User-given times (by source line) win over a profile, which wins over the static model.
 */
import type { Analysis } from '../analyze/index.js';
import type { Profile } from './profile-format.js';
import { staticCostModel, staticSize, staticallyNumeric } from './static-cost.js';

export type CostSource = 'user' | 'profile' | 'static';

export interface Estimates {
  /** Milliseconds per statement (index = statement id). */
  cost: number[];
  source: CostSource[];
  /** Bytes of a binding's value when it is cloned to another thread. */
  bytes(name: string): number;
  /** Bindings a profile saw whose values do not clone faithfully: their consumers stay on the producer's thread. */
  notCloneable: Set<string>;
  /**
   * Whether a binding's value is flat numeric data (a typed array, an ArrayBuffer, or a number
   * array the runtime packs), which moves at the platform's flatBandwidth. Unknown: false.
   */
  flat(name: string): boolean;
}

/** Maps `times` (line → ms) onto statements: a line inside a statement counts for that statement. */
export function estimate(analysis: Analysis, opts: { times?: Record<string, number>; profile?: Profile } = {}): Estimates {
  const model = staticCostModel(analysis);
  const cost = model.statements;
  const source: CostSource[] = cost.map(() => 'static');
  const containing = (line: number) => analysis.statements.find((st) => st.line <= line && line <= st.endLine);
  // Measured times: the index-th statement starting on the line (statements that share a line).
  // Entries that land on one statement add up (a trace may time the parts of a split print apart).
  const measured = new Map<number, number>();
  for (const { line, index, ms } of opts.profile?.statements ?? []) {
    const s = analysis.statements.filter((st) => st.line === line)[index ?? 0] ?? containing(line);
    if (s) measured.set(s.id, (measured.get(s.id) ?? 0) + ms);
  }
  for (const [id, ms] of measured) {
    cost[id] = ms;
    source[id] = 'profile';
  }
  for (const [lineText, ms] of Object.entries(opts.times ?? {})) {
    const s = containing(Number(lineText));
    if (!s) continue;
    cost[s.id] = ms;
    source[s.id] = 'user';
  }
  // Measured sizes by binding name: the largest value seen is the one to plan for.
  const sizes = new Map<string, number>();
  const notCloneable = new Set<string>();
  // Flat only if every value the profile saw under the name was.
  const flatSeen = new Map<string, boolean>();
  for (const v of opts.profile?.values ?? []) {
    sizes.set(v.name, Math.max(sizes.get(v.name) ?? 0, v.bytes));
    if (!v.cloneable) notCloneable.add(v.name);
    flatSeen.set(v.name, (flatSeen.get(v.name) ?? true) && v.flat === true);
  }
  // The runtime packs only plain data without named properties (src/generate/index.ts, `packable`);
  // anything else is cloned as structured data, whatever it holds.
  const packable = (name: string) => analysis.kinds.get(name)?.k === 'data' && !analysis.named.has(name);
  return {
    cost,
    source,
    bytes: (name) => sizes.get(name) ?? staticSize(analysis, name, model.lengths),
    notCloneable,
    flat: (name) => packable(name) && (flatSeen.get(name) ?? staticallyNumeric(analysis, name)),
  };
}
