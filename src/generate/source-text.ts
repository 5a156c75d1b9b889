/**
 * The user's own text for each top-level statement: with the comments above it and on its
 * last line, re-indented without touching the inside of multi-line strings, and rewritten
 * from a declaration to an assignment when the binding has to live elsewhere.
 */
import * as recast from 'recast';
import * as t from '@babel/types';
import type { StatementInfo } from '../analyze/statements.js';

export interface Segment {
  /** Comments and blank lines above the statement, as written. */
  leading: string;
  /** The statement itself, as written. */
  code: string;
  /** A comment after the statement on its last line. */
  trailing: string;
}

export function segments(source: string, statements: StatementInfo[], programStart: number): Segment[] {
  const out: Segment[] = [];
  let cursor = programStart;
  statements.forEach((s, i) => {
    const next = statements[i + 1];
    const between = source.slice(cursor, s.start);
    // Only whole lines of comments count as leading; code from a shared line stays with its statement.
    const leading = between.includes('\n') ? between.slice(between.indexOf('\n') + 1).replace(/^\s*\n/gm, '') : '';
    let end = s.end;
    let trailing = '';
    const lineEnd = source.indexOf('\n', end);
    const rest = source.slice(end, lineEnd < 0 ? source.length : lineEnd);
    if (/^\s*(\/\/.*|\/\*.*\*\/\s*)$/.test(rest) && !(next && next.start < (lineEnd < 0 ? source.length : lineEnd))) {
      trailing = rest.trim();
      end = lineEnd < 0 ? source.length : lineEnd;
    }
    out.push({ leading: leading.replace(/\s+$/, ''), code: source.slice(s.start, s.end), trailing });
    cursor = end;
  });
  return out;
}

/** Lines (0-based, relative to the statement) that lie inside a multi-line string or template. */
function protectedLines(node: t.Node): Set<number> {
  const first = node.loc!.start.line;
  const out = new Set<number>();
  t.traverseFast(node, (n) => {
    if ((t.isTemplateLiteral(n) || t.isStringLiteral(n)) && n.loc && n.loc.end.line > n.loc.start.line) {
      for (let l = n.loc.start.line + 1; l <= n.loc.end.line; l++) out.add(l - first);
    }
  });
  return out;
}

export function indent(text: string, by: string, node?: t.Node): string {
  const keep = node ? protectedLines(node) : new Set<number>();
  return text
    .split('\n')
    .map((line, i) => (line.length === 0 || keep.has(i) ? line : by + line))
    .join('\n');
}

/**
 * `const a = f(), { b } = g();` → `a = f(), ({ b } = g());` — same initialisers, printed by
 * recast from the user's nodes so their text is kept. Declarators without an initialiser vanish.
 */
export function declarationToAssignment(node: t.VariableDeclaration): string {
  const exprs = node.declarations
    .filter((d) => d.init)
    .map((d) => t.assignmentExpression('=', d.id as t.LVal, d.init!));
  if (exprs.length === 0) return '';
  const expr = exprs.length === 1 ? exprs[0] : t.sequenceExpression(exprs);
  const printed = recast.print(t.expressionStatement(expr) as never).code;
  return printed.endsWith(';') ? printed : printed + ';';
}

/**
 * `class Item {…}` → `Item = class Item {…};` when shared functions name the class: they see the
 * module-level binding, which the thread that declares the class fills.
 */
export function classToAssignment(node: t.ClassDeclaration): string {
  const expr = t.classExpression(node.id, node.superClass, node.body, node.decorators);
  const printed = recast.print(t.expressionStatement(t.assignmentExpression('=', t.identifier(node.id!.name), expr)) as never).code;
  return printed.endsWith(';') ? printed : printed + ';';
}

/** `const x = …` → `let x = …` when the thread will later receive a newer version of x. */
export function constToLet(code: string): string {
  return code.replace(/^const(\s)/, 'let$1');
}

/** 'L12' → "'L12'" (a key already quoted stays as it is). */
export const quoteKey = (k: string) => (k.startsWith("'") ? k : `'${k}'`);

/** A statement's text with its comments, indented by `by`, or `replacement` instead of its code. */
export function segmentText(seg: Segment, node: t.Statement, by: string, replacement: string | undefined): string {
  const parts: string[] = [];
  if (seg.leading) parts.push(indent(seg.leading.replace(/^[ \t]+/gm, ''), by));
  const body = replacement ?? seg.code;
  const text = body + (seg.trailing ? ` ${seg.trailing}` : '');
  parts.push(replacement === undefined ? indent(text, by, node) : indent(text, by));
  return parts.join('\n');
}
