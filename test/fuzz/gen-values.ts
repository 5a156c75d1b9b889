// Declarations of plain data (numbers, strings, arrays, objects, maps, sets, symbols) and destructuring.
import type { Ctx } from './context.js';
import { numAtom, numExpr } from './exprs.js';
import type { Gen } from './gen.js';

function declNum(ctx: Ctx): void {
  const name = ctx.fresh('n');
  const kind = ctx.declKind();
  ctx.emit(`${kind} ${name} = ${numExpr(ctx)};`);
  ctx.declare({ name, ty: 'num', decl: kind });
}

function declStr(ctx: Ctx): void {
  const name = ctx.fresh('s');
  const kind = ctx.declKind();
  const body = ctx.rng.chance(0.5) ? `'v' + (${numAtom(ctx)})` : `\`t\${${numAtom(ctx)}}-\${${numAtom(ctx)}}\``;
  ctx.emit(`${kind} ${name} = ${body};`);
  ctx.declare({ name, ty: 'str', decl: kind });
}

function declArr(ctx: Ctx): void {
  const name = ctx.fresh('a');
  const kind = ctx.declKind();
  const init = ctx.rng.chance(0.7)
    ? `[${[numAtom(ctx), numAtom(ctx), ctx.lit()].join(', ')}]`
    : `Array.from({ length: ${ctx.lit(2, 6)} }, (_, i) => (i * ${numAtom(ctx)}) % 10)`;
  ctx.emit(`${kind} ${name} = ${init};`);
  ctx.declare({ name, ty: 'arr', decl: kind });
}

function declObj(ctx: Ctx): void {
  const name = ctx.fresh('o');
  const kind = ctx.declKind();
  const props = [`x: ${numExpr(ctx)}`];
  // Holding another array makes the object an alias of it.
  const held = ctx.rng.chance(0.4) ? ctx.any('arr') : undefined;
  props.push(held ? `y: ${held.name}` : `y: [${ctx.lit()}]`);
  if (held) ctx.feature('alias-hold');
  props.push(`inner: { z: ${numAtom(ctx)} }`);
  const sym = ctx.rng.chance(0.6) ? ctx.any('sym') : undefined;
  if (sym) {
    props.push(`[${sym.name}]: ${ctx.lit()}`);
    ctx.feature('symbol-key');
  }
  ctx.emit(`${kind} ${name} = { ${props.join(', ')} };`);
  ctx.declare({ name, ty: 'obj', decl: kind, symKey: sym?.name });
}

function declMap(ctx: Ctx): void {
  const name = ctx.fresh('m');
  ctx.emit(`const ${name} = new Map([['k', ${numAtom(ctx)}], ['j', ${ctx.lit()}]]);`);
  ctx.declare({ name, ty: 'map', decl: 'const' });
}

function declSet(ctx: Ctx): void {
  const name = ctx.fresh('set');
  ctx.emit(`const ${name} = new Set([${numAtom(ctx)}, ${ctx.lit(1, 5)}]);`);
  ctx.declare({ name, ty: 'set', decl: 'const' });
}

function declSym(ctx: Ctx): void {
  const name = ctx.fresh('sy');
  ctx.emit(`const ${name} = Symbol('tag${ctx.lit()}');`);
  ctx.declare({ name, ty: 'sym', decl: 'const' });
  ctx.feature('symbol');
}

function destructure(ctx: Ctx): void {
  const kind = ctx.declKind();
  ctx.feature('destructure');
  const obj = ctx.rng.chance(0.5) ? ctx.any('obj') : undefined;
  const arr = ctx.any('arr');
  if (obj) {
    const [x, z] = [ctx.fresh('dx'), ctx.fresh('dz')];
    ctx.emit(`${kind} { x: ${x}, inner: { z: ${z} } } = ${obj.name};`);
    ctx.declare({ name: x, ty: 'num', decl: kind });
    ctx.declare({ name: z, ty: 'num', decl: kind });
  } else if (arr && ctx.rng.chance(0.6)) {
    const [h, t] = [ctx.fresh('h'), ctx.fresh('t')];
    ctx.emit(`${kind} [${h} = 0, ...${t}] = ${arr.name};`);
    ctx.declare({ name: h, ty: 'num', decl: kind });
    ctx.declare({ name: t, ty: 'arr', decl: kind });
  } else {
    const [p, q] = [ctx.fresh('p'), ctx.fresh('q')];
    ctx.emit(`${kind} [${p}, ${q}] = [${numExpr(ctx)}, ${numExpr(ctx)}];`);
    ctx.declare({ name: p, ty: 'num', decl: kind });
    ctx.declare({ name: q, ty: 'num', decl: kind });
  }
}

/** `const b = a`: later mutations through b must show in a. */
function alias(ctx: Ctx): void {
  const src = ctx.any('arr', 'obj', 'map', 'set', 'inst');
  if (!src) return declArr(ctx);
  const name = ctx.fresh('al');
  if (!ctx.funcsOf('identity').length && ctx.rng.chance(0.3)) {
    const id = ctx.fresh('id');
    ctx.floating.push({ code: `function ${id}(v) {\n  return v;\n}` });
    ctx.funcs.push({ name: id, role: 'identity' });
  }
  const ident = ctx.funcsOf('identity');
  if (ident.length && ctx.rng.chance(0.6)) {
    ctx.emit(`const ${name} = ${ctx.rng.pick(ident).name}(${src.name});`);
    ctx.feature('alias-fn');
  } else {
    ctx.emit(`const ${name} = ${src.name};`);
    ctx.feature('alias');
  }
  ctx.declare({ ...src, name, decl: 'const' });
  // Identity is observable too, and it does not survive a clone.
  if (ctx.rng.chance(0.3)) {
    ctx.feature('identity-check');
    ctx.emit(`console.log('same', ${name} === ${src.name});`);
  }
}

function copy(ctx: Ctx): void {
  const src = ctx.any('arr');
  if (!src) return declArr(ctx);
  const name = ctx.fresh('cp');
  ctx.emit(`const ${name} = ${ctx.rng.chance(0.5) ? `[...${src.name}]` : `${src.name}.slice(1)`};`);
  ctx.declare({ name, ty: 'arr', decl: 'const' });
}

export const valueGens: Gen[] = [
  { name: 'num', weight: 6, run: declNum },
  { name: 'str', weight: 1, run: declStr },
  { name: 'arr', weight: 3, run: declArr },
  { name: 'obj', weight: 2, run: declObj },
  { name: 'map', weight: 1, run: declMap },
  { name: 'set', weight: 1, run: declSet },
  { name: 'sym', weight: 0.6, run: declSym },
  { name: 'destructure', weight: 1.5, run: destructure },
  { name: 'alias', weight: 1.5, when: (c) => c.of('arr', 'obj', 'map', 'set', 'inst').length > 0, run: alias },
  { name: 'copy', weight: 0.5, when: (c) => c.of('arr').length > 0, run: copy },
];
