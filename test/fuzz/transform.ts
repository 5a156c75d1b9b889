// Loads the real transform lazily, so the fuzzer itself works before (or without) src/index.
import type { TransformFn } from './harness.js';

export const identity: TransformFn = (code) => code;

/** The project's `transform`, or an Error saying why it is not available. */
export async function loadTransform(): Promise<TransformFn | Error> {
  try {
    // A computed specifier keeps the type checker from requiring src/index to exist.
    const mod = (await import(new URL('../../src/index.js', import.meta.url).href)) as { transform?: unknown };
    if (typeof mod.transform !== 'function') return new Error('src/index.ts does not export a transform function');
    const transform = mod.transform as (code: string, options: object) => string | { code: string };
    return (code, options) => transform(code, options);
  } catch (err) {
    return new Error(`cannot load src/index.ts: ${err instanceof Error ? err.message : String(err)}`);
  }
}
