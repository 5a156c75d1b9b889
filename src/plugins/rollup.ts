/**
 * A build-step plugin for Rollup, and for the bundlers that take Rollup's plugins (Vite in library
 * or SSR builds, Rolldown). It parallelizes each entry chunk after bundling, in `renderChunk`: the
 * script the analysis sees is then the one that runs, with its imports inlined, and the workers
 * run the same output file as the main thread.
 */
import { transform } from '../transform.js';
import { ParallelizeError, diagnostics, formatError, warnings as warningsOf } from '../diagnostics.js';
import type { TransformOptions } from '../types.js';

type Pattern = string | RegExp;

/**
 * The transform's options, but for the file name and module kind, which come from each chunk.
 * `times` and `profile` speak of the lines of the bundled chunk: profile the built file
 * (`parallelize profile dist/app.js`) and give that profile to the next build.
 */
export interface RollupPluginOptions extends Omit<TransformOptions, 'filename' | 'sourceType'> {
  /** Entry chunks to parallelize, by chunk name, output file name or entry module path (default: every entry chunk). */
  include?: Pattern | Pattern[];
  /** Entry chunks to leave as they are, matched as `include`. */
  exclude?: Pattern | Pattern[];
}

/** The parts of Rollup's types the plugin uses, so that Rollup stays a dev dependency. */
interface Chunk {
  isEntry: boolean;
  name: string;
  fileName: string;
  facadeModuleId: string | null;
}
interface Output {
  format: string;
}
interface Context {
  warn(warning: { message: string; code?: string }): void;
  error(error: { message: string; code?: string }): never;
}

const list = (p: Pattern | Pattern[] | undefined): Pattern[] => (p === undefined ? [] : Array.isArray(p) ? p : [p]);
const matches = (patterns: Pattern[], chunk: Chunk) =>
  patterns.some((p) =>
    [chunk.name, chunk.fileName, chunk.facadeModuleId ?? ''].some((s) => (typeof p === 'string' ? s === p || s.endsWith(`/${p}`) : p.test(s))),
  );

/** Only these formats (as Rollup names them once it has read its options) give a file every thread can run again. */
const SOURCE_TYPES: Record<string, 'module' | 'commonjs'> = { es: 'module', cjs: 'commonjs' };

export function parallelize(options: RollupPluginOptions = {}) {
  const { include, exclude, ...transformOptions } = options;
  for (const name of ['filename', 'sourceType']) {
    if (name in transformOptions) throw diagnostics.invalidOption(name, 'left out: the plugin takes it from each chunk', (transformOptions as Record<string, unknown>)[name]);
  }
  const wanted = list(include);
  const unwanted = list(exclude);
  return {
    name: 'parallelize',
    renderChunk(this: Context, code: string, chunk: Chunk, output: Output) {
      if (!chunk.isEntry || (wanted.length > 0 && !matches(wanted, chunk)) || matches(unwanted, chunk)) return null;
      const sourceType = SOURCE_TYPES[output.format];
      if (sourceType === undefined) {
        this.warn(warningsOf.unsupportedFormat(chunk.fileName, output.format));
        return null;
      }
      let result;
      try {
        result = transform(code, { ...transformOptions, filename: chunk.fileName, sourceType });
      } catch (err) {
        if (!(err instanceof ParallelizeError)) throw err;
        return this.error({ message: formatError(err), code: err.code });
      }
      for (const w of result.warnings) this.warn({ message: `${chunk.fileName}: ${w.message}`, code: w.code });
      return { code: result.code, map: null };
    },
  };
}

export default parallelize;
