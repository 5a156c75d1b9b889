/**
 * Which values travel between which threads: for every statement, the versions of the
 * bindings it reads that another thread produced. One message per producer statement and
 * receiving thread carries every value that thread needs from it, so objects shared between
 * those values arrive still shared.
 */
import type { Analysis } from '../analyze/index.js';

export interface Message {
  producer: number;
  to: number;
  vars: string[];
  /** The first statement on `to` that needs it: the receive goes just before it. */
  firstConsumer: number;
}

export function planMessages(analysis: Analysis, threadOf: Map<number, number>): Message[] {
  const byKey = new Map<string, Message>();
  for (const id of analysis.tasks) {
    const to = threadOf.get(id)!;
    for (const [v, producer] of analysis.deps.reaching.get(id) ?? []) {
      if (threadOf.get(producer) === to) continue;
      const key = `${producer}>${to}`;
      let m = byKey.get(key);
      if (!m) {
        m = { producer, to, vars: [], firstConsumer: id };
        byKey.set(key, m);
      }
      if (!m.vars.includes(v)) m.vars.push(v);
      m.firstConsumer = Math.min(m.firstConsumer, id);
    }
  }
  return [...byKey.values()].sort((a, b) => a.producer - b.producer || a.to - b.to);
}
