/** The dependency graph in the CLI's stable JSON shape (see README: `parallelize graph`). */
import type { Analysis } from './analyze/index.js';

export interface GraphJson {
  statements: { id: number; line: number; endLine: number; defines: string[]; reads: string[]; writes: string[]; mutates: string[]; effects: string[]; shared: boolean }[];
  edges: { from: number; to: number; kind: string; vars: string[] }[];
}

export function graphJson(analysis: Analysis): GraphJson {
  return {
    statements: analysis.statements.map((s) => ({
      id: s.id,
      line: s.line,
      endLine: s.endLine,
      defines: s.defines,
      reads: s.reads,
      writes: s.writes,
      mutates: s.mutates,
      effects: [...s.effects, ...(s.awaits && !s.effects.includes('await') ? ['await'] : [])],
      shared: analysis.replicated.has(s.id),
    })),
    edges: analysis.deps.edges.map((e) => ({ from: e.from, to: e.to, kind: e.kind, vars: e.vars })),
  };
}
