// "Heavy" statements: small loops (well under a millisecond) that `times` tells the planner to treat as
// expensive, so they move to worker threads while staying cheap to run.
import type { Ctx } from './context.js';
import { numAtom } from './exprs.js';
import type { Gen } from './gen.js';

const HELPER = 'work';

export function ensureHelper(ctx: Ctx): void {
  if (ctx.funcs.some((f) => f.name === HELPER)) return;
  const code = `function ${HELPER}(seed, n) {\n  let h = seed;\n  for (let i = 0; i < n; i++) h = (h * 33 + i) % 65521;\n  return h;\n}`;
  ctx.floating.push({ code });
  ctx.funcs.push({ name: HELPER, role: 'pure' });
}

function iters(ctx: Ctx): number {
  return ctx.rng.pick([500, 2000, 8000, 20000]);
}

function iife(ctx: Ctx): void {
  const name = ctx.fresh('h');
  ctx.emit(
    `const ${name} = (() => {\n  let s = ${numAtom(ctx)};\n  for (let i = 0; i < ${iters(ctx)}; i++) s = (s * 31 + i) % 10007;\n  return s;\n})();`,
    true,
  );
  ctx.declare({ name, ty: 'num', decl: 'const' });
  ctx.feature('heavy');
}

function loop(ctx: Ctx): void {
  let acc = ctx.mutable('num').at(-1);
  if (!acc || ctx.rng.chance(0.5)) {
    const init = numAtom(ctx);
    acc = ctx.declare({ name: ctx.fresh('acc'), ty: 'num', decl: ctx.rng.chance(0.7) ? 'let' : 'var' });
    ctx.emit(`${acc.decl} ${acc.name} = ${init};`);
  }
  ctx.emit(`for (let i = 0; i < ${iters(ctx)}; i++) {\n  ${acc.name} = (${acc.name} + i * ${numAtom(ctx)}) % 9973;\n}`, true);
  ctx.feature('heavy', 'heavy-loop', 'reassign');
}

function arrayWork(ctx: Ctx): void {
  const name = ctx.fresh('h');
  ctx.emit(`const ${name} = Array.from({ length: ${iters(ctx)} }, (_, i) => (i * ${numAtom(ctx)}) % 13).reduce((l, r) => l + r, 0);`, true);
  ctx.declare({ name, ty: 'num', decl: 'const' });
  ctx.feature('heavy');
}

function helperCall(ctx: Ctx): void {
  ensureHelper(ctx);
  const name = ctx.fresh('h');
  ctx.emit(`const ${name} = ${HELPER}(${numAtom(ctx)}, ${iters(ctx)});`, true);
  ctx.declare({ name, ty: 'num', decl: 'const' });
  ctx.feature('heavy', 'heavy-helper');
}

/** A heavy computation inside an effect: only the pure part can move. */
function heavyPrint(ctx: Ctx): void {
  ensureHelper(ctx);
  ctx.emit(`console.log('heavy', ${HELPER}(${numAtom(ctx)}, ${iters(ctx)}));`, true);
  ctx.feature('heavy', 'heavy-print', 'log');
}

/** A heavy statement that mutates an existing array. */
function heavyMutation(ctx: Ctx): void {
  const a = ctx.rng.pick(ctx.of('arr'));
  ctx.emit(`for (let i = 0; i < ${iters(ctx)}; i++) {\n  if (i % 1999 === 0) ${a.name}.push((${numAtom(ctx)} + i) % 100);\n}`, true);
  ctx.feature('heavy', 'heavy-mutate', 'push');
}

export const heavyGens: Gen[] = [
  { name: 'iife', weight: 1.5, run: iife },
  { name: 'loop', weight: 1, run: loop },
  { name: 'array-work', weight: 0.7, run: arrayWork },
  { name: 'helper', weight: 1.2, run: helperCall },
  { name: 'heavy-print', weight: 0.6, run: heavyPrint },
  { name: 'heavy-mutate', weight: 0.6, when: (c) => c.of('arr').length > 0, run: heavyMutation },
];
