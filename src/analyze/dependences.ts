/**
 * Use-definition chains between top-level statements, and the constraints on where
 * statements may run: flow, anti and output dependences on bindings (a mutation is a new
 * version of every binding that may share the object), in-order effects, and groups of
 * statements that must share a thread because a value cannot be cloned or object
 * identity must survive.
 */
import * as t from '@babel/types';
import type { StatementInfo } from './statements.js';
import type { TopKinds } from './walk.js';

export type EdgeKind = 'flow' | 'anti' | 'output' | 'effect';

export interface DepEdge {
  from: number;
  to: number;
  kind: EdgeKind;
  vars: string[];
}

export interface Dependences {
  edges: DepEdge[];
  /** For each statement: binding → the statement whose version it reads. */
  reaching: Map<number, Map<string, number>>;
  /** Statements that must run on the main thread, with the reason. */
  pinned: Map<number, string>;
  /** Statements that must share a thread: statement → group id (the smallest member). */
  group: Map<number, number>;
  groupReasons: Map<number, string>;
  aliasClasses: string[][];
  /** Per statement: every binding it reads or writes, versions included. */
  accessSets: Map<number, { reads: Set<string>; writes: Set<string> }>;
  /**
   * Values that cannot be cloned but whose statement any thread may run again (a Graph built
   * from constants that nothing changes afterwards): a thread that needs one makes its own copy,
   * so its users are not grouped with the statement that makes it. Never sent.
   */
  copyOnly: Set<string>;
}

class UnionFind<T> {
  private parent = new Map<T, T>();
  find(x: T): T {
    let p = this.parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.parent.set(x, p);
    }
    return p;
  }
  union(a: T, b: T): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}

/** Bindings whose values may share objects (not primitives), from the links statements make. */
export function aliasClasses(
  statements: StatementInfo[],
  ids: number[],
  kinds: TopKinds,
  isTracked: (n: string) => boolean,
): { classOf: (n: string) => Set<string>; classes: Set<string>[] } {
  const uf = new UnionFind<string>();
  const nonPrim = (n: string) => isTracked(n) && (kinds.get(n)?.k ?? 'any') !== 'prim';
  for (const id of ids) {
    for (const [a, b] of statements[id].facts.links.values()) if (nonPrim(a) && nonPrim(b)) uf.union(a, b);
  }
  const members = new Map<string, Set<string>>();
  for (const id of ids) {
    const s = statements[id];
    for (const n of [...s.defines, ...s.reads, ...s.writes, ...s.mutates]) {
      if (!isTracked(n)) continue;
      const root = uf.find(n);
      const set = members.get(root) ?? new Set();
      set.add(n);
      members.set(root, set);
    }
  }
  return { classOf: (n) => members.get(uf.find(n)) ?? new Set([n]), classes: [...members.values()] };
}

/**
 * An effect that hands a function over (`setTimeout(() => …)`, `p.then(f)`,
 * `process.on('exit', f)`): the function may run after every statement has.
 */
function registersCallback(s: StatementInfo): boolean {
  if (s.effects.every((e) => e === 'console')) return false;
  let found = false;
  s.path.traverse({
    'CallExpression|NewExpression'(p) {
      const args = (p.node as t.CallExpression).arguments;
      if (args.some((a) => t.isFunction(a) || t.isIdentifier(a) || t.isMemberExpression(a))) {
        found = true;
        p.stop();
      }
    },
  });
  return found;
}

export function effectOrdered(s: StatementInfo): boolean {
  return s.effects.length > 0 || s.awaits;
}

export function buildDependences(
  statements: StatementInfo[],
  tasks: number[],
  staticNames: Set<string>,
  kinds: TopKinds,
  /** Whether a value that cannot be cloned may instead be made again by its producer on each thread. */
  remakeable: (name: string, producer: number) => boolean = () => false,
): Dependences {
  const isTracked = (n: string) => !staticNames.has(n) && !n.startsWith('#');

  const { classOf, classes } = aliasClasses(statements, tasks, kinds, isTracked);

  // Access sets: a mutation reads and writes every binding of the class.
  const accessSets = new Map<number, { reads: Set<string>; writes: Set<string> }>();
  for (const id of tasks) {
    const s = statements[id];
    const reads = new Set(s.reads.filter(isTracked));
    const writes = new Set([...s.defines, ...s.writes].filter(isTracked));
    for (const m of s.mutates.filter(isTracked)) {
      for (const n of classOf(m)) {
        reads.add(n);
        writes.add(n);
      }
    }
    accessSets.set(id, { reads, writes });
  }

  const edges: DepEdge[] = [];
  const edgeMap = new Map<string, DepEdge>();
  const addEdge = (from: number, to: number, kind: EdgeKind, v?: string) => {
    const key = `${from}>${to}>${kind}`;
    let e = edgeMap.get(key);
    if (!e) {
      e = { from, to, kind, vars: [] };
      edgeMap.set(key, e);
      edges.push(e);
    }
    if (v && !e.vars.includes(v)) e.vars.push(v);
  };

  // Flow, anti and output dependences from last writers and readers since.
  const reaching = new Map<number, Map<string, number>>();
  const lastWriter = new Map<string, number>();
  const readersSince = new Map<string, number[]>();
  for (const id of tasks) {
    const { reads, writes } = accessSets.get(id)!;
    const r = new Map<string, number>();
    for (const v of reads) {
      const w = lastWriter.get(v);
      if (w !== undefined) {
        addEdge(w, id, 'flow', v);
        r.set(v, w);
      }
    }
    reaching.set(id, r);
    for (const v of writes) {
      for (const reader of readersSince.get(v) ?? []) if (reader !== id) addEdge(reader, id, 'anti', v);
      const w = lastWriter.get(v);
      if (w !== undefined && w !== id) addEdge(w, id, 'output', v);
    }
    for (const v of reads) {
      const list = readersSince.get(v) ?? [];
      list.push(id);
      readersSince.set(v, list);
    }
    for (const v of writes) {
      lastWriter.set(v, id);
      readersSince.set(v, []);
    }
  }

  // Effects commit in program order: an effect waits for everything before it.
  const pinned = new Map<number, string>();
  let prevEffect = -1;
  let since: number[] = [];
  for (const id of tasks) {
    const s = statements[id];
    if (effectOrdered(s)) {
      pinned.set(id, s.awaits ? 'awaits' : `has effects (${s.effects.join(', ')})`);
      if (prevEffect >= 0) addEdge(prevEffect, id, 'effect');
      for (const i of since) addEdge(i, id, 'effect');
      prevEffect = id;
      since = [];
    } else since.push(id);
  }

  // A callback registered to run after the script's statements (a timer, `.then`, an exit handler)
  // reads the main thread's bindings then: every later change to what it may read happens there.
  for (const reg of tasks) {
    if (!registersCallback(statements[reg])) continue;
    const late = new Set([...accessSets.get(reg)!.reads]);
    for (const id of tasks) {
      if (id <= reg || pinned.has(id)) continue;
      const changed = [...accessSets.get(id)!.writes].find((n) => late.has(n));
      if (changed) pinned.set(id, `changes \`${changed}\`, which a callback registered on line ${statements[reg].line} may read after the last statement`);
    }
  }

  // Groups: values that cannot be cloned stay with their producer; shared objects stay together.
  const groups = new UnionFind<number>();
  const groupReasons = new Map<number, string>();
  const copyOnly = new Set<string>();
  for (const id of tasks) {
    for (const [v, producer] of reaching.get(id)!) {
      if ((kinds.get(v)?.k ?? 'any') === 'any') {
        if (remakeable(v, producer)) {
          copyOnly.add(v);
          continue;
        }
        groups.union(producer, id);
        groupReasons.set(id, `uses \`${v}\`, which cannot be copied to another thread`);
      }
    }
  }
  const multi = classes.filter((c) => c.size > 1).map((c) => [...c].sort());
  for (const cls of multi) {
    const members = new Set(cls);
    const touching = tasks.filter((id) => {
      const { reads, writes } = accessSets.get(id)!;
      return [...reads, ...writes].some((n) => members.has(n));
    });
    const mutators = touching.filter((id) => statements[id].mutates.some((m) => members.has(m)));
    const lastMutation = mutators.length ? Math.max(...mutators) : -1;
    for (const id of touching) {
      if (id <= lastMutation) {
        groups.union(touching[0], id);
        groupReasons.set(id, `changes objects shared by ${cls.join(', ')}`);
      } else if (statements[id].facts.identity) {
        // Comparing objects from two bindings that share them: they must arrive in one message.
        const producers = new Set([...reaching.get(id)!].filter(([v]) => members.has(v)).map(([, p]) => p));
        if (producers.size > 1) {
          for (const p of producers) groups.union(p, id);
          groupReasons.set(id, `compares or combines objects shared by ${cls.join(', ')}`);
        }
      }
    }
  }
  const group = new Map<number, number>();
  const minOf = new Map<number, number>();
  for (const id of tasks) {
    const r = groups.find(id);
    minOf.set(r, Math.min(minOf.get(r) ?? id, id));
  }
  for (const id of tasks) {
    const g = minOf.get(groups.find(id))!;
    if (tasks.some((o) => o !== id && groups.find(o) === groups.find(id))) group.set(id, g);
  }

  edges.sort((a, b) => a.from - b.from || a.to - b.to || a.kind.localeCompare(b.kind));
  return { edges, reaching, pinned, group, groupReasons, aliasClasses: multi, accessSets, copyOnly };
}
