/**
 * `console.log(heavy(x))` would pin heavy(x) to the main thread with the print. Computing the
 * arguments first, in order, into constants on the same line keeps the print where it is and
 * lets the heavy part move: `const line14Value = heavy(x); console.log(line14Value);`.
 * The callee (console.log, process.stdout.write) is looked up after its arguments instead of
 * before, which nothing can observe. Stores and additions to the script's own collections
 * (`results.a = heavy(x)`, `results.push(heavy(x))`) split the same way (see splitSite).
 */
import * as t from '@babel/types';
import type { NodePath } from '@babel/traverse';
import type { Analysis } from './index.js';
import { UnitWalker } from './walk.js';
import { buildSummaries } from './summaries.js';

/** Callees whose lookup has no effect: console methods and the standard streams' write. */
function isPlainEffectCallee(node: t.Node, analysis: Analysis): boolean {
  if (!t.isMemberExpression(node) || node.computed) return false;
  const obj = node.object;
  if (t.isIdentifier(obj, { name: 'console' })) return !analysis.ctx.programScope.hasBinding('console');
  return (
    t.isMemberExpression(obj) &&
    t.isIdentifier(obj.object, { name: 'process' }) &&
    t.isIdentifier(obj.property) &&
    (obj.property.name === 'stdout' || obj.property.name === 'stderr') &&
    t.isIdentifier(node.property, { name: 'write' }) &&
    !analysis.ctx.programScope.hasBinding('process')
  );
}

const hasCall = (node: t.Node) => {
  let found = false;
  t.traverseFast(node, (n) => {
    if (t.isCallExpression(n) || t.isNewExpression(n) || t.isTaggedTemplateExpression(n)) found = true;
  });
  return found;
};

/** Methods that add to a collection the script made: looking them up has no effect. */
const ADDERS = new Set(['push', 'unshift', 'add', 'set']);

/** Whether a name is a top-level constant holding an array, Map or Set the script made (whose adders are the built-ins). */
function isPlainCollection(name: string, analysis: Analysis): boolean {
  const binding = analysis.ctx.programScope.getBinding(name);
  if (!binding || binding.kind !== 'const' || !binding.path.isVariableDeclarator() || !t.isIdentifier(binding.path.node.id)) return false;
  const init = binding.path.node.init;
  if (t.isArrayExpression(init)) return true;
  return t.isNewExpression(init) && t.isIdentifier(init.callee) && (init.callee.name === 'Map' || init.callee.name === 'Set') && !analysis.ctx.programScope.getBinding(init.callee.name);
}

/**
 * A statement whose values can be computed first into constants: a print (`console.log(heavy())`),
 * an addition to a collection the script made (`results.push(heavy())`, `table.set('a', heavy())`)
 * or a store into a named property (`results.a = heavy()`). Two stores into one object chain
 * their statements; computed first, the heavy values are independent and only the stores stay in order.
 */
interface SplitSite {
  kind: 'print' | 'add' | 'store';
  /** The callee, or the assigned property. */
  target: t.Node;
  values: t.Node[];
  paths: NodePath<t.Node>[];
}

function splitSite(statement: NodePath<t.Statement>, analysis: Analysis): SplitSite | undefined {
  const node = statement.node;
  if (!t.isExpressionStatement(node)) return undefined;
  const expr = node.expression;
  const path = statement.get('expression') as NodePath<t.Expression>;
  if (t.isCallExpression(expr) && !expr.arguments.some((a) => t.isSpreadElement(a))) {
    const args = (path as NodePath<t.CallExpression>).get('arguments') as NodePath<t.Node>[];
    if (isPlainEffectCallee(expr.callee, analysis)) return { kind: 'print', target: expr.callee, values: expr.arguments, paths: args };
    const callee = expr.callee;
    if (t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.object) && t.isIdentifier(callee.property) && ADDERS.has(callee.property.name) && isPlainCollection(callee.object.name, analysis)) {
      return { kind: 'add', target: callee, values: expr.arguments, paths: args };
    }
    return undefined;
  }
  // `results.a = …`, `results['a'] = …`: the object is a name and the key a literal, so nothing
  // about the target can depend on when the value is computed.
  if (t.isAssignmentExpression(expr, { operator: '=' }) && t.isMemberExpression(expr.left) && t.isIdentifier(expr.left.object)) {
    const key = expr.left.property;
    if (expr.left.computed ? !t.isStringLiteral(key) && !t.isNumericLiteral(key) : !t.isIdentifier(key)) return undefined;
    return { kind: 'store', target: expr.left, values: [expr.right], paths: [(path as NodePath<t.AssignmentExpression>).get('right')] };
  }
  return undefined;
}

export interface SplitOptions {
  /** Milliseconds an argument must be estimated at (or given by the user for its line) to be worth moving. */
  threshold: number;
  cost: (node: t.Node, statement: number) => number;
  times?: Record<string, number>;
}

/** Returns the rewritten source, or null when no statement is worth splitting. */
export function splitHeavyArguments(analysis: Analysis, opts: SplitOptions): string | null {
  const code = analysis.parsed.code;
  const edits: { start: number; end: number; text: string }[] = [];
  const used = new Set(Object.keys(analysis.ctx.programScope.bindings));
  const fresh = (base: string) => {
    let name = base;
    for (let i = 2; used.has(name) || analysis.ctx.programScope.hasGlobal(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
  const summaries = buildSummaries(analysis.ctx, analysis.kinds);
  for (const s of analysis.statements) {
    const node = s.path.node;
    const site = splitSite(s.path, analysis);
    if (!site) continue;
    const userTime = opts.times?.[String(s.line)];
    const heavy = site.values.map((a) => hasCall(a) && (userTime !== undefined ? userTime >= opts.threshold : opts.cost(a, s.id) >= opts.threshold));
    if (!heavy.some(Boolean)) continue;
    // Move every value that calls something; the rest (literals, names) are read afterwards,
    // which is the same as long as the moved ones change nothing.
    const moved = site.values.map((a) => hasCall(a));
    const pure = site.paths.every((p, i) => {
      if (!moved[i]) return true;
      const w = new UnitWalker(summaries.env, null);
      w.walkExpression(p);
      const f = summaries.resolve(w.facts);
      return f.effects.size === 0 && f.writes.size === 0 && f.mutates.size === 0 && f.dynamic.size === 0 && !f.awaits;
    });
    // A print's callee is looked up after its arguments either way; an impure argument moves
    // with all the others, in order. A store's target could be what that argument changes: it stays whole.
    if (!pure && site.kind !== 'print') continue;
    if (!pure) for (let i = 0; i < moved.length; i++) moved[i] = true;
    const decls: string[] = [];
    const values: string[] = [];
    site.values.forEach((a, i) => {
      // A node's range leaves out its parentheses: `(i++, work(i))` must stay one expression.
      const bare = code.slice(a.start!, a.end!);
      const text = t.isSequenceExpression(a) || (a.extra as { parenthesized?: boolean } | undefined)?.parenthesized ? `(${bare})` : bare;
      if (!moved[i]) {
        values.push(text);
        return;
      }
      const name = fresh(`line${s.line}Value`);
      decls.push(`const ${name} = ${text};`);
      values.push(name);
    });
    const target = code.slice(site.target.start!, site.target.end!);
    let text = `${decls.join(' ')} ${site.kind === 'store' ? `${target} = ${values[0]}` : `${target}(${values.join(', ')})`};`;
    // Keep every later statement on its original line.
    const lines = (x: string) => x.split('\n').length - 1;
    text += '\n'.repeat(Math.max(0, lines(code.slice(node.start!, node.end!)) - lines(text)));
    edits.push({ start: node.start!, end: node.end!, text });
  }
  if (edits.length === 0) return null;
  let out = code;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
