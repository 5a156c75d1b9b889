/**
 * estimate: a time for every statement and a size for every value that crosses threads.
 * User-given times (by source line) win over the static model.
 */
import type { Analysis } from '../analyze/index.js';
import { staticCosts, staticSize } from './static-cost.js';

export type CostSource = 'user' | 'static';

export interface Estimates {
  /** Milliseconds per statement (index = statement id). */
  cost: number[];
  source: CostSource[];
  /** Bytes of a binding's value when it is cloned to another thread. */
  bytes(name: string): number;
}

/** Maps `times` (line → ms) onto statements: a line inside a statement counts for that statement. */
export function estimate(analysis: Analysis, opts: { times?: Record<string, number> } = {}): Estimates {
  const cost = staticCosts(analysis);
  const source: CostSource[] = cost.map(() => 'static');
  for (const [lineText, ms] of Object.entries(opts.times ?? {})) {
    const line = Number(lineText);
    const s = analysis.statements.find((st) => st.line <= line && line <= st.endLine);
    if (!s) continue;
    cost[s.id] = ms;
    source[s.id] = 'user';
  }
  return { cost, source, bytes: (name) => staticSize(analysis, name) };
}
