/**
 * Mermaid text for Markdown renderers (GitHub, docs sites): the plan as a
 * `gantt` chart with millisecond timestamps, the graph as a `flowchart TD`.
 */
import type { Plan, TaskGraph } from '../schedule/types.js';
import { formatMs, taskLabel, threadName } from './svg.js';

/** Gantt task names end at ':' and lines at ';' or '#'; keep the text readable without them. */
const ganttText = (s: string) => s.replace(/[:;#]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60) || 'task';
/** Flowchart labels are quoted: escape quotes and markup with Mermaid entity codes. */
const flowText = (s: string) => s.replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\s+/g, ' ').trim();

/** Integer milliseconds for Mermaid's `x` date format (sub-ms tasks get at least 1 ms so they show). */
const stamp = (ms: number) => Math.round(ms);

export function ganttMermaid(plan: Plan, graph: TaskGraph): string {
  const axis = plan.makespan < 1000 ? '%L ms' : plan.makespan < 60_000 ? '%S.%L s' : '%M:%S';
  const lines = [
    'gantt',
    `  title ${ganttText(`${plan.scheduler} makespan ${formatMs(plan.makespan)}`)}`,
    '  dateFormat x',
    `  axisFormat ${axis}`,
  ];
  plan.threads.forEach((row, p) => {
    if (row.length === 0) return;
    lines.push(`  section ${threadName(p)}`);
    for (const slot of row) {
      const start = stamp(slot.start);
      const end = Math.max(start + 1, stamp(slot.finish));
      lines.push(`  ${ganttText(taskLabel(graph.tasks[slot.task]?.label, slot.task))} :t${slot.task}, ${start}, ${end}`);
    }
  });
  return lines.join('\n') + '\n';
}

export function dagMermaid(graph: TaskGraph): string {
  const lines = ['flowchart TD'];
  for (const task of graph.tasks) {
    lines.push(`  t${task.id}["${flowText(taskLabel(task.label, task.id))}<br/>${flowText(formatMs(task.cost))}"]`);
  }
  for (const e of graph.edges) lines.push(`  t${e.from} --> t${e.to}`);
  return lines.join('\n') + '\n';
}
