/**
 * Facts: what one unit of code (a top-level statement or a function body) reads,
 * writes, mutates and which effects it has, before calls into other units are followed.
 */
import type * as t from '@babel/types';
import type { Effect, ValueKind } from './builtins.js';

/** Pairs of roots, keyed so that each unordered pair is stored once. */
export type Links = Map<string, [Root, Root]>;

/**
 * A top-level binding name, or '#p<i>' (a parameter), '#p<i>+' (a rest parameter or `arguments`:
 * argument i and every later one), '#this' (anything `this` reaches), '#self'
 * (only `this` itself and the containers it owns: see owned-fields.ts), '#unknown' (a value from
 * nowhere we track).
 */
export type Root = string;

/** A value kind that may depend on the kinds of the unit's own parameters. */
export interface SymKind {
  k: ValueKind;
  params: number[];
  /** Also the kind of an element of these parameters (`arr[i]` of a parameter `arr`). */
  elems?: number[];
  /**
   * With k 'data': every element of the value itself is a primitive (a top-level array literal
   * of strings that nothing stores an object into: see kinds.ts). Its elements share nothing.
   */
  flat?: true;
}

export const PRIM: SymKind = { k: 'prim', params: [] };
export const DATA: SymKind = { k: 'data', params: [] };
export const ANY: SymKind = { k: 'any', params: [] };

/** A kind that may hold objects: anything but a primitive that depends on no parameter. */
export const mayShare = (k: SymKind): boolean => k.k !== 'prim' || k.params.length > 0 || (k.elems?.length ?? 0) > 0;

/** The kind's own part holds no object below its top: a primitive, or a flat container. */
const flatBase = (k: SymKind): boolean => k.k === 'prim' || (k.k === 'data' && k.flat === true);

export function joinSym(a: SymKind, b: SymKind): SymKind {
  const k = a.k === 'any' || b.k === 'any' ? 'any' : a.k === 'data' || b.k === 'data' ? 'data' : 'prim';
  if (k === 'any') return ANY;
  const params = [...new Set([...a.params, ...b.params])].sort();
  const out: SymKind = { k, params };
  if (a.elems?.length || b.elems?.length) out.elems = [...new Set([...(a.elems ?? []), ...(b.elems ?? [])])].sort();
  if (k === 'data' && flatBase(a) && flatBase(b)) out.flat = true;
  return out;
}

/** Kind of an element of a value of kind k, for a flat container: a primitive. */
export const flatElement = (k: SymKind): boolean => k.k === 'data' && k.flat === true && k.params.length === 0 && !k.elems?.length;

/** Same kind, as the fixpoints compare them. */
export const sameSym = (a: SymKind, b: SymKind): boolean =>
  a.k === b.k && a.params.length === b.params.length && (a.elems?.length ?? 0) === (b.elems?.length ?? 0) && a.flat === b.flat;

/** What an argument is, when it is a function the callee may call. */
export type ArgFn =
  /** A function literal written in the argument, walked with the caller (`fns`: its node). */
  | { kind: 'inline'; fns: t.Node[] }
  /** A script function, or a factory's closures (`fns`, and what the factory was given: `captured`), counted at the call site. */
  | { kind: 'fn'; name: string; fns: t.Node[]; captured?: ArgFn[] }
  | { kind: 'param'; index: number }
  | { kind: 'absent' }
  | { kind: 'other' };

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
  /**
   * Its own parameters that it calls as functions (callbacks), by index, with the roots of what it
   * passes them: the caller, who knows the function, decides whether those change (foldCall).
   */
  paramCalls: Map<number, Set<Root>>;
  /** Compares objects by identity (===, indexOf, Map keys…): copies made separately would differ. */
  identity: boolean;
  /** Roots that get named (non-index) properties: such an array must travel as it is. */
  named: Set<Root>;
  /** Roots of the objects compared by identity (`x === KEY`, `m.get(KEY)`): see replicate.ts. */
  compared: Set<Root>;
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
    paramCalls: new Map(),
    identity: false,
    named: new Set(),
    compared: new Set(),
  };
}

export function addMutation(f: Facts, root: Root, kind: SymKind): boolean {
  const prev = f.mutates.get(root);
  const next = prev ? joinSym(prev, kind) : kind;
  if (prev && sameSym(prev, next)) return false;
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
/**
 * Whether a function may change what it is given (its resolved facts change or link a parameter,
 * or it calls one); absent, every function may.
 */
export type ChangesParams = (fn: t.Node, captured?: ArgFn[]) => boolean;

export function foldCall(into: Facts, callee: Facts, site: CallSite, changesParams?: ChangesParams): boolean {
  let changed = addAll(into.reads, callee.reads);
  changed = addAll(into.writes, callee.writes) || changed;
  changed = addAll(into.effects, callee.effects) || changed;
  changed = addAll(into.dynamic, callee.dynamic) || changed;
  if (callee.unknownCall && !into.unknownCall) changed = into.unknownCall = true;
  if (callee.identity && !into.identity) changed = into.identity = true;
  for (const [root, kind] of callee.mutates) {
    const k = substituteKind(kind, site.argKinds);
    for (const target of changeableRoots(root, site)) changed = addMutation(into, target, k) || changed;
  }
  // A callback the callee calls: inline functions and named script functions are already counted
  // at the call site, and change what they are given only if they may change their parameters; a
  // callback the caller itself received is the caller's parameter call; nothing given, nothing runs.
  for (const [i, passed] of callee.paramCalls) {
    const arg = site.argFns?.[i];
    const roots = [...passed].flatMap((r) => mapRoot(r, site));
    if (arg?.kind === 'param') changed = addParamCall(into, arg.index, roots) || changed;
    else if (arg?.kind === 'absent') continue;
    else if (arg?.kind === 'inline' || arg?.kind === 'fn') {
      const captured = arg.kind === 'fn' ? arg.captured : undefined;
      if (!changesParams || arg.fns.some((fn) => changesParams(fn, captured))) for (const r of roots) changed = addMutation(into, r, ANY) || changed;
    } else {
      if (!into.unknownCall) changed = into.unknownCall = true;
      changed = addAll(into.effects, ['unknown' as const]) || changed;
      for (const r of roots) changed = addMutation(into, r, ANY) || changed;
    }
  }
  for (const r of callee.named) changed = addAll(into.named, mapRoot(r, site)) || changed;
  for (const r of callee.compared) changed = addAll(into.compared, mapRoot(r, site)) || changed;
  for (const [a, b] of callee.links.values()) {
    for (const x of mapRoot(a, site)) for (const y of mapRoot(b, site)) if (x !== y) changed = addLink(into, x, y) || changed;
  }
  return changed;
}

/** Records a call of parameter `index` given values of these roots; true when something was new. */
export function addParamCall(f: Facts, index: number, roots: Iterable<Root>): boolean {
  let passed = f.paramCalls.get(index);
  const fresh = !passed;
  if (!passed) f.paramCalls.set(index, (passed = new Set()));
  return addAll(passed, roots) || fresh;
}

/**
 * What a unit's parameter calls change when nobody knows the functions (it is run from unknown code,
 * or it is a statement): everything they are given.
 */
export function settleParamCalls(f: Facts): void {
  for (const passed of f.paramCalls.values()) for (const r of passed) addMutation(f, r, ANY);
}

/** A function's key by its position: the callee of a call site of a function with no name. */
export const nodeKey = (node: t.Node): string => `@${node.start}:${node.end}`;

/** Every function node an argument may stand for, with those its factory was given. */
export function argFunctions(a: ArgFn | undefined): t.Node[] {
  if (!a || (a.kind !== 'inline' && a.kind !== 'fn')) return [];
  return [...a.fns, ...(a.kind === 'fn' ? (a.captured ?? []).flatMap(argFunctions) : [])];
}

/** A root that stands for one of the unit's own parameters (not a factory's: see closureArgs). */
export function ownParamRoot(r: Root, slots: number): boolean {
  const m = /^#p(\d+)\+?$/.exec(r);
  return !!m && Number(m[1]) < slots;
}

export function addLink(f: Facts, a: Root, b: Root): boolean {
  if (a === b) return false;
  const key = a < b ? `${a}|${b}` : `${b}|${a}`;
  if (f.links.has(key)) return false;
  f.links.set(key, [a, b]);
  return true;
}

/**
 * What a change to one of the callee's roots changes in the caller: as mapRoot, less the
 * arguments that are primitives, which have nothing to change (`makeTable(cfg.size)` fills a
 * typed array it makes from its argument; given a number, that array is its own).
 */
function changeableRoots(root: Root, site: CallSite): Root[] {
  const primitive = (i: number) => {
    const k = site.argKinds[i];
    return !!k && k.k === 'prim' && k.params.length === 0 && !k.elems?.length;
  };
  return mapRoot(root, site, (i) => !primitive(i));
}

/** The caller's roots for one of the callee's: its receiver, or the arguments a parameter stands for (those `arg` keeps). */
function mapRoot(root: Root, site: CallSite, arg: (index: number) => boolean = () => true): Root[] {
  if (root === '#this') return [...site.receiver];
  if (root === '#self') return [...(site.receiverContainer ?? site.receiver)];
  if (root === '#unknown') return [];
  const m = /^#p(\d+)(\+?)$/.exec(root);
  if (m) {
    const i = Number(m[1]);
    // '#p<i>+': a rest parameter or `arguments`, which reach this argument and every later one.
    const slots = m[2] !== '+' ? [i] : site.args.map((_, j) => j).slice(i);
    return slots.filter(arg).flatMap((j) => [...(site.args[j] ?? [])]);
  }
  return [root];
}

export function substituteKind(kind: SymKind, argKinds: SymKind[]): SymKind {
  let out: SymKind = { k: kind.k, params: [] };
  if (kind.flat) out.flat = true;
  for (const p of kind.params) out = joinSym(out, argKinds[p] ?? PRIM);
  // An element of an argument: a primitive for a flat container, else (kinds are deep) at most the argument's kind.
  for (const p of kind.elems ?? []) out = joinSym(out, flatElement(argKinds[p] ?? PRIM) ? PRIM : (argKinds[p] ?? PRIM));
  return out;
}

