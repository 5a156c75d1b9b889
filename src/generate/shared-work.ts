/**
 * The text of work sharing (src/schedule/work-sharing.ts): one `sharedWork(inputs)` function that
 * returns each shared statement as a method, and each sharing thread's two calls: `share` (its
 * own share, where its first shared statement stood) and `help` (the others', where the thread
 * would otherwise wait: the main thread before it uses a shared value or has an effect that must
 * wait for one, a worker at its end).
 */
import type { Analysis } from '../analyze/index.js';
import type { WorkSharing } from '../schedule/work-sharing.js';
import { readsShared, shareIndex } from '../schedule/work-sharing.js';
import { quoteKey, segmentText, type Segment } from './source-text.js';

/** Where a thread calls share and help: before its statements number `at` and `helpAt` (of those it runs itself). */
export interface Share {
  at: number;
  line: string;
  helpAt: number;
  helpLine: string;
}

/** The sharedWork function, and the expression each thread calls it with. */
export function sharedWorkSource(analysis: Analysis, sharing: WorkSharing, segs: Segment[], keyOf: Map<number, string>, name: string): { lines: string[]; call: string } {
  const { statements } = analysis;
  // What the shared statements read from other statements: every sharing thread passes its own.
  const inputs = [...new Set(sharing.members.flatMap((id) => [...(analysis.deps.reaching.get(id) ?? new Map<string, number>())]
    .filter(([, producer]) => analysis.tasks.includes(producer)).map(([n]) => n)))];
  const lines = [
    `// ── Shared out: lines ${sharing.members.map((id) => statements[id].line).join(', ')} ${'─'.repeat(60)}`.slice(0, 84),
    '// Each sharing thread starts with its own share of these statements, longest first (its call',
    '// to share); a thread that would otherwise wait takes the shortest no thread has started yet',
    '// (its call to help), so an estimate that was off costs less. Their values go to the main',
    '// thread, whoever computes them.',
    `function ${name}(${inputs.join(', ')}) {`,
    '  return {',
  ];
  for (const id of sharing.members) {
    const s = statements[id];
    lines.push(`    // line ${s.line}`, `    ${keyOf.get(id)}() {`, segmentText(segs[id], s.path.node, '      ', undefined), `      return { ${s.defines.join(', ')} };`, '    },');
  }
  lines.push('  };', '}');
  return { lines, call: `${name}(${inputs.join(', ')})` };
}

/** Thread `th`'s calls; `all` is its statements in the plan, shared ones included. */
export function shareCalls(analysis: Analysis, sharing: WorkSharing, all: number[], th: number, call: string, rt: string, keyOf: Map<number, string>): Share {
  const { statements } = analysis;
  const members = new Set(sharing.members);
  const ids = all.filter((id) => !members.has(id));
  const own = sharing.order.filter((id) => all.includes(id)); // longest first
  const at = all.slice(0, shareIndex(analysis, all, members)).filter((id) => !members.has(id)).length;
  const othersBefore = (id: number) => sharing.members.some((j) => j < id && !own.includes(j));
  const waits = (id: number) => readsShared(analysis, id, members) || ((statements[id].effects.length > 0 || statements[id].awaits) && othersBefore(id));
  const helpAt = th === 0 ? ids.findIndex((id, i) => i >= at && waits(id)) : -1;
  const lines = own.map((id) => statements[id].line).join(', ');
  return {
    at,
    line: `${rt}.share(${call}, [${own.map((id) => quoteKey(keyOf.get(id)!)).join(', ')}]); // ` + (own.length > 1 ? `its share, longest first: lines ${lines}` : own.length ? `its share: line ${lines}` : 'none of its own'),
    helpAt: helpAt < 0 ? ids.length : helpAt,
    helpLine: `${rt}.help(); // takes the shared statements no thread has started yet`,
  };
}
