// Code that defeats static analysis (getters, eval, globalThis properties, Proxies) and effects
// outside the process (files in the working directory).
import type { Ctx } from './context.js';
import { numAtom, numExpr } from './exprs.js';
import type { Gen } from './gen.js';

/** A getter reads a binding when accessed; a clone would freeze it into a value. */
function getter(ctx: Ctx): void {
  const g = ctx.any('num');
  const name = ctx.fresh('og');
  ctx.feature('getter');
  ctx.emit(`const ${name} = { x: ${ctx.lit()}, y: [], inner: { z: 1 }, get live() { return ${g ? g.name : ctx.lit()} * 2; } };`);
  ctx.declare({ name, ty: 'obj', decl: 'const' });
  ctx.emit(`console.log('live', ${name}.live);`);
}

function evalRead(ctx: Ctx): void {
  const name = ctx.fresh('ev');
  ctx.feature('eval');
  ctx.emit(`const ${name} = eval('${numExpr(ctx).replace(/'/g, "\\'")}');`);
  ctx.declare({ name, ty: 'num', decl: 'const' });
}

function globalProp(ctx: Ctx): void {
  const prop = ctx.fresh('gp');
  ctx.feature('global-prop');
  ctx.emit(`globalThis['${prop}'] = ${numExpr(ctx)};`);
  const name = ctx.fresh('n');
  ctx.emit(`const ${name} = globalThis['${prop}'] + 1;`);
  ctx.declare({ name, ty: 'num', decl: 'const' });
}

function proxy(ctx: Ctx): void {
  const target = ctx.any('obj');
  const name = ctx.fresh('px');
  ctx.feature('proxy');
  const inner = target ? target.name : `{ x: ${ctx.lit()}, y: [], inner: { z: 0 } }`;
  ctx.emit(`const ${name} = new Proxy(${inner}, { get: (t, k) => (k === 'x' ? t.x + 100 : t[k]) });`);
  ctx.declare({ name, ty: 'obj', decl: 'const' });
}

const fsModule = new WeakSet<Ctx>();

function ensureFs(ctx: Ctx): void {
  if (fsModule.has(ctx)) return;
  fsModule.add(ctx);
  ctx.emit(ctx.kind === 'module' ? `import fs from 'node:fs';` : `const fs = require('node:fs');`);
}

/** Files written in the working directory are compared too; reading one back is a dependence. */
function fileWrite(ctx: Ctx): void {
  ensureFs(ctx);
  ctx.feature('fs');
  const file = `out${ctx.rng.int(1, 2)}.txt`;
  const op = ctx.rng.int(0, 2);
  if (op === 0) ctx.emit(`fs.writeFileSync('${file}', 'v=' + (${numExpr(ctx)}) + '\\n');`);
  else if (op === 1) ctx.emit(`fs.appendFileSync('${file}', 'a=' + (${numAtom(ctx)}) + '\\n');`);
  else {
    const name = ctx.fresh('s');
    ctx.feature('fs-read');
    ctx.emit(`const ${name} = fs.existsSync('${file}') ? fs.readFileSync('${file}', 'utf8') : 'none';`);
    ctx.declare({ name, ty: 'str', decl: 'const' });
  }
}

/** Cloneable values of other kinds, to exercise structured clone: BigInt, typed arrays, Date, RegExp. */
function cloneable(ctx: Ctx): void {
  const name = ctx.fresh('c');
  const form = ctx.rng.int(0, 3);
  ctx.feature('cloneable');
  const init = [
    `BigInt(${numAtom(ctx)}) ** 5n`,
    `Float64Array.from([${numAtom(ctx)}, 0.5, ${ctx.lit()}])`,
    `new Date(Date.UTC(2020, ${ctx.lit(0, 11)}, ${ctx.lit(1, 28)}))`,
    `new RegExp('a' + ${ctx.lit(1, 9)}, 'g')`,
  ][form];
  ctx.emit(`const ${name} = ${init};`);
  ctx.declare({ name, ty: 'misc', decl: 'const' });
}

export const dynamicGens: Gen[] = [
  { name: 'getter', weight: 0.15, run: getter },
  { name: 'eval', weight: 0.15, run: evalRead },
  { name: 'global-prop', weight: 0.15, run: globalProp },
  { name: 'proxy', weight: 0.15, run: proxy },
  { name: 'fs', weight: 0.7, run: fileWrite },
  { name: 'cloneable', weight: 0.8, run: cloneable },
];
