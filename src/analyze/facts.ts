/**
 * Facts: what one unit of code (a top-level statement or a function body) reads,
 * writes, mutates and which effects it has, before calls into other units are followed.
 */
import type { Effect, ValueKind } from './builtins.js';

/** Pairs of roots, keyed so that each unordered pair is stored once. */
export type Links = Map<string, [Root, Root]>;

/**
 * A top-level binding name, or '#p<i>' (a parameter), '#this' (anything `this` reaches), '#self'
 * (only `this` itself and the containers it owns: see owned-fields.ts), '#unknown' (a value from
 * nowhere we track).
 */
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
  /** Roots whose objects a change to the receiver's own storage changes ('#self'); absent: the receiver's roots. */
  receiverContainer?: Set<Root>;
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
  links: Links;
  /** Indexes of its own parameters that it calls as functions (callbacks). */
  paramCalls: Set<number>;
  /** Compares objects by identity (===, indexOf, Map keys…): copies made separately would differ. */
  identity: boolean;
  /** Roots that get named (non-index) properties: such an array must travel as it is. */
  named: Set<Root>;
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
    links: new Map(),
    paramCalls: new Set(),
    identity: false,
    named: new Set(),
  };
}

export function addMutation(f: Facts, root: Root, kind: SymKind): boolean {
  const prev = f.mutates.get(root);
  const next = prev ? joinSym(prev, kind) : kind;
  if (prev && prev.k === next.k && prev.params.length === next.params.length) return false;
  f.mutates.set(root, next);
  return true;
}

/** Adds every element of `from` to `into`; true when something was new. */
export function addAll<T>(into: Set<T>, from: Iterable<T>): boolean {
  let changed = false;
  for (const x of from) {
    if (!into.has(x)) {
      into.add(x);
      changed = true;
    }
  }
  return changed;
}

/** Folds callee facts into caller facts, mapping the callee's parameters and `this` to the caller's roots. True when `into` grew. */
export function foldCall(into: Facts, callee: Facts, site: CallSite): boolean {
  let changed = addAll(into.reads, callee.reads);
  changed = addAll(into.writes, callee.writes) || changed;
  changed = addAll(into.effects, callee.effects) || changed;
  changed = addAll(into.dynamic, callee.dynamic) || changed;
  if (callee.unknownCall && !into.unknownCall) changed = into.unknownCall = true;
  if (callee.identity && !into.identity) changed = into.identity = true;
  for (const [root, kind] of callee.mutates) {
    const k = substituteKind(kind, site.argKinds);
    for (const target of mapRoot(root, site)) changed = addMutation(into, target, k) || changed;
  }
  // A callback the callee calls: inline functions and named script functions are already counted
  // at the call site; a callback the caller itself received is the caller's parameter call.
  for (const i of callee.paramCalls) {
    const arg = site.argFns?.[i];
    if (arg?.kind === 'param') changed = addAll(into.paramCalls, [arg.index]) || changed;
    else if (arg?.kind !== 'inline' && arg?.kind !== 'fn') {
      if (!into.unknownCall) changed = into.unknownCall = true;
      changed = addAll(into.effects, ['unknown' as const]) || changed;
    }
  }
  for (const r of callee.named) changed = addAll(into.named, mapRoot(r, site)) || changed;
  for (const [a, b] of callee.links.values()) {
    for (const x of mapRoot(a, site)) for (const y of mapRoot(b, site)) if (x !== y) changed = addLink(into, x, y) || changed;
  }
  return changed;
}

export function addLink(f: Facts, a: Root, b: Root): boolean {
  if (a === b) return false;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  if (f.links.has(key)) return false;
  f.links.set(key, [a, b]);
  return true;
}

function mapRoot(root: Root, site: CallSite): Root[] {
  if (root === '#this') return [...site.receiver];
  if (root === '#self') return [...(site.receiverContainer ?? site.receiver)];
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

