/**
 * Top-level statements and the bindings they declare, with their resolved facts:
 * the raw material of the dependence graph.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { builtinName, type Effect } from './builtins.js';
import type { ScriptContext } from './context.js';
import type { Facts } from './facts.js';
import type { Summaries } from './summaries.js';
import { UnitWalker, type TopKinds } from './walk.js';

export type StatementKind = 'function' | 'class' | 'import' | 'require' | 'export' | 'statement';

export interface StatementInfo {
  id: number;
  line: number;
  endLine: number;
  column: number;
  start: number;
  end: number;
  path: NodePath<t.Statement>;
  kind: StatementKind;
  /** Top-level bindings it declares. */
  defines: string[];
  reads: string[];
  writes: string[];
  /** Top-level bindings whose objects it may change (members, methods, calls). */
  mutates: string[];
  effects: Effect[];
  dynamic: string[];
  awaits: boolean;
  facts: Facts;
}

export interface BindingInfo {
  name: string;
  /** var, let, const, function, class, import (module), param… as Babel names them. */
  declKind: string;
  /** Statement that declares it. */
  declaredBy: number;
  /** Statements that assign it after the declaration. */
  assignedBy: number[];
}

export function statementKind(node: t.Statement): StatementKind {
  if (t.isFunctionDeclaration(node)) return 'function';
  if (t.isClassDeclaration(node)) return 'class';
  if (t.isImportDeclaration(node)) return 'import';
  if (t.isExportNamedDeclaration(node) || t.isExportDefaultDeclaration(node) || t.isExportAllDeclaration(node)) return 'export';
  if (
    t.isVariableDeclaration(node) &&
    node.declarations.every((d) => t.isCallExpression(d.init) && t.isIdentifier(d.init.callee, { name: 'require' }))
  ) {
    return 'require';
  }
  return 'statement';
}

export function declaredNames(node: t.Statement): string[] {
  if (t.isFunctionDeclaration(node) || t.isClassDeclaration(node)) return node.id ? [node.id.name] : [];
  if (t.isImportDeclaration(node)) return node.specifiers.map((s) => s.local.name);
  if (t.isVariableDeclaration(node)) return Object.keys(t.getBindingIdentifiers(node));
  if (t.isExportNamedDeclaration(node) && node.declaration) return declaredNames(node.declaration);
  if (t.isExportDefaultDeclaration(node) && (t.isFunctionDeclaration(node.declaration) || t.isClassDeclaration(node.declaration))) {
    return node.declaration.id ? [node.declaration.id.name] : [];
  }
  return [];
}

/** Walks one top-level statement; class bodies and function bodies run later, so only their definition-time parts count. */
export function statementFacts(path: NodePath<t.Statement>, ctx: ScriptContext, topKinds: TopKinds, summaries: Summaries): Facts {
  const walker = new UnitWalker({ ...summaries.env, ctx, topKinds }, null);
  const node = path.node;
  if (t.isFunctionDeclaration(node)) return walker.facts;
  if (t.isImportDeclaration(node)) {
    if (!builtinName(node.source.value)) walker.facts.effects.add('module');
    return walker.facts;
  }
  if (t.isClassDeclaration(node) || (t.isExportNamedDeclaration(node) && t.isClassDeclaration(node.declaration))) {
    const cls = (t.isClassDeclaration(node) ? path : path.get('declaration')) as NodePath<t.ClassDeclaration>;
    const sup = cls.get('superClass');
    if (sup.node) walker.walkExpression(sup as NodePath);
    for (const member of cls.get('body').get('body')) {
      const m = member.node as t.ClassMethod | t.ClassProperty;
      if ('computed' in m && m.computed) walker.walkExpression(member.get('key') as NodePath);
      if ((member.isClassProperty() || member.isClassPrivateProperty()) && member.node.static) walker.walkExpression(member);
      if (member.isStaticBlock()) walker.walkExpression(member);
    }
    return summaries.resolve(walker.facts);
  }
  return summaries.resolve(walker.walk(path));
}

export function collectBindings(ctx: ScriptContext, statementOf: (node: t.Node) => number): Map<string, BindingInfo> {
  const out = new Map<string, BindingInfo>();
  for (const [name, binding] of Object.entries(ctx.programScope.bindings)) {
    const declaredBy = statementOf(binding.path.node);
    const assignedBy = [...new Set(binding.constantViolations.map((v) => statementOf(v.node)))].filter((i) => i >= 0);
    out.set(name, { name, declKind: binding.kind, declaredBy, assignedBy });
  }
  return out;
}
