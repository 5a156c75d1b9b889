/**
 * Work sharing: statements that any thread could run equally well are not tied to the thread the
 * plan gave them. Each thread starts with its own share, longest first by the estimates; a thread
 * that finishes its share early takes, at run time, a statement another thread has not started
 * yet, shortest first (so the two meet where the work is evenly split). When the
 * estimates are right the plan runs as planned; when they are off (a static estimate three times
 * too high), the thread that would have waited does the work instead.
 *
 * A statement qualifies only when moving it cannot change what any statement sees:
 * - it declares its values and does nothing else: no effect, await, eval, mutation or write of
 *   another binding, no value that cannot be cloned (a group, a pin, a never-sent value);
 * - everything it reads from other statements is computed by every sharing thread before the
 *   shared statements start (a cheap source copied to each thread);
 * - only the main thread uses what it produces, after its own call to share (so a statement the
 *   main thread takes cannot see a later version of what it reads), and nothing depends on it
 *   but through those values.
 * The main thread starts sharing before its first statement that uses a shared value, even when
 * the plan gave it none (it takes what the workers have not started). A worker shares when it
 * holds a shared statement; the others do not take part.
 */
import * as t from '@babel/types';
import type { Analysis } from '../analyze/index.js';

export interface WorkSharing {
  /** Shared statements, in program order. */
  members: number[];
  /** The same, in the order a thread runs its own share: longest first (helpers take from the end). */
  order: number[];
  /** Threads that share: the main thread, and each worker that holds a member in the plan. */
  threads: number[];
}

/**
 * The statements of a plan (statement ids per thread, program order) that are shared out, or
 * null. `movable`: whether a statement may run on any thread at all (no value that cannot be
 * cloned, measured ones included) and whether what it sends the main thread is cheap next to its
 * own time, as it must be for one the main thread would otherwise run itself.
 */
export function chooseWorkSharing(
  analysis: Analysis,
  threads: number[][],
  movable: (id: number, onMain: boolean) => boolean,
  cost: (id: number) => number,
): WorkSharing | null {
  const { statements, deps } = analysis;
  const holders = new Map<number, number[]>();
  threads.forEach((ids, th) => ids.forEach((id) => holders.set(id, [...(holders.get(id) ?? []), th])));
  const plain = (id: number) => {
    const s = statements[id];
    return (
      holders.get(id)?.length === 1 &&
      t.isVariableDeclaration(s.path.node) &&
      s.effects.length === 0 &&
      !s.awaits &&
      s.dynamic.length === 0 &&
      s.mutates.length === 0 &&
      movable(id, threads[0].includes(id)) &&
      s.writes.every((n) => s.defines.includes(n)) &&
      s.defines.every((n) => !deps.copyOnly.has(n) && !analysis.moduleScoped.has(n)) &&
      s.reads.every((n) => !analysis.moduleScoped.has(n))
    );
  };
  const members = new Set(analysis.tasks.filter(plain));
  const into = new Map<number, number[]>();
  const outOf = new Map<number, number[]>();
  for (const e of deps.edges) {
    into.set(e.to, [...(into.get(e.to) ?? []), e.from]);
    outOf.set(e.from, [...(outOf.get(e.from) ?? []), e.to]);
  }
  // Members that break a rule, given the others.
  const failing = (set: Set<number>): number[] => {
    const sharing = new Set([0, ...[...set].map((id) => holders.get(id)![0])]);
    const first = Math.min(...set);
    return [...set].filter((id) => {
      const inputsEverywhere = (into.get(id) ?? []).every((u) => u < first && [...sharing].every((th) => holders.get(u)?.includes(th)));
      const usedOnMainOnly = (outOf.get(id) ?? []).every((v) => !set.has(v) && holders.get(v)?.length === 1 && holders.get(v)![0] === 0);
      return !inputsEverywhere || !usedOnMainOnly;
    });
  };
  // Removing a member can only relax the rules for the others: remove until nothing breaks one.
  const candidates = [...members];
  for (let out = failing(members); out.length > 0; out = failing(members)) for (const id of out) members.delete(id);
  // A statement removed for the sake of one removed later (`const n = xs.length` used by a member
  // that itself had to go) may fit now: add back, in program order, each one the set can keep.
  for (let added = true; added; ) {
    added = false;
    for (const id of candidates) {
      if (members.has(id)) continue;
      members.add(id);
      if (failing(members).length === 0) added = true;
      else members.delete(id);
    }
  }
  const sharing = [...new Set([0, ...[...members].map((id) => holders.get(id)![0])])].sort((a, b) => a - b);
  // Worth it only when some thread has a second statement another could take.
  const most = Math.max(0, ...sharing.map((th) => threads[th].filter((id) => members.has(id)).length));
  if (sharing.length < 2 || most < 2) return null;
  // The main thread shares before its first member or user of a member; a statement of its own
  // after that point must not hold up a worker (one that sends to another thread): a worker
  // waiting for it could not share meanwhile.
  const at = shareIndex(analysis, threads[0], new Set(members));
  for (const u of threads[0].slice(at)) {
    if (members.has(u)) continue;
    if ((outOf.get(u) ?? []).some((v) => holders.get(v)!.some((th) => !holders.get(u)!.includes(th)))) return null;
  }
  const inProgramOrder = [...members].sort((a, b) => a - b);
  const order = [...inProgramOrder].sort((a, b) => cost(b) - cost(a) || a - b);
  return { members: inProgramOrder, order, threads: sharing };
}

/** Whether a statement reads a value a shared statement produces. */
export function readsShared(analysis: Analysis, id: number, members: Set<number>): boolean {
  return [...(analysis.deps.reaching.get(id) ?? new Map<string, number>()).values()].some((p) => members.has(p));
}

/** Where in a thread's statements (index into `ids`) its call to share goes: before its first member or successor of one. */
export function shareIndex(analysis: Analysis, ids: number[], members: Set<number>): number {
  const usesMember = (id: number) => readsShared(analysis, id, members) || analysis.deps.edges.some((e) => e.to === id && members.has(e.from));
  const at = ids.findIndex((id) => members.has(id) || usesMember(id));
  return at < 0 ? ids.length : at;
}
