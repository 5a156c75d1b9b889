/** `--plot gantt|dag --plot-format svg|mermaid`: one entry point for the CLI. */
import { dagMermaid, dagSvg, ganttMermaid, ganttSvg } from '../plot/index.js';
import type { Plan, TaskGraph } from '../schedule/types.js';

export type PlotKind = 'gantt' | 'dag';
export type PlotFormat = 'svg' | 'mermaid';

export function renderPlot(kind: PlotKind, format: PlotFormat, plan: Plan | null, graph: TaskGraph): string {
  if (format !== 'svg' && format !== 'mermaid') throw new Error(`unknown plot format "${format}" (expected svg or mermaid)`);
  if (kind === 'dag') return format === 'svg' ? dagSvg(graph) : dagMermaid(graph);
  if (kind !== 'gantt') throw new Error(`unknown plot kind "${kind}" (expected gantt or dag)`);
  if (!plan) throw new Error('a Gantt chart needs a plan, and there is none (the script runs sequentially)');
  return format === 'svg' ? ganttSvg(plan, graph) : ganttMermaid(plan, graph);
}
