/**
 * Which values travel between which threads: for every statement, the versions of the
 * bindings it reads that another thread produced (and this thread does not compute again). One message per producer statement and
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

/** `threadOf`: where each statement runs (the first thread for a copied one); `runsOn`: whether a thread computes it (copies included). */
export function planMessages(analysis: Analysis, threadOf: Map<number, number>, runsOn: (statement: number, thread: number) => boolean): Message[] {
  const byKey = new Map<string, Message>();
  for (const id of analysis.tasks) {
    const to = threadOf.get(id)!;
    for (const [v, producer] of analysis.deps.reaching.get(id) ?? []) {
      // Produced on this thread, or computed here again (a copy): nothing to receive.
      if (runsOn(producer, to)) continue;
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
