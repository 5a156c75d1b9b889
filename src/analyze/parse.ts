/**
 * Parsing: Babel's parser for the syntax, wrapped by recast so that statements we
 * rewrite print with the user's own formatting everywhere we did not touch them.
 */
import { parse as babelParse, type ParserOptions } from '@babel/parser';
import * as recast from 'recast';
import type * as t from '@babel/types';
import { extname } from 'node:path';
import { packageType } from './package-type.js';
import { diagnostics } from '../diagnostics.js';

export type ModuleKind = 'module' | 'commonjs';

export interface ParsedScript {
  ast: t.File;
  /** The source with line endings normalised to \n (recast does so; node offsets refer to this text). */
  code: string;
  /** The source exactly as given. */
  original: string;
  kind: ModuleKind;
  filename?: string;
}

function babelOptions(kind: ModuleKind): ParserOptions {
  return {
    sourceType: kind === 'module' ? 'module' : 'script',
    allowReturnOutsideFunction: kind === 'commonjs',
    allowAwaitOutsideFunction: kind === 'module',
    tokens: true, // recast needs tokens to reprint faithfully
    plugins: [],
  };
}


/** Which kind of module node will treat this file as. */
export function detectKind(code: string, filename?: string, forced?: ModuleKind | 'auto'): ModuleKind {
  if (forced && forced !== 'auto') return forced;
  const ext = filename ? extname(filename) : '';
  if (ext === '.mjs') return 'module';
  if (ext === '.cjs') return 'commonjs';
  if (filename && ext === '.js') {
    const fromPkg = packageType(filename);
    if (fromPkg === 'module') return 'module';
  }
  // Without a file name or a package type, the syntax decides (like node's --experimental-detect-module).
  try {
    const probe = babelParse(code, { sourceType: 'unambiguous', allowAwaitOutsideFunction: true, allowReturnOutsideFunction: true });
    if (probe.program.sourceType === 'module') return 'module';
  } catch {
    /* reported by the real parse below */
  }
  return 'commonjs';
}

export function parseScript(original: string, opts: { filename?: string; kind?: ModuleKind | 'auto' } = {}): ParsedScript {
  // JavaScript reads CR LF in template literals as LF, so normalising changes no value.
  const code = original.replace(/\r\n?/g, '\n');
  const kind = detectKind(code, opts.filename, opts.kind);
  let ast: t.File;
  try {
    // recast hands the parser its own copy of the text, with leading tabs expanded, so node offsets
    // would not match `code` on tab-indented lines. With tabs one column wide, re-emitted as tabs,
    // every line keeps its length, and with it every offset.
    let seen = '';
    const parse = (options: recast.Options) =>
      recast.parse(code, { ...options, parser: { parse: (src: string) => babelParse((seen = src), babelOptions(kind)) } }) as t.File;
    ast = parse({});
    if (seen !== code) ast = parse({ tabWidth: 1, useTabs: true });
    if (seen.length !== code.length) throw new Error('parallelize: recast changed the length of the source text');
  } catch (err) {
    const e = err as { message: string; loc?: { line: number; column: number } };
    if (e.loc) throw diagnostics.syntaxError(e.message, { line: e.loc.line, column: e.loc.column + 1 }, opts.filename, original);
    throw err;
  }
  return { ast, code, original, kind, filename: opts.filename };
}
