// Shared shapes: a generated program and the top-level units it is assembled from.

export type Kind = 'commonjs' | 'module';

export interface Program {
  code: string;
  /** 1-based start line of a top-level statement → milliseconds the planner should assume. */
  times: Record<string, number>;
  kind: Kind;
  seed?: number;
  /** Feature tags the generator used (for coverage checks); absent for hand-made programs. */
  features?: string[];
}

/** One top-level statement of a generated program (its code may span several lines). */
export interface Unit {
  code: string;
  /** Milliseconds to put in `times` for this statement, when marked heavy. */
  ms?: number;
}

export function fileExtension(kind: Kind): '.js' | '.mjs' {
  return kind === 'module' ? '.mjs' : '.js';
}

/** Joins units one per line and maps each heavy unit to the line where it starts. */
export function assemble(units: Unit[], header: string[] = []): { code: string; times: Record<string, number> } {
  const lines = [...header];
  const times: Record<string, number> = {};
  for (const unit of units) {
    if (unit.ms !== undefined) times[String(lines.length + 1)] = unit.ms;
    lines.push(...unit.code.split('\n'));
  }
  return { code: lines.join('\n') + '\n', times };
}
