// Splits a program into top-level statements with the names each declares and uses, and joins
// a subset back (keeping each statement's `times` entry on its new line).
import { parse } from '@babel/parser';
import type { Node } from '@babel/types';
import { assemble, type Program, type Unit } from './program.js';

export interface Stmt extends Unit {
  declares: Set<string>;
  uses: Set<string>;
}

export interface Split {
  header: string[];
  stmts: Stmt[];
}

export function parseProgram(program: Pick<Program, 'code' | 'kind'>) {
  return parse(program.code, { sourceType: program.kind === 'module' ? 'module' : 'script' });
}

export function parses(program: Pick<Program, 'code' | 'kind'>): boolean {
  try {
    parseProgram(program);
    return true;
  } catch {
    return false;
  }
}

export function splitProgram(program: Program): Split {
  const ast = parseProgram(program);
  const header = ast.program.directives.map((d) => program.code.slice(d.start!, d.end!));
  const stmts = ast.program.body.map((node): Stmt => {
    const ms = program.times[String(node.loc!.start.line)];
    return {
      code: program.code.slice(node.start!, node.end!),
      ...(ms !== undefined ? { ms } : {}),
      declares: declaredNames(node),
      uses: usedNames(node),
    };
  });
  return { header, stmts };
}

export function joinProgram(base: Program, header: string[], stmts: Unit[]): Program {
  const { code, times } = assemble(stmts.map((s) => (s.ms !== undefined ? { code: s.code, ms: s.ms } : { code: s.code })), header);
  return { code, times, kind: base.kind, ...(base.seed !== undefined ? { seed: base.seed } : {}) };
}

function declaredNames(node: Node): Set<string> {
  const out = new Set<string>();
  if (node.type === 'VariableDeclaration') for (const d of node.declarations) patternNames(d.id, out);
  else if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) out.add(node.id.name);
  else if (node.type === 'ImportDeclaration') for (const s of node.specifiers) out.add(s.local.name);
  return out;
}

function patternNames(node: Node | null | undefined, out: Set<string>): void {
  if (!node) return;
  if (node.type === 'Identifier') out.add(node.name);
  else if (node.type === 'ArrayPattern') node.elements.forEach((e) => patternNames(e, out));
  else if (node.type === 'ObjectPattern')
    node.properties.forEach((p) => patternNames(p.type === 'RestElement' ? p.argument : (p.value as Node), out));
  else if (node.type === 'AssignmentPattern') patternNames(node.left, out);
  else if (node.type === 'RestElement') patternNames(node.argument, out);
}

/** Every identifier read or written, over-approximated (locals included): safe for removal decisions. */
function usedNames(root: Node): Set<string> {
  const out = new Set<string>();
  const visit = (node: unknown, skip?: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach((n) => visit(n));
    const n = node as Node & Record<string, unknown>;
    if (typeof n.type !== 'string') return;
    if (n.type === 'Identifier') {
      out.add(n.name);
      return;
    }
    // Property names are not bindings unless computed.
    const nonComputedKey =
      ((n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && !n.computed && n.property) ||
      ((n.type === 'ObjectProperty' || n.type === 'ObjectMethod' || n.type === 'ClassMethod' || n.type === 'ClassProperty') &&
        !n.computed &&
        n.key);
    for (const key of Object.keys(n)) {
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'extra' || key.endsWith('Comments')) continue;
      const child = n[key];
      if (child === nonComputedKey || child === skip) continue;
      visit(child);
    }
  };
  visit(root);
  return out;
}

/**
 * Removes the statements at `drop` plus, transitively, every statement that uses a name no remaining
 * statement declares any more; a shrunk program thus keeps its references bound.
 */
export function removeWithDependents(stmts: Stmt[], drop: Set<number>): Stmt[] {
  const gone = new Set(drop);
  for (let changed = true; changed; ) {
    changed = false;
    const declared = new Set<string>();
    stmts.forEach((s, i) => !gone.has(i) && s.declares.forEach((d) => declared.add(d)));
    const lost = new Set<string>();
    for (const i of gone) for (const d of stmts[i].declares) if (!declared.has(d)) lost.add(d);
    stmts.forEach((s, i) => {
      if (gone.has(i)) return;
      for (const u of s.uses) {
        if (lost.has(u)) {
          gone.add(i);
          changed = true;
          return;
        }
      }
    });
  }
  return stmts.filter((_, i) => !gone.has(i));
}

/** The statement with one argument of its console.log/console.error call removed, for each argument. */
export function printArgVariants(code: string): string[] {
  let stmt;
  try {
    stmt = parse(code, { sourceType: 'module', allowAwaitOutsideFunction: true }).program.body[0];
  } catch {
    return [];
  }
  if (stmt?.type !== 'ExpressionStatement' || stmt.expression.type !== 'CallExpression') return [];
  const { callee, arguments: args } = stmt.expression;
  const isConsole =
    callee.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === 'console';
  if (!isConsole || args.length < 2) return [];
  return args.map((_, i) => {
    const kept = args.filter((__, j) => j !== i).map((a) => code.slice(a.start!, a.end!));
    return `${code.slice(0, args[0].start!)}${kept.join(', ')}${code.slice(args[args.length - 1].end!)}`;
  });
}
