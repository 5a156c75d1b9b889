/** @babel/traverse is CommonJS with a default export; this gives ESM callers the function itself. */
import * as babelTraverse from '@babel/traverse';

type TraverseFn = (typeof babelTraverse.default)['default'];
const mod = babelTraverse as unknown as { default: TraverseFn & { default?: TraverseFn } };
export const traverse: TraverseFn = mod.default.default ?? mod.default;
