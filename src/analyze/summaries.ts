/**
 * Function summaries: the facts of every function in the script, with the calls it makes
 * followed transitively (recursion and mutual recursion by iterating to a fixpoint).
 * A call the analysis cannot resolve runs "any escaped function": the union of all of them.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import type { ScriptContext } from './context.js';
import { functionFields } from './function-fields.js';
import { ANY, PRIM, addAll, addMutation, addParamCall, argFunctions, emptyFacts, foldCall, mayShare, nodeKey, ownParamRoot, settleParamCalls, substituteKind, type ArgFn, type CallSite, type Facts, type SymKind } from './facts.js';
import { traverse } from './traverse.js';
import { ARG_SLOTS } from './arguments.js';
import { returnedClosures } from './closures.js';
import { UnitWalker, type TopKinds } from './walk.js';

export interface Summaries {
  /** The environment walkers of this script use (kinds, return kinds and roots of functions). */
  env: import('./walk.js').WalkEnv;
  /** Resolved facts of a callee: a top-level function name, `.method` or `new Class`. */
  of(callee: string): Facts;
  /** Everything any function of the script may do when something unknown calls it. */
  escaped: Facts;
  /** Folds a unit's calls (and its unknown calls) into a copy of its facts. */
  resolve(local: Facts): Facts;
  returnKind(callee: string, args: SymKind[]): SymKind;
}

function copyFacts(f: Facts): Facts {
  return {
    reads: new Set(f.reads),
    writes: new Set(f.writes),
    mutates: new Map(f.mutates),
    effects: new Set(f.effects),
    calls: [...f.calls],
    unknownCall: f.unknownCall,
    dynamic: new Set(f.dynamic),
    returns: f.returns,
    returnRoots: new Set(f.returnRoots),
    awaits: f.awaits,
    links: new Map(f.links),
    paramCalls: new Map([...f.paramCalls].map(([i, r]) => [i, new Set(r)])),
    named: new Set(f.named),
    compared: new Set(f.compared),
    identity: f.identity,
  };
}

/** Drops roots that only mean something inside the callee (parameters, this). */
function globalPart(f: Facts): Facts {
  const g = copyFacts(f);
  settleParamCalls(g);
  g.paramCalls.clear();
  for (const r of [...g.mutates.keys()]) if (r.startsWith('#')) g.mutates.delete(r);
  for (const r of [...g.named]) if (r.startsWith('#')) g.named.delete(r);
  for (const r of [...g.compared]) if (r.startsWith('#')) g.compared.delete(r);
  for (const [key, [a, b]] of g.links) if (a.startsWith('#') || b.startsWith('#')) g.links.delete(key);
  return g;
}

export function buildSummaries(ctx: ScriptContext, topKinds: TopKinds): Summaries {
  const local = new Map<t.Node, Facts>();
  const resolved = new Map<t.Node, Facts>();
  const walking = new Set<t.Node>();
  let partialFacts = 0; // how often localFacts answered for a function still being walked
  const allFunctions: NodePath<t.Function>[] = [];
  traverse(ctx.program.node, {
    Function(p) {
      allFunctions.push(p);
    },
  }, ctx.programScope, ctx.program);
  const byNodeKey = new Map(allFunctions.map((fn) => [nodeKey(fn.node), fn]));

  const classExtras = new Map<string, Facts>();

  // Closures that factories return are also units of their own, called as `factory()`.
  const factoryOfClosure = new Map<t.Node, NodePath<t.Function>>();
  const closuresOf = new Map<string, NodePath<t.Function>[]>();
  for (const [name, fn] of ctx.functions) {
    const closures = returnedClosures(fn);
    if (!closures) continue;
    closuresOf.set(name, closures);
    for (const c of closures) factoryOfClosure.set(c.node, fn);
  }

  const env = {
    ctx,
    topKinds,
    sharedKinds: new Map(),
    sharedRoots: new Map(),
    returnKind: (callee: string, args: SymKind[]) => api.returnKind(callee, args),
    factoryOfClosure: (node: t.Node) => factoryOfClosure.get(node),
    returnRoots: (callee: string) => {
      const closures = callee.endsWith('()') ? closuresOf.get(callee.slice(0, -2)) : undefined;
      if (closures) return new Set(closures.flatMap((c) => [...localFacts(c).returnRoots]));
      const fn = ctx.functions.get(callee);
      return fn ? localFacts(fn).returnRoots : new Set<string>(['#unknown']);
    },
    storedRoots: (callee: string) => storedRoots(callee),
    constructorReturnRoots: (className: string) => {
      const out = new Set<string>();
      const seen = new Set<string>();
      for (let name: string | undefined = className; name && ctx.classes.has(name) && !seen.has(name); ) {
        seen.add(name);
        for (const fn of calleeNodes(`new ${name}`).fns) localFacts(fn).returnRoots.forEach((r) => !r.startsWith('#') && out.add(r));
        const sup: t.Node | null | undefined = ctx.classes.get(name)!.node.superClass;
        name = t.isIdentifier(sup) ? sup.name : undefined;
      }
      return out;
    },
    methodReturnRoots: (name: string) => {
      const out = new Set<string>();
      for (const fn of ctx.methods.get(name) ?? []) localFacts(fn).returnRoots.forEach((r) => out.add(r));
      return out;
    },
  };

  /**
   * Top-level bindings a function, method or constructor (`new C`), or any script code it calls,
   * may store objects into (for escapes: `REG.push(this)` in a constructor).
   */
  const storedMemo = new Map<string, Set<string>>();
  function storedRoots(callee: string, seen = new Set<string>()): Set<string> {
    // A walk from the callee collects everything it reaches, so the outermost result is complete
    // unless it met a function still being walked: remember the complete ones, as every `new C` asks.
    if (seen.size === 0) {
      const memo = storedMemo.get(callee);
      if (memo) return memo;
      const before = partialFacts;
      const result = storedRootsFrom(callee, seen);
      if (partialFacts === before) storedMemo.set(callee, result);
      return result;
    }
    return storedRootsFrom(callee, seen);
  }
  function storedRootsFrom(callee: string, seen: Set<string>): Set<string> {
    const out = new Set<string>();
    if (seen.has(callee)) return out;
    seen.add(callee);
    const { fns, extra } = calleeNodes(callee);
    for (const f of [...fns.map(localFacts), ...(extra ? [extra] : [])]) {
      for (const [root, kind] of f.mutates) if (!root.startsWith('#') && mayShare(kind)) out.add(root);
      for (const call of f.calls) for (const r of storedRoots(call.callee, seen)) out.add(r);
    }
    return out;
  }

  function localFacts(fn: NodePath<t.Function>): Facts {
    let f = local.get(fn.node);
    if (f) return f;
    if (walking.has(fn.node)) {
      // Recursion while computing return kinds: optimistic, refined by the join of the other returns.
      partialFacts++;
      return { ...emptyFacts(), returns: PRIM };
    }
    walking.add(fn.node);
    f = new UnitWalker(env, fn).walk(fn);
    walking.delete(fn.node);
    local.set(fn.node, f);
    return f;
  }

  /** Instance field initialisers and the implicit super call of a class. */
  function classFacts(name: string): Facts {
    const cached = classExtras.get(name);
    if (cached) return cached;
    const f = emptyFacts();
    classExtras.set(name, f);
    const cls = ctx.classes.get(name)!;
    for (const member of cls.get('body').get('body')) {
      if ((member.isClassProperty() || member.isClassPrivateProperty()) && !member.node.static) {
        const v = member.get('value') as NodePath;
        if (v.node) {
          const sub = new UnitWalker(env, null).walk(member);
          merge(f, sub);
        }
      }
    }
    const ctor = cls.get('body').get('body').find((m) => m.isClassMethod() && m.node.kind === 'constructor');
    const sup = cls.node.superClass;
    if (!ctor && t.isIdentifier(sup) && ctx.classes.has(sup.name)) {
      // The implicit constructor passes every argument on to the parent class.
      const same = Array.from({ length: ARG_SLOTS }, (_, i) => new Set([i < ARG_SLOTS - 1 ? `#p${i}` : `#p${i}+`]));
      f.calls.push({ callee: `new ${sup.name}`, args: same, argKinds: same.map((_, i) => ({ k: 'prim' as const, params: [i] })), receiver: new Set(['#this']), receiverContainer: new Set(['#self']) });
    } else if (!ctor && sup && !(t.isIdentifier(sup) && /Error$|^Object$|^Array$|^Map$|^Set$/.test(sup.name) && !cls.scope.getBinding(sup.name))) {
      f.unknownCall = true;
    }
    return f;
  }

  function merge(into: Facts, from: Facts): void {
    from.reads.forEach((r) => into.reads.add(r));
    from.writes.forEach((r) => into.writes.add(r));
    from.effects.forEach((r) => into.effects.add(r));
    from.dynamic.forEach((r) => into.dynamic.add(r));
    for (const [k, v] of from.mutates) into.mutates.set(k, into.mutates.has(k) ? { k: 'any', params: [] } : v);
    into.calls.push(...from.calls);
    for (const [key, pair] of from.links) into.links.set(key, pair);
    if (from.unknownCall) into.unknownCall = true;
  }

  function calleeNodes(callee: string): { fns: NodePath<t.Function>[]; extra?: Facts } {
    if (callee.startsWith('.')) return { fns: ctx.methods.get(callee.slice(1)) ?? [] };
    if (callee.startsWith('~')) return { fns: functionFields(ctx).get(callee.slice(1)) ?? [] };
    if (callee.endsWith('()')) return { fns: closuresOf.get(callee.slice(0, -2)) ?? [] };
    if (callee.startsWith('new ')) {
      const name = callee.slice(4);
      const cls = ctx.classes.get(name);
      if (!cls) return { fns: [] };
      const ctor = cls.get('body').get('body').find((m) => m.isClassMethod() && m.node.kind === 'constructor') as NodePath<t.Function> | undefined;
      return { fns: ctor ? [ctor] : [], extra: classFacts(name) };
    }
    // A function written in a top-level table of functions (function-tables.ts), by position.
    if (callee.startsWith('@')) {
      const fn = byNodeKey.get(callee);
      return { fns: fn ? [fn] : [] };
    }
    const fn = ctx.functions.get(callee);
    return { fns: fn ? [fn] : [] };
  }

  // Fixpoint: every function's resolved facts = local facts + callees' resolved facts. A worklist:
  // when a function's facts grow, only its callers (and, through the escaped union, functions
  // that make unknown calls) are looked at again.
  const calleeCache = new Map<string, Facts>();
  function computeAll(): Facts {
    const escaped = emptyFacts();
    const keysOf = new Map<t.Node, string[]>();
    const addKey = (node: t.Node, key: string) => keysOf.set(node, [...(keysOf.get(node) ?? []), key]);
    for (const [name, fn] of ctx.functions) addKey(fn.node, name);
    for (const [name, fns] of ctx.methods) for (const fn of fns) addKey(fn.node, `.${name}`);
    for (const [name, fns] of functionFields(ctx)) for (const fn of fns) addKey(fn.node, `~${name}`);
    for (const [name, fns] of closuresOf) for (const fn of fns) addKey(fn.node, `${name}()`);
    // A call site that hands a function on asks whether it changes its parameters (changesParams).
    for (const fn of allFunctions) addKey(fn.node, nodeKey(fn.node));
    for (const name of ctx.classes.keys()) for (const fn of calleeNodes(`new ${name}`).fns) addKey(fn.node, `new ${name}`);
    const callers = new Map<string, Set<NodePath<t.Function>>>();
    for (const fn of allFunctions) {
      const f = copyFacts(localFacts(fn));
      resolved.set(fn.node, f);
      for (const site of f.calls) {
        const keys = [site.callee, ...(site.argFns ?? []).flatMap((a) => argFunctions(a).map(nodeKey))];
        for (const key of keys) {
          const set = callers.get(key) ?? new Set();
          set.add(fn);
          callers.set(key, set);
        }
      }
    }
    const queue = new Set<NodePath<t.Function>>(allFunctions);
    // Unknown calls only set a flag here (and callers inherit it); what they may run — the union
    // of every function's facts — is added when a statement's facts are resolved. Folding that
    // union into each function during the fixpoint would cost its size for every function.
    while (queue.size > 0) {
      const fn = queue.values().next().value!;
      queue.delete(fn);
      const f = resolved.get(fn.node)!;
      let changed = false;
      for (const site of localFacts(fn).calls) changed = foldCall(f, factsOfCallee(site.callee), site, changesParams) || changed;
      if (!changed) continue;
      for (const key of keysOf.get(fn.node) ?? []) {
        calleeCache.delete(key);
        for (const caller of callers.get(key) ?? []) queue.add(caller);
      }
    }
    for (const fn of allFunctions) foldInto(escaped, globalPart(resolved.get(fn.node)!));
    return escaped;
  }

  /** Union without mapping: parameters and `this` stay the callee's own. True when `into` grew. */
  function foldInto(into: Facts, from: Facts): boolean {
    let changed = addAll(into.reads, from.reads);
    changed = addAll(into.writes, from.writes) || changed;
    changed = addAll(into.effects, from.effects) || changed;
    changed = addAll(into.dynamic, from.dynamic) || changed;
    for (const [i, roots] of from.paramCalls) changed = addParamCall(into, i, roots) || changed;
    changed = addAll(into.named, from.named) || changed;
    changed = addAll(into.compared, from.compared) || changed;
    if (from.unknownCall && !into.unknownCall) changed = into.unknownCall = true;
    if (from.identity && !into.identity) changed = into.identity = true;
    for (const [k, v] of from.mutates) changed = addMutation(into, k, v) || changed;
    for (const [key, pair] of from.links) {
      if (!into.links.has(key)) {
        into.links.set(key, pair);
        changed = true;
      }
    }
    return changed;
  }

  function factsOfCallee(callee: string): Facts {
    const cached = calleeCache.get(callee);
    if (cached) return cached;
    const { fns, extra } = calleeNodes(callee);
    const f = emptyFacts();
    if (fns.length === 0 && !extra) {
      f.unknownCall = true;
      f.effects.add('unknown');
    } else {
      for (const fn of fns) foldInto(f, resolved.get(fn.node) ?? localFacts(fn));
      if (extra) {
        foldInto(f, extra);
        for (const site of extra.calls) foldCall(f, factsOfCallee(site.callee), site, changesParams);
      }
    }
    calleeCache.set(callee, f);
    return f;
  }

  /**
   * Does this function, as far as the facts go now, change or keep what it is given? It may also
   * hand it to a function it was given; a closure, to one its factory was given (`captured`).
   */
  function changesParams(node: t.Node, captured?: ArgFn[], depth = 0): boolean {
    const f = resolved.get(node);
    if (!f || f.unknownCall || depth > 4) return true;
    for (const [i, passed] of f.paramCalls) {
      if (![...passed].some((r) => ownParamRoot(r, ARG_SLOTS))) continue; // hands on nothing it was given
      const a = i >= ARG_SLOTS ? captured?.[i - ARG_SLOTS] : undefined;
      if (a?.kind === 'absent') continue;
      if (a?.kind !== 'inline' && a?.kind !== 'fn') return true;
      if (a.fns.some((fn) => changesParams(fn, a.kind === 'fn' ? a.captured : undefined, depth + 1))) return true;
    }
    for (const r of f.mutates.keys()) if (ownParamRoot(r, ARG_SLOTS)) return true;
    for (const [a, b] of f.links.values()) if (ownParamRoot(a, ARG_SLOTS) || ownParamRoot(b, ARG_SLOTS)) return true;
    return false;
  }

  let escapedFacts: Facts | null = null;
  const resolvedCallees = new Map<string, Facts>(); // after the fixpoint, a callee's facts never change
  const api: Summaries = {
    env,
    of(callee) {
      if (!escapedFacts) escapedFacts = computeAll();
      let f = resolvedCallees.get(callee);
      if (!f) {
        f = factsOfCallee(callee);
        resolvedCallees.set(callee, f);
      }
      return f;
    },
    get escaped() {
      if (!escapedFacts) escapedFacts = computeAll();
      return escapedFacts;
    },
    resolve(localF) {
      const out = copyFacts(localF);
      for (const site of localF.calls) foldCall(out, api.of(site.callee), site, changesParams);
      if (out.unknownCall) foldInto(out, api.escaped);
      settleParamCalls(out);
      return out;
    },
    returnKind(callee, args) {
      const { fns } = calleeNodes(callee);
      if (fns.length === 0) return callee.startsWith('new ') ? ANY : ANY;
      let k: SymKind = PRIM;
      for (const fn of fns) {
        const r = substituteKind(localFacts(fn).returns, args);
        k = r.k === 'any' || k.k === 'any' ? ANY : r.k === 'data' || k.k === 'data' ? { k: 'data', params: [] } : k;
      }
      return k;
    },
  };
  return api;
}


export type { CallSite };
