/**
 * What `parallelize profile` needs of a script, from a parse alone: where its top-level
 * statements are, whether node runs it as an ES module, and which bindings to measure after each
 * statement (see may-write.ts). The full analysis (@babel/traverse, recast, the dependence
 * analysis) takes several times longer to load than node takes to start, and the profile's wall
 * time is what a user waits for; @babel/parser alone loads in ~15 ms.
 *
 * It parses as the analysis does (src/analyze/parse.ts: the same module kind, the same parser
 * options, line endings normalised), so statements, lines and syntax errors are the ones the
 * analysis would give. (One difference: recast hands the parser a copy with tabs expanded, so the
 * analysis's offsets and error columns on tab-indented lines are those of that copy; these are the
 * source's own.) The parser is loaded with `require`: importing it as an ES module makes node scan
 * its 0.5 MB for export names first, which costs more than loading it.
 */
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import type { ParserOptions } from '@babel/parser';
import type * as t from '@babel/types';
import type { ModuleKind } from '../analyze/parse.js';
import { mayWriteValues } from './may-write.js';
import { packageType } from '../analyze/package-type.js';

export interface OutlineStatement {
  line: number;
  endLine: number;
  /** Offsets in `ScriptOutline.code`. */
  start: number;
  end: number;
  /** Which statement starting on its line this is (0 for the first). */
  index: number;
  /** An import declaration: hoisted, it runs before every statement. */
  import: boolean;
}

export interface ScriptOutline {
  /** The source with line endings normalised to \n (what the analysis reads). */
  code: string;
  kind: ModuleKind;
  /** The program's top-level statements, in order (the analysis's statement ids). */
  statements: OutlineStatement[];
  /**
   * Per statement (by position in `statements`), the bindings to measure after it, sorted; empty
   * when values are not measured (accessors or proxies in the script, eval, nothing to plan).
   */
  values: Map<number, string[]>;
  /** Why no value is measured, when none is. */
  noValues?: string;
}

/** A syntax error as the parser reports it (0-based column); profile.ts turns it into the analysis's diagnostic. */
export class OutlineSyntaxError extends Error {
  constructor(message: string, readonly loc: { line: number; column: number }) {
    super(message);
  }
}

type Parse = (code: string, opts: ParserOptions) => t.File;
let parser: Parse | undefined;
const parse: Parse = (code, opts) => {
  parser ??= (createRequire(import.meta.url)('@babel/parser') as { parse: Parse }).parse;
  return parser(code, opts);
};

/** src/analyze/parse.ts's options, without the tokens recast needs. */
function parserOptions(kind: ModuleKind): ParserOptions {
  return {
    sourceType: kind === 'module' ? 'module' : 'script',
    allowReturnOutsideFunction: kind === 'commonjs',
    allowAwaitOutsideFunction: kind === 'module',
    plugins: [],
  };
}

/**
 * The analysis's detectKind: extension, package type, else whether the syntax has imports or
 * exports. Without the words `import` / `export` anywhere it cannot, so the probe is skipped.
 */
function detectKind(code: string, filename: string | undefined): { kind: ModuleKind; probe?: t.File } {
  const ext = filename ? extname(filename) : '';
  if (ext === '.mjs') return { kind: 'module' };
  if (ext === '.cjs') return { kind: 'commonjs' };
  if (filename && ext === '.js' && packageType(filename) === 'module') return { kind: 'module' };
  if (!/\b(?:import|export)\b/.test(code)) return { kind: 'commonjs' };
  try {
    const probe = parse(code, { sourceType: 'unambiguous', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
    if (probe.program.sourceType === 'module') return { kind: 'module', probe };
  } catch {
    /* reported by the real parse */
  }
  return { kind: 'commonjs' };
}

/**
 * Parses `original` and lists its top-level statements. Throws an OutlineSyntaxError on a syntax error.
 */
export function outlineScript(original: string, opts: { filename?: string } = {}): ScriptOutline {
  const code = original.replace(/\r\n?/g, '\n');
  const { kind, probe } = detectKind(code, opts.filename);
  let ast: t.File;
  // The probe parsed as a module, allowing a top-level `return`; without one it is the same tree.
  if (probe && !/\breturn\b/.test(code)) ast = probe;
  else {
    try {
      ast = parse(code, parserOptions(kind));
    } catch (err) {
      const e = err as { message: string; loc?: { line: number; column: number } };
      if (e.loc) throw new OutlineSyntaxError(e.message, { line: e.loc.line, column: e.loc.column });
      throw err;
    }
  }
  const perLine = new Map<number, number>();
  const statements = ast.program.body.map((s): OutlineStatement => {
    const line = s.loc!.start.line;
    const index = perLine.get(line) ?? 0;
    perLine.set(line, index + 1);
    return { line, endLine: s.loc!.end.line, start: s.start!, end: s.end!, index, import: s.type === 'ImportDeclaration' };
  });
  const { values, noValues } = mayWriteValues(ast.program, code.length);
  return { code, kind, statements, values, noValues };
}
