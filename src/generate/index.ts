/**
 * generate: one readable script. Shared declarations at the top, one function per thread
 * holding that thread's statements in source order with the messages between them, and the
 * runtime at the bottom. Every statement keeps its own text and names its original line.
 */
import * as t from '@babel/types';
import { basename } from 'node:path';
import type { Analysis } from '../analyze/index.js';
import type { Estimates } from '../estimate/index.js';
import type { ScriptPlan } from '../schedule/script.js';
import { parallelHeader, remadeBecauseUnsendable, sequentialHeader, threadName } from './header.js';
import { planMessages, type Message } from './messages.js';
import { runtimeSource } from './runtime-source.js';
import { classToAssignment, constToLet, declarationToAssignment, quoteKey, segments, segmentText, type Segment } from './source-text.js';
import { shareCalls, sharedWorkSource, type Share } from './shared-work.js';

export interface GenerateOptions {
  filename?: string;
  scheduler: string;
  /** Record each statement's time when run with PARALLELIZE_TRACE=FILE. */
  trace?: boolean;
}

/** The original script, untouched, under a comment that says why (or with none, when it reads its own file). */
export function generateSequential(analysis: Analysis, reason: string, filename?: string): string {
  const code = analysis.parsed.original;
  if (analysis.sequentialReasons[0]?.verbatim) return code;
  const file = filename ? basename(filename) : 'the input';
  const shebang = code.startsWith('#!') ? code.slice(0, code.indexOf('\n') + 1) : '';
  return shebang + sequentialHeader(file, reason) + code.slice(shebang.length);
}

/** Names for our own bindings that the script does not use. */
function freshNames(analysis: Analysis) {
  const used = new Set<string>(Object.keys(analysis.ctx.programScope.bindings));
  t.traverseFast(analysis.parsed.ast.program, (n) => {
    if (t.isIdentifier(n)) used.add(n.name);
  });
  const fresh = (base: string) => {
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}${i}`;
    used.add(name);
    return name;
  };
  return fresh;
}

export function generateParallel(analysis: Analysis, plan: ScriptPlan, est: Estimates, opts: GenerateOptions): string {
  const { statements, parsed } = analysis;
  const code = parsed.code;
  const esm = parsed.kind === 'module';
  const fresh = freshNames(analysis);
  const names = {
    rt: fresh('parallel'),
    factory: fresh('parallelizeRuntime'),
    threadsModule: fresh('workerThreads'),
    fsModule: fresh('fs'),
    main: fresh('main'),
    shared: fresh('sharedWork'),
    worker: (i: number) => `worker${i}`,
  };
  const workerNames = plan.threads.slice(1).map((_, i) => fresh(names.worker(i + 1)));

  // A statement on several threads (a copy) belongs to the first: that thread sends its values.
  const threadOf = new Map<number, number>();
  const holders = new Map<number, Set<number>>();
  plan.threads.forEach((ids, th) => ids.forEach((id) => {
    if (!threadOf.has(id)) threadOf.set(id, th);
    holders.set(id, (holders.get(id) ?? new Set()).add(th));
  }));
  const runsOn = (id: number, th: number) => holders.get(id)?.has(th) ?? false;
  const keyOf = taskKeys(analysis);
  // A shared statement may run on any sharing thread: its values always travel to the main thread.
  const members = new Set(plan.sharing?.members ?? []);
  const messages = planMessages(analysis, threadOf, (id, th) => !members.has(id) && runsOn(id, th));
  const program = parsed.ast.program;
  const programStart = program.interpreter ? program.interpreter.end! : 0;
  const segs = segments(code, statements, programStart);

  const moduleScoped = [...analysis.moduleScoped].filter((n) => !statements.some((s) => analysis.replicated.has(s.id) && s.defines.includes(n)));

  const out: string[] = [];
  if (program.interpreter) out.push(`#!${program.interpreter.value}`);
  for (const d of program.directives) out.push(code.slice(d.start!, d.end!));
  out.push(parallelHeader(analysis, plan, est, opts.filename ? basename(opts.filename) : 'the input', opts.scheduler));
  out.push('');
  out.push(esm ? `import * as ${names.threadsModule} from 'node:worker_threads';` : `const ${names.threadsModule} = require('node:worker_threads');`);
  if (opts.trace) out.push(esm ? `import * as ${names.fsModule} from 'node:fs';` : `const ${names.fsModule} = require('node:fs');`);
  out.push(runtimeCall(analysis, plan, keyOf, threadOf, messages, names, esm, opts.trace ?? false));
  if (moduleScoped.length) {
    out.push('');
    out.push('// Bindings that the shared functions use: each thread gives them the values it needs.');
    out.push(`let ${moduleScoped.join(', ')};`);
  }

  const shared = statements.filter((s) => analysis.replicated.has(s.id));
  if (shared.length) {
    out.push('');
    out.push('// ── Shared: every thread runs these declarations ─────────────────────────────');
    for (const s of shared) out.push(segmentText(segs[s.id], s.path.node, '', undefined));
  }

  const sharing = plan.sharing ? sharedWorkSource(analysis, plan.sharing, segs, keyOf, names.shared) : null;
  if (sharing) out.push('', ...sharing.lines);

  const hasAwait = plan.threads[0].some((id) => statements[id].awaits);
  plan.threads.forEach((all, th) => {
    out.push('');
    out.push(`// ── ${th === 0 ? 'Main thread' : `Worker ${th}`} ${'─'.repeat(60)}`.slice(0, 84));
    const fnName = th === 0 ? names.main : workerNames[th - 1];
    out.push(`${th === 0 && hasAwait ? 'async ' : ''}function ${fnName}() {`);
    const ids = all.filter((id) => !members.has(id));
    const share = sharing && plan.sharing?.threads.includes(th) ? shareCalls(analysis, plan.sharing, all, th, sharing.call, names.rt, keyOf) : undefined;
    out.push(...threadBody(analysis, th, ids, messages, threadOf, keyOf, segs, new Set(analysis.moduleScoped), names.rt, opts.trace ?? false, share, members));
    out.push('}');
  });
  out.push('');
  const run = `${names.rt}.run(${names.main}, [${workerNames.join(', ')}]);`;
  out.push(esm && hasAwait ? `await ${run}` : run);
  out.push('');
  out.push(runtimeSource(names.factory));
  return out.join('\n') + '\n';
}

function runtimeCall(
  analysis: Analysis,
  plan: ScriptPlan,
  keyOf: Map<number, string>,
  threadOf: Map<number, number>,
  messages: Message[],
  names: { rt: string; factory: string; threadsModule: string; fsModule: string },
  esm: boolean,
  trace: boolean,
): string {
  const placement = analysis.tasks.map((id) => `${keyOf.get(id)}: ${threadOf.get(id)}`);
  const shared = (plan.sharing?.order ?? []).map((id) => quoteKey(keyOf.get(id)!));
  const classes = analysis.statements
    .filter((s) => analysis.replicated.has(s.id) && s.kind === 'class')
    .flatMap((s) => s.defines);
  const entry = esm ? 'new URL(import.meta.url)' : '__filename';
  const lines = [
    '',
    `// Starts the worker threads now, so they load while the main thread begins its work.`,
    `const ${names.rt} = ${names.factory}(${names.threadsModule}, ${entry}, {`,
    `  threads: ${plan.threads.length},`,
    `  // statement (by source line) → thread that runs it (0 is main), in source order`,
    ...wrapList(placement, '  placement: { ', ' },'),
  ];
  if (shared.length) {
    lines.push('  // statements any sharing thread may run, longest first (placement names the thread whose share');
    lines.push('  // each is in; a thread that would otherwise wait takes them from the end)');
    lines.push(...wrapList(shared, '  shared: [', '],'));
  }
  if (classes.length) lines.push(`  errorClasses: () => ({ ${classes.join(', ')} }),`);
  // Arrays of numbers lose their compact layout in a structured clone (each number boxed): these
  // may travel as a Float64Array instead and be rebuilt packed. Only plain data without named properties.
  const crossing = new Set(messages.flatMap((m) => m.vars));
  const packable = [...crossing].filter((v) => analysis.kinds.get(v)?.k === 'data' && !analysis.named.has(v)).sort();
  if (packable.length) lines.push(`  packable: [${packable.map((v) => `'${v}'`).join(', ')}],`);
  if (trace) lines.push(`  fs: ${names.fsModule}, // PARALLELIZE_TRACE=FILE writes each statement's time there`);
  lines.push('});');
  return lines.join('\n');
}

function wrapList(items: string[], open: string, close: string, width = 100): string[] {
  const lines: string[] = [];
  let cur = open;
  items.forEach((item, i) => {
    const piece = item + (i < items.length - 1 ? ', ' : '');
    if (cur.length + piece.length > width && cur.trim() !== open.trim()) {
      lines.push(cur.trimEnd());
      cur = '    ';
    }
    cur += piece;
  });
  lines.push(cur.trimEnd() + close);
  return lines;
}

/** 'L12', or 'L12:5' when two statements share a line. */
function taskKeys(analysis: Analysis): Map<number, string> {
  const count = new Map<number, number>();
  for (const s of analysis.statements) count.set(s.line, (count.get(s.line) ?? 0) + 1);
  return new Map(analysis.statements.map((s) => [s.id, count.get(s.line)! > 1 ? `'L${s.line}:${s.column + 1}'` : `L${s.line}`]));
}

function threadBody(
  analysis: Analysis,
  th: number,
  ids: number[],
  messages: Message[],
  threadOf: Map<number, number>,
  keyOf: Map<number, string>,
  segs: Segment[],
  moduleScoped: Set<string>,
  rt: string,
  trace: boolean,
  share: Share | undefined,
  members: Set<number>,
): string[] {
  const { statements } = analysis;
  const by = '  ';
  const lines: string[] = [];
  const incoming = messages.filter((m) => m.to === th);
  const mine = new Set(ids);

  // Which names need a plain `let` at the top of this function, and which declarations become assignments.
  const hoisted = new Set<string>();
  const receivedAt = new Map<string, number[]>();
  for (const m of incoming) for (const v of m.vars) receivedAt.set(v, [...(receivedAt.get(v) ?? []), m.firstConsumer]);
  const declaredAt = new Map<string, number>();
  for (const id of ids) for (const n of statements[id].defines) if (!declaredAt.has(n)) declaredAt.set(n, id);
  const isStatic = (n: string) => analysis.replicated.size > 0 && statements.some((s) => analysis.replicated.has(s.id) && s.defines.includes(n));
  const references = (id: number, n: string) => {
    const s = statements[id];
    return s.reads.includes(n) || s.writes.includes(n) || s.mutates.includes(n) || s.defines.includes(n);
  };
  for (const [v, at] of receivedAt) {
    if (moduleScoped.has(v)) continue;
    const first = Math.min(...at);
    // Declared at the receive unless this thread also declares it, receives it again, or uses it earlier.
    if (declaredAt.has(v) || at.length > 1 || ids.some((id) => id < first && references(id, v))) hoisted.add(v);
  }
  // A message that assigns one name assigns all of them (one destructuring per message).
  for (const m of incoming) {
    if (m.vars.some((v) => hoisted.has(v) || moduleScoped.has(v))) {
      for (const v of m.vars) if (!moduleScoped.has(v)) hoisted.add(v);
    }
  }
  for (const id of ids) {
    const s = statements[id];
    for (const n of [...s.reads, ...s.writes, ...s.mutates, ...s.defines]) {
      if (moduleScoped.has(n) || isStatic(n)) continue;
      if (!declaredAt.has(n) && !receivedAt.has(n)) hoisted.add(n);
    }
  }
  // A change to an object sends every binding that may share it (its alias class); one this thread
  // neither declares nor received has no earlier writer anywhere (else it would have come here
  // first), so it still holds its initial value: `var dx9` hoisted from a later line.
  for (const m of messages) {
    if (!mine.has(m.producer)) continue;
    for (const v of m.vars) if (!moduleScoped.has(v) && !isStatic(v) && !declaredAt.has(v) && !receivedAt.has(v)) hoisted.add(v);
  }
  const rewrite = new Set<number>();
  for (const id of ids) {
    const s = statements[id];
    if (t.isVariableDeclaration(s.path.node) && s.defines.some((n) => hoisted.has(n) || moduleScoped.has(n))) {
      rewrite.add(id);
      for (const n of s.defines) if (!moduleScoped.has(n)) hoisted.add(n);
    }
  }
  if (hoisted.size) {
    // `var` bindings stay `var`: a nested `var` of the same name must not clash with a `let`.
    const isVar = (n: string) => analysis.bindings.get(n)?.declKind === 'var';
    const vars = [...hoisted].filter(isVar);
    const lets = [...hoisted].filter((n) => !isVar(n));
    if (vars.length) lines.push(`${by}var ${vars.join(', ')};`);
    if (lets.length) lines.push(`${by}let ${lets.join(', ')};`);
  }

  // Main thread: what it knows has finished on each worker, to skip needless waits.
  const knownDone = new Map<number, number>();
  // …and which shared statements (they finish in any order, on any sharing thread).
  const sharedDone = new Set<number>();
  const onWorker = (j: number) => members.has(j) ? !sharedDone.has(j) : threadOf.get(j) !== 0 && j > (knownDone.get(threadOf.get(j)!) ?? -1);
  const mainIds = th === 0 ? ids : [];
  ids.forEach((id, i) => {
    const s = statements[id];
    if (share && i === share.at) lines.push(`${by}${share.line}`);
    if (share && i === share.helpAt) lines.push(`${by}${share.helpLine}`);
    for (const m of incoming.filter((x) => x.firstConsumer === id)) {
      const vars = m.vars.join(', ');
      const from = members.has(m.producer) ? `whichever thread ran line ${statements[m.producer].line}` : `${threadName(threadOf.get(m.producer)!)}, line ${statements[m.producer].line}`;
      const call = `${rt}.receive(${quoteKey(keyOf.get(m.producer)!)})`;
      const declare = m.vars.every((v) => !hoisted.has(v) && !moduleScoped.has(v));
      // `let` when this thread assigns the binding later, the consuming statement included.
      const kind = m.vars.some((v) => ids.some((o) => o >= id && statements[o].writes.includes(v))) ? 'let' : 'const';
      lines.push(`${by}${declare ? `${kind} { ${vars} } = ${call};` : `({ ${vars} } = ${call});`} // from ${from}`);
      const w = threadOf.get(m.producer)!;
      if (members.has(m.producer)) sharedDone.add(m.producer);
      else knownDone.set(w, Math.max(knownDone.get(w) ?? -1, m.producer));
    }
    if (th === 0 && (s.effects.length > 0 || s.awaits)) {
      const pending = analysis.tasks.some((j) => j < id && onWorker(j));
      if (pending) {
        lines.push(`${by}${rt}.settle(${quoteKey(keyOf.get(id)!)}); // wait for everything before line ${s.line}: effects keep their order`);
        for (const j of analysis.tasks) {
          if (j >= id) continue;
          if (members.has(j)) sharedDone.add(j);
          else if (threadOf.get(j) !== 0) knownDone.set(threadOf.get(j)!, Math.max(knownDone.get(threadOf.get(j)!) ?? -1, j));
        }
      }
    }
    // A copy: this thread computes the value itself rather than wait for it (cheaper than a message).
    const copy = threadOf.get(id) !== th;
    const remade = copy && remadeBecauseUnsendable(analysis, id);
    const why = remade ? 'its values cannot be sent' : `cheaper than receiving it from ${threadName(threadOf.get(id)!)}`;
    const where = copy ? `line ${s.line}, computed here too: ${why}` : `line ${s.line}`;
    lines.push(trace ? `${by}${rt}.begin(${copy ? 'null' : quoteKey(keyOf.get(id)!)}); // ${where}` : `${by}// ${where}`);
    let replacement: string | undefined;
    if (rewrite.has(id)) replacement = declarationToAssignment(s.path.node as t.VariableDeclaration);
    else if (t.isClassDeclaration(s.path.node) && s.defines.some((n) => moduleScoped.has(n))) replacement = classToAssignment(s.path.node);
    else if (t.isVariableDeclaration(s.path.node) && s.path.node.kind === 'const' && s.defines.some((n) => (receivedAt.get(n) ?? []).some((at) => at > id))) {
      replacement = constToLet(segs[id].code);
    }
    lines.push(segmentText(segs[id], s.path.node, by, replacement));
    const outgoing = copy ? [] : messages.filter((m) => m.producer === id);
    for (const m of outgoing) {
      lines.push(`${by}${rt}.send(${m.to}, ${quoteKey(keyOf.get(id)!)}, { ${m.vars.join(', ')} }); // → ${threadName(m.to)}`);
    }
    if (th !== 0 && !copy && !outgoing.some((m) => m.to === 0)) lines.push(`${by}${rt}.done(${quoteKey(keyOf.get(id)!)});`);
    if (th === 0 && outgoing.length === 0) {
      const next = mainIds[i + 1] ?? Infinity;
      const gap = analysis.tasks.some((j) => j > id && j < next && !mine.has(j));
      if (gap && next !== Infinity) lines.push(`${by}${rt}.done(${quoteKey(keyOf.get(id)!)});`);
    }
  });
  if (share && share.at === ids.length) lines.push(`${by}${share.line}`);
  if (share && share.helpAt === ids.length) lines.push(`${by}${share.helpLine}`);
  return lines;
}
