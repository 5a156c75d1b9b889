// Event-loop steps: timers and microtasks (both kinds), top-level await and async functions (modules),
// and node: built-ins through import (modules) or require (commonjs).
import type { Ctx } from './context.js';
import { numAtom, numExpr } from './exprs.js';
import type { Gen } from './gen.js';

/** All timers use the same delay so they fire in FIFO order: deterministic interleaving. */
function timer(ctx: Ctx): void {
  ctx.feature('timer');
  const g = ctx.mutable('num').at(-1);
  if (g && ctx.rng.chance(0.4)) {
    ctx.feature('timer-mutate');
    ctx.emit(`setTimeout(() => {\n  ${g.name} = (${g.name} + 1) % 1000;\n  console.log('tick', ${g.name});\n}, 0);`);
  } else {
    ctx.emit(`setTimeout(() => {\n  console.log('timer', ${numExpr(ctx)});\n}, 0);`);
  }
}

function microtask(ctx: Ctx): void {
  ctx.feature('microtask');
  const body = `console.log('micro', ${numExpr(ctx)})`;
  ctx.emit(ctx.rng.chance(0.5) ? `Promise.resolve().then(() => ${body});` : `queueMicrotask(() => ${body});`);
}

function ensureAsyncFn(ctx: Ctx): string {
  const existing = ctx.funcsOf('async');
  if (existing.length && ctx.rng.chance(0.7)) return ctx.rng.pick(existing).name;
  const name = ctx.fresh('af');
  const g = ctx.any('num');
  const code = `async function ${name}(k) {\n  await null;\n  return (k * 2 + ${g ? g.name : ctx.lit()}) % 1000;\n}`;
  if (ctx.rng.chance(0.4)) ctx.floating.push({ code });
  else ctx.emit(code);
  ctx.funcs.push({ name, role: 'async' });
  return name;
}

function awaitValue(ctx: Ctx): void {
  const name = ctx.fresh('v');
  const form = ctx.of('promise').length && ctx.rng.chance(0.8) ? 2 : ctx.rng.int(0, 3);
  ctx.feature('await');
  if (form === 0) {
    ctx.emit(`const ${name} = await Promise.resolve(${numExpr(ctx)});`);
  } else if (form === 1) {
    const af = ensureAsyncFn(ctx);
    ctx.feature('await-async-fn');
    ctx.emit(`const ${name} = await ${af}(${numAtom(ctx)});`);
  } else if (form === 2 && ctx.of('promise').length) {
    const p = ctx.rng.pick(ctx.of('promise'));
    ctx.feature('await-promise-binding');
    ctx.emit(`const ${name} = await ${p.name};`);
  } else {
    const af = ensureAsyncFn(ctx);
    const second = ctx.fresh('v');
    ctx.feature('await-all');
    ctx.emit(`const [${name}, ${second}] = await Promise.all([${af}(${numAtom(ctx)}), Promise.resolve(${numAtom(ctx)})]);`);
    ctx.declare({ name: second, ty: 'num', decl: 'const' });
  }
  ctx.declare({ name, ty: 'num', decl: 'const' });
}

/** A pending promise held in a binding: cannot be cloned, must be awaited where it lives. */
function promiseBinding(ctx: Ctx): void {
  const af = ensureAsyncFn(ctx);
  const name = ctx.fresh('pr');
  ctx.feature('promise-binding');
  ctx.emit(`const ${name} = ${af}(${numAtom(ctx)});`);
  ctx.declare({ name, ty: 'promise', decl: 'const' });
  if (ctx.rng.chance(0.5)) {
    // Something runs while the promise is pending, then it is awaited.
    ctx.emit(`console.log('pending', ${numExpr(ctx)});`);
    const v = ctx.fresh('v');
    ctx.feature('await', 'await-promise-binding');
    ctx.emit(`const ${v} = await ${name};`);
    ctx.declare({ name: v, ty: 'num', decl: 'const' });
  }
}

/** Yields to the event loop so earlier timers fire between statements. */
function sleep(ctx: Ctx): void {
  ctx.feature('await', 'await-sleep');
  ctx.emit(`await new Promise((r) => setTimeout(r, 0));`);
}

interface Builtin {
  module: string;
  local: string;
  importCode: string;
  requireCode: string;
  use: (ctx: Ctx) => void;
}

const BUILTINS: Builtin[] = [
  {
    module: 'node:crypto',
    local: 'createHash',
    importCode: `import { createHash } from 'node:crypto';`,
    requireCode: `const { createHash } = require('node:crypto');`,
    use: (ctx) => strDecl(ctx, `createHash('sha1').update(String(${numAtom(ctx)})).digest('hex').slice(0, 8)`),
  },
  {
    module: 'node:path',
    local: 'path',
    importCode: `import path from 'node:path';`,
    requireCode: `const path = require('node:path');`,
    use: (ctx) => strDecl(ctx, `path.posix.join('d', String(${numAtom(ctx)}), 'f.txt')`),
  },
  {
    module: 'node:util',
    local: 'util',
    importCode: `import * as util from 'node:util';`,
    requireCode: `const util = require('node:util');`,
    use: (ctx) => strDecl(ctx, `util.format('%d-%s', ${numAtom(ctx)}, 'z')`),
  },
  {
    module: 'node:events',
    local: 'EventEmitter',
    importCode: `import { EventEmitter } from 'node:events';`,
    requireCode: `const { EventEmitter } = require('node:events');`,
    use: (ctx) => {
      const name = ctx.fresh('em');
      const arr = ctx.any('arr');
      const handler = arr ? `(v) => ${arr.name}.push(v)` : `(v) => console.log('event', v)`;
      ctx.emit(`const ${name} = new EventEmitter();`);
      ctx.emit(`${name}.on('ev', ${handler});`);
      ctx.emit(`${name}.emit('ev', ${numAtom(ctx)});`);
      ctx.declare({ name, ty: 'emitter', decl: 'const' });
      ctx.feature('emitter');
    },
  },
];

function strDecl(ctx: Ctx, init: string): void {
  const name = ctx.fresh('s');
  ctx.emit(`const ${name} = ${init};`);
  ctx.declare({ name, ty: 'str', decl: 'const' });
}

const imported = new WeakMap<Ctx, Set<string>>();

function builtin(ctx: Ctx): void {
  const b = ctx.rng.pick(BUILTINS);
  const seen = imported.get(ctx) ?? new Set<string>();
  imported.set(ctx, seen);
  if (!seen.has(b.module)) {
    seen.add(b.module);
    ctx.feature(ctx.kind === 'module' ? 'import' : 'require');
    ctx.emit(ctx.kind === 'module' ? b.importCode : b.requireCode);
  }
  b.use(ctx);
}

const isModule = (ctx: Ctx) => ctx.kind === 'module';

export const asyncGens: Gen[] = [
  { name: 'timer', weight: 1, run: timer },
  { name: 'microtask', weight: 0.5, run: microtask },
  { name: 'builtin', weight: 0.8, run: builtin },
  { name: 'await', weight: 2.5, when: isModule, run: awaitValue },
  { name: 'promise', weight: 0.8, when: isModule, run: promiseBinding },
  { name: 'sleep', weight: 1, when: isModule, run: sleep },
];
