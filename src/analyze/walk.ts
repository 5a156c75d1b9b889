/**
 * Walks one unit (a top-level statement or a function) and records its local facts:
 * bindings read and written, roots mutated, effects, and the calls it makes into
 * the script's own functions (followed later, in summaries.ts).
 */
import type { Binding, NodePath, Scope, Visitor } from '@babel/traverse';
import * as t from '@babel/types';
import {
  builtinModules,
  callbackMethods,
  freshContainerMethods,
  typedArrays,
  mutatingMethodReturns,
  effectGlobals,
  mutatingMethods,
  pureConstructors,
  pureGlobalCalls,
  pureGlobalValues,
  pureMethods,
  pureNamespaces,
  builtinName,
  type Effect,
} from './builtins.js';
import type { ScriptContext } from './context.js';
import { checkBudget, tickBudget } from './budget.js';
import { storedIntoLocal, type RootsOf } from './local-stores.js';
import { BUILTIN_NAMES, functionFields, localHelperBinding, parameterValues, storesScriptFunction } from './function-fields.js';
import { constructsFresh, fieldWrites, keepableField, ownedFields, numericKey, primitiveValue } from './owned-fields.js';
import { builtinNumberField, primitiveFields } from './primitive-fields.js';
import { literalKeys } from './callback-indices.js';
import { consumedIterator, topGenerator } from './generators.js';
import { freshElementLocal, freshGet, storesNumber, typedArray } from './container-elements.js';
import { ARG_SLOTS, argumentsOwner, everyArg, laterArgs, spreadArgs } from './arguments.js';
import { paramAliases, type ParamAliases } from './param-aliases.js';
import { arrayUnchanged, iteratedArray, returnedClosures } from './closures.js';
import { mayUseThis, tableElements } from './function-tables.js';
import { ANY, DATA, PRIM, addLink, addMutation, addParamCall, emptyFacts, flatElement, joinSym, mayShare, nodeKey, type ArgFn, type Facts, type Root, type SymKind } from './facts.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyPath = NodePath<any> | null | undefined;

type Ref =
  | { kind: 'top'; name: string; binding: Binding }
  /** A parameter of the unit ('#p<i>'); `aliases`: what else it may hold (param-aliases.ts). */
  | { kind: 'param'; index: number; rest?: true; aliases?: ParamAliases }
  | { kind: 'local'; binding: Binding }
  /** The `arguments` of a function nested in the unit (a callback, an inner helper). */
  | { kind: 'arguments'; fn: NodePath<t.Function> }
  | { kind: 'global'; name: string };

/** Kinds of top-level bindings, filled in as the analysis learns them (unknown → any). */
export type TopKinds = Map<string, SymKind>;
/** Returns the kind a call of a top-level function (or script method '.m') gives for these argument kinds. */
export type ReturnKindOf = (callee: string, args: SymKind[]) => SymKind;

export interface WalkEnv {
  ctx: ScriptContext;
  topKinds: TopKinds;
  returnKind: ReturnKindOf;
  /** Roots a top-level function's result may alias, in terms of its parameters ('#p0'…) and globals. */
  returnRoots?: (callee: string) => Set<Root>;
  /** Top-level bindings a script function, or any it calls, may store objects into. */
  storedRoots?: (callee: string) => Set<Root>;
  /** Roots the result of any script method of this name may alias ('#this', '#p0'…, globals). */
  methodReturnRoots?: (name: string) => Set<Root>;
  /** Top-level roots the constructors of a class (and its parents) may return instead of a new object. */
  constructorReturnRoots?: (className: string) => Set<Root>;
  /** The top-level factory that returns this function literal (see returnedClosures), if any. */
  factoryOfClosure?: (fn: t.Node) => NodePath<t.Function> | undefined;
  /** Kinds and roots of local bindings seen from units nested below their function, shared by all walkers. */
  sharedKinds?: Map<Binding, SymKind>;
  sharedRoots?: Map<Binding, Set<Root>>;
}

export class UnitWalker {
  readonly facts: Facts = emptyFacts();
  private readonly localRootsMemo = new Map<Binding, Set<Root>>();
  /** Set when a roots computation met a binding already being computed (its result is partial). */
  private cycleCut = false;
  private readonly localKindMemo = new Map<Binding, SymKind>();
  private readonly helperReturnMemo = new Map<Binding, SymKind>();

  constructor(
    readonly env: WalkEnv,
    /** The function being summarised, or null for a top-level statement. */
    private readonly fn: NodePath<t.Function> | null,
  ) {}

  // ---------------------------------------------------------------- resolution

  resolve(path: NodePath<t.Identifier>): Ref {
    const name = path.node.name;
    const binding = path.scope.getBinding(name);
    if (!binding) {
      const owner = name === 'arguments' ? argumentsOwner(path) : null;
      // The unit's own `arguments`: every argument it was given.
      if (owner && this.fn && owner.node === this.fn.node) return { kind: 'param', index: 0, rest: true, aliases: paramAliases(this.fn, null) };
      if (owner) return { kind: 'arguments', fn: owner };
      return { kind: 'global', name };
    }
    if (binding.scope === this.env.ctx.programScope) return { kind: 'top', name, binding };
    if (this.fn && binding.kind === 'param' && binding.scope === this.fn.scope) {
      const id = binding.identifier;
      const params = this.fn.node.params;
      const index = paramIndex(params, id);
      const aliases = paramAliases(this.fn, binding);
      // A rest parameter holds this argument and every later one.
      if (index >= 0 && t.isRestElement(params[index])) return { kind: 'param', index, rest: true, aliases };
      return { kind: 'param', index: index < 0 ? 0 : index, aliases };
    }
    // A closure a factory returns numbers the factory's parameters after its own (see closureSite).
    const factory = this.fn && binding.kind === 'param' && binding.constant ? this.env.factoryOfClosure?.(this.fn.node) : undefined;
    if (factory && binding.scope === factory.scope) {
      const id = binding.identifier;
      const params = factory.node.params;
      const index = paramIndex(params, id);
      if (index >= 0) return t.isRestElement(params[index]) ? { kind: 'param', index: ARG_SLOTS + index, rest: true } : { kind: 'param', index: ARG_SLOTS + index };
    }
    return { kind: 'local', binding };
  }

  /**
   * `new Float64Array(buffer)`, `new DataView(x.buffer)`: a view that may share another object's
   * memory. Not when the argument is a primitive (a length) or an array literal (copied).
   */
  viewsBuffer(path: NodePath<t.NewExpression>): boolean {
    const callee = path.node.callee;
    if (!t.isIdentifier(callee) || !VIEWS.has(callee.name)) return false;
    const first = path.get('arguments')[0] as NodePath | undefined;
    if (!first || first.isArrayExpression()) return false;
    return mayShare(this.kindOf(first));
  }

  /** Does this identifier name one of the script's top-level classes? */
  scriptClass(id: NodePath<t.Identifier>): boolean {
    const ref = this.resolve(id);
    return ref.kind === 'top' && this.env.ctx.classes.has(ref.name);
  }

  /** Does this identifier name one of the script's top-level functions? */
  scriptFunction(id: NodePath<t.Identifier>): boolean {
    const ref = this.resolve(id);
    return ref.kind === 'top' && this.env.ctx.functions.has(ref.name);
  }

  /** Is this path at the unit's own level (not inside a nested function)? */
  ownLevel(path: NodePath): boolean {
    const parentFn = path.getFunctionParent();
    return this.fn ? parentFn?.node === this.fn.node : parentFn === null;
  }

  // ---------------------------------------------------------------- roots (aliasing)

  /** Roots the value of an expression may share objects with. */
  rootsOf(path: AnyPath, seen = new Set<Binding>()): Set<Root> {
    tickBudget();
    const out = new Set<Root>();
    if (!path || !path.node) return out;
    const visitId = (p: NodePath<t.Identifier>) => {
      for (const r of this.rootsOfRef(this.resolve(p), seen)) out.add(r);
    };
    if (path.isIdentifier()) visitId(path);
    else if (path.isThisExpression()) out.add('#this');
    else if (path.isFunction() || path.isClass()) return out; // a new function shares no object (calls are followed where they happen)
    else if (path.isCallExpression() && this.curried(path)) return this.closureCallRoots(path, this.curried(path)!, seen);
    else if (path.isCallExpression() && this.env.returnRoots && path.get('callee').isIdentifier() && this.scriptFunction(path.get('callee') as NodePath<t.Identifier>)) {
      return this.valueRoots(path, seen); // what the function returns, not the function
    } else if (path.isNewExpression() && path.get('callee').isIdentifier() && this.scriptClass(path.get('callee') as NodePath<t.Identifier>)) {
      return this.valueRoots(path, seen); // a new instance keeps what it was given, not its class
    } else path.traverse(rootsVisitor, { walker: this, out, seen, top: path.node });
    return out;
  }

  /** Like rootsOf, but knows that primitives share nothing, what literals hold and what a script function returns. */
  valueRoots(path: AnyPath, seen: Set<Binding> = new Set()): Set<Root> {
    if (!path || !path.node) return new Set();
    if (!mayShare(this.kindOf(path))) return new Set();
    const out = new Set<Root>();
    const add = (p: AnyPath) => this.valueRoots(p, seen).forEach((r) => out.add(r));
    if (path.isArrayExpression()) {
      for (const el of path.get('elements')) add(el.isSpreadElement() ? el.get('argument') : el);
      return out;
    }
    if (path.isObjectExpression()) {
      for (const prop of path.get('properties')) {
        if (prop.isObjectProperty()) add(prop.get('value') as NodePath);
        else if (prop.isSpreadElement()) add(prop.get('argument'));
        else this.rootsOf(prop, seen).forEach((r) => out.add(r));
      }
      return out;
    }
    if (path.isConditionalExpression()) {
      add(path.get('consequent'));
      add(path.get('alternate'));
      return out;
    }
    if (path.isLogicalExpression()) {
      add(path.get('left'));
      add(path.get('right'));
      return out;
    }
    if ((path.isCallExpression() && t.isMemberExpression(path.node.callee)) || path.isNewExpression()) return this.localValueRoots(path, seen);
    if (path.isCallExpression()) {
      const callee = path.get('callee');
      if (callee.isIdentifier() && this.env.returnRoots) {
        const ref = this.resolve(callee);
        if (ref.kind === 'top' && this.env.ctx.functions.has(ref.name)) {
          const args = path.get('arguments') as NodePath[];
          this.returnRootsAt(this.env.returnRoots(ref.name), args, null, seen).forEach((r) => out.add(r));
          // A factory's closure reaches what the factory was given: wherever the closure goes
          // (`{ add: makeAdder(TOTALS) }`), a call through it may change that.
          if (this.factoryOf(path.node, path.scope)) for (const a of args) add(a.isSpreadElement() ? a.get('argument') : a);
          return out;
        }
      }
    }
    return this.rootsOf(path, seen);
  }

  /** Does the expression make a container nobody else has? */
  readonly freshTest = (p: NodePath): boolean => !p.isIdentifier() && this.containerRoots(p).size === 0;

  /** A method of this name on an array is the built-in one: no script class, object or field defines it. */
  readonly builtinMethod = (name: string): boolean => !this.env.ctx.methods.has(name) && !storesScriptFunction(this.env.ctx, name);

  /**
   * Roots whose objects a change to this value's container changes: a fresh array from map(),
   * a literal or a new Map is nobody else's, so sorting it changes nothing (its elements may be shared).
   */
  containerRoots(path: AnyPath): Set<Root> {
    if (!path || !path.node) return new Set();
    const node = path.node as t.Node;
    // A local that only ever holds fresh containers (`const copy = xs.slice()`): changing the
    // container changes nobody else's (its elements are reached through member paths, not here).
    if (path.isIdentifier()) {
      const ref = this.resolve(path as NodePath<t.Identifier>);
      if (ref.kind === 'local') {
        if (this.freshLocal(ref.binding) || freshElementLocal(ref.binding, this.freshTest, this.builtinMethod)) return new Set();
        const owner = this.ownedFieldOwner(ref.binding);
        return owner ? this.containerRoots(owner) : this.ownLocalRoots(ref.binding, new Set());
      }
    }
    if (t.isArrayExpression(node) || t.isObjectExpression(node) || t.isTemplateLiteral(node) || t.isLiteral(node)) return new Set();
    // `this` itself: what a method changes in its receiver's own storage (see mapRoot).
    if (t.isThisExpression(node)) return new Set(['#self']);
    // `groups[k]` of a function's own object of fresh containers: one it made.
    if (t.isMemberExpression(node) && freshGet(path as NodePath, this.freshTest, this.builtinMethod)) return new Set();
    // An assignment's value is its right side: `(groups[k] = []).push(row)`.
    if (t.isAssignmentExpression(node) && node.operator === '=') return this.containerRoots(path.get('right') as NodePath);
    // `out.data` where every `.data` ever stored was made on the spot: part of out's own storage.
    if ((t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) && ownedFields(this.env.ctx).has(propName(node) ?? '')) {
      return this.containerRoots(path.get('object') as NodePath);
    }
    // A new instance is a new object (no constructor up its chain returns another one).
    if (t.isNewExpression(node) && t.isIdentifier(node.callee) && this.scriptClass((path as NodePath<t.NewExpression>).get('callee') as NodePath<t.Identifier>) && constructsFresh(this.env.ctx, (node.callee as t.Identifier).name)) {
      return new Set();
    }
    if (t.isNewExpression(node) && t.isIdentifier(node.callee) && pureConstructors.has(node.callee.name) && !path.scope.getBinding(node.callee.name)) {
      // A typed array or DataView over an ArrayBuffer shares its memory: writing through it changes the buffer's owner.
      if (this.viewsBuffer(path as NodePath<t.NewExpression>)) return this.rootsOf((path as NodePath<t.NewExpression>).get('arguments')[0] as NodePath);
      return new Set();
    }
    if (t.isCallExpression(node) || t.isOptionalCallExpression(node)) {
      const callee = node.callee;
      if ((t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) && !this.env.ctx.methods.has(propName(callee) ?? '')) {
        const name = propName(callee);
        if (name && freshContainerMethods.has(name)) return new Set();
        if (name === 'get' && freshGet(path as NodePath, this.freshTest, this.builtinMethod)) return new Set();
        if (name && mutatingMethodReturns.get(name) === 'receiver') return this.containerRoots((path as NodePath<t.CallExpression>).get('callee').get('object') as NodePath);
      }
      if (t.isIdentifier(callee)) return this.valueRoots(path);
    }
    if (t.isConditionalExpression(node) || t.isLogicalExpression(node)) {
      const out = new Set<Root>();
      const parts = t.isConditionalExpression(node) ? ['consequent', 'alternate'] : ['left', 'right'];
      for (const k of parts) this.containerRoots(path.get(k) as NodePath).forEach((r) => out.add(r));
      return out;
    }
    return this.rootsOf(path);
  }

  /** Roots of what a parameter may hold besides its argument. */
  private aliasRoots(aliases: ParamAliases, seen: Set<Binding>): Set<Root> {
    const out = new Set<Root>();
    // `node = node.next`: the parameter is met again inside what it is assigned.
    if (this.aliasesOpen.has(aliases)) {
      this.cycleCut = true;
      return out;
    }
    this.aliasesOpen.add(aliases);
    for (const a of aliases.assigned) this.localValueRoots(a, seen).forEach((r) => out.add(r));
    for (const xs of aliases.iterated) this.rootsOf(xs, seen).forEach((r) => out.add(r));
    if (aliases.escapes) this.facts.dynamic.add("hands on a sloppy function's `arguments`, through which its parameters may change");
    this.aliasesOpen.delete(aliases);
    return out;
  }

  private aliasKind(aliases: ParamAliases): SymKind {
    if (this.aliasesOpen.has(aliases)) return PRIM; // joined at the outer call
    this.aliasesOpen.add(aliases);
    let k: SymKind = aliases.escapes ? ANY : PRIM;
    for (const a of aliases.assigned) k = joinSym(k, this.kindOf(a));
    for (const xs of aliases.iterated) k = joinSym(k, elementKind(this.kindOf(xs)));
    this.aliasesOpen.delete(aliases);
    return k;
  }

  private readonly aliasesOpen = new Set<ParamAliases>();

  rootsOfRef(ref: Ref, seen: Set<Binding>): Set<Root> {
    switch (ref.kind) {
      case 'top':
        // A primitive constant holds no object: nothing can share or change it.
        return this.env.ctx.primitives.has(ref.name) ? new Set() : new Set([ref.name]);
      case 'param': {
        const out = new Set<Root>([`#p${ref.index}${ref.rest ? '+' : ''}`]);
        if (ref.aliases) this.aliasRoots(ref.aliases, seen).forEach((r) => out.add(r));
        return out;
      }
      case 'arguments':
        return this.callbackParamRoots(ref.fn, null, seen);
      case 'global':
        return new Set();
      case 'local':
        return this.localRoots(ref.binding, seen);
    }
  }

  /** What local-stores.ts may ask of this walker (made once: it is used for every local). */
  private storeView?: RootsOf;
  private readonly fullRootsMemo = new Map<Binding, Set<Root>>();
  private readonly storesVisited = new Set<Binding>();

  /** Roots a local's objects may share: what it is assigned, and what was stored into it. */
  localRoots(binding: Binding, seen: Set<Binding>): Set<Root> {
    const memo = this.fullRootsMemo.get(binding);
    if (memo) return memo;
    const own = this.ownLocalRoots(binding, seen);
    if (binding.path.isFunction() || binding.path.isClass() || this.numbersOnly(binding)) return own;
    if (this.storesVisited.has(binding)) {
      this.cycleCut = true;
      return own;
    }
    // As in ownLocalRoots: a result that met a binding still being computed is partial, and is
    // remembered only at the outermost call.
    const outermost = this.storesVisited.size === 0;
    const cutBefore = this.cycleCut;
    this.cycleCut = false;
    this.storesVisited.add(binding);
    const out = new Set(own);
    this.storeView ??= { ctx: this.env.ctx, valueRoots: (p, s) => this.valueRoots(p, s), rootsOf: (p, s) => this.rootsOf(p, s) };
    storedIntoLocal(this.storeView, binding, seen).forEach((r) => out.add(r));
    if (outermost) this.storesVisited.clear();
    if (outermost || !this.cycleCut) this.fullRootsMemo.set(binding, out);
    this.cycleCut = cutBefore || this.cycleCut;
    return out;
  }

  /** A constant typed array of its own (not a view of a buffer): whatever is stored into it becomes a number. */
  numbersOnly(binding: Binding): boolean {
    return typedArray(binding) && !this.viewsBuffer(binding.path.get('init') as NodePath<t.NewExpression>);
  }

  /**
   * Where to remember a local's roots or kind. A binding of a function that encloses this unit is
   * seen the same from every unit nested in it (their parameters are not its parameters): those are
   * shared across walkers, or large nested code recomputes them for every function. A binding inside
   * the unit may depend on the unit's own parameters, and a factory's closure also names the
   * factory's: those stay with this walker.
   */
  private memoFor<T>(binding: Binding, own: Map<Binding, T>, shared: Map<Binding, T> | undefined): Map<Binding, T> {
    const fn = this.fn?.node;
    if (!fn || !shared || this.env.factoryOfClosure?.(fn)) return own;
    const declared = binding.scope.getFunctionParent()?.block;
    return declared && declared !== fn && declared.start! <= fn.start! && fn.end! <= declared.end! ? shared : own;
  }

  /** Roots of the objects a local itself may be (what it is assigned), not of what it holds. */
  ownLocalRoots(binding: Binding, seen: Set<Binding>): Set<Root> {
    tickBudget();
    const memoMap = this.memoFor(binding, this.localRootsMemo, this.env.sharedRoots);
    const memo = memoMap.get(binding);
    if (memo) return memo;
    if (seen.has(binding)) {
      this.cycleCut = true;
      return new Set();
    }
    // A result computed without cutting a cycle below it is complete: remember it (without this,
    // long chains of locals, as in generated code, are walked again and again). One that met a
    // binding still being computed is remembered only at the outermost call, when it is complete.
    const outermost = seen.size === 0;
    const cutBefore = this.cycleCut;
    this.cycleCut = false;
    seen.add(binding);
    const out = new Set<Root>();
    const add = (s: Set<Root>) => s.forEach((r) => out.add(r));
    const bp = binding.path;
    if (binding.kind === 'param') {
      const fnPath = binding.scope.path;
      add(this.callbackParamRoots(fnPath, binding, seen));
    } else if (bp.isVariableDeclarator()) {
      const init = bp.get('init') as NodePath;
      if (init.node) add(this.localValueRoots(init, seen));
      const loop = bp.parentPath!.parentPath;
      if (loop && (loop.isForOfStatement() || loop.isForInStatement()) && loop.node.left === bp.parent) {
        add(this.rootsOf((loop as NodePath<t.ForOfStatement>).get('right'), seen));
      }
    } else if (bp.isCatchClause()) {
      out.add('#unknown');
    }
    for (const v of binding.constantViolations) {
      if (v.isAssignmentExpression()) add(this.localValueRoots(v.get('right') as NodePath, seen));
      else if (v.isForOfStatement() || v.isForInStatement()) add(this.rootsOf((v as NodePath<t.ForOfStatement>).get('right'), seen));
    }
    if (outermost || !this.cycleCut) memoMap.set(binding, out);
    this.cycleCut = cutBefore || this.cycleCut;
    return out;
  }

  /** What a local's value may share: nothing for a fresh container or a primitive. */
  localValueRoots(init: NodePath, seen: Set<Binding>): Set<Root> {
    const node = init.node;
    if (t.isNewExpression(node) && t.isIdentifier(node.callee) && pureConstructors.has(node.callee.name) && !init.scope.getBinding(node.callee.name)) {
      // Only Map, Set and Array keep what they are given; a typed array's argument is a length or a
      // copy, unless it is an ArrayBuffer, whose memory the new view shares.
      if (this.viewsBuffer(init as NodePath<t.NewExpression>)) return this.rootsOf((init as NodePath<t.NewExpression>).get('arguments')[0] as NodePath, seen);
      if (!['Map', 'Set', 'Array', 'WeakMap', 'WeakSet', 'WeakRef'].includes(node.callee.name)) return new Set();
      const out = new Set<Root>();
      for (const a of (init as NodePath<t.NewExpression>).get('arguments')) this.valueRoots(a as NodePath, seen).forEach((r) => out.add(r));
      return out;
    }
    if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && !this.env.ctx.methods.has(propName(node.callee) ?? '')) {
      const call = init as NodePath<t.CallExpression>;
      const name = propName(node.callee);
      const obj = call.get('callee').get('object') as NodePath;
      const args = call.get('arguments') as NodePath[];
      const out = new Set<Root>();
      const add = (x: Set<Root>) => x.forEach((r) => out.add(r));
      if (name === 'from' && obj.isIdentifier({ name: 'Array' }) && !obj.scope.getBinding('Array')) {
        if (args[1]) add(this.callbackReturnRoots(args[1], seen));
        else if (args[0]) add(this.localValueRoots(args[0], seen));
        return out;
      }
      if (name === 'map' || name === 'flatMap') {
        if (args[0]) add(this.callbackReturnRoots(args[0], seen));
        return out;
      }
      // `cells.get(row.key)` on a local Map, Set or array literal gives back something stored in
      // it, never its arguments: the result shares only what the container holds.
      if (name && CONTAINER_READERS.has(name) && obj.isIdentifier()) {
        const ref = this.resolve(obj);
        if (ref.kind === 'local' && builtinContainer(ref.binding, name)) return this.localRoots(ref.binding, seen);
      }
      if (name && ['filter', 'slice', 'concat', 'flat', 'toSorted', 'toReversed', 'fill', 'sort', 'reverse'].includes(name)) {
        add(this.localValueRoots(obj, seen));
        for (const a of args) if (!a.isFunction()) add(this.valueRoots(a, seen));
        return out;
      }
    }
    if (t.isArrayExpression(node) && node.elements.every((e) => e === null || t.isLiteral(e))) return new Set();
    if (t.isObjectExpression(node) && node.properties.every((p) => t.isObjectProperty(p) && t.isLiteral(p.value))) return new Set();
    // A template is a string whatever its parts are (a part's toString must return a primitive).
    if (t.isLiteral(node)) return new Set();
    if (t.isBinaryExpression(node) || t.isUpdateExpression(node) || (t.isUnaryExpression(node) && node.operator !== 'delete')) return new Set();
    // A script function's result shares what the function returns, not the function itself.
    if (t.isCallExpression(node) && t.isIdentifier(node.callee)) return this.valueRoots(init, seen);
    // A script method's result (`Matrix.random(n, n, rng)`): what its returns share, seen from here.
    // A built-in method of the same name may return anything its receiver or arguments hold.
    if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && this.env.methodReturnRoots) {
      const name = propName(node.callee);
      if (name && this.env.ctx.methods.has(name) && !pureMethods.has(name) && !mutatingMethods.has(name)) {
        const call = init as NodePath<t.CallExpression>;
        return this.returnRootsAt(this.env.methodReturnRoots(name), call.get('arguments') as NodePath[], call.get('callee').get('object') as NodePath, seen);
      }
    }
    // A new instance of a script class: a fresh object that may keep what the constructor was given.
    if (t.isNewExpression(node) && t.isIdentifier(node.callee) && this.scriptClass(init.get('callee') as NodePath<t.Identifier>)) {
      const out = new Set<Root>();
      for (const a of (init as NodePath<t.NewExpression>).get('arguments')) this.valueRoots(a as NodePath, seen).forEach((r) => out.add(r));
      // A constructor that returns another object (`return POOL`) gives back that object; one that
      // stores the new object somewhere (`REG.push(this)`) leaves it shared with that.
      if (!constructsFresh(this.env.ctx, node.callee.name)) this.env.constructorReturnRoots?.(node.callee.name).forEach((r) => out.add(r));
      this.env.storedRoots?.(`new ${node.callee.name}`).forEach((r) => out.add(r));
      return out;
    }
    return this.rootsOf(init, seen);
  }

  /** A callee's return roots seen at a call: its parameters become the arguments, `this` the receiver. */
  returnRootsAt(roots: Set<Root>, args: NodePath[], receiver: NodePath | null, seen: Set<Binding>): Set<Root> {
    const out = new Set<Root>();
    const spread = args.findIndex((a) => a.isSpreadElement());
    for (const r of roots) {
      const m = /^#p(\d+)(\+?)$/.exec(r);
      if (m) {
        // A rest parameter, or a position a spread may fill: every argument from there on.
        let from = Number(m[1]);
        const many = m[2] === '+' || (spread >= 0 && spread <= from);
        if (spread >= 0 && spread < from) from = spread;
        args.forEach((a, i) => {
          if (many ? i >= from : i === from) this.valueRoots(a, seen).forEach((x) => out.add(x));
        });
      }
      else if (receiver && (r === '#this' || r === '#self')) this.rootsOf(receiver, seen).forEach((x) => out.add(x));
      else if (!r.startsWith('#')) out.add(r);
    }
    return out;
  }

  /** What a callback's results may share (its parameters stand for the call's receiver and arguments). */
  callbackReturnRoots(cb: NodePath, seen: Set<Binding>): Set<Root> {
    if (cb.isArrowFunctionExpression() || cb.isFunctionExpression()) {
      const body = cb.get('body') as NodePath;
      if (!body.isBlockStatement()) return this.valueRoots(body, seen);
      const out = new Set<Root>();
      for (const r of ownReturns(cb)) this.valueRoots(r.get('argument'), seen).forEach((x) => out.add(x));
      return out;
    }
    return this.rootsOf(cb.parentPath, seen);
  }

  /**
   * A nested function's parameter (null: its `arguments`): a callback's parameter may be any element
   * of the call's receiver or arguments.
   */
  callbackParamRoots(fnPath: NodePath, binding: Binding | null, seen: Set<Binding>): Set<Root> {
    const out = new Set<Root>();
    const parent = fnPath.parentPath;
    if (parent && (parent.isCallExpression() || parent.isNewExpression() || parent.isOptionalCallExpression())) {
      const call = parent as NodePath<t.CallExpression>;
      if (call.node.callee === fnPath.node) {
        // IIFE: the parameter is the matching argument (any of them after a spread, or for a rest parameter).
        const fnNode = fnPath.node as t.Function;
        const id = binding?.identifier;
        const index = id ? paramIndex(fnNode.params, id) : -1;
        const args = call.get('arguments');
        const spread = args.findIndex((a) => a.isSpreadElement());
        let from = index < 0 ? 0 : index;
        if (spread >= 0 && spread < from) from = spread;
        const onlyOne = index >= 0 && from === index && !t.isRestElement(fnNode.params[index]) && spread !== index;
        for (const [i, a] of args.entries()) if (onlyOne ? i === index : i >= from) this.rootsOf(a, seen).forEach((r) => out.add(r));
        return out;
      }
      const callee = call.get('callee');
      if (binding && this.accumulator(call, fnPath, binding)) {
        // reduce's accumulator, given a start: that start, then whatever the callback returns
        // (`rows.reduce((acc, r) => { acc[r.k] = r; return acc; }, {})` fills a new object).
        this.rootsOf(call.get('arguments')[1], seen).forEach((r) => out.add(r));
        // Handing the accumulator itself on adds nothing to what it is.
        const body = fnPath.get('body') as NodePath;
        const results = body.isBlockStatement() ? ownReturns(fnPath as NodePath<t.Function>).map((r) => r.get('argument') as NodePath) : [body];
        for (const r of results) if (!(r.isIdentifier() && r.scope.getBinding(r.node.name) === binding)) this.valueRoots(r, seen).forEach((x) => out.add(x));
        return out;
      }
      if (callee.isMemberExpression()) this.rootsOf(callee.get('object'), seen).forEach((r) => out.add(r));
      for (const a of call.get('arguments')) if (a.node !== fnPath.node) this.rootsOf(a, seen).forEach((r) => out.add(r));
      // `groupBy((r) => r.region)(rows)`: the closure that gets the callback is given the outer arguments.
      const outer = call.parentPath;
      if (outer?.isCallExpression() && outer.node.callee === call.node) for (const a of outer.get('arguments')) this.rootsOf(a, seen).forEach((r) => out.add(r));
      return out;
    }
    out.add('#unknown');
    return out;
  }

  /**
   * The first parameter of a callback given to `reduce`/`reduceRight` with a start value. Any reduce
   * with a start passes the start, then each result of the callback; only a reduce the script
   * writes itself could do otherwise.
   */
  private accumulator(call: NodePath<t.CallExpression>, fnPath: NodePath, binding: Binding): boolean {
    const callee = call.node.callee;
    const name = t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee) ? propName(callee) : undefined;
    if (name !== 'reduce' && name !== 'reduceRight') return false;
    const args = call.node.arguments;
    if (args.length !== 2 || args[0] !== fnPath.node || t.isSpreadElement(args[1])) return false;
    if (this.env.ctx.methods.has(name) || storesScriptFunction(this.env.ctx, name)) return false;
    return (fnPath.node as t.Function).params[0] === binding.identifier;
  }

  // ---------------------------------------------------------------- value kinds (cloneability)

  kindOf(path: AnyPath): SymKind {
    if (!path || !path.node) return PRIM;
    const node = path.node;
    switch (node.type) {
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'BigIntLiteral':
      case 'TemplateLiteral':
      case 'UpdateExpression':
      case 'BinaryExpression':
        return PRIM;
      case 'RegExpLiteral':
        return ANY; // a clone resets lastIndex
      case 'UnaryExpression':
        return PRIM;
      case 'Identifier':
        return this.identifierKind(path as NodePath<t.Identifier>);
      case 'ArrayExpression': {
        let k: SymKind = DATA;
        for (const el of (path as NodePath<t.ArrayExpression>).get('elements')) {
          if (!el.node) continue;
          k = joinSym(k, el.isSpreadElement() ? this.spreadKind(el.get('argument')) : this.kindOf(el));
        }
        return k;
      }
      case 'ObjectExpression': {
        let k: SymKind = DATA;
        for (const prop of (path as NodePath<t.ObjectExpression>).get('properties')) {
          if (prop.isObjectMethod()) return ANY;
          // `{ __proto__: null }`: a clone has the ordinary prototype.
          if (prop.isObjectProperty() && !prop.node.computed && (t.isIdentifier(prop.node.key, { name: '__proto__' }) || t.isStringLiteral(prop.node.key, { value: '__proto__' }))) return ANY;
          if (prop.isSpreadElement()) k = joinSym(k, this.kindOf(prop.get('argument')));
          else if (prop.isObjectProperty()) {
            // A key that may be a symbol (kind any) does not survive a clone.
            if (prop.node.computed) k = joinSym(k, this.kindOf(prop.get('key') as NodePath));
            k = joinSym(k, this.kindOf(prop.get('value') as NodePath));
          }
        }
        return k;
      }
      case 'LogicalExpression': {
        const p = path as NodePath<t.LogicalExpression>;
        return joinSym(this.kindOf(p.get('left')), this.kindOf(p.get('right')));
      }
      case 'ConditionalExpression': {
        const p = path as NodePath<t.ConditionalExpression>;
        return joinSym(this.kindOf(p.get('consequent')), this.kindOf(p.get('alternate')));
      }
      case 'AssignmentExpression': {
        const p = path as NodePath<t.AssignmentExpression>;
        return p.node.operator === '=' ? this.kindOf(p.get('right')) : PRIM;
      }
      case 'SequenceExpression': {
        const exprs = (path as NodePath<t.SequenceExpression>).get('expressions');
        return this.kindOf(exprs[exprs.length - 1]);
      }
      case 'ParenthesizedExpression':
        return this.kindOf((path as NodePath<t.ParenthesizedExpression>).get('expression'));
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const p = path as NodePath<t.MemberExpression>;
        if (!p.node.computed && t.isIdentifier(p.node.property) && (p.node.property.name === 'length' || p.node.property.name === 'size') && builtinNumberField(this.env.ctx, p.node.property.name)) return PRIM;
        if (primitiveFields(this.env.ctx).has(propName(p.node) ?? '')) return PRIM; // every store of it is a primitive
        const obj = p.get('object');
        if (obj.isIdentifier()) {
          const ref = this.resolve(obj);
          if (ref.kind === 'global') {
            const ns = pureNamespaces.get(ref.name);
            // `Math.PI` is a number; `JSON.stringify` as a value is a function, which cannot be cloned.
            const member = propName(p.node);
            const value = member ? (globalThis as Record<string, unknown>)[ref.name] : undefined;
            if (ns && member && typeof (value as Record<string, unknown> | undefined)?.[member] === 'function') return ANY;
            if (ns && !p.scope.getBinding(ref.name)) return { k: ns.defaultKind === 'any' ? 'any' : 'prim', params: [] };
            return ANY;
          }
        }
        const ok = this.kindOf(obj);
        if (ok.k === 'any') return ANY;
        const from = heldParams(ok);
        // An element by index (`VOCAB[i]`, a parameter's `arr[i]`): kinds are deep, so it is at most its
        // container's kind, and a primitive in a flat one. A key that is a string may name what
        // every object inherits (`xs[KEY]` with KEY 'map'): a function, unless it is known not to.
        if (p.node.computed && !t.isStringLiteral(p.node.property)) {
          if (inheritedKey(this.env.ctx, p.get('property') as NodePath, 0)) return ANY;
          if (flatElement(ok)) return PRIM;
          return from.length ? { k: ok.k, params: [], elems: from } : { k: ok.k, params: [] };
        }
        // A named member: a field (the container's kind), unless built-ins keep a function under the
        // name and the script stores nothing under it (`xs.map` as a value).
        const named = propName(p.node);
        if (named === undefined || (INHERITED_FUNCTIONS.has(named) && !fieldWrites(this.env.ctx).byName.has(named))) return ANY;
        return { k: ok.k, params: from };
      }
      case 'CallExpression':
      case 'OptionalCallExpression':
        return this.callKind(path as NodePath<t.CallExpression>);
      case 'NewExpression': {
        const p = path as NodePath<t.NewExpression>;
        const callee = p.node.callee;
        if (t.isIdentifier(callee) && !p.scope.getBinding(callee.name) && pureConstructors.get(callee.name)) {
          let k: SymKind = { k: pureConstructors.get(callee.name)!, params: [] };
          if (k.k !== 'any' && (callee.name === 'Map' || callee.name === 'Set')) {
            for (const a of p.get('arguments')) k = joinSym(k, this.kindOf(a));
          }
          return k;
        }
        return ANY;
      }
      case 'TaggedTemplateExpression': {
        const tag = (node as t.TaggedTemplateExpression).tag;
        return t.isMemberExpression(tag) && t.isIdentifier(tag.object, { name: 'String' }) ? PRIM : ANY;
      }
      default:
        return ANY;
    }
  }

  identifierKind(path: NodePath<t.Identifier>): SymKind {
    if (path.node.name === 'undefined' && !path.scope.getBinding('undefined')) return PRIM;
    const ref = this.resolve(path);
    switch (ref.kind) {
      case 'param': {
        const k: SymKind = ref.rest ? { k: 'data', params: laterArgs(ref.index) } : { k: 'prim', params: [ref.index] };
        return ref.aliases ? joinSym(k, this.aliasKind(ref.aliases)) : k;
      }
      case 'top':
        return this.env.topKinds.get(ref.name) ?? ANY;
      case 'global':
        return ref.name === 'NaN' || ref.name === 'Infinity' ? PRIM : ANY;
      case 'arguments':
        return ANY;
      case 'local':
        return this.localKind(ref.binding);
    }
  }

  localKind(binding: Binding): SymKind {
    tickBudget();
    const memoMap = this.memoFor(binding, this.localKindMemo, this.env.sharedKinds);
    const memo = memoMap.get(binding);
    if (memo) return memo;
    memoMap.set(binding, PRIM); // optimistic for cycles; joined below
    let k: SymKind = PRIM;
    const bp = binding.path;
    if (binding.kind === 'param') k = this.helperParamKind(binding) ?? this.callbackParamKind(binding);
    else if (bp.isCatchClause()) k = ANY;
    else if (binding.kind === 'hoisted' || bp.isFunction() || bp.isClass()) k = ANY;
    else if (bp.isVariableDeclarator()) {
      const id = bp.node.id;
      const loop = bp.parentPath.parentPath;
      if (loop && (loop.isForOfStatement() || loop.isForInStatement()) && loop.node.left === bp.parent) {
        k = loop.isForInStatement() ? PRIM : elementKind(this.kindOf(loop.get('right')));
      } else {
        const init = this.kindOf(bp.get('init'));
        k = t.isIdentifier(id) ? init : elementKind(init);
      }
    } else k = ANY;
    for (const v of binding.constantViolations) {
      if (v.isAssignmentExpression()) k = joinSym(k, v.node.operator === '=' ? this.kindOf(v.get('right')) : PRIM);
      else if (v.isForOfStatement()) k = joinSym(k, elementKind(this.kindOf(v.get('right'))));
      else if (!v.isUpdateExpression() && !v.isForInStatement()) k = joinSym(k, ANY);
    }
    // Values stored into it: x.push(v), x.set(k, v), x.p = v.
    for (const ref of binding.referencePaths) k = joinSym(k, this.storedKind(ref));
    memoMap.set(binding, k);
    return k;
  }

  /** A parameter of a local helper only ever called directly holds what its calls pass (or undefined). */
  helperParamKind(binding: Binding): SymKind | undefined {
    const fn = binding.scope.path;
    if (!fn.isFunction() || !localHelperBinding(fn)) return undefined;
    const values = parameterValues(this.env.ctx, binding);
    return values?.reduce((k, v) => joinSym(k, this.kindOf(v)), PRIM);
  }

  /** What a local helper only ever called directly returns; a recursive one is taken for anything. */
  helperReturnKind(helper: Binding): SymKind {
    const memoMap = this.memoFor(helper, this.helperReturnMemo, undefined);
    const memo = memoMap.get(helper);
    if (memo) return memo;
    memoMap.set(helper, ANY);
    const fn = (helper.path.isVariableDeclarator() ? helper.path.get('init') : helper.path) as NodePath;
    const k = this.callbackReturnKind(fn);
    memoMap.set(helper, k);
    return k;
  }

  /** A callback's parameter of a known array method gets an element (or an index) of the receiver. */
  callbackParamKind(binding: Binding): SymKind {
    const fnPath = binding.scope.path;
    const call = fnPath.parentPath;
    if (!call || !call.isCallExpression() || call.node.callee === fnPath.node) return ANY;
    const callee = call.get('callee');
    if (!callee.isMemberExpression()) return ANY;
    const name = propName(callee.node);
    const obj = callee.get('object');
    if (name === 'from' && obj.isIdentifier({ name: 'Array' })) return joinSym(PRIM, elementKind(this.kindOf(call.get('arguments')[0])));
    if (!name || !callbackMethods.has(name) || this.env.ctx.methods.has(name)) return ANY;
    const recv = this.kindOf(obj);
    if (recv.k === 'any') return ANY;
    const params = (fnPath.node as t.Function).params;
    // reduce's accumulator starts as the initial value and becomes what the callback returns
    // (values stored into it are joined by the caller through storedKind).
    if ((name === 'reduce' || name === 'reduceRight') && params[0] && binding.identifier === params[0]) {
      const init = call.get('arguments')[1];
      return init ? joinSym(this.kindOf(init), elementKind(recv)) : elementKind(recv);
    }
    // The index argument of a callback is a number.
    if (params[1] && binding.identifier === params[1] && indexCallbacks.has(name)) return PRIM;
    return elementKind(recv);
  }

  /** Kind of a value stored into the object this reference points at (x.push(v), x.f = v), if any. */
  storedKind(ref: NodePath): SymKind {
    const member = ref.parentPath;
    if (!member?.isMemberExpression() || member.node.object !== ref.node) return PRIM;
    const outer = member.parentPath;
    if (outer?.isAssignmentExpression() && outer.node.left === member.node) {
      const value = this.kindOf(outer.get('right'));
      return member.node.computed ? joinSym(value, this.kindOf(member.get('property') as NodePath)) : value;
    }
    if (outer?.isCallExpression() && outer.node.callee === member.node) {
      const name = propName(member.node);
      if (name && mutatingMethods.has(name)) {
        let k: SymKind = PRIM;
        const args = outer.get('arguments');
        for (const i of storedArgs(name, args.length)) {
          const a = args[i];
          k = joinSym(k, a.isSpreadElement() ? elementKind(this.kindOf(a.get('argument'))) : this.kindOf(a));
        }
        return k;
      }
    }
    return PRIM;
  }

  callbackReturnKind(arg: AnyPath): SymKind {
    if (!arg || !arg.node) return ANY;
    if (arg.isArrowFunctionExpression() || arg.isFunctionExpression()) {
      if (arg.node.async || arg.node.generator) return ANY;
      const body = arg.get('body');
      if (!Array.isArray(body) && (body as NodePath).isExpression()) return this.kindOf(body as NodePath);
      let k: SymKind = PRIM;
      for (const r of ownReturns(arg)) k = joinSym(k, this.kindOf(r.get('argument')));
      return k;
    }
    if (arg.isIdentifier()) {
      const ref = this.resolve(arg);
      if (ref.kind === 'top' && this.env.ctx.functions.has(ref.name)) return this.env.returnKind(ref.name, [ANY, ANY, ANY]);
    }
    return ANY;
  }

  /**
   * What spreading a value gives (kinds are deep: at most the value's own kind). A built-in
   * `m.entries()`, `values()` or `keys()` is an iterator, which no clone copies, but what it
   * yields is what the collection holds: `[...totals.entries()]` is plain data when totals is.
   */
  spreadKind(arg: NodePath): SymKind {
    if (arg.isCallExpression() && arg.node.arguments.length === 0) {
      const callee = arg.get('callee');
      const name = callee.isMemberExpression() ? propName(callee.node) : undefined;
      if (name && ITERATOR_METHODS.has(name) && !this.env.ctx.methods.has(name) && !storesScriptFunction(this.env.ctx, name)) {
        const recv = this.kindOf((callee as NodePath<t.MemberExpression>).get('object'));
        return recv.k === 'data' ? joinSym(DATA, elementKind(recv)) : ANY;
      }
    }
    return this.kindOf(arg);
  }

  callKind(path: NodePath<t.CallExpression>): SymKind {
    const callee = path.get('callee');
    const args = path.get('arguments');
    const argKinds = spreadArgs(args.map((a) => this.kindOf(a)), args.findIndex((a) => a.isSpreadElement()), joinSym);
    // `groupBy(key)(rows)`: what the factory's closures return.
    const factory = callee.isCallExpression() ? this.factoryOf(callee.node, callee.scope) : undefined;
    if (factory) return this.env.returnKind(`${factory}()`, this.closureArgs(callee as NodePath<t.CallExpression>, argKinds, (a) => this.kindOf(a), joinSym, PRIM));
    // An IIFE (`(() => { …; return total; })()`): what its returns give.
    if (callee.isArrowFunctionExpression() || callee.isFunctionExpression()) return this.callbackReturnKind(callee);
    if (callee.isIdentifier()) {
      const ref = this.resolve(callee);
      if (ref.kind === 'top') {
        // A generator's iterator kept for later is not a value to clone (its kind counts the yields).
        if (topGenerator(this.env.ctx, ref.name) && !consumedIterator(this.env.ctx, path)) return ANY;
        if (this.env.ctx.functions.has(ref.name)) return this.env.returnKind(ref.name, argKinds);
        const member = this.env.ctx.moduleMembers.get(ref.name);
        if (member) return moduleReturnKind(member[0], member[1]);
        return ANY;
      }
      if (ref.kind === 'local') {
        const fn = ref.binding.path.isVariableDeclarator() ? ref.binding.path.get('init') : ref.binding.path;
        return fn.isFunction() && localHelperBinding(fn) === ref.binding ? this.helperReturnKind(ref.binding) : ANY;
      }
      if (ref.kind === 'global') {
        if (ref.name === 'require') return ANY;
        return pureGlobalCalls.get(ref.name) ? { k: pureGlobalCalls.get(ref.name)!, params: [] } : ANY;
      }
      return ANY;
    }
    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
      const m = callee as NodePath<t.MemberExpression>;
      const name = propName(m.node);
      if (!name) return ANY;
      const obj = m.get('object');
      if (obj.isIdentifier()) {
        const ref = this.resolve(obj);
        if (ref.kind === 'global' && pureNamespaces.get(ref.name)) {
          const ns = pureNamespaces.get(ref.name)!;
          if (name === 'from' && ref.name === 'Array') {
            return args.length > 1 ? joinSym(DATA, this.callbackReturnKind(args[1])) : joinSym(DATA, elementKind(args[0] ? this.spreadKind(args[0] as NodePath) : PRIM));
          }
          // `Object.values(handlers)`, `Array.of(f)`: what they return holds what they were given.
          if ((ref.name === 'Object' || ref.name === 'Array') && !ns.returns?.[name] && name !== 'keys' && name !== 'getOwnPropertyNames') return argKinds.reduce(joinSym, DATA);
          return { k: ns.returns?.[name] ?? ns.defaultKind, params: [] };
        }
        if (ref.kind === 'top' && this.env.ctx.modules.has(ref.name)) return moduleReturnKind(this.env.ctx.modules.get(ref.name)!, name);
      }
      if (name === 'digest' && args.length === 1) return PRIM;
      // The script's own method, on what can only be the script's class or instance: what it returns.
      if (this.env.ctx.methods.has(name)) return scriptObject(this.env.ctx, obj, 0) ? this.env.returnKind(`.${name}`, argKinds) : ANY;
      if (this.fieldFunction(name, obj)) return this.env.returnKind(`~${name}`, argKinds);
      if (storesScriptFunction(this.env.ctx, name)) return ANY;
      const mret = mutatingMethodReturns.get(name);
      if (mret !== undefined) {
        const r = this.kindOf(obj);
        if (mret === 'receiver') return r.k === 'prim' ? ANY : r;
        if (mret === 'element') return elementKind(r);
        return { k: mret, params: [] };
      }
      const ret = pureMethods.get(name);
      if (ret === undefined) return ANY;
      // A match with named groups holds `groups`, an object without a prototype, which a clone gives one.
      if ((name === 'match' || name === 'exec') && [obj.node, ...args.map((a) => a.node)].some((n) => t.isRegExpLiteral(n) && n.pattern.includes('(?<'))) return ANY;
      const recv = this.kindOf(obj);
      if (name === 'map' || name === 'flatMap') return recv.k === 'any' ? ANY : joinSym(DATA, this.callbackReturnKind(args[0]));
      if (name === 'reduce' || name === 'reduceRight') return joinSym(args[1] ? argKinds[1] : ANY, this.callbackReturnKind(args[0]));
      if (ret === 'receiver') return recv.k === 'prim' ? recv : recv.k === 'data' ? joinSym(DATA, recv) : ANY;
      return { k: ret, params: [] };
    }
    return ANY;
  }

  // ---------------------------------------------------------------- the walk

  walk(root: NodePath): Facts {
    checkBudget();
    this.visitAll(root);
    if (this.fn) this.functionReturns();
    return this.facts;
  }

  /** Walks an expression (or any node) including the node itself. */
  walkExpression(root: AnyPath): void {
    if (!root || !root.node) return;
    this.visitAll(root as NodePath);
  }

  visitAll(root: NodePath): void {
    root.traverse(unitVisitor, this);
    // path.traverse skips the root node itself; dispatch it by hand.
    for (const [key, fn] of Object.entries(unitHandlers)) {
      const matches = key.split('|').some((type) => (root as unknown as Record<string, () => boolean>)[`is${type}`]?.call(root));
      if (matches) (fn as (p: NodePath, w: UnitWalker) => void)(root, this);
    }
  }

  atTopLevelThis(p: NodePath): boolean {
    let cur: NodePath | null = p.parentPath;
    while (cur) {
      if (cur.isFunction() && !cur.isArrowFunctionExpression()) return false;
      if (cur.isClassProperty() || cur.isClassPrivateProperty() || cur.isStaticBlock()) return false;
      cur = cur.parentPath;
    }
    return true;
  }

  await_(): void {
    this.facts.awaits = true;
    if (!this.fn) this.facts.effects.add('await');
  }

  globalUse(p: NodePath<t.Identifier>, name: string): void {
    const f = this.facts;
    if (name === 'arguments') {
      if (!this.fn && this.atTopLevelThis(p)) f.dynamic.add('uses `arguments` at the top level');
      return;
    }
    const effect = effectGlobals.get(name);
    if (effect === 'dynamic') {
      f.dynamic.add(`uses \`${name}\``);
      return;
    }
    if (effect === 'module') return; // require(...) is judged at the call
    if (effect) {
      f.effects.add(effect);
      return;
    }
    if (pureGlobalValues.has(name)) return;
    // An undeclared name: a global the script or the platform defines, or a ReferenceError to come.
    f.effects.add('global');
  }

  assignTarget(left: NodePath, alsoReads: boolean, right: AnyPath): void {
    const f = this.facts;
    if (left.isMemberExpression() || left.isOptionalMemberExpression()) {
      const m = left as NodePath<t.MemberExpression>;
      // `[].__proto__.last = …`, `Math.clamp = …`: every thread has its own built-ins.
      if (builtinObject(m.get('object'))) f.dynamic.add('changes a built-in object or prototype');
      // o.name = v gives o a named property (an array with one must not be repacked).
      const key = m.node.property;
      if ((!m.node.computed && !t.isIdentifier(key, { name: 'length' })) || (m.node.computed && !t.isNumericLiteral(key) && !mayShare(this.kindOf(m.get('property') as NodePath)) && t.isStringLiteral(key))) {
        for (const r of this.containerRoots(m.get('object'))) this.facts.named.add(r);
      }
      if (m.node.computed && !t.isNumericLiteral(key) && !t.isStringLiteral(key) && this.kindOf(m.get('property') as NodePath).k !== 'prim') {
        for (const r of this.containerRoots(m.get('object'))) this.facts.named.add(r);
      }
      // o[key] = v: a key that may be a symbol (kind any) does not survive a clone; nor does a prototype.
      const proto = propName(m.node) === '__proto__';
      const value = proto ? ANY : right && !storesNumber(m) ? this.kindOf(right) : PRIM;
      this.mutate(m.get('object'), m.node.computed ? joinSym(value, this.kindOf(m.get('property') as NodePath)) : value, right);
      return;
    }
    if (left.isIdentifier()) {
      const ref = this.resolve(left);
      if (ref.kind === 'top') {
        f.writes.add(ref.name);
        // A write that may not happen (`if (c) label = 'big'`) keeps the old value: it reads it too.
        if (alsoReads || !this.certainWrite(left)) f.reads.add(ref.name);
        if (right) for (const r of this.valueRoots(right)) if (r !== ref.name) addLink(f, ref.name, r);
      } else if (ref.kind === 'global') {
        f.effects.add('global');
      }
      return;
    }
    // Destructuring: every identifier is written, every member target mutated.
    const certain = this.certainWrite(left);
    for (const name of Object.keys(t.getBindingIdentifiers(left.node))) {
      const binding = left.scope.getBinding(name);
      if (!binding) f.effects.add('global');
      else if (binding.scope === this.env.ctx.programScope) {
        f.writes.add(name);
        if (!certain) f.reads.add(name);
      }
    }
    left.traverse(patternMembersVisitor, { walker: this, right });
  }

  /**
   * Does this assignment run whenever its statement does? Only in a top-level statement, outside
   * branches, loops, `try`, short-circuits and nested functions (a function's body may run or not).
   */
  certainWrite(target: NodePath): boolean {
    if (this.fn) return false;
    for (let p: NodePath | null = target.parentPath; p && !p.isProgram(); p = p.parentPath) {
      const logical = p.isAssignmentExpression() && ['||=', '&&=', '??='].includes(p.node.operator);
      const ok = p.isExpressionStatement() || p.isSequenceExpression() || p.isParenthesizedExpression() || (p.isAssignmentExpression() && !logical) ||
        p.isVariableDeclarator() || p.isVariableDeclaration() || p.isUpdateExpression() || p.isArrayPattern() || p.isObjectPattern() ||
        p.isObjectProperty() || p.isRestElement() || p.isAssignmentPattern() || p.isLabeledStatement() || (p.isBlockStatement() && p.parentPath?.isProgram());
      if (!ok) return false;
    }
    return true;
  }

  /** Records a mutation of every root the object may alias; `value` is what gets stored (for alias links). */
  mutate(object: AnyPath, kind: SymKind, value?: AnyPath): void {
    for (const r of this.containerRoots(object)) {
      addMutation(this.facts, r, kind);
      if (value && mayShare(kind)) for (const v of this.valueRoots(value)) if (v !== r) addLink(this.facts, r, v);
    }
  }

  unknownCall(argRoots: Set<Root>[], receiver: Set<Root>): void {
    const f = this.facts;
    f.unknownCall = true;
    f.effects.add('unknown');
    for (const s of [receiver, ...argRoots]) for (const r of s) addMutation(f, r, ANY);
    // It may also store any of them into any other.
    const all = [...new Set([receiver, ...argRoots].flatMap((s) => [...s]))];
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) addLink(f, all[i], all[j]);
  }

  call(p: NodePath<t.CallExpression>): void {
    const f = this.facts;
    const isNew = p.isNewExpression();
    const callee = p.get('callee');
    const args = p.get('arguments');
    const spread = args.findIndex((a) => a.isSpreadElement());
    const argRoots = spreadArgs(args.map((a) => this.rootsOf(a)), spread, (a, b) => new Set([...a, ...b]));
    const argKinds = spreadArgs(args.map((a) => this.kindOf(a)), spread, joinSym);
    // Positions past the last argument get nothing: calling what is not there only throws.
    const given = spreadArgs(args.map((a) => this.argFn(a)), spread, (): ArgFn => ({ kind: 'other' }));
    const argFns = [...given, ...Array.from({ length: Math.max(0, ARG_SLOTS - given.length) }, (): ArgFn => ({ kind: 'absent' }))];
    const none = new Set<Root>();

    // A built-in that calls what it is given (`xs.forEach(ops.add)`) with a function value the
    // analysis cannot name: an unknown call, which may change whatever that value reaches.
    const cbAt = this.builtinCallback(p);
    const cb = cbAt === undefined ? undefined : args[cbAt];
    if (cb && !cb.isSpreadElement()) {
      // `xs.forEach(fn, target)`: target is the callback's `this` (an arrow function ignores it).
      const thisArg = cbAt !== undefined && THIS_ARG_CALLBACKS.has(propName(callee.node as t.MemberExpression) ?? '') ? args[cbAt + 1] : undefined;
      if (thisArg && !cb.isArrowFunctionExpression()) for (const r of this.valueRoots(thisArg.isSpreadElement() ? thisArg.get('argument') : thisArg)) addMutation(f, r, ANY);
      const receiver = callee.isMemberExpression() ? this.rootsOf(callee.get('object')) : none;
      const fn = this.argFn(cb);
      if (fn.kind === 'param') addParamCall(f, fn.index, [...receiver, ...argRoots.filter((_, j) => j !== cbAt).flatMap((s) => [...s])]);
      else if (fn.kind === 'other' && this.mayBeFunction(cb) && !this.namedClosure(cb) && !this.methodValue(cb)) this.unknownCall(argRoots, receiver);
    }

    // Script functions passed as values are assumed to be called with any of the other arguments.
    // Everything such a function may be given: the other arguments and the receiver.
    let passed: Set<Root> | undefined;
    const givenWith = (extra: Iterable<Root>) => {
      passed ??= new Set([...argRoots.flatMap((s) => [...s]), ...(callee.isMemberExpression() ? this.rootsOf(callee.get('object')) : [])]);
      return new Set<Root>([...passed, ...extra]);
    };
    for (const a of args) {
      if (a.isCallExpression()) {
        const factory = this.factoryOf(a.node, a.scope);
        // `pipe(sumBy(price), …)`: the closure runs later, with anything; what made it is known.
        if (factory) this.closureSite(factory, a, everyArg(givenWith([])), everyArg(ANY), everyArg<ArgFn>({ kind: 'other' }));
      } else if (a.isMemberExpression() && this.tableCall(a, everyArg(givenWith([])), everyArg(ANY), everyArg<ArgFn>({ kind: 'other' }), false)) {
        // `rows.sort(sorters[r % 3])`: one of the table's functions, called with anything.
      } else if (a.isMemberExpression() || a.isOptionalMemberExpression()) {
        // `xs.map(helpers.square)`: the script's methods of that name, called with anything.
        const method = this.methodValue(a);
        if (method) f.calls.push({ callee: `.${method}`, args: everyArg(givenWith(this.rootsOf(a))), argKinds: everyArg(ANY), receiver: this.rootsOf((a as NodePath<t.MemberExpression>).get('object')) });
      } else if (a.isIdentifier()) {
        const ref = this.resolve(a);
        // A closure from a script factory (`const rand = makeRng(7)`, here or at the top level) counts
        // as its factory, which may also use what it was given when it made the closure.
        const made = ref.kind === 'local' || ref.kind === 'top' ? ref.binding : undefined;
        const factory = !this.scriptFunction(a) && made ? this.closureFactory(made) : undefined;
        const name = this.scriptFunction(a) ? a.node.name : factory;
        if (name) {
          const captured = factory && made?.path.isVariableDeclarator() ? (made.path.get('init') as NodePath<t.CallExpression>).get('arguments').flatMap((x) => [...this.valueRoots(x)]) : [];
          f.calls.push({ callee: name, args: everyArg(givenWith(captured)), argKinds: everyArg(ANY), receiver: none });
        }
      }
    }

    if (callee.isSuper()) {
      const cls = p.findParent((x) => x.isClass()) as NodePath<t.Class> | null;
      const sup = cls?.node.superClass;
      if (t.isIdentifier(sup)) {
        const b = p.scope.getBinding(sup.name);
        if (!b && pureConstructors.get(sup.name)) return;
        if (b && b.scope === this.env.ctx.programScope && this.env.ctx.classes.has(sup.name)) {
          f.calls.push({ callee: `new ${sup.name}`, args: argRoots, argKinds, receiver: new Set(['#this']), receiverContainer: new Set(['#self']) });
          return;
        }
      }
      this.unknownCall(argRoots, new Set(['#this']));
      return;
    }

    if (callee.isFunctionExpression() || callee.isArrowFunctionExpression()) return; // IIFE: body walked inline

    if (callee.isCallExpression() && !isNew) {
      const factory = this.factoryOf(callee.node, callee.scope);
      if (factory) {
        this.closureSite(factory, callee, argRoots, argKinds, argFns);
        return;
      }
    }

    if (callee.isIdentifier()) {
      const ref = this.resolve(callee);
      if (ref.kind === 'top') {
        if (isNew && this.env.ctx.classes.has(ref.name)) {
          f.calls.push({ callee: `new ${ref.name}`, args: argRoots, argKinds, receiver: none });
          return;
        }
        if (!isNew && this.env.ctx.functions.has(ref.name)) {
          f.calls.push({ callee: ref.name, args: argRoots, argKinds, argFns, receiver: none });
          return;
        }
        if (!isNew && this.closureCall(ref.binding, argRoots)) return;
        const member = this.env.ctx.moduleMembers.get(ref.name);
        if (member) {
          this.moduleCall(member[0], member[1], argRoots);
          return;
        }
        // Whatever the value reaches (`const other = adder`); a package's function reaches none of ours.
        this.unknownCall(argRoots, this.env.ctx.foreign.has(ref.name) ? none : this.rootsOf(callee));
        return;
      }
      if (ref.kind === 'global') {
        const name = ref.name;
        if (name === 'require' && !isNew) {
          const arg = p.node.arguments[0];
          if (!(t.isStringLiteral(arg) && builtinName(arg.value))) f.effects.add('module');
          return;
        }
        if (name === 'eval') {
          f.dynamic.add('uses `eval`');
          return;
        }
        if (isNew ? pureConstructors.get(name) : pureGlobalCalls.get(name)) {
          // structuredClone(buf, { transfer: [buf] }) detaches what it transfers.
          if (name === 'structuredClone' && args.length > 1) for (const a of args) for (const r of this.rootsOf(a)) addMutation(f, r, ANY);
          // `String(t)` converts; `new Set(items)` iterates.
          if (isNew) this.implicitCalls(args[0], ITERATION);
          else for (const a of args) this.implicitCalls(a, CONVERSIONS);
          return;
        }
        if (isNew && name === 'Promise') {
          f.effects.add('async');
          return;
        }
        if (effectGlobals.get(name)) return; // recorded as an effect by the identifier visitor
        this.unknownCall(argRoots, none);
        return;
      }
      // A callback parameter: the caller knows what it is.
      if (ref.kind === 'param' && !isNew) {
        addParamCall(f, ref.index, argRoots.flatMap((s) => [...s]));
        // A parameter assigned another function may call that one.
        if (ref.aliases) this.unknownCall(argRoots, this.rootsOf(callee));
        // With a default (`cb = log`), a call given no function calls whatever the default is.
        if (this.defaulted(callee)) this.unknownCall(argRoots, none);
        return;
      }
      if (ref.kind === 'local' && !isNew && this.closureCall(ref.binding, argRoots)) return;
      const rest = ref.kind === 'local' && !isNew ? this.restElement(ref.binding) : undefined;
      if (rest !== undefined) {
        // An element of a rest parameter (`fns.reduce((acc, fn) => fn(acc), x)`): whichever function
        // the caller passed from that position on.
        for (const i of laterArgs(rest)) addParamCall(f, i, argRoots.flatMap((s) => [...s]));
        return;
      }
      if (ref.kind === 'local' && this.nestedFunction(ref.binding)) {
        // Its body is part of this unit and was walked with it; it may change what it is given.
        const fnPath = ref.binding.path.isVariableDeclarator() ? (ref.binding.path.get('init') as NodePath<t.Function>) : (ref.binding.path as NodePath<t.Function>);
        // After a spread, a value may land in any parameter from the spread's position on.
        const last = Math.max(fnPath.node.params.length, args.length);
        const mayChange = (i: number) => (spread >= 0 && i >= spread ? Array.from({ length: last - spread + 1 }, (_, k) => spread + k).some((j) => paramMayChange(fnPath, j)) : paramMayChange(fnPath, i));
        args.forEach((a, i) => {
          if (mayChange(i)) for (const r of this.valueRoots(a)) addMutation(f, r, ANY);
        });
        return;
      }
      this.unknownCall(argRoots, this.rootsOf(callee));
      return;
    }

    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) {
      const m = callee as NodePath<t.MemberExpression>;
      const name = propName(m.node);
      const object = m.get('object');
      const base = baseIdentifier(object);
      if (base) {
        const ref = this.resolve(base);
        if (ref.kind === 'global') {
          const effect = effectGlobals.get(ref.name);
          // console.log(x) prints x with util.inspect, which calls x's [util.inspect.custom], and
          // its %s, %d, %j call toString, valueOf, toJSON.
          if (ref.name === 'console') for (const a of args) this.implicitCalls(a, CONSOLE_HOOKS);
          if (effect && effect !== 'dynamic') return; // console.*, process.*: the identifier visitor recorded it
          const ns = pureNamespaces.get(ref.name);
          if (ns && object.node === base.node) {
            if (name && ns.mutatesArg0?.includes(name) && argRoots[0]) {
              // Object.assign(target, ...sources) stores what every source holds, and shares it.
              const stored = name === 'assign' ? argKinds.slice(1).reduce(joinSym, PRIM) : name === 'setPrototypeOf' ? ANY : argKinds[1] ?? ANY;
              for (const r of argRoots[0]) {
                addMutation(f, r, stored);
                f.named.add(r); // Object.assign(target, …) may add named properties
                if (name === 'assign') for (const src of argRoots.slice(1)) for (const v of src) if (v !== r) addLink(f, r, v);
              }
            }
            if (ref.name === 'Object' && name && /^define|^__define/.test(name)) f.dynamic.add('defines properties with Object.' + name);
            if (ref.name === 'Object' && name && ns.mutatesArg0?.includes(name) && args[0] && builtinObject(args[0])) f.dynamic.add(`changes a built-in object with Object.${name}`);
            if (ref.name === 'JSON' && name === 'stringify') this.implicitCalls(args[0], ['toJSON']);
            else if (ref.name === 'Array' && name === 'from') this.implicitCalls(args[0], ITERATION);
            else if (ref.name === 'Math' || ref.name === 'Number' || ref.name === 'String') for (const a of args) this.implicitCalls(a, CONVERSIONS);
            return;
          }
        } else if (ref.kind === 'top') {
          const mod = this.env.ctx.modules.get(ref.name);
          if (mod) {
            // fs.readFileSync(...), crypto.createHash(...).update(...).digest(...)
            this.moduleCall(mod, object.node === base.node ? name : memberRootName(object.node), argRoots);
            return;
          }
          // `performance.now()` of `import { performance } from 'node:perf_hooks'`: the module's.
          const member = this.env.ctx.moduleMembers.get(ref.name);
          if (member) {
            this.moduleCall(member[0], member[1], argRoots);
            return;
          }
          if (this.env.ctx.foreign.has(ref.name)) {
            this.unknownCall(argRoots, this.rootsOf(object));
            return;
          }
        }
      }
      // `ops[i % 2](x)`: one of the functions of a table, called with the table as `this`.
      if (m.node.computed && !isNew && this.tableCall(m, argRoots, argKinds, argFns, true)) return;
      if (!name) {
        this.unknownCall(argRoots, this.rootsOf(object));
        return;
      }
      if (identityMethods.has(name) && args[0]) this.identityCheck(args[0], null);
      if (name === 'is' && object.isIdentifier({ name: 'Object' }) && args[1]) this.identityCheck(args[0], args[1]);
      const receiver = this.rootsOf(object);
      const scriptMethod = this.env.ctx.methods.has(name);
      let factories: string[] | undefined;
      // What a built-in method of this name would change (the script's method is followed through its summary).
      const container = this.containerRoots(object);
      if (scriptMethod) f.calls.push({ callee: `.${name}`, args: argRoots, argKinds, receiver, receiverContainer: container });
      else if (this.fieldFunction(name, object)) {
        // `this.compare(a, b)`: one of the functions stored under that name, whichever it is.
        f.calls.push({ callee: `~${name}`, args: argRoots, argKinds, argFns, receiver, receiverContainer: container });
        return;
      } else if ((factories = this.closureField(name, object))) {
        // `this.rng()`: a closure a script factory made for this object (`this.rng = mulberry32(seed)`),
        // called as a local one is; its state is the object's own.
        const all = new Set<Root>(container);
        argRoots.forEach((s) => s.forEach((r) => all.add(r)));
        this.factoryClosureCall(factories, all);
        return;
      } else if (storesScriptFunction(this.env.ctx, name)) {
        this.unknownCall(argRoots, receiver); // `.toString()` may be a function the script stored
        return;
      }
      // `s.split(splitter)`: an object argument's [Symbol.split] (replace, search, match alike).
      const protocol = Object.hasOwn(STRING_PROTOCOLS, name) ? STRING_PROTOCOLS[name] : undefined;
      if (protocol && args[0]) this.implicitCalls(args[0], [protocol]);
      // `temps.join()`, a sort without a comparator: each element is converted to a string.
      if (CONVERTING_METHODS.has(name) && !((name === 'sort' || name === 'toSorted') && args.length > 0)) this.implicitCalls(object, CONVERSIONS);
      if (mutatingMethods.has(name)) {
        let k: SymKind = PRIM;
        storedArgs(name, argKinds.length).forEach((i) => (k = joinSym(k, argKinds[i])));
        for (const r of container) {
          addMutation(f, r, k);
          for (const a of argRoots) for (const v of a) if (v !== r && mayShare(k)) addLink(f, r, v);
        }
        return;
      }
      if (pureMethods.has(name)) {
        if (name === 'call' || name === 'apply' || name === 'bind') this.unknownCall(argRoots, receiver);
        return;
      }
      if (!scriptMethod) this.unknownCall(argRoots, receiver);
      return;
    }
    this.unknownCall(argRoots, this.rootsOf(callee)); // `m.get(k)(x)`: whatever the function value reaches
  }

  /** Where a built-in method that runs a callback during the call (map, forEach, sort…) takes it. */
  builtinCallback(p: NodePath<t.CallExpression>): number | undefined {
    const callee = p.node.callee;
    if (p.isNewExpression() || !(t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee))) return undefined;
    const name = propName(callee);
    if (!name || !callbackMethods.has(name) || !this.builtinMethod(name)) return undefined;
    return name === 'from' || name === 'replace' || name === 'replaceAll' ? 1 : 0;
  }

  /**
   * A built-in operation that may call the script's own conversion or iteration methods on a
   * value (`${t}` calls Temp's toString): a call of each such method the script defines, on that
   * value. Primitives and plain data have none of the script's methods.
   */
  implicitCalls(operand: AnyPath, names: readonly string[]): void {
    if (!operand || !operand.node) return;
    const defined = names.filter((n) => this.env.ctx.methods.has(n));
    if (defined.length === 0 || !mayHoldFunctions(this.kindOf(operand))) return;
    const receiver = this.rootsOf(operand);
    const container = this.containerRoots(operand);
    for (const n of defined) this.facts.calls.push({ callee: `.${n}`, args: [], argKinds: [], receiver, receiverContainer: container });
  }

  /**
   * `helpers.square` as a value: the name of the script's methods it is, when only the script
   * defines that name (not a built-in prototype, not a module's member).
   */
  methodValue(a: NodePath): string | undefined {
    if (!a.isMemberExpression() && !a.isOptionalMemberExpression()) return undefined;
    const name = propName(a.node as t.MemberExpression);
    if (!name || !this.env.ctx.methods.has(name) || BUILTIN_NAMES.has(name) || name.startsWith('@@')) return undefined;
    const base = baseIdentifier(a);
    const ref = base ? this.resolve(base) : undefined;
    if (ref?.kind === 'global' || (ref?.kind === 'top' && (this.env.ctx.foreign.has(ref.name) || this.env.ctx.modules.has(ref.name)))) return undefined;
    return name;
  }

  /** A binding that holds a closure a script factory made (followed as its factory, below). */
  namedClosure(a: NodePath): boolean {
    if (!a.isIdentifier()) return false;
    const ref = this.resolve(a);
    return (ref.kind === 'top' || ref.kind === 'local') && !!this.closureFactory(ref.binding);
  }

  /**
   * Whether a value may be a function the analysis cannot name: not a primitive or plain data,
   * and not a built-in (`map(Number)`, `forEach(console.log)`, whose effect the identifier records).
   */
  mayBeFunction(a: NodePath): boolean {
    if (!mayHoldFunctions(this.kindOf(a))) return false;
    const base = baseIdentifier(a);
    return !(base && this.resolve(base).kind === 'global');
  }

  /**
   * The factories whose closures a field of a script object holds, when every store into it
   * anywhere is a call of a script factory with primitive arguments (`this.rng = mulberry32(cfg.seed)`):
   * then all the closure can change is what the factory made for it, which only that object reaches.
   */
  closureField(name: string, object: NodePath): string[] | undefined {
    const ctx = this.env.ctx;
    let memo = closureFieldCache.get(ctx);
    if (!memo) closureFieldCache.set(ctx, (memo = new Map()));
    let found = memo.get(name);
    if (found === undefined) memo.set(name, (found = this.closureFactories(name)));
    return found && scriptObject(ctx, object, 0) ? found : undefined;
  }

  private closureFactories(name: string): string[] | null {
    const ctx = this.env.ctx;
    const { anything, byName } = fieldWrites(ctx);
    const writes = byName.get(name);
    if (anything || !writes?.length || !keepableField(ctx, name) || BUILTIN_NAMES.has(name)) return null;
    const primitives = primitiveFields(ctx);
    const plain = (a: NodePath) => primitiveValue(a.node, a.scope, 0) || (a.isMemberExpression() && primitives.has(propName(a.node) ?? ''));
    // A parameter (`constructor(seed) { this.rng = mulberry32(seed) }`) is what every call gives it.
    const param = (a: NodePath) => {
      const b = a.isIdentifier() ? a.scope.getBinding(a.node.name) : undefined;
      return b?.kind === 'param' && b.constant && (parameterValues(ctx, b)?.every(plain) ?? false);
    };
    const out = new Set<string>();
    for (const w of writes) {
      if (typeof w === 'string' || !w.isCallExpression()) return null;
      const factory = this.factoryOf(w.node, w.scope);
      if (!factory || !w.get('arguments').every((a) => plain(a) || param(a))) return null;
      out.add(factory);
    }
    return [...out];
  }

  /** A field of a script object that holds only functions the script wrote (see function-fields.ts). */
  fieldFunction(name: string, object: NodePath): boolean {
    return functionFields(this.env.ctx).has(name) && scriptObject(this.env.ctx, object, 0);
  }

  /** Two values that may be objects compared by identity. */
  identityCheck(a: AnyPath, b: AnyPath): void {
    const maybeObject = (p: AnyPath) => {
      if (!p || !p.node || t.isLiteral(p.node)) return false;
      return mayShare(this.kindOf(p));
    };
    if (maybeObject(a) && (b === null || maybeObject(b))) {
      this.facts.identity = true;
      for (const p of [a, b]) if (p) this.rootsOf(p).forEach((r) => this.facts.compared.add(r));
    }
  }

  /**
   * The functions `T[i]` may be when T is a table of functions (function-tables.ts), each as the
   * analysis follows it: a script function, a factory's closure, or one written in the table.
   * Undefined when T is no table or one of its elements is none of these.
   */
  tableFunctions(member: NodePath): { element: NodePath<t.Expression>; fns: t.Node[]; site: (roots: Set<Root>[], kinds: SymKind[], fns: ArgFn[]) => void }[] | undefined {
    const elements = tableElements(member);
    if (!elements) return undefined;
    const f = this.facts;
    const none = new Set<Root>();
    const out = [];
    for (const e of elements) {
      if (e.isIdentifier()) {
        const ref = this.resolve(e);
        if (ref.kind !== 'top' || !this.env.ctx.functions.has(ref.name)) return undefined;
        const name = ref.name;
        out.push({ element: e, fns: [this.env.ctx.functions.get(name)!.node], site: (roots: Set<Root>[], kinds: SymKind[], fns: ArgFn[]) => void f.calls.push({ callee: name, args: roots, argKinds: kinds, argFns: fns, receiver: none }) });
      } else if (e.isCallExpression()) {
        const factory = this.factoryOf(e.node, e.scope);
        if (!factory) return undefined;
        const closures = (returnedClosures(this.env.ctx.functions.get(factory)!) ?? []).map((c) => c.node);
        out.push({ element: e, fns: closures, site: (roots: Set<Root>[], kinds: SymKind[], fns: ArgFn[]) => this.closureSite(factory, e, roots, kinds, fns) });
      } else if (e.isFunctionExpression() || e.isArrowFunctionExpression()) {
        // Written in a top-level table, it names only top-level bindings and its own: a unit of its
        // own, the same wherever it is called. Written in a function's table, it can be followed
        // only while walking that function.
        const fnPath = e as NodePath<t.Function>;
        if (e.scope.parent === this.env.ctx.programScope) {
          const key = nodeKey(e.node);
          out.push({ element: e, fns: [e.node], site: (roots: Set<Root>[], kinds: SymKind[], fns: ArgFn[]) => void f.calls.push({ callee: key, args: roots, argKinds: kinds, argFns: fns, receiver: none }) });
        } else if (this.fn && this.fn.node.start! <= e.node.start! && e.node.end! <= this.fn.node.end!) {
          // Its body was walked with this unit; what it may change of what it is given remains.
          out.push({ element: e, fns: [e.node], site: (roots: Set<Root>[]) => {
            const slots = Math.max(fnPath.node.params.length, roots.length);
            if (Array.from({ length: slots }, (_, i) => paramMayChange(fnPath, i)).some(Boolean)) for (const s of roots) for (const r of s) addMutation(f, r, ANY);
          } });
        } else return undefined;
      } else return undefined;
    }
    return out;
  }

  /**
   * A call of `T[i]` for a table T: a call of each of its functions with these arguments. As a
   * callee the table is `this`, so none of them may read it. False when T is no table.
   */
  tableCall(member: NodePath, roots: Set<Root>[], kinds: SymKind[], fns: ArgFn[], asCallee: boolean): boolean {
    const table = this.tableFunctions(member);
    if (!table || (asCallee && table.some((e) => e.fns.some(mayUseThis)))) return false;
    for (const e of table) e.site(roots, kinds, fns);
    // A factory's closure keeps state of its own (a generator's seed), which lives with the table.
    if (table.some((e) => e.element.isCallExpression())) for (const r of this.rootsOf((member as NodePath<t.MemberExpression>).get('object'))) addMutation(this.facts, r, ANY);
    return true;
  }

  argFn(a: NodePath): ArgFn {
    if (a.isFunctionExpression() || a.isArrowFunctionExpression()) return { kind: 'inline', fns: [a.node] };
    const closures = (factory: string): t.Node[] => (returnedClosures(this.env.ctx.functions.get(factory)!) ?? []).map((c) => c.node);
    if (a.isIdentifier()) {
      const ref = this.resolve(a);
      if (ref.kind === 'top' && this.env.ctx.functions.has(ref.name)) return { kind: 'fn', name: ref.name, fns: [this.env.ctx.functions.get(ref.name)!.node] };
      if (ref.kind === 'param') return ref.rest || ref.aliases ? { kind: 'other' } : { kind: 'param', index: ref.index };
      // A function declared in this unit was walked with it, like an inline one.
      if (ref.kind === 'local' && this.nestedFunction(ref.binding)) {
        const bp = ref.binding.path;
        return { kind: 'inline', fns: [bp.isVariableDeclarator() ? bp.node.init! : bp.node] };
      }
      // A closure a script factory made, here or at the top level (`const pricer = makePricer(900)`),
      // is its factory's closures with what the factory was given. A closure cannot be cloned, so
      // every statement that uses a top-level one stays on the thread that made it, in order.
      const made = ref.kind === 'local' || ref.kind === 'top' ? ref.binding : undefined;
      const factory = made && this.closureFactory(made);
      if (made && factory) return { kind: 'fn', name: factory, fns: closures(factory), captured: this.capturedFns(made) };
    }
    const method = this.methodValue(a);
    if (method) return { kind: 'fn', name: `.${method}`, fns: this.env.ctx.methods.get(method)!.map((m) => m.node) };
    const table = this.tableFunctions(a);
    if (table) return { kind: 'fn', name: '[]', fns: table.flatMap((e) => e.fns) };
    // `f(makeRng(7))`: the closure a factory returns, and what the factory was given.
    if (a.isCallExpression()) {
      const factory = this.factoryOf(a.node, a.scope);
      if (factory) return { kind: 'fn', name: factory, fns: closures(factory), captured: this.factoryArgFns(a) };
    }
    return { kind: 'other' };
  }

  /** What a factory call passed that may be a function, per argument (its closures may call them). */
  factoryArgFns(call: NodePath<t.CallExpression>): ArgFn[] {
    const args = call.get('arguments') as NodePath[];
    return spreadArgs(args.map((x) => this.argFn(x)), args.findIndex((x) => x.isSpreadElement()), (): ArgFn => ({ kind: 'other' }));
  }

  /** factoryArgFns of the call whose closure a constant binding holds (closureFactory found it). */
  capturedFns(binding: Binding): ArgFn[] {
    return this.factoryArgFns(binding.path.get('init') as NodePath<t.CallExpression>);
  }

  /** Every value of this local is a container made where it is assigned (a literal, a copy, a new Map…). */
  freshLocal(binding: Binding): boolean {
    const bp = binding.path;
    if (this.freshPending.has(binding)) return false; // `a = c ? a : []`: not shown fresh
    this.freshPending.add(binding);
    try {
      return this.freshLocalUnguarded(binding, bp);
    } finally {
      this.freshPending.delete(binding);
    }
  }

  private readonly freshPending = new Set<Binding>();

  private freshLocalUnguarded(binding: Binding, bp: NodePath): boolean {
    if (!bp.isVariableDeclarator() || !t.isIdentifier(bp.node.id) || !bp.node.init) return false;
    const loop = bp.parentPath?.parentPath;
    if (loop && (loop.isForOfStatement() || loop.isForInStatement())) return false;
    if (!this.freshTest(bp.get('init') as NodePath)) return false;
    return binding.constantViolations.every((v) => v.isAssignmentExpression() && v.node.operator === '=' && this.freshTest(v.get('right') as NodePath));
  }

  /**
   * `const d = o.data` or `const { keys, vals } = this`, never reassigned, of fields that own their
   * containers: the local is part of the owner's storage, and this is the owner's expression.
   */
  ownedFieldOwner(binding: Binding): NodePath | undefined {
    const bp = binding.path;
    if (!binding.constant || !bp.isVariableDeclarator()) return undefined;
    const loop = bp.parentPath?.parentPath;
    if (loop && (loop.isForOfStatement() || loop.isForInStatement())) return undefined;
    const init = bp.get('init') as NodePath;
    const id = bp.node.id;
    const owned = ownedFields(this.env.ctx);
    if (t.isIdentifier(id)) {
      const n = init.node;
      return (t.isMemberExpression(n) || t.isOptionalMemberExpression(n)) && owned.has(propName(n) ?? '') ? (init.get('object') as NodePath) : undefined;
    }
    if (!t.isObjectPattern(id) || !init.node) return undefined;
    const prop = id.properties.find((p) => t.isObjectProperty(p) && p.value === binding.identifier) as t.ObjectProperty | undefined;
    if (!prop || prop.computed) return undefined;
    const key = t.isIdentifier(prop.key) ? prop.key.name : t.isStringLiteral(prop.key) ? prop.key.value : undefined;
    return key !== undefined && owned.has(key) ? init : undefined;
  }

  /** A local function declared inside this unit (so walked with it), never reassigned. */
  nestedFunction(binding: Binding): boolean {
    const bp = binding.path;
    let fn: t.Node | null | undefined;
    if (bp.isFunctionDeclaration()) fn = bp.node;
    else if (bp.isVariableDeclarator() && binding.constant && (t.isFunctionExpression(bp.node.init) || t.isArrowFunctionExpression(bp.node.init))) fn = bp.node.init;
    if (!fn || !binding.constant) return false;
    // A method's unit does not contain the functions of the code around it.
    return !this.fn || (this.fn.node.start! <= fn.start! && fn.end! <= this.fn.node.end!);
  }

  /** The script function whose result a constant local holds (`const rand = makeRng(7)`), if any. */
  closureFactory(binding: Binding): string | undefined {
    const bp = binding.path;
    if (!bp.isVariableDeclarator() || !t.isIdentifier(bp.node.id) || !binding.constant) return undefined;
    return bp.node.init ? this.factoryOf(bp.node.init, bp.scope) : undefined;
  }

  /**
   * A callback parameter or loop variable that holds an element of one of this unit's rest
   * parameters (`fns.forEach((fn) => …)`, `for (const fn of fns)`), an array nothing changes:
   * that rest parameter's position.
   */
  restElement(binding: Binding): number | undefined {
    const array = iteratedArray(binding);
    if (!array) return undefined;
    const ref = this.resolve(array);
    if (ref.kind !== 'param' || !ref.rest || array.node.name === 'arguments') return undefined;
    const restBinding = array.scope.getBinding(array.node.name);
    return restBinding && arrayUnchanged(restBinding) ? ref.index : undefined;
  }

  /** A parameter with a default value (`(cb = log) => …`). */
  defaulted(id: NodePath<t.Identifier>): boolean {
    const b = id.scope.getBinding(id.node.name);
    return !!b && b.kind === 'param' && (b.path.isAssignmentPattern() || !!b.path.parentPath?.isAssignmentPattern());
  }

  /**
   * Per parameter position of a closure unit: the closure's own arguments (`own`, padded to
   * ARG_SLOTS with `absent`), then what the factory call that made it was given.
   */
  closureArgs<T>(factoryCall: NodePath<t.CallExpression>, own: T[], each: (a: NodePath) => T, join: (a: T, b: T) => T, absent: T): T[] {
    const pad = (xs: T[]) => [...xs.slice(0, ARG_SLOTS), ...Array.from({ length: Math.max(0, ARG_SLOTS - xs.length) }, () => absent)];
    const args = factoryCall.get('arguments') as NodePath[];
    const captured = spreadArgs(args.map(each), args.findIndex((a) => a.isSpreadElement()), join);
    return [...pad(own), ...pad(captured)];
  }

  /** A call of a closure a factory makes on the spot (`groupBy(key)(rows)`): the closures' own facts. */
  closureSite(factory: string, factoryCall: NodePath<t.CallExpression>, roots: Set<Root>[], kinds: SymKind[], fns: ArgFn[]): void {
    const none = new Set<Root>();
    this.facts.calls.push({
      callee: `${factory}()`,
      args: this.closureArgs(factoryCall, roots, (a) => this.rootsOf(a), (a, b) => new Set([...a, ...b]), none),
      argKinds: this.closureArgs(factoryCall, kinds, (a) => this.kindOf(a), joinSym, PRIM),
      argFns: this.closureArgs(factoryCall, fns, (a) => this.argFn(a), (): ArgFn => ({ kind: 'other' }), { kind: 'absent' }),
      receiver: none,
    });
  }

  /** The factory whose closure `groupBy(key)(rows)` calls on the spot, if the callee is such a call. */
  curried(call: NodePath<t.CallExpression>): string | undefined {
    const callee = call.node.callee;
    return t.isCallExpression(callee) ? this.factoryOf(callee, call.scope) : undefined;
  }

  /** What `groupBy(key)(rows)` may return: the closures' returns, through both argument lists. */
  closureCallRoots(call: NodePath<t.CallExpression>, factory: string, seen: Set<Binding>): Set<Root> {
    const own = new Set<Root>();
    const captured = new Set<Root>();
    const out = new Set<Root>();
    for (const r of this.env.returnRoots?.(`${factory}()`) ?? ['#unknown']) {
      const m = /^#p(\d+)(\+?)$/.exec(r);
      if (!m) out.add(r);
      else if (Number(m[1]) >= ARG_SLOTS) captured.add(`#p${Number(m[1]) - ARG_SLOTS}${m[2]}`);
      else {
        own.add(r);
        if (m[2]) captured.add('#p0+'); // the closure's rest parameter also covers the factory's slots
      }
    }
    const factoryCall = call.get('callee') as NodePath<t.CallExpression>;
    this.returnRootsAt(own, call.get('arguments') as NodePath[], null, seen).forEach((r) => out.add(r));
    this.returnRootsAt(captured, factoryCall.get('arguments') as NodePath[], null, seen).forEach((r) => out.add(r));
    for (const r of out) if (r.startsWith('#')) out.delete(r);
    return out;
  }

  /** `makeRng(7)` where makeRng is a script function whose every return is a function written in it. */
  factoryOf(call: t.Node, scope: Scope): string | undefined {
    if (!t.isCallExpression(call) || !t.isIdentifier(call.callee)) return undefined;
    const name = call.callee.name;
    const fb = scope.getBinding(name);
    const fn = this.env.ctx.functions.get(name);
    if (!fb || fb.scope !== this.env.ctx.programScope || !fn) return undefined;
    return returnedClosures(fn) ? name : undefined;
  }

  /**
   * Calling a binding that holds what a script function returned (a closure from a factory,
   * as in `const rand = makeRng(7); rand()`): as if calling the factory, whose facts include
   * its nested functions; the closure may do anything with its arguments.
   */
  closureCall(binding: Binding, argRoots: Set<Root>[]): boolean {
    const bp = binding.path;
    const factory = this.closureFactory(binding);
    if (!factory || !bp.isVariableDeclarator()) return false;
    const all = new Set<Root>();
    argRoots.forEach((s) => s.forEach((r) => all.add(r)));
    // The closure may use what the factory was given (a number it was given shares nothing: its
    // closure changes its own copy), and anything it is given now.
    for (const a of (bp.get('init') as NodePath<t.CallExpression>).get('arguments')) this.valueRoots(a).forEach((r) => all.add(r));
    this.factoryClosureCall([factory], all);
    return true;
  }

  /** A call of a closure the factories made: their facts, with every root involved (`all`) given and changed. */
  factoryClosureCall(factories: string[], all: Set<Root>): void {
    const same = everyArg(all);
    for (const factory of factories) this.facts.calls.push({ callee: factory, args: same, argKinds: same.map(() => ANY), receiver: new Set() });
    for (const r of all) addMutation(this.facts, r, ANY);
  }

  moduleCall(mod: string, member: string | undefined, argRoots: Set<Root>[]): void {
    const info = builtinModules.get(mod);
    if (info?.effect) {
      this.facts.effects.add(info.effect);
      return;
    }
    const changes = member !== undefined && info?.changesArguments?.includes(member);
    if (info?.pure && !changes && (member === undefined || info.defaultKind !== undefined || member in info.pure)) return;
    this.facts.effects.add('unknown' as Effect);
    for (const s of argRoots) for (const r of s) addMutation(this.facts, r, ANY);
  }

  functionReturns(): void {
    const fn = this.fn!;
    const f = this.facts;
    const name = fn.isFunctionDeclaration() && fn.parentPath.isProgram() ? fn.node.id?.name : undefined;
    const yielded: NodePath[] = [];
    if (name && topGenerator(this.env.ctx, name) === fn) {
      // Counted where its iterator is used up (generators.ts): what that sees are the yields.
      let k: SymKind = DATA;
      for (const y of ownYields(fn)) {
        const arg = y.get('argument') as NodePath;
        if (!arg.node) continue;
        k = joinSym(k, y.node.delegate ? elementKind(this.kindOf(arg)) : this.kindOf(arg));
        this.rootsOf(arg).forEach((r) => f.returnRoots.add(r));
        yielded.push(arg);
      }
      f.returns = k;
    } else if (fn.node.async || fn.node.generator) {
      f.effects.add('async');
      f.returns = ANY;
    }
    const body = fn.get('body');
    if (!Array.isArray(body) && (body as NodePath).isExpression()) {
      if (!fn.node.async) f.returns = this.kindOf(body as NodePath);
      this.rootsOf(body as NodePath).forEach((r) => f.returnRoots.add(r));
      return;
    }
    let k: SymKind = PRIM;
    const returned: NodePath[] = [...yielded];
    for (const r of ownReturns(fn)) {
      k = joinSym(k, this.kindOf(r.get('argument')));
      this.rootsOf(r.get('argument')).forEach((x) => f.returnRoots.add(x));
      returned.push(r.get('argument') as NodePath);
    }
    if (!fn.node.async && !fn.node.generator) f.returns = k;
    // A local object the function also stored into another (`registry.push(a); return a`) stays
    // reachable from it: the result may share whatever the function stored objects into.
    if (returned.some((r) => r.node && this.returnsStoredLocal(r))) {
      for (const [root, kind] of f.mutates) if (mayShare(kind)) f.returnRoots.add(root);
      // Passed to another script function, it may have been stored by that one (or one it calls).
      for (const call of f.calls) for (const root of this.env.storedRoots?.(call.callee) ?? []) f.returnRoots.add(root);
    }
  }

  /** Whether a returned expression names a local of this function that is also stored elsewhere or passed on. */
  returnsStoredLocal(expr: NodePath): boolean {
    const locals = new Set<Binding>();
    const visit = (p: NodePath) => {
      if (p.isIdentifier()) {
        const b = p.scope.getBinding(p.node.name);
        if (b && b.kind !== 'param' && b.scope.getFunctionParent()?.block === this.fn?.node) locals.add(b);
      }
    };
    visit(expr);
    expr.traverse({
      Function(q) {
        q.skip();
      },
      Identifier(q) {
        visit(q);
      },
    });
    for (const b of locals) {
      for (const ref of b.referencePaths) {
        const parent = ref.parentPath;
        if (!parent) continue;
        if ((parent.isCallExpression() || parent.isNewExpression()) && (parent.node.arguments as t.Node[]).includes(ref.node)) return true;
        if (parent.isAssignmentExpression() && parent.node.right === ref.node && !t.isIdentifier(parent.node.left)) return true;
        if (parent.isArrayExpression() || parent.isSpreadElement() || (parent.isObjectProperty() && parent.node.value === ref.node)) return true;
      }
    }
    return false;
  }
}

/**
 * The walk of a unit: one static visitor (Babel prepares a visitor object once and caches it on the
 * object, so building one per walk costs more than the walk), with the walker as state.
 */
const unitHandlers = {
  ReferencedIdentifier(p: NodePath, self: UnitWalker) {
    if (!p.isIdentifier()) return;
    const ref = self.resolve(p);
    if (ref.kind === 'top') {
      self.facts.reads.add(ref.name);
      // A generator whose iterator may outlive this code runs its body later, elsewhere.
      if (topGenerator(self.env.ctx, ref.name)) {
        const call = p.parentPath;
        if (!(call?.isCallExpression() && p.key === 'callee' && consumedIterator(self.env.ctx, call))) self.facts.effects.add('async');
      }
    } else if (ref.kind === 'global') self.globalUse(p, ref.name);
  },
  ThisExpression(p: NodePath, self: UnitWalker) {
    if (self.atTopLevelThis(p)) self.facts.dynamic.add('uses `this` at the top level');
  },
  BinaryExpression(p: NodePath<t.BinaryExpression>, self: UnitWalker) {
    const op = p.node.operator;
    if (['===', '!==', '==', '!='].includes(op)) self.identityCheck(p.get('left') as NodePath, p.get('right'));
    // `a + b`, `a > b`, `k in o`: an object operand is converted by its own valueOf or toString.
    if (op === 'instanceof') self.implicitCalls(p.get('right'), ['@@hasInstance']);
    if (op !== '===' && op !== '!==' && op !== 'instanceof') {
      self.implicitCalls(p.get('left') as NodePath, CONVERSIONS);
      if (op !== 'in') self.implicitCalls(p.get('right'), CONVERSIONS);
    }
  },
  TemplateLiteral(p: NodePath<t.TemplateLiteral>, self: UnitWalker) {
    if (p.parentPath.isTaggedTemplateExpression()) return;
    for (const e of p.get('expressions')) self.implicitCalls(e as NodePath, CONVERSIONS);
  },
  MemberExpression(p: NodePath<t.MemberExpression>, self: UnitWalker) {
    if (p.node.computed) self.implicitCalls(p.get('property') as NodePath, CONVERSIONS); // `o[key]`: key becomes a string
  },
  SpreadElement(p: NodePath<t.SpreadElement>, self: UnitWalker) {
    if (!p.parentPath.isObjectExpression()) self.implicitCalls(p.get('argument'), ITERATION); // `[...xs]`, `f(...xs)`
  },
  ArrayPattern(p: NodePath<t.ArrayPattern>, self: UnitWalker) {
    // `const [a, b] = pair`, `[a, b] = pair`: the value is iterated.
    const parent = p.parentPath;
    if (parent.isVariableDeclarator() && parent.node.id === p.node) self.implicitCalls(parent.get('init') as NodePath, ITERATION);
    else if (parent.isAssignmentExpression() && parent.node.left === p.node) self.implicitCalls(parent.get('right'), ITERATION);
  },
  VariableDeclarator(p: NodePath<t.VariableDeclarator>, self: UnitWalker) {
    // A top-level declaration links the declared bindings to what the initialiser may alias.
    const init = p.get('init');
    if (!init.node) return;
    const names = Object.keys(t.getBindingIdentifiers(p.node.id)).filter((n) => p.scope.getBinding(n)?.scope === self.env.ctx.programScope);
    if (names.length === 0) return;
    const roots = self.valueRoots(init);
    for (const n of names) for (const r of roots) if (r !== n) addLink(self.facts, n, r);
  },
  AssignmentExpression(p: NodePath<t.AssignmentExpression>, self: UnitWalker) {
    const op = p.node.operator;
    self.assignTarget(p.get('left'), op !== '=', p.get('right'));
    if (op !== '=' && op !== '&&=' && op !== '||=' && op !== '??=') {
      self.implicitCalls(p.get('left'), CONVERSIONS);
      self.implicitCalls(p.get('right'), CONVERSIONS);
    }
  },
  UpdateExpression(p: NodePath<t.UpdateExpression>, self: UnitWalker) {
    self.assignTarget(p.get('argument') as NodePath, true, null);
  },
  UnaryExpression(p: NodePath<t.UnaryExpression>, self: UnitWalker) {
    if (p.node.operator === '+' || p.node.operator === '-' || p.node.operator === '~') self.implicitCalls(p.get('argument'), CONVERSIONS);
    if (p.node.operator !== 'delete') return;
    const arg = p.get('argument');
    if (arg.isMemberExpression()) self.mutate(arg.get('object'), PRIM);
    else self.facts.dynamic.add('deletes a binding');
  },
  'ForInStatement|ForOfStatement'(p: NodePath, self: UnitWalker) {
    if (!p.isForInStatement() && !p.isForOfStatement()) return;
    const left = p.get('left') as NodePath;
    // `for (o.last of rows)` stores each element: at most what the whole iterable holds (kinds and roots are deep).
    if (!left.isVariableDeclaration()) self.assignTarget(left, false, p.isForOfStatement() ? p.get('right') : null);
    if (p.isForOfStatement()) self.implicitCalls(p.get('right'), p.node.await ? ASYNC_ITERATION : ITERATION);
    if (p.isForOfStatement() && p.node.await && self.ownLevel(p)) self.await_();
  },
  'CallExpression|OptionalCallExpression|NewExpression'(p: NodePath, self: UnitWalker) {
    self.call(p as NodePath<t.CallExpression>);
  },
  TaggedTemplateExpression(p: NodePath<t.TaggedTemplateExpression>, self: UnitWalker) {
    const tag = p.node.tag;
    if (!(t.isMemberExpression(tag) && t.isIdentifier(tag.object, { name: 'String' }))) self.unknownCall([], new Set());
  },
  Import(_p: NodePath, self: UnitWalker) {
    self.facts.effects.add('module');
  },
  AwaitExpression(p: NodePath, self: UnitWalker) {
    if (self.ownLevel(p)) self.await_();
  },
  YieldExpression(p: NodePath, self: UnitWalker) {
    if (self.ownLevel(p)) self.facts.awaits = true;
  },
  WithStatement(_p: NodePath, self: UnitWalker) {
    self.facts.dynamic.add('uses `with`');
  },
  Function(p: NodePath<t.Function>, self: UnitWalker) {
    if (p.node.async || p.node.generator) {
      // Its body runs later, interleaved with other code, when called.
      if (p.parentPath.isCallExpression() && p.parentPath.node.callee === p.node) self.facts.effects.add('async');
    }
  },
};
const unitVisitor = { ...unitHandlers } as Visitor<UnitWalker>;

interface RootsState {
  walker: UnitWalker;
  out: Set<Root>;
  seen: Set<Binding>;
  top: t.Node;
}

/** Methods of Map, Set and Array whose result is one of the receiver's elements (or a primitive). */
const CONTAINER_READERS = new Set(['get', 'at', 'find', 'findLast', 'pop', 'shift', 'has', 'indexOf', 'includes']);

/**
 * A local that only ever holds a Map, Set or array made where it is assigned (a literal or an
 * unshadowed `new Map()`), whose method `name` nobody replaces: its readers are the built-in ones.
 */
function builtinContainer(binding: Binding, name: string): boolean {
  const bp = binding.path;
  if (!bp.isVariableDeclarator() || !t.isIdentifier(bp.node.id)) return false;
  const loop = bp.parentPath?.parentPath;
  if (loop && (loop.isForOfStatement() || loop.isForInStatement())) return false;
  const made = (node: t.Node | null | undefined, scope: Scope): boolean =>
    t.isArrayExpression(node) ||
    (t.isNewExpression(node) && t.isIdentifier(node.callee) && ['Map', 'Set', 'Array'].includes(node.callee.name) && !scope.getBinding(node.callee.name));
  if (!made(bp.node.init, bp.scope)) return false;
  if (!binding.constantViolations.every((v) => v.isAssignmentExpression() && v.node.operator === '=' && made(v.node.right, v.scope))) return false;
  // `cells.get = …` would make the method the script's own.
  return binding.referencePaths.every((r) => {
    const m = r.parentPath;
    if (!m?.isMemberExpression() || m.node.object !== r.node) return true;
    const assigned = m.parentPath?.isAssignmentExpression() && m.parentPath.node.left === m.node;
    return !assigned || (!m.node.computed && propName(m.node) !== name);
  });
}

/** A computed key (a[i], a[r.id]) picks a member: the value does not share the key's objects. */
function inComputedKey(p: NodePath, top: t.Node): boolean {
  for (let x = p.parentPath; x; x = x.parentPath) {
    const m = x.node as t.MemberExpression;
    if ((x.isMemberExpression() || x.isOptionalMemberExpression()) && m.computed && m.property.start! <= p.node.start! && p.node.end! <= m.property.end!) return true;
    if (x.node === top) break;
  }
  return false;
}

const rootsVisitor: Visitor<RootsState> = {
  // A function or class value shares no object with what its body mentions.
  Function(p) {
    p.skip();
  },
  Class(p) {
    p.skip();
  },
  ReferencedIdentifier(p, state) {
    if (!p.isIdentifier() || inComputedKey(p, state.top)) return;
    for (const r of state.walker.rootsOfRef(state.walker.resolve(p), state.seen)) state.out.add(r);
  },
  ThisExpression(_p, state) {
    state.out.add('#this');
  },
  // A new instance of a script class shares what its constructor was given, not the class.
  NewExpression(p, state) {
    const callee = p.get('callee');
    if (!callee.isIdentifier() || !state.walker.scriptClass(callee)) return;
    if (!inComputedKey(p, state.top)) for (const a of p.get('arguments')) for (const r of state.walker.valueRoots(a as NodePath, state.seen)) state.out.add(r);
    p.skip();
  },
  // A script function's result shares what it returns, not the function itself.
  CallExpression(p, state) {
    const callee = p.get('callee');
    const factory = state.walker.curried(p);
    if (factory) {
      if (!inComputedKey(p, state.top)) for (const r of state.walker.closureCallRoots(p, factory, state.seen)) state.out.add(r);
      p.skip();
      return;
    }
    if (!callee.isIdentifier() || !state.walker.env.returnRoots) return;
    const ref = state.walker.resolve(callee);
    if (ref.kind !== 'top' || !state.walker.env.ctx.functions.has(ref.name)) return;
    if (!inComputedKey(p, state.top)) for (const r of state.walker.valueRoots(p, state.seen)) state.out.add(r);
    p.skip();
  },
};

const ITERATOR_METHODS = new Set(['entries', 'values', 'keys']);

/**
 * A computed key that is a string which may be a name built-ins keep a function under: one whose
 * value Babel can tell (`'ma' + 'p'`, a constant), one of the names of a constant list it runs
 * over (literalKeys), what every call passes for a parameter, or a string whose text we cannot
 * tell (`String(x)`). A key of unknown type (`adj[u]`, `dist[v]`) is taken for an index, as
 * numbers are what index arrays; a data string that happens to be 'constructor' read raw into a
 * value that crosses threads is the case this leaves out.
 */
function inheritedKey(ctx: ScriptContext, key: NodePath, depth: number): boolean {
  if (numericKey(key.node, key.scope, 0)) return false;
  if (key.isConditionalExpression()) return inheritedKey(ctx, key.get('consequent'), depth) || inheritedKey(ctx, key.get('alternate'), depth);
  if (key.isLogicalExpression()) return inheritedKey(ctx, key.get('left'), depth) || inheritedKey(ctx, key.get('right'), depth);
  const known = key.evaluate();
  if (known.confident) return INHERITED_FUNCTIONS.has(String(known.value));
  const names = literalKeys(key.node, key.scope);
  if (names) return names.some((n) => INHERITED_FUNCTIONS.has(n));
  const b = key.isIdentifier() && depth < 3 ? key.scope.getBinding(key.node.name) : undefined;
  if (b?.kind === 'param' && b.constantViolations.length === 0) return parameterValues(ctx, b)?.some((v) => inheritedKey(ctx, v, depth + 1)) ?? false;
  return stringValued(key.node, key.scope, 0) && !notAName(key.node);
}

/** A string with a character no property name of a built-in has (`${x},${y}`, `region + '/' + kind`). */
function notAName(node: t.Node): boolean {
  if (t.isStringLiteral(node)) return /[^\w$]/.test(node.value);
  if (t.isTemplateLiteral(node)) return node.quasis.some((q) => /[^\w$]/.test(q.value.cooked ?? ''));
  return t.isBinaryExpression(node, { operator: '+' }) && !t.isPrivateName(node.left) && (notAName(node.left) || notAName(node.right));
}

/** A string for sure: a literal, a template, a concatenation with one, a conversion, a constant that is one. */
function stringValued(node: t.Node, scope: Scope, depth: number): boolean {
  if (t.isStringLiteral(node) || t.isTemplateLiteral(node)) return true;
  if (t.isBinaryExpression(node, { operator: '+' }) && !t.isPrivateName(node.left)) return stringValued(node.left, scope, depth) || stringValued(node.right, scope, depth);
  if (t.isCallExpression(node)) {
    const c = node.callee;
    if (t.isIdentifier(c, { name: 'String' }) && !scope.getBinding('String')) return true;
    return t.isMemberExpression(c) && !c.computed && t.isIdentifier(c.property) && STRING_RESULTS.has(c.property.name);
  }
  // A constant declared with one.
  const b = t.isIdentifier(node) && depth < 4 ? scope.getBinding(node.name) : undefined;
  const decl = b?.path;
  if (!b || (b.kind !== 'const' && b.kind !== 'let') || b.constantViolations.length > 0 || !decl?.isVariableDeclarator() || !decl.node.init) return false;
  return stringValued(decl.node.init, decl.scope, depth + 1);
}

const STRING_RESULTS = new Set(['toString', 'join', 'toUpperCase', 'toLowerCase', 'trim', 'trimStart', 'trimEnd', 'padStart', 'padEnd', 'repeat', 'charAt', 'substring', 'toFixed']);

/** Names under which the prototypes of plain data (objects, arrays, strings, Maps, typed arrays…) hold functions. */
const INHERITED_FUNCTIONS = new Set<string>(['__proto__']);
for (const proto of [Object.prototype, Array.prototype, String.prototype, Number.prototype, Boolean.prototype, BigInt.prototype, Map.prototype, Set.prototype,
  Date.prototype, RegExp.prototype, ArrayBuffer.prototype, DataView.prototype, Object.getPrototypeOf(Int8Array.prototype) as object, Error.prototype]) {
  for (const name of Object.getOwnPropertyNames(proto)) if (typeof Object.getOwnPropertyDescriptor(proto, name)?.value === 'function') INHERITED_FUNCTIONS.add(name);
}

const VIEWS = new Set([...typedArrays, 'DataView']);

/** Per script, per field name: the factories whose closures it holds (closureField), or null. */
const closureFieldCache = new WeakMap<ScriptContext, Map<string, string[] | null>>();

/** Methods that store their arguments into the receiver without changing them. */
const storingMethods = new Set(['push', 'unshift', 'set', 'add']);

/**
 * Whether a nested function may change the object passed as its i-th argument: true unless every
 * use of that parameter only reads it (its properties, arithmetic, comparisons), returns it, or
 * stores it (`xs.push(p)`, `o[k] = p`). Anything else (a method call on it, passing it on, an alias) may.
 */
function paramMayChange(fn: NodePath<t.Function>, i: number): boolean {
  let byIndex = paramMemo.get(fn.node);
  if (!byIndex) paramMemo.set(fn.node, (byIndex = new Map()));
  let verdict = byIndex.get(i);
  if (verdict === undefined) byIndex.set(i, (verdict = paramMayChangeUncached(fn, i)));
  return verdict;
}
const paramMemo = new WeakMap<t.Node, Map<number, boolean>>();

function paramMayChangeUncached(fn: NodePath<t.Function>, i: number): boolean {
  const params = fn.node.params;
  if (params.some((p) => t.isRestElement(p))) return true;
  if (i >= params.length) return referencesArguments(fn);
  const param = params[i];
  if (!t.isIdentifier(param)) return true;
  const binding = fn.scope.getBinding(param.name);
  if (!binding || referencesArguments(fn)) return true;
  return binding.referencePaths.some((ref) => {
    // Up the chain of property reads: p.a.b.
    let top: NodePath = ref;
    while (top.parentPath?.isMemberExpression() && (top.parentPath.node as t.MemberExpression).object === top.node) top = top.parentPath;
    const parent = top.parentPath;
    if (!parent) return true;
    if (top !== ref) {
      // A property read: fine where its value is only used, not changed or called as a method.
      if (parent.isCallExpression() && parent.node.callee === top.node) return true;
      if ((parent.isAssignmentExpression() && parent.node.left === top.node) || parent.isUpdateExpression() || (parent.isUnaryExpression() && parent.node.operator === 'delete')) return true;
      return !readOnlyUse(top);
    }
    return !readOnlyUse(top);
  });
}

/** A use of a value that neither changes it nor lets it escape to code that could. */
function readOnlyUse(p: NodePath): boolean {
  const parent = p.parentPath!;
  const node = p.node;
  if (parent.isBinaryExpression()) return true;
  if (parent.isUnaryExpression()) return parent.node.operator !== 'delete';
  if (parent.isIfStatement() || parent.isWhileStatement() || parent.isDoWhileStatement() || (parent.isConditionalExpression() && parent.node.test === node)) return true;
  if (parent.isMemberExpression() && parent.node.computed && parent.node.property === node) return true;
  if (parent.isReturnStatement() || (parent.isArrowFunctionExpression() && parent.node.body === node)) return true;
  if (parent.isAssignmentExpression() && parent.node.right === node && t.isMemberExpression(parent.node.left)) return true;
  if (parent.isCallExpression() && parent.node.arguments.includes(node as t.Expression)) {
    const callee = parent.node.callee;
    return t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property) && storingMethods.has(callee.property.name);
  }
  return false;
}

/** Which parameter (a name, a pattern, a default or a rest) declares this identifier; -1 if none. */
function paramIndex(params: t.Function['params'], id: t.Node): number {
  return params.findIndex((p) => p.start! <= id.start! && id.end! <= p.end!);
}

function referencesArguments(fn: NodePath<t.Function>): boolean {
  let found = false;
  fn.traverse({
    Function(p) {
      if (!p.isArrowFunctionExpression()) p.skip();
    },
    Identifier(p) {
      if (p.node.name === 'arguments' && p.isReferencedIdentifier()) found = true;
    },
  });
  return found;
}

/** The return statements and yields of a function itself (not of functions nested in it). */
interface OwnExits {
  returns: NodePath<t.ReturnStatement>[];
  yields: NodePath<t.YieldExpression>[];
}
const exitsVisitor: Visitor<OwnExits> = {
  Function(p) {
    p.skip();
  },
  ReturnStatement(p, state) {
    state.returns.push(p);
  },
  YieldExpression(p, state) {
    state.yields.push(p);
  },
};
function ownExits(fn: NodePath<t.Function>): OwnExits {
  const state: OwnExits = { returns: [], yields: [] };
  fn.traverse(exitsVisitor, state);
  return state;
}

/** Member targets inside a destructuring assignment: `({ a: o.x } = v)` changes o, which may then share anything v holds. */
const patternMembersVisitor: Visitor<{ walker: UnitWalker; right: AnyPath }> = {
  MemberExpression(p, { walker, right }) {
    walker.mutate(p.get('object'), ANY, right ?? undefined);
    p.skip();
  },
};

/**
 * Can this value only be one of the script's classes or an instance of one (so a method call on it
 * runs the script's method, never a built-in's of the same name)? `Matrix`, `new Matrix(…)`,
 * `this` in a class method, a constant holding one, or a script method that returns one.
 */
export function scriptObject(ctx: ScriptContext, path: NodePath, depth: number): boolean {
  if (depth > 0) return scriptObjectAt(ctx, path, depth);
  // Asked again for every kind computed through a method call: remember the answer per node.
  let known = scriptObjectMemo.get(path.node);
  if (known === undefined) scriptObjectMemo.set(path.node, (known = scriptObjectAt(ctx, path, 0)));
  return known;
}

const scriptObjectMemo = new WeakMap<t.Node, boolean>();

function scriptObjectAt(ctx: ScriptContext, path: NodePath, depth: number): boolean {
  if (depth > 4 || ctx.foreign.size > 0) return false;
  const node = path.node;
  if (t.isThisExpression(node)) {
    const fn = path.getFunctionParent();
    return !!fn && fn.isClassMethod() && !fn.node.static && !path.findParent((p) => p.isFunction() && !p.isArrowFunctionExpression() && p !== fn);
  }
  if (t.isNewExpression(node) || t.isIdentifier(node)) {
    const id = t.isNewExpression(node) ? node.callee : node;
    if (!t.isIdentifier(id)) return false;
    const b = path.scope.getBinding(id.name);
    if (!b) return false;
    if (b.scope === ctx.programScope && ctx.classes.has(id.name) && b.constant) return t.isNewExpression(node) ? constructsFresh(ctx, id.name) : true;
    // A parameter every call gives one of the script's objects (`pageRank(network, …)`).
    if (t.isIdentifier(node) && b.kind === 'param' && b.constant) {
      const values = parameterValues(ctx, b);
      return !!values?.length && values.every((v) => scriptObjectAt(ctx, v, depth + 1));
    }
    if (t.isNewExpression(node) || !b.constant || !b.path.isVariableDeclarator() || !t.isIdentifier(b.path.node.id)) return false;
    const init = b.path.get('init') as NodePath;
    return !!init.node && scriptObjectAt(ctx, init, depth + 1);
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee)) {
    const name = propName(node.callee);
    const fns = name ? ctx.methods.get(name) : undefined;
    if (!fns || !scriptObjectAt(ctx, (path as NodePath<t.CallExpression>).get('callee').get('object') as NodePath, depth + 1)) return false;
    return fns.every((fn) => returnsScriptObject(ctx, fn, depth));
  }
  // `ring(40)`, where the script's function `ring` returns one of its objects on every path.
  if (t.isCallExpression(node) && t.isIdentifier(node.callee)) {
    const b = path.scope.getBinding(node.callee.name);
    const fn = ctx.functions.get(node.callee.name);
    return !!fn && !!b && b.scope === ctx.programScope && b.constant && !fn.node.async && !fn.node.generator && returnsScriptObject(ctx, fn, depth);
  }
  return false;
}

/** Every return of the function gives one of the script's objects (an expression body: itself). */
export function returnsScriptObject(ctx: ScriptContext, fn: NodePath<t.Function>, depth: number): boolean {
  const body = fn.get('body') as NodePath;
  if (body.isExpression()) return scriptObjectAt(ctx, body, depth + 1);
  const returns = ownReturns(fn);
  return returns.length > 0 && returns.every((r) => !!r.node.argument && scriptObjectAt(ctx, r.get('argument') as NodePath, depth + 1));
}

export function ownReturns(fn: NodePath<t.Function>): NodePath<t.ReturnStatement>[] {
  return ownExits(fn).returns;
}

export function ownYields(fn: NodePath<t.Function>): NodePath<t.YieldExpression>[] {
  return ownExits(fn).yields;
}

/** Which arguments a mutating method stores into its receiver (sort's comparator is not stored). */
function storedArgs(name: string, count: number): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  switch (name) {
    case 'push': case 'unshift': case 'set': case 'add': case 'write':
      return all;
    case 'fill':
      return count ? [0] : [];
    case 'splice':
      return all.slice(2);
    default:
      return [];
  }
}

/** Methods that find or key by identity when given an object. */
/**
 * Methods the language calls without naming them: conversions to a primitive (arithmetic,
 * comparisons, templates, keys), iteration (for-of, spread, array destructuring, Array.from,
 * new Set(…)) and JSON.stringify's toJSON. `[Symbol.x]` keys are named `@@x` (context.ts).
 */
const CONVERSIONS = ['valueOf', 'toString', '@@toPrimitive'];
const ITERATION = ['@@iterator'];
const CONSOLE_HOOKS = [...CONVERSIONS, 'toJSON', '@@inspect'];
const ASYNC_ITERATION = ['@@asyncIterator', '@@iterator'];
/** Only kind "any" (or one that depends on a parameter) may be a function or an object with methods. */
const mayHoldFunctions = (k: SymKind): boolean => k.k === 'any' || k.params.length > 0 || (k.elems?.length ?? 0) > 0;

/**
 * A built-in namespace or prototype (`Math`, `Array.prototype`, `[].__proto__`,
 * `''.constructor.prototype`, `Object.getPrototypeOf(0)`): shared by all code, copied by no clone.
 */
function builtinObject(p: NodePath): boolean {
  const node = p.node;
  if (t.isIdentifier(node)) return !p.scope.getBinding(node.name) && (pureNamespaces.has(node.name) || ['globalThis', 'Reflect', 'Atomics'].includes(node.name));
  if (t.isMemberExpression(node)) {
    const key = propName(node);
    if (key === '__proto__') return true;
    const obj = node.object;
    if (key === 'constructor') return t.isLiteral(obj) || t.isArrayExpression(obj) || t.isObjectExpression(obj);
    if (key === 'prototype') return (t.isIdentifier(obj) && !p.scope.getBinding(obj.name)) || builtinObject(p.get('object') as NodePath);
    return false;
  }
  if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && t.isIdentifier(node.callee.object, { name: 'Object' }) && propName(node.callee) === 'getPrototypeOf') return true;
  return false;
}

/** String methods that hand an object argument over to its own [Symbol.x] method. */
const STRING_PROTOCOLS: Record<string, string> = { split: '@@split', replace: '@@replace', replaceAll: '@@replace', search: '@@search', match: '@@match', matchAll: '@@matchAll' };
/** Built-in methods that convert their receiver's elements (`xs.join()`, a sort without a comparator). */
const CONVERTING_METHODS = new Set(['join', 'toString', 'toLocaleString', 'sort', 'toSorted']);

/** Built-in methods whose argument after the callback becomes the callback's `this`. */
const THIS_ARG_CALLBACKS = new Set(['forEach', 'map', 'filter', 'some', 'every', 'find', 'findIndex', 'findLast', 'findLastIndex', 'flatMap', 'from']);

const identityMethods = new Set(['indexOf', 'lastIndexOf', 'includes', 'has', 'get', 'set', 'add', 'delete']);

const indexCallbacks = new Set(['map', 'filter', 'forEach', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'flatMap']);

export function propName(m: t.MemberExpression | t.OptionalMemberExpression): string | undefined {
  if (!m.computed && t.isIdentifier(m.property)) return m.property.name;
  if (t.isStringLiteral(m.property)) return m.property.value;
  if (t.isPrivateName(m.property)) return '#' + m.property.id.name;
  return undefined;
}

/** The identifier a member/call chain starts from: `a` in a.b.c(), crypto in crypto.createHash().update(). */
export function baseIdentifier(path: NodePath): NodePath<t.Identifier> | null {
  let cur: NodePath = path;
  for (;;) {
    if (cur.isIdentifier()) return cur;
    if (cur.isMemberExpression() || cur.isOptionalMemberExpression()) cur = (cur as NodePath<t.MemberExpression>).get('object');
    else if (cur.isCallExpression() || cur.isOptionalCallExpression()) cur = (cur as NodePath<t.CallExpression>).get('callee') as NodePath;
    else return null;
  }
}

/** For crypto.createHash(..).update(..): the first member name after the module binding. */
function memberRootName(node: t.Node): string | undefined {
  let cur: t.Node = node;
  let last: string | undefined;
  for (;;) {
    if (t.isMemberExpression(cur) || t.isOptionalMemberExpression(cur)) {
      last = propName(cur);
      cur = cur.object;
    } else if (t.isCallExpression(cur) || t.isOptionalCallExpression(cur)) cur = cur.callee;
    else return last;
  }
}

function moduleReturnKind(mod: string, member: string): SymKind {
  const info = builtinModules.get(mod);
  const k = info?.pure?.[member] ?? info?.defaultKind ?? 'any';
  return { k, params: [] };
}

/** Kind of an element of a value of this kind. */
export function elementKind(k: SymKind): SymKind {
  if (flatElement(k)) return PRIM;
  return k.k === 'any' ? ANY : { k: 'data', params: heldParams(k) };
}

/** The parameters a value of this kind may hold, itself or as its elements. */
const heldParams = (k: SymKind): number[] => [...new Set([...k.params, ...(k.elems ?? [])])].sort();
