/** `parallelize schedule`: the plan as JSON (stable, for tools) or as a table (for people). */
import { fmt } from '../schedule/format-time.js';
import type { TransformResult } from '../types.js';
import { threadName } from '../generate/header.js';

export function scheduleJson(result: TransformResult) {
  const plan = result.schedule!;
  return {
    parallel: result.sequentialReason === undefined,
    ...(result.sequentialReason !== undefined ? { reason: result.sequentialReason } : {}),
    scheduler: plan.scheduler,
    makespan: round(plan.makespan),
    sequential: round(plan.sequential),
    // Where these run is decided at run time, from the thread each starts in (below).
    ...(result.sharedLines.length ? { shared: result.sharedLines } : {}),
    threads: plan.threads.map((slots, t) => ({
      thread: t,
      name: threadName(t),
      statements: slots.map((s) => ({ line: result.statementLines[s.task], start: round(s.start), finish: round(s.finish) })),
    })),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function scheduleText(result: TransformResult, format: 'json' | 'text'): string {
  const json = scheduleJson(result);
  if (format === 'json') return JSON.stringify(json, null, 2) + '\n';
  const lines = [
    json.parallel ? `Parallel plan (${json.scheduler}): ${fmt(json.makespan)} estimated, ${fmt(json.sequential)} in order.` : `Sequential: ${json.reason}.`,
  ];
  for (const t of json.threads) {
    if (t.statements.length === 0) continue;
    lines.push(`${t.name}:`);
    for (const s of t.statements) lines.push(`  line ${String(s.line).padStart(4)}  ${fmt(s.start).padStart(8)} → ${fmt(s.finish).padStart(8)}`);
  }
  if (json.shared) lines.push(`shared out: lines ${json.shared.join(', ')} (a thread that would otherwise wait takes those no thread has started)`);
  return lines.join('\n') + '\n';
}
