/** The comment at the top of every output: what runs where and why, in words a reader can check. */
import type { Analysis } from '../analyze/index.js';
import type { Estimates } from '../estimate/index.js';
import type { ScriptPlan } from '../schedule/script.js';
import { fmt } from '../schedule/format-time.js';

export function threadName(t: number): string {
  return t === 0 ? 'main' : `worker ${t}`;
}

/** A copy of this statement is made because its values cannot be sent (not because sending costs more). */
export function remadeBecauseUnsendable(analysis: Analysis, id: number): boolean {
  return analysis.statements[id].defines.some((n) => analysis.deps.copyOnly.has(n));
}

function excerpt(code: string, width = 48): string {
  const one = code.replace(/\s+/g, ' ').trim();
  return one.length > width ? one.slice(0, width - 1) + '…' : one;
}

export function parallelHeader(analysis: Analysis, plan: ScriptPlan, est: Estimates, file: string, scheduler: string): string {
  const threads = plan.threads.length;
  const lines: string[] = [];
  lines.push(`// Parallelized by parallelize from ${file}: ${threads} threads (main + ${threads - 1} worker${threads > 2 ? 's' : ''}).`);
  lines.push(`// Estimated ${fmt(plan.plan.makespan)} instead of ${fmt(plan.plan.sequential)} in order (scheduler: ${scheduler}).`);
  lines.push('//');
  const rows: [string, string, string, string][] = [];
  // The first thread listing a statement runs it; the others (copies) compute it again for themselves.
  const threadsOf = new Map<number, number[]>();
  plan.threads.forEach((ids, t) => ids.forEach((id) => threadsOf.set(id, [...(threadsOf.get(id) ?? []), t])));
  const copied: string[] = [];
  const remade: string[] = [];
  for (const id of analysis.tasks) {
    const s = analysis.statements[id];
    const [t, ...copies] = threadsOf.get(id)!;
    rows.push([threadName(t), String(s.line), fmt(est.cost[id]) + (est.source[id] === 'user' ? '*' : ''), excerpt(analysis.parsed.code.slice(s.start, s.end))]);
    for (const c of copies) rows.push([threadName(c), String(s.line), fmt(est.cost[id]) + (est.source[id] === 'user' ? '*' : ''), `(copy) ${excerpt(analysis.parsed.code.slice(s.start, s.end), 41)}`]);
    if (copies.length) (remadeBecauseUnsendable(analysis, id) ? remade : copied).push(`line ${s.line} on ${copies.map(threadName).join(' and ')}`);
  }
  const w0 = Math.max(6, ...rows.map((r) => r[0].length));
  const w1 = Math.max(4, ...rows.map((r) => r[1].length));
  const w2 = Math.max(8, ...rows.map((r) => r[2].length));
  lines.push(`//   ${'thread'.padEnd(w0)}  ${'line'.padStart(w1)}  ${'estimate'.padStart(w2)}  statement`);
  for (const r of rows) lines.push(`//   ${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2].padStart(w2)}  ${r[3]}`);
  if (est.source.some((s) => s === 'user')) lines.push('//   (* time given by the user)');
  if (copied.length) {
    lines.push('//');
    lines.push(`// Copies (${copied.join('; ')}): computing these values again is cheaper than sending them.`);
  }
  if (remade.length) {
    lines.push('//');
    lines.push(`// Copies (${remade.join('; ')}): these values cannot be sent to another thread, and nothing changes them later, so each thread that uses them makes its own.`);
  }
  if (plan.sharing) {
    lines.push('//');
    lines.push(`// Shared out (lines ${ranges(plan.sharing.members.map((id) => analysis.statements[id].line))}): each thread starts with its own as above, longest first;`);
    lines.push('// one that would otherwise wait takes the shortest no thread has started, so an estimate');
    lines.push('// that is off costs less.');
  }
  const shared = [...analysis.replicated].map((id) => analysis.statements[id].line);
  if (shared.length) {
    lines.push('//');
    lines.push(`// Every thread runs the declarations on line${shared.length > 1 ? 's' : ''} ${ranges(shared)} for itself (functions, classes, imports, constants).`);
  }
  lines.push('// Effects (output, files, process) run on the main thread in the original order.');
  return lines.join('\n');
}

export function sequentialHeader(file: string, reason: string): string {
  return `// parallelize: ${file} is kept sequential: ${reason}.\n`;
}

function ranges(lines: number[]): string {
  const sorted = [...lines].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] <= sorted[j] + 1) j++;
    out.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}
