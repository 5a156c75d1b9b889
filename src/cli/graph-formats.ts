/** The dependency graph of a script as DOT or Mermaid text, and as a task graph for pictures. */
import type { TaskGraph } from '../schedule/types.js';
import type { TransformResult } from '../types.js';
import type { GraphJson } from '../graph-json.js';

const edgeStyle: Record<string, string> = { flow: 'solid', anti: 'dashed', output: 'dotted', effect: 'bold' };

function label(result: TransformResult, id: number): string {
  const s = (result.graph as GraphJson).statements[id];
  const what = [...s.defines, ...(s.effects.length ? [`[${s.effects.join(',')}]`] : [])].join(' ');
  return `L${s.line}${what ? ' ' + what : ''}`;
}

export function graphDot(result: TransformResult): string {
  const g = result.graph as GraphJson;
  const lines = ['digraph statements {', '  rankdir=TB;', '  node [shape=box, fontname="monospace"];'];
  for (const s of g.statements) lines.push(`  s${s.id} [label=${JSON.stringify(label(result, s.id))}${s.shared ? ', style=dashed' : ''}];`);
  for (const e of g.edges) {
    const vars = e.vars.length ? `${e.kind}: ${e.vars.join(', ')}` : e.kind;
    lines.push(`  s${e.from} -> s${e.to} [label=${JSON.stringify(vars)}, style=${edgeStyle[e.kind] ?? 'solid'}];`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function graphMermaid(result: TransformResult): string {
  const g = result.graph as GraphJson;
  const lines = ['flowchart TD'];
  for (const s of g.statements) lines.push(`  s${s.id}["${label(result, s.id).replace(/"/g, '#quot;')}"]`);
  const arrow: Record<string, string> = { flow: '-->', anti: '-.->', output: '-.->', effect: '==>' };
  for (const e of g.edges) {
    const text = e.vars.length ? `${e.kind}: ${e.vars.join(', ')}` : e.kind;
    lines.push(`  s${e.from} ${arrow[e.kind] ?? '-->'}|"${text}"| s${e.to}`);
  }
  return lines.join('\n') + '\n';
}

/** The scheduled statements as a task graph whose labels carry line numbers and excerpts. */
export function scriptPlotGraph(result: TransformResult): TaskGraph {
  return result.taskGraph;
}
