/**
 * What a function stores into its own containers. `const list = []; list.push(row)` makes
 * `list[0]` share row's objects although `list` itself is fresh, so a later `list[0].qty = 1`
 * changes row's owner. A local's roots are therefore what it is assigned plus everything stored
 * into it, or into any local that may hold the same objects: one it is read into
 * (`cell = cells.get(k)`, `for (const c of list)`, a callback's parameter), one it is stored into
 * (`box.items = list`), or a function's parameter it is passed as.
 */
import type { Binding, NodePath, Scope } from '@babel/traverse';
import * as t from '@babel/types';
import { callbackMethods, effectGlobals, mutatingMethodReturns, mutatingMethods, pureGlobalCalls, pureMethods, pureNamespaces } from './builtins.js';
import { tickBudget } from './budget.js';
import type { ScriptContext } from './context.js';
import { functionFields } from './function-fields.js';
import type { Root } from './facts.js';
import { storesNumber } from './container-elements.js';

/** The walker's value roots, given to this module so it does not depend on walk.ts. */
export interface RootsOf {
  ctx: ScriptContext;
  valueRoots(p: NodePath, seen: Set<Binding>): Set<Root>;
  rootsOf(p: NodePath, seen: Set<Binding>): Set<Root>;
}

export function storedIntoLocal(w: RootsOf, binding: Binding, seen: Set<Binding>): Set<Root> {
  const out = new Set<Root>();
  const program = w.ctx.programScope;
  const group = new Set<Binding>([binding]);
  const queue = [binding];
  const join = (b: Binding | undefined) => {
    if (b && b.scope !== program && !group.has(b)) {
      group.add(b);
      queue.push(b);
    }
  };
  const joinPattern = (node: t.Node, scope: Scope) => {
    for (const name of Object.keys(t.getBindingIdentifiers(node))) join(scope.getBinding(name));
  };
  const joinBase = (p: NodePath) => {
    let node: t.Node = p.node;
    while (t.isMemberExpression(node) || t.isOptionalMemberExpression(node)) node = node.object;
    if (t.isIdentifier(node)) join(p.scope.getBinding(node.name));
  };
  const add = (s: Set<Root>) => s.forEach((r) => out.add(r));
  // A function given one of these objects may store into it anything it can reach (a number it
  // is also given reaches nothing).
  const passedTo = (call: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>, held: t.Node) => {
    for (const a of call.get('arguments') as NodePath[]) {
      if (a.node === held) continue;
      if (a.isFunction()) (a.get('params') as NodePath[]).forEach((q) => joinPattern(q.node, a.scope));
      else add(w.valueRoots(a.isSpreadElement() ? (a.get('argument') as NodePath) : a, seen));
    }
    const callee = call.get('callee') as NodePath;
    if (callee.isMemberExpression() || callee.isOptionalMemberExpression()) add(w.rootsOf(callee.get('object') as NodePath, seen));
    add(topObjectsReachedBy(w.ctx, callee));
    joinParams(call, held);
  };
  // `put(list, row)` with `function put(xs, x) { xs.push(x) }`: the parameter holds the same objects.
  const joinParams = (call: NodePath<t.CallExpression | t.NewExpression | t.OptionalCallExpression>, held: t.Node) => {
    const callee = call.node.callee;
    if (!t.isIdentifier(callee)) return;
    const bp = call.scope.getBinding(callee.name)?.path;
    const fn = bp?.isFunctionDeclaration() ? bp : bp?.isVariableDeclarator() ? (bp.get('init') as NodePath) : undefined;
    if (!fn?.isFunction()) return;
    const param = fn.node.params[call.node.arguments.indexOf(held as t.Expression)];
    if (param) joinPattern(param, fn.scope);
  };

  while (queue.length > 0) {
    const b = queue.pop()!;
    for (const ref of b.referencePaths) {
      tickBudget();
      let p: NodePath = ref;
      // Climb through what still holds the same objects: members, element reads, copies, choices.
      for (;;) {
        const parent = p.parentPath;
        if (!parent) break;
        if ((parent.isMemberExpression() || parent.isOptionalMemberExpression()) && parent.node.object === p.node) {
          const call = parent.parentPath;
          if (call && (call.isCallExpression() || call.isOptionalCallExpression()) && call.node.callee === parent.node) {
            const name = (!parent.node.computed && t.isIdentifier(parent.node.property) ? parent.node.property.name : '') as string;
            const builtin = name !== '' && !w.ctx.methods.has(name);
            const args = call.get('arguments') as NodePath[];
            if (builtin && callbackMethods.has(name)) {
              // Callbacks see the elements.
              for (const a of args) if (a.isFunction()) (a.get('params') as NodePath[]).forEach((q) => joinPattern(q.node, a.scope));
            }
            if (builtin && mutatingMethods.has(name)) {
              for (const a of args) if (!a.isFunction()) add(w.valueRoots(a, seen));
              if (mutatingMethodReturns.get(name) === 'prim') break;
              p = call;
              continue;
            }
            if (builtin && pureMethods.has(name)) {
              if (name === 'concat') for (const a of args) add(w.valueRoots(a, seen));
              p = call;
              continue;
            }
            // A method we do not know, or one of the script's: it may store anything into its receiver.
            passedTo(call, parent.node);
            p = call;
            continue;
          }
          p = parent;
          continue;
        }
        if (
          (parent.isConditionalExpression() && parent.node.test !== p.node) ||
          parent.isLogicalExpression() ||
          parent.isParenthesizedExpression() ||
          parent.isTSAsExpression() ||
          parent.isTSNonNullExpression() ||
          parent.isAwaitExpression() ||
          (parent.isSequenceExpression() && parent.node.expressions[parent.node.expressions.length - 1] === p.node) ||
          parent.isSpreadElement() ||
          parent.isArrayExpression() ||
          (parent.isObjectProperty() && parent.node.value === p.node) ||
          parent.isObjectExpression()
        ) {
          p = parent;
          continue;
        }
        break;
      }
      const parent = p.parentPath;
      if (!parent) continue;
      if (parent.isAssignmentExpression()) {
        const left = parent.get('left') as NodePath;
        if (parent.node.left === p.node) {
          // Something stored into these objects (a reassignment of the local itself is its own value);
          // `+=` and the like store a number or a string.
          const storesValue = ['=', '||=', '&&=', '??='].includes(parent.node.operator);
          if (p !== ref && storesValue && !storesNumber(p)) add(w.valueRoots(parent.get('right') as NodePath, seen));
        } else if (left.isIdentifier()) join(parent.scope.getBinding(left.node.name));
        else if (left.isMemberExpression() || left.isOptionalMemberExpression()) joinBase(left);
        else joinPattern(left.node, parent.scope);
      } else if (parent.isVariableDeclarator() && parent.node.init === p.node) {
        joinPattern(parent.node.id, parent.scope);
      } else if ((parent.isForOfStatement() || parent.isForInStatement()) && parent.node.right === p.node) {
        const left = parent.node.left;
        joinPattern(t.isVariableDeclaration(left) ? left.declarations[0].id : left, (parent.get('body') as NodePath).scope);
        if (!t.isVariableDeclaration(left)) joinBase(parent.get('left') as NodePath);
      } else if ((parent.isCallExpression() || parent.isNewExpression() || parent.isOptionalCallExpression()) && parent.node.callee !== p.node) {
        const callee = parent.node.callee;
        if ((t.isMemberExpression(callee) || t.isOptionalMemberExpression(callee)) && !callee.computed && t.isIdentifier(callee.property)) {
          const name = callee.property.name;
          // `out.push(list)`: the receiver now holds these objects.
          if (mutatingMethods.has(name) && !w.ctx.methods.has(name)) {
            joinBase((parent.get('callee') as NodePath<t.MemberExpression>).get('object'));
            continue;
          }
        }
        if (!nonStoringCall(parent, callee, w.ctx)) passedTo(parent, p.node);
      }
      // Returned or used otherwise: a caller's own analysis follows a returned value.
    }
  }
  return out;
}

/** A built-in that reads its arguments and keeps none of them (Math.max, JSON.stringify, console.log). */
function nonStoringCall(call: NodePath, callee: t.Node, ctx: ScriptContext): boolean {
  if (t.isIdentifier(callee)) return !call.scope.getBinding(callee.name) && (pureGlobalCalls.has(callee.name) && callee.name !== 'Object');
  if (!t.isMemberExpression(callee) || callee.computed || !t.isIdentifier(callee.property)) return false;
  // `seen.has(x)`, `xs.indexOf(x)`: a built-in read keeps nothing it is given.
  const method = callee.property.name;
  if (pureMethods.has(method) && !ctx.methods.has(method) && !['call', 'apply', 'bind', 'concat', 'with', 'toSpliced'].includes(method)) return true;
  if (!t.isIdentifier(callee.object)) return false;
  if (call.scope.getBinding(callee.object.name)) return false;
  const ns = pureNamespaces.get(callee.object.name);
  if (ns) return !(ns.mutatesArg0 ?? []).includes(callee.property.name) && callee.property.name !== 'defineProperty' && callee.property.name !== 'defineProperties';
  return effectGlobals.get(callee.object.name) === 'console';
}

const reachedMemo = new WeakMap<t.Node, Set<Root>>();

/**
 * Top-level bindings holding objects that a called function (a script function or method, or a
 * local function) may reach, following the script functions and methods it names: all it could store.
 */
function topObjectsReachedBy(ctx: ScriptContext, callee: NodePath): Set<Root> {
  const out = new Set<Root>();
  const fns: t.Node[] = [];
  const named = new Set<string>();
  const pending: string[] = [];
  const name = (n: string) => {
    if (!named.has(n)) {
      named.add(n);
      pending.push(n);
    }
  };
  if (callee.isIdentifier()) {
    const b = callee.scope.getBinding(callee.node.name);
    if (b && b.scope !== ctx.programScope) {
      const bp = b.path;
      if (bp.isFunctionDeclaration()) fns.push(bp.node);
      else if (bp.isVariableDeclarator() && bp.node.init) fns.push(bp.node.init);
    } else name(callee.node.name);
  } else if ((callee.isMemberExpression() || callee.isOptionalMemberExpression()) && !callee.node.computed && t.isIdentifier(callee.node.property)) {
    name('.' + callee.node.property.name);
  } else fns.push(callee.node);
  const visit = (node: t.Node) => {
    const memo = reachedMemo.get(node);
    const found = memo ?? scanNode(ctx, node);
    if (!memo) reachedMemo.set(node, found);
    for (const r of found) {
      if (r.startsWith('fn:')) name(r.slice(3));
      else out.add(r);
    }
  };
  fns.forEach(visit);
  while (pending.length > 0) {
    const n = pending.pop()!;
    if (n.startsWith('.')) {
      for (const fn of functionFields(ctx).get(n.slice(1)) ?? []) visit(fn.node);
      for (const cls of ctx.classes.values()) {
        for (const m of cls.node.body.body) if ((t.isClassMethod(m) || t.isClassPrivateMethod(m)) && t.isIdentifier(m.key) && m.key.name === n.slice(1)) visit(m);
      }
    } else {
      const fn = ctx.functions.get(n);
      if (fn) visit(fn.node);
      const cls = ctx.classes.get(n);
      if (cls) visit(cls.node);
    }
  }
  return out;
}

/** Top-level object bindings a node names, and 'fn:' entries for the script functions and methods it calls. */
function scanNode(ctx: ScriptContext, node: t.Node): Set<Root> {
  const out = new Set<Root>();
  const scope = ctx.programScope;
  t.traverseFast(node, (n) => {
    if (t.isIdentifier(n)) {
      const b = scope.getBinding(n.name);
      if (!b) return;
      if (ctx.functions.has(n.name) || ctx.classes.has(n.name)) out.add('fn:' + n.name);
      else if (!ctx.primitives.has(n.name)) out.add(n.name);
    } else if ((t.isMemberExpression(n) || t.isOptionalMemberExpression(n)) && !n.computed && t.isIdentifier(n.property) && ctx.methods.has(n.property.name)) {
      out.add('fn:.' + n.property.name);
    }
  });
  return out;
}
