/**
 * analyze: source text → top-level statements with what each defines, reads, writes,
 * mutates and which effects it has, and the dependences between them.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { buildContext, type ScriptContext } from './context.js';
import { aliasClasses, buildDependences, type DepEdge, type Dependences } from './dependences.js';
import { computeTopKinds } from './kinds.js';
import { parseScript, type ModuleKind, type ParsedScript } from './parse.js';
import { chooseReplicated, isFunctionConst } from './replicate.js';
import { duplicableStatements, keepsHiddenState, makesScriptObjects } from './duplicable.js';
import { collectBindings, declaredNames, statementFacts, statementKind, type BindingInfo, type StatementInfo } from './statements.js';
import { buildSummaries } from './summaries.js';
import { traverse } from './traverse.js';
import type { TopKinds } from './walk.js';
import { emptyFacts, type Facts } from './facts.js';
import { BudgetExceeded, endBudget, startBudget } from './budget.js';
import { ownFileUse } from './self-reference.js';

export interface Analysis {
  parsed: ParsedScript;
  ctx: ScriptContext;
  statements: StatementInfo[];
  bindings: Map<string, BindingInfo>;
  kinds: TopKinds;
  /** Statements every thread runs for itself (declarations, built-in imports, pure constants). */
  replicated: Set<number>;
  /** Statements that are scheduled: everything not replicated. */
  tasks: number[];
  deps: Dependences;
  /** Top-level bindings that functions read or write: they live at module level in every thread. */
  moduleScoped: Set<string>;
  /** Bindings whose values may carry named properties (not only elements): they travel as they are. */
  named: Set<string>;
  /** Statements that any thread may run again for itself (deterministic, no effects): see duplicable.ts. */
  duplicable: Set<number>;
  /**
   * Non-empty when the script must stay sequential whatever the plan; `verbatim` when even the
   * header that says why would change what the script does (it reads its own file).
   */
  sequentialReasons: { reason: string; line?: number; verbatim?: boolean }[];
}

export function analyze(code: string, opts: { filename?: string; kind?: ModuleKind | 'auto' } = {}): Analysis {
  // The budget counts from the start: parsing a very large file is part of the time it costs.
  startBudget(ANALYSIS_BUDGET_MS);
  try {
    return analyzeWithinBudget(code, opts);
  } finally {
    endBudget();
  }
}

function analyzeWithinBudget(code: string, opts: { filename?: string; kind?: ModuleKind | 'auto' }): Analysis {
  const parsed = parseScript(code, opts);
  let programPath: NodePath<t.Program> | undefined;
  traverse(parsed.ast, {
    Program(p) {
      programPath = p;
      p.stop();
    },
  });
  const program = programPath!;
  const ctx = buildContext(program, parsed.kind);
  const body = program.get('body');

  // Nothing to schedule (a library's one wrapper, a bundle too large to analyse in reasonable
  // time): describe the statements and stop, without walking every function.
  const quick = quickVerdict(program.node, code.length);
  const analysis = quick ? shallowAnalysis(parsed, ctx, body, quick) : fullOrShallow(parsed, program, ctx, body);
  const own = ownFileUse(ctx);
  if (own) analysis.sequentialReasons.unshift({ reason: `line ${own.line} uses ${own.what}, and the output is another file, so it is emitted exactly as written`, line: own.line, verbatim: true });
  return analysis;
}

function fullOrShallow(parsed: ParsedScript, program: NodePath<t.Program>, ctx: ScriptContext, body: NodePath<t.Statement>[]): Analysis {
  try {
    return fullAnalysis(parsed, program, ctx, body);
  } catch (err) {
    if (err instanceof BudgetExceeded) {
      return shallowAnalysis(parsed, ctx, body, `its analysis did not finish within ${ANALYSIS_BUDGET_MS / 1000} s (the script is very large or very nested)`);
    }
    throw err;
  }
}

/** Seconds the full analysis may take before the script is kept as it is. */
const ANALYSIS_BUDGET_MS = 20_000;

function fullAnalysis(parsed: ParsedScript, program: NodePath<t.Program>, ctx: ScriptContext, body: NodePath<t.Statement>[]): Analysis {
  const code = parsed.code;

  const statementOf = (node: t.Node): number => {
    const i = program.node.body.findIndex((s) => s.start! <= node.start! && node.end! <= s.end!);
    return i;
  };

  // Kinds are a least fixpoint: start every binding at `prim` and let each round raise what the
  // previous one learned (a value stored into a binding can depend on the binding itself). Only
  // the converged result is sound; if it does not converge quickly, start from `any` instead,
  // where every round is sound on its own.
  const bottom = (): TopKinds => new Map(Object.keys(ctx.programScope.bindings).map((n) => [n, { k: 'prim' as const, params: [] }]));
  let kinds: TopKinds = bottom();
  let statements: StatementInfo[] = [];
  let converged = false;
  // A large file (a bundle, a library) gets the two pessimistic rounds only: each round walks
  // every function again, and such files are rarely scripts worth parallelising.
  let functionCount = 0;
  t.traverseFast(program.node, (n) => {
    if (t.isFunction(n)) functionCount++;
  });
  const ROUNDS = functionCount > 250 || body.length > 400 ? 0 : 8;
  for (let round = 0; round < ROUNDS + 2; round++) {
    if (round === ROUNDS && !converged) kinds = new Map(); // pessimistic restart
    if (round >= ROUNDS && converged) break;
    const summaries = buildSummaries(ctx, kinds);
    statements = body.map((path, id) => describeStatement(path, id, ctx, statementFacts(path, ctx, kinds, summaries)));
    const next = computeTopKinds(ctx, statements, kinds, summaries);
    const same = next.size === kinds.size && [...next].every(([n, k]) => kinds.get(n)?.k === k.k && kinds.get(n)?.flat === k.flat);
    kinds = next;
    if (same && round < ROUNDS) {
      converged = true;
      break;
    }
  }

  // A binding that only ever holds primitives (a string, a number) has nothing to change: a
  // statement that sorts matches of a text it searched does not change the text.
  for (const s of statements) s.mutates = s.mutates.filter((n) => kinds.get(n)?.k !== 'prim');

  const bindings = collectBindings(ctx, statementOf);
  // A binding is stable when nothing after its declaration assigns it or changes an object it may share.
  const functionNames = new Set(statements.filter((s) => s.kind === 'function' || isFunctionConst(s.path.node)).flatMap((s) => s.defines));
  const { classOf } = aliasClasses(statements, statements.map((s) => s.id), kinds, (n) => !n.startsWith('#') && !functionNames.has(n));
  const writtenLater = (name: string, after: number) => {
    const b = bindings.get(name);
    if (!b) return false;
    if (b.assignedBy.some((i) => i !== after)) return true;
    const cls = classOf(name);
    return statements.some((s) => s.id !== after && s.mutates.some((m) => m === name || cls.has(m)));
  };
  // Objects compared by identity (`===`, a Map key, indexOf) that some other value may hold.
  const compared = new Set(statements.flatMap((s) => [...s.facts.compared]));
  const identityBound = (name: string) => compared.has(name) && kinds.get(name)?.k !== 'prim' && classOf(name).size > 1;
  const replicated = chooseReplicated(statements, writtenLater, identityBound);
  const staticNames = new Set<string>();
  for (const id of replicated) statements[id].defines.forEach((n) => staticNames.add(n));
  const tasks = statements.filter((s) => !replicated.has(s.id)).map((s) => s.id);
  const duplicable = duplicableStatements(ctx, statements, tasks, staticNames, (n) => (bindings.get(n)?.assignedBy.length ?? 0) > 0);
  // A value that cannot be cloned is made again where it is needed when its statement may run
  // twice and nothing changes it afterwards, not even a closure of its own (copies would drift
  // apart): only instances of the script's classes, whose changes their methods' summaries show.
  // Asked once per use of the value: the statement's own verdict is worked out once.
  const remakeableStatement = new Map<number, boolean>();
  const remakes = (id: number) => {
    let ok = remakeableStatement.get(id);
    if (ok === undefined) {
      const path = statements[id].path;
      ok = duplicable.has(id) && makesScriptObjects(ctx, path) && !keepsHiddenState(ctx, path, staticNames);
      remakeableStatement.set(id, ok);
    }
    return ok;
  };
  const deps = buildDependences(statements, tasks, staticNames, kinds, (name, producer) => remakes(producer) && !writtenLater(name, producer));

  // Bindings that replicated code (function bodies, class bodies) refers to must exist at module level.
  const moduleScoped = new Set<string>();
  for (const id of replicated) {
    const s = statements[id];
    const fns: t.Node[] = [];
    if (s.kind === 'function' || isFunctionConst(s.path.node) || s.kind === 'class') fns.push(s.path.node);
    for (const node of fns) {
      traverse(node, {
        ReferencedIdentifier(p) {
          const b = p.scope.getBinding((p.node as t.Identifier).name);
          if (b && b.scope === ctx.programScope && !staticNames.has(b.identifier.name)) moduleScoped.add(b.identifier.name);
        },
        AssignmentExpression(p) {
          for (const n of Object.keys(p.getBindingIdentifiers())) {
            const b = p.scope.getBinding(n);
            if (b && b.scope === ctx.programScope && !staticNames.has(n)) moduleScoped.add(n);
          }
        },
      }, s.path.scope, s.path);
    }
  }

  const sequentialReasons = findBlockers(ctx, statements, replicated, bindings, staticNames);
  // A `var` nested in a block cannot be turned into an assignment to the module-level binding.
  for (const name of moduleScoped) {
    const b = ctx.programScope.getBinding(name);
    const decl = b?.path.parentPath;
    if (b?.kind === 'var' && decl && !decl.parentPath?.isProgram()) {
      sequentialReasons.push({ reason: `line ${b.path.node.loc?.start.line} declares \`var ${name}\` inside a block, and functions use it`, line: b.path.node.loc?.start.line });
    }
  }
  const named = new Set<string>();
  for (const st of statements) for (const r of st.facts.named) if (!r.startsWith('#')) for (const n of classOf(r)) named.add(n);
  return { parsed, ctx, statements, bindings, kinds, replicated, tasks, deps, moduleScoped, sequentialReasons, named, duplicable };
}

/** Limits of the full analysis: beyond them a script is kept as it is (and said so). */
const MAX_FUNCTIONS = 1500;
const MAX_STATEMENTS = 1000;
const MAX_CHARS = 1_000_000;

function quickVerdict(program: t.Program, chars: number): string | undefined {
  const candidates = program.body.filter(
    (s) => !t.isFunctionDeclaration(s) && !t.isClassDeclaration(s) && !t.isImportDeclaration(s) && !t.isEmptyStatement(s),
  ).length;
  if (candidates < 2) return 'there is at most one statement to schedule';
  if (chars > MAX_CHARS || program.body.length > MAX_STATEMENTS) {
    return `it is too large to analyse here (${program.body.length} top-level statements, ${Math.round(chars / 1000)} kB; the limits are ${MAX_STATEMENTS} and ${MAX_CHARS / 1000} kB)`;
  }
  let functions = 0;
  t.traverseFast(program, (n) => {
    if (t.isFunction(n)) functions++;
  });
  if (functions > MAX_FUNCTIONS) return `it has ${functions} functions, more than the ${MAX_FUNCTIONS} the analysis handles in reasonable time`;
  return undefined;
}

/** A statement's place in the source and what its facts say about top-level bindings. */
/** `var x;` again, after an earlier declaration of x: it declares nothing new and changes nothing. */
function redeclaredOnly(node: t.Statement, name: string, ctx: ScriptContext): boolean {
  if (!t.isVariableDeclaration(node) || node.kind !== 'var') return false;
  if (node.declarations.some((d) => d.init && Object.keys(t.getBindingIdentifiers(d.id)).includes(name))) return false;
  const first = ctx.programScope.getBinding(name)?.path.findParent((p) => p.parentPath?.isProgram() ?? false) ?? null;
  return !!first && first.node !== node;
}

function describeStatement(path: NodePath<t.Statement>, id: number, ctx: ScriptContext, facts: Facts): StatementInfo {
  const node = path.node;
  const topNames = (set: Iterable<string>) => [...set].filter((n) => !n.startsWith('#') && ctx.programScope.hasOwnBinding(n));
  return {
    id,
    line: node.loc!.start.line,
    endLine: node.loc!.end.line,
    column: node.loc!.start.column,
    start: node.start!,
    end: node.end!,
    path,
    kind: statementKind(node),
    defines: declaredNames(node).filter((n) => !redeclaredOnly(node, n, ctx)),
    reads: topNames(facts.reads),
    writes: topNames(facts.writes),
    mutates: topNames(facts.mutates.keys()),
    effects: [...facts.effects].sort(),
    dynamic: [...facts.dynamic].sort(),
    awaits: facts.awaits,
    facts,
  };
}

/** Statements with their lines and declarations only, and the reason the script stays as it is. */
function shallowAnalysis(parsed: ParsedScript, ctx: ScriptContext, body: NodePath<t.Statement>[], reason: string): Analysis {
  const statements = body.map((path, id) => describeStatement(path, id, ctx, emptyFacts()));
  const tasks = statements.map((s) => s.id);
  return {
    parsed,
    ctx,
    statements,
    bindings: new Map(),
    kinds: new Map(),
    replicated: new Set(),
    tasks,
    deps: { edges: [], reaching: new Map(tasks.map((id) => [id, new Map()])), pinned: new Map(tasks.map((id) => [id, 'not analysed'])), group: new Map(), groupReasons: new Map(), aliasClasses: [], accessSets: new Map(), copyOnly: new Set() },
    moduleScoped: new Set(),
    sequentialReasons: [{ reason }],
    named: new Set(),
    duplicable: new Set(),
  };
}

function findBlockers(
  ctx: ScriptContext,
  statements: StatementInfo[],
  replicated: Set<number>,
  bindings: Map<string, BindingInfo>,
  staticNames: Set<string>,
): Analysis['sequentialReasons'] {
  const out: Analysis['sequentialReasons'] = [];
  for (const s of statements) {
    for (const d of s.dynamic) out.push({ reason: `line ${s.line} ${d}, which static analysis cannot follow`, line: s.line });
  }
  for (const a of ctx.accessors) {
    if (pureGetter(a, ctx)) continue;
    out.push({ reason: `line ${a.node.loc?.start.line} defines a getter, setter or proxy, so reading a property may run code`, line: a.node.loc?.start.line });
  }
  for (const s of statements) {
    if (s.kind === 'import' && !replicated.has(s.id)) {
      const src = (s.path.node as t.ImportDeclaration).source.value;
      out.push({ reason: `line ${s.line} imports "${src}": every worker thread would evaluate it again`, line: s.line });
    }
    if (s.kind === 'export') {
      const node = s.path.node;
      const onlyCode = (t.isExportNamedDeclaration(node) && node.declaration && (t.isFunctionDeclaration(node.declaration) || t.isClassDeclaration(node.declaration))) ||
        (t.isExportDefaultDeclaration(node) && t.isFunctionDeclaration(node.declaration));
      if (!onlyCode) out.push({ reason: `line ${s.line} exports a value (ES module exports are kept as written)`, line: s.line });
    }
    // `if (c) { function helper() {} }` in sloppy code also declares helper for the whole script
    // (Annex B), when the block runs: a thread that does not run the block would not have it.
    const strict = ctx.kind === 'module' || ctx.program.node.directives.some((d) => d.value.value === 'use strict');
    if (!strict && s.kind === 'statement') {
      let blockFunction: t.FunctionDeclaration | undefined;
      s.path.traverse({
        Function(p) {
          if (p.isFunctionDeclaration() && !p.parentPath.isProgram() && !p.getFunctionParent()) blockFunction = p.node;
          p.skip();
        },
      });
      if (blockFunction) out.push({ reason: `line ${blockFunction.loc?.start.line} declares a function inside a block, which sloppy mode also makes a variable of the whole script`, line: s.line });
    }
    // `var mode = …` and `function mode() {}`: one binding, whose value hoisting decides.
    if (s.kind === 'function') {
      for (const n of s.defines) {
        const b = ctx.programScope.getBinding(n);
        if (b && b.path.node !== s.path.node) out.push({ reason: `line ${s.line}: \`${n}\` is declared both as a function and as a variable`, line: s.line });
      }
    }
    // A class whose static state changes (`Item.created++`) is declared by one thread, which runs
    // everything that uses it (a class cannot be cloned); one that is reassigned is not followed.
    const movableClass = s.kind === 'class' && s.defines.every((n) => (bindings.get(n)?.assignedBy.length ?? 0) === 0);
    if ((s.kind === 'function' || (s.kind === 'class' && !movableClass) || isFunctionConst(s.path.node)) && !replicated.has(s.id)) {
      out.push({ reason: `line ${s.line}: \`${s.defines.join(', ')}\` is reassigned or changed later`, line: s.line });
    }
  }
  // Reading a let/const/class before its declaration throws; keep the original order. Declaring a
  // function reads nothing (its body runs when called, and its callers read what it reads).
  for (const s of statements) {
    if (s.kind === 'function' || isFunctionConst(s.path.node)) continue;
    for (const name of [...s.reads, ...s.writes]) {
      const b = bindings.get(name);
      if (!b || staticNames.has(name) && b.declKind === 'hoisted') continue;
      if ((b.declKind === 'let' || b.declKind === 'const' || b.declKind === 'class') && b.declaredBy > s.id) {
        out.push({ reason: `line ${s.line} uses \`${name}\` before its declaration on line ${statements[b.declaredBy].line}`, line: s.line });
      }
    }
  }
  return out;
}

export type { DepEdge, StatementInfo, BindingInfo };

/** Globals a getter may use without running the script's code or touching state. */
const getterGlobals = new Set(['Math', 'Number', 'String', 'Boolean', 'Array', 'Object', 'Infinity', 'NaN', 'undefined']);

/**
 * A class getter that only computes from its object (`get size() { return this.items.length; }`): it
 * calls nothing but Math, assigns nothing but its own locals and reads no top-level binding but
 * primitive constants, so reading the property runs no code the analysis would need to see.
 */
function pureGetter(a: NodePath, ctx: ScriptContext): boolean {
  // Only classes: their instances never cross threads (they are not cloned faithfully), while a
  // clone of an object literal would turn its getter into a snapshot of the value.
  if (!a.isClassMethod() || a.node.kind !== 'get' || a.node.static) return false;
  let pure = true;
  const fail = (p: NodePath) => {
    pure = false;
    p.stop();
  };
  const ownLocal = (p: NodePath, name: string) => {
    const b = p.scope.getBinding(name);
    return !!b && (b.scope.path === a || b.scope.path.isDescendant(a));
  };
  a.traverse({
    'CallExpression|NewExpression|OptionalCallExpression|TaggedTemplateExpression|AwaitExpression|YieldExpression|Function'(p) {
      const n = p.node;
      const mathCall = t.isCallExpression(n) && t.isMemberExpression(n.callee) && t.isIdentifier(n.callee.object, { name: 'Math' }) && !p.scope.getBinding('Math');
      if (!mathCall) fail(p);
    },
    AssignmentExpression(p) {
      if (!(t.isIdentifier(p.node.left) && ownLocal(p, p.node.left.name))) fail(p);
    },
    UpdateExpression(p) {
      if (!(t.isIdentifier(p.node.argument) && ownLocal(p, p.node.argument.name))) fail(p);
    },
    UnaryExpression(p) {
      if (p.node.operator === 'delete') fail(p);
    },
    ReferencedIdentifier(p) {
      const name = (p.node as t.Identifier).name;
      const b = p.scope.getBinding(name);
      if (!b) {
        if (!getterGlobals.has(name)) fail(p);
      } else if (b.scope === ctx.programScope && !ctx.primitives.has(name)) fail(p);
    },
  });
  return pure;
}
