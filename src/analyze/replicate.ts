/**
 * Which top-level statements every thread runs for itself instead of receiving their values:
 * function and class declarations, built-in imports and requires, and constants so cheap
 * and pure that copying the code beats sending the value.
 */
import * as t from '@babel/types';
import { builtinName, pureConstructors } from './builtins.js';
import type { StatementInfo } from './statements.js';

/**
 * Functions that cannot throw on the arguments we allow (literals, shared constants) and give
 * every thread the same answer: Math (but random), and the number and string conversions.
 */
const safeCalls = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'isNaN', 'isFinite']);

/**
 * A constant's initialiser that every thread can evaluate for itself, with the same result and
 * no chance to throw: replicated statements run before the main thread's first statement, so a
 * throw there would come before effects that the original ran first.
 */
function isPureLiteralInit(node: t.Node | null | undefined, shared: Set<string>): boolean {
  if (!node) return true;
  if (t.isFunction(node)) return true; // the body runs later, when called
  if (t.isStringLiteral(node) || t.isNumericLiteral(node) || t.isBooleanLiteral(node) || t.isNullLiteral(node) || t.isBigIntLiteral(node)) return true;
  if (t.isIdentifier(node)) return node.name === 'undefined' || node.name === 'NaN' || node.name === 'Infinity' || shared.has(node.name);
  if (t.isTemplateLiteral(node)) return node.expressions.every((e) => isPureLiteralInit(e, shared));
  if (t.isArrayExpression(node)) return node.elements.every((e) => e !== null && !t.isSpreadElement(e) && isPureLiteralInit(e, shared));
  if (t.isObjectExpression(node)) {
    return node.properties.every((p) => (t.isObjectProperty(p) && !p.computed && isPureLiteralInit(p.value, shared)) || (t.isObjectMethod(p) && p.kind === 'method' && !p.computed));
  }
  if (t.isUnaryExpression(node)) return ['-', '+', '!', '~', 'typeof', 'void'].includes(node.operator) && isPureLiteralInit(node.argument, shared);
  if (t.isBinaryExpression(node) || t.isLogicalExpression(node)) {
    // BigInt mixed with numbers throws; `in` and `instanceof` can throw too.
    if (node.operator === 'in' || node.operator === 'instanceof') return false;
    const bigint = (n: t.Node) => t.isBigIntLiteral(n);
    if (t.isBinaryExpression(node) && bigint(node.left) !== bigint(node.right)) return false;
    return isPureLiteralInit(node.left, shared) && isPureLiteralInit(node.right, shared);
  }
  if (t.isConditionalExpression(node)) return [node.test, node.consequent, node.alternate].every((n) => isPureLiteralInit(n, shared));
  if (t.isMemberExpression(node)) {
    // Math.PI, Number.MAX_SAFE_INTEGER: constants of built-in namespaces.
    return !node.computed && t.isIdentifier(node.object) && (node.object.name === 'Math' || node.object.name === 'Number') && t.isIdentifier(node.property);
  }
  if (t.isCallExpression(node)) {
    const c = node.callee;
    const args = node.arguments.every((a) => !t.isSpreadElement(a) && isPureLiteralInit(a, shared) && !t.isFunction(a));
    if (t.isIdentifier(c)) return safeCalls.has(c.name) && args;
    // `Object.freeze({ size: 100_000 })`: a constant table made read-only, each thread its own.
    if (t.isMemberExpression(c) && t.isIdentifier(c.object, { name: 'Object' }) && t.isIdentifier(c.property, { name: 'freeze' })) return args && node.arguments.length === 1;
    if (t.isMemberExpression(c) && t.isIdentifier(c.object, { name: 'Math' }) && t.isIdentifier(c.property) && c.property.name !== 'random') {
      return args && node.arguments.every((a) => !t.isBigIntLiteral(a));
    }
    return false;
  }
  return false;
}

/** A class whose definition cannot throw: a known parent, and static parts that are safe constants. */
function classIsSafe(node: t.Class, shared: Set<string>): boolean {
  // `this.constructor.made++`, `new.target.count++`: static state changed without the class's name.
  let reachesItself = false;
  t.traverseFast(node.body, (n) => {
    if (t.isMetaProperty(n) || (t.isMemberExpression(n) && t.isThisExpression(n.object) && t.isIdentifier(n.property, { name: 'constructor' }) && !n.computed)) reachesItself = true;
  });
  if (reachesItself) return false;
  const sup = node.superClass;
  if (sup && !(t.isIdentifier(sup) && (shared.has(sup.name) || pureConstructors.has(sup.name)))) return false;
  return node.body.body.every((m) => {
    if (t.isStaticBlock(m)) return false;
    if ('computed' in m && m.computed && !isPureLiteralInit((m as t.ClassMethod).key, shared)) return false;
    if ((t.isClassProperty(m) || t.isClassPrivateProperty(m)) && m.static) return isPureLiteralInit(m.value, shared);
    return true;
  });
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
export function chooseReplicated(
  statements: StatementInfo[],
  writtenLater: (name: string, after: number) => boolean,
  /** An object constant that identity checks may meet inside another value (see index.ts). */
  identityBound: (name: string) => boolean = () => false,
): Set<number> {
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
    else if (s.kind === 'class') replicate = pure && readsOk && stable && classIsSafe(node as t.ClassDeclaration, replicatedNames);
    else if (t.isVariableDeclaration(node) && node.kind === 'const') {
      replicate = pure && readsOk && stable && node.declarations.every((d) => t.isIdentifier(d.id) && isPureLiteralInit(d.init, replicatedNames));
      // Each thread's own copy is another object: one that also arrives inside a value sent from
      // elsewhere (`index.get(KEY)` with KEY a key of index) would no longer be the same.
      if (replicate && s.defines.some(identityBound)) replicate = false;
    }
    if (replicate) {
      out.add(s.id);
      s.defines.forEach((n) => replicatedNames.add(n));
    }
  }
  return out;
}
