/**
 * Facts: what one unit of code (a top-level statement or a function body) reads,
 * writes, mutates and which effects it has, before calls into other units are followed.
 */
import type { Effect, ValueKind } from './builtins.js';

/** A top-level binding name, or '#p<i>' (a parameter), '#this', '#unknown' (a value from nowhere we track). */
export type Root = string;

/** A value kind that may depend on the kinds of the unit's own parameters. */
export interface SymKind {
  k: ValueKind;
  params: number[];
}

export const PRIM: SymKind = { k: 'prim', params: [] };
export const DATA: SymKind = { k: 'data', params: [] };
export const ANY: SymKind = { k: 'any', params: [] };

/** A kind that may hold objects: anything but a primitive that depends on no parameter. */
export const mayShare = (k: SymKind): boolean => k.k !== 'prim' || k.params.length > 0;

export function joinSym(a: SymKind, b: SymKind): SymKind {
  const k = a.k === 'any' || b.k === 'any' ? 'any' : a.k === 'data' || b.k === 'data' ? 'data' : 'prim';
  if (k === 'any') return ANY;
  const params = [...new Set([...a.params, ...b.params])].sort();
  return { k, params };
}

/** What an argument is, when it is a function the callee may call. */
export type ArgFn = { kind: 'inline' } | { kind: 'fn'; name: string } | { kind: 'param'; index: number } | { kind: 'other' };

export interface CallSite {
  /** Name of the unit called: a top-level function binding, or '.method' for all script methods of that name. */
  callee: string;
  args: Set<Root>[];
  /** Per argument, what function it is (absent: treat as other). */
  argFns?: ArgFn[];
  argKinds: SymKind[];
  receiver: Set<Root>;
}

export interface Facts {
  reads: Set<string>;
  writes: Set<string>;
  /** Root → kind of the values stored into it by the mutation (for cloneability). */
  mutates: Map<Root, SymKind>;
  effects: Set<Effect>;
  calls: CallSite[];
  /** Calls something the analysis does not know: may run any escaped function. */
  unknownCall: boolean;
  /** Reasons that make moving the code unsafe whatever the plan (eval, with, top-level this…). */
  dynamic: Set<string>;
  /** Kind of the returned value (functions only). */
  returns: SymKind;
  /** Roots the returned value may alias (functions only). */
  returnRoots: Set<Root>;
  /** The unit evaluates `await` / `yield` at its own level. */
  awaits: boolean;
  /** Pairs of roots that the unit makes share objects (x.f = y, x.push(y)). */
  links: [Root, Root][];
  /** Indexes of its own parameters that it calls as functions (callbacks). */
  paramCalls: Set<number>;
  /** Compares objects by identity (===, indexOf, Map keys…): copies made separately would differ. */
  identity: boolean;
}

export function emptyFacts(): Facts {
  return {
    reads: new Set(),
    writes: new Set(),
    mutates: new Map(),
    effects: new Set(),
    calls: [],
    unknownCall: false,
    dynamic: new Set(),
    returns: PRIM,
    returnRoots: new Set(),
    awaits: false,
    links: [],
    paramCalls: new Set(),
    identity: false,
  };
}

export function addMutation(f: Facts, root: Root, kind: SymKind): void {
  const prev = f.mutates.get(root);
  f.mutates.set(root, prev ? joinSym(prev, kind) : kind);
}

/** Folds callee facts into caller facts, mapping the callee's parameters and `this` to the caller's roots. */
export function foldCall(into: Facts, callee: Facts, site: CallSite): boolean {
  const before = size(into);
  for (const r of callee.reads) into.reads.add(r);
  for (const w of callee.writes) into.writes.add(w);
  for (const e of callee.effects) into.effects.add(e);
  for (const d of callee.dynamic) into.dynamic.add(d);
  if (callee.unknownCall) into.unknownCall = true;
  if (callee.identity) into.identity = true;
  for (const [root, kind] of callee.mutates) {
    const k = substituteKind(kind, site.argKinds);
    for (const target of mapRoot(root, site)) addMutation(into, target, k);
  }
  // A callback the callee calls: inline functions and named script functions are already counted
  // at the call site; a callback the caller itself received is the caller's parameter call.
  for (const i of callee.paramCalls) {
    const arg = site.argFns?.[i];
    if (arg?.kind === 'param') into.paramCalls.add(arg.index);
    else if (arg?.kind !== 'inline' && arg?.kind !== 'fn') {
      into.unknownCall = true;
      into.effects.add('unknown');
    }
  }
  for (const [a, b] of callee.links) {
    for (const x of mapRoot(a, site)) for (const y of mapRoot(b, site)) if (x !== y) addLink(into, x, y);
  }
  return size(into) !== before;
}

export function addLink(f: Facts, a: Root, b: Root): void {
  if (!f.links.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) f.links.push([a, b]);
}

function mapRoot(root: Root, site: CallSite): Root[] {
  if (root === '#this') return [...site.receiver];
  if (root === '#unknown') return [];
  const m = /^#p(\d+)$/.exec(root);
  if (m) {
    const i = Number(m[1]);
    // A rest parameter or `arguments` may reach every later argument.
    return [...(site.args[i] ?? [])];
  }
  return [root];
}

export function substituteKind(kind: SymKind, argKinds: SymKind[]): SymKind {
  let out: SymKind = { k: kind.k, params: [] };
  for (const p of kind.params) out = joinSym(out, argKinds[p] ?? PRIM);
  return out;
}

function size(f: Facts): string {
  return [f.reads.size, f.writes.size, f.effects.size, f.dynamic.size, f.unknownCall, f.identity, f.links.length, f.paramCalls.size, ...[...f.mutates].map(([r, k]) => r + k.k + k.params.join())].join('|');
}
