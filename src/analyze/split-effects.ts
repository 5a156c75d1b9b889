/**
 * `console.log(heavy(x))` would pin heavy(x) to the main thread with the print. Computing the
 * arguments first, in order, into constants on the same line keeps the print where it is and
 * lets the heavy part move: `const line14Value = heavy(x); console.log(line14Value);`.
 * The callee (console.log, process.stdout.write) is looked up after its arguments instead of
 * before, which nothing can observe.
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
    if (!t.isExpressionStatement(node) || !t.isCallExpression(node.expression)) continue;
    const call = node.expression;
    if (!isPlainEffectCallee(call.callee, analysis) || call.arguments.some((a) => t.isSpreadElement(a))) continue;
    const userTime = opts.times?.[String(s.line)];
    const argPaths = (s.path.get('expression') as NodePath<t.CallExpression>).get('arguments');
    const heavy = call.arguments.map((a, i) => hasCall(a) && (userTime !== undefined ? userTime >= opts.threshold : opts.cost(a, s.id) >= opts.threshold) && i >= 0);
    if (!heavy.some(Boolean)) continue;
    // Move every argument that calls something; the rest (literals, names) are read afterwards,
    // which is the same as long as the moved ones change nothing.
    const moved = call.arguments.map((a) => hasCall(a));
    const allPure = argPaths.every((p, i) => {
      if (!moved[i]) return true;
      const w = new UnitWalker(summaries.env, null);
      w.walkExpression(p);
      const f = summaries.resolve(w.facts);
      return f.effects.size === 0 && f.writes.size === 0 && f.mutates.size === 0 && f.dynamic.size === 0 && !f.awaits;
    });
    if (!allPure) for (let i = 0; i < moved.length; i++) moved[i] = true;
    const decls: string[] = [];
    const args: string[] = [];
    call.arguments.forEach((a, i) => {
      // A node's range leaves out its parentheses: `(i++, work(i))` must stay one expression.
      const bare = code.slice(a.start!, a.end!);
      const text = t.isSequenceExpression(a) || (a.extra as { parenthesized?: boolean } | undefined)?.parenthesized ? `(${bare})` : bare;
      if (!moved[i]) {
        args.push(text);
        return;
      }
      const name = fresh(`line${s.line}Value`);
      decls.push(`const ${name} = ${text};`);
      args.push(name);
    });
    const callee = code.slice(call.callee.start!, call.callee.end!);
    let text = `${decls.join(' ')} ${callee}(${args.join(', ')});`;
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
