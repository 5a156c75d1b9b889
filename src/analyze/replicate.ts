/**
 * Which top-level statements every thread runs for itself instead of receiving their values:
 * function and class declarations, built-in imports and requires, and constants so cheap
 * and pure that copying the code beats sending the value.
 */
import * as t from '@babel/types';
import { builtinName, pureConstructors, pureGlobalCalls, pureNamespaces } from './builtins.js';
import type { StatementInfo } from './statements.js';

const nondeterministic = new Set(['random', 'now', 'getRandomValues', 'randomUUID']);

/** A constant's initialiser that every thread can evaluate for itself with the same result. */
function isPureLiteralInit(node: t.Node | null | undefined): boolean {
  if (!node) return true;
  if (t.isFunction(node)) return true; // the body runs later, when called
  if (t.isCallExpression(node) || t.isNewExpression(node)) {
    const c = node.callee;
    let ok = false;
    if (t.isIdentifier(c)) ok = t.isNewExpression(node) ? pureConstructors.get(c.name) !== undefined : pureGlobalCalls.get(c.name) !== undefined;
    else if (t.isMemberExpression(c) && t.isIdentifier(c.object) && t.isIdentifier(c.property)) {
      const ns = pureNamespaces.get(c.object.name);
      ok = ns !== undefined && !nondeterministic.has(c.property.name) && !ns.mutatesArg0?.includes(c.property.name);
    }
    return ok && node.arguments.every((a) => isPureLiteralInit(a));
  }
  if (
    t.isAwaitExpression(node) ||
    t.isYieldExpression(node) ||
    t.isAssignmentExpression(node) ||
    t.isUpdateExpression(node) ||
    t.isTaggedTemplateExpression(node) ||
    t.isThisExpression(node) ||
    t.isImport(node) ||
    t.isClass(node)
  ) {
    return false;
  }
  for (const key of t.VISITOR_KEYS[node.type] ?? []) {
    const child = (node as unknown as Record<string, t.Node | t.Node[] | null>)[key];
    if (Array.isArray(child)) {
      if (!child.every((c) => isPureLiteralInit(c))) return false;
    } else if (child && !isPureLiteralInit(child)) return false;
  }
  return true;
}

/** `const f = () => …`: a function value, replicated like a function declaration. */
export function isFunctionConst(node: t.Node): boolean {
  return (
    t.isVariableDeclaration(node) &&
    node.kind === 'const' &&
    node.declarations.every((d) => t.isIdentifier(d.id) && (t.isFunctionExpression(d.init) || t.isArrowFunctionExpression(d.init)))
  );
}

/**
 * Decides replication in source order: a statement is replicated only if every binding it
 * reads is itself replicated (or hoisted), so each thread can run it on its own.
 */
export function chooseReplicated(statements: StatementInfo[], writtenLater: (name: string, after: number) => boolean): Set<number> {
  const out = new Set<number>();
  const replicatedNames = new Set<string>();
  // Function declarations are hoisted: available to everything, in every thread.
  for (const s of statements) if (s.kind === 'function') s.defines.forEach((n) => replicatedNames.add(n));
  const functionLike = (s: StatementInfo) => s.kind === 'function' || isFunctionConst(s.path.node);
  for (const s of statements) {
    const node = s.path.node;
    const pure = s.effects.length === 0 && s.writes.length === 0 && s.mutates.length === 0 && s.dynamic.length === 0 && !s.awaits;
    const readsOk = s.reads.every((r) => replicatedNames.has(r) || s.defines.includes(r));
    const stable = s.defines.every((n) => !writtenLater(n, s.id));
    let replicate = false;
    if (functionLike(s)) replicate = stable;
    else if (s.kind === 'import') replicate = t.isImportDeclaration(node) && builtinName(node.source.value) !== undefined;
    else if (s.kind === 'require') replicate = t.isVariableDeclaration(node) && node.declarations.every((d) => {
      const arg = t.isCallExpression(d.init) ? d.init.arguments[0] : undefined;
      return t.isStringLiteral(arg) && builtinName(arg.value) !== undefined;
    }) && stable;
    else if (s.kind === 'class') replicate = pure && readsOk && stable;
    else if (t.isVariableDeclaration(node) && node.kind === 'const') {
      replicate = pure && readsOk && stable && node.declarations.every((d) => isPureLiteralInit(d.init));
    }
    if (replicate) {
      out.add(s.id);
      s.defines.forEach((n) => replicatedNames.add(n));
    }
  }
  return out;
}
