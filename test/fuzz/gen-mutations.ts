// Statements that change existing state: reassignment and mutation through members and methods.
import type { Ctx } from './context.js';
import { numAtom, numExpr } from './exprs.js';
import type { Gen } from './gen.js';

function reassign(ctx: Ctx): void {
  const b = ctx.rng.pick(ctx.mutable('num', 'str', 'arr'));
  ctx.feature('reassign');
  if (b.ty === 'num') {
    const form = ctx.rng.int(0, 2);
    if (form === 0) ctx.emit(`${b.name} = ${numExpr(ctx)};`);
    else if (form === 1) ctx.emit(`${b.name} += ${numAtom(ctx)};`);
    else ctx.emit(`${b.name}++;`);
  } else if (b.ty === 'str') {
    ctx.emit(`${b.name} += '-' + (${numAtom(ctx)});`);
  } else {
    // Rebinding an array leaves its aliases on the old one.
    ctx.emit(`${b.name} = ${b.name}.concat([${numAtom(ctx)}]);`);
  }
}

function arrayMutation(ctx: Ctx): void {
  const a = ctx.rng.pick(ctx.of('arr')).name;
  const op = ctx.rng.pick(['push', 'sort', 'splice', 'reverse', 'index', 'pop', 'unshift'] as const);
  ctx.feature(op);
  switch (op) {
    case 'push':
      return ctx.emit(`${a}.push(${numAtom(ctx)}, ${ctx.lit()});`);
    case 'sort':
      return ctx.emit(ctx.rng.chance(0.7) ? `${a}.sort((l, r) => l - r);` : `${a}.sort();`);
    case 'splice':
      return ctx.emit(`${a}.splice(${ctx.lit(0, 2)}, 1${ctx.rng.chance(0.5) ? `, ${numAtom(ctx)}` : ''});`);
    case 'reverse':
      return ctx.emit(`${a}.reverse();`);
    case 'index':
      return ctx.emit(`${a}[${ctx.lit(0, 3)}] = ${numExpr(ctx)};`);
    case 'pop':
      return ctx.emit(`${a}.pop();`);
    case 'unshift':
      return ctx.emit(`${a}.unshift(${numAtom(ctx)});`);
  }
}

function collectionMutation(ctx: Ctx): void {
  const b = ctx.rng.pick(ctx.of('map', 'set'));
  if (b.ty === 'map') {
    ctx.feature('map-set');
    const key = ctx.rng.pick(['k', 'j', 'q']);
    ctx.emit(ctx.rng.chance(0.85) ? `${b.name}.set('${key}', ${numExpr(ctx)});` : `${b.name}.delete('${key}');`);
  } else {
    ctx.feature('set-add');
    ctx.emit(`${b.name}.add(${numAtom(ctx)} % 7);`);
  }
}

function memberMutation(ctx: Ctx): void {
  const o = ctx.rng.pick(ctx.of('obj')).name;
  const form = ctx.rng.int(0, 3);
  if (form === 0) {
    ctx.feature('member-assign');
    ctx.emit(`${o}.x = ${numExpr(ctx)};`);
  } else if (form === 1) {
    ctx.feature('nested-member');
    ctx.emit(`${o}.inner.z += ${numAtom(ctx)};`);
  } else if (form === 2) {
    ctx.feature('nested-member', 'push');
    ctx.emit(`${o}.y.push(${numAtom(ctx)});`);
  } else {
    ctx.feature('member-assign');
    ctx.emit(`${o}.extra = [${numAtom(ctx)}, ${ctx.lit()}];`);
  }
}

function instanceMutation(ctx: Ctx): void {
  const i = ctx.rng.pick(ctx.of('inst'));
  if (ctx.rng.chance(0.75)) {
    ctx.feature('method-mutate');
    ctx.emit(`${i.name}.add(${numAtom(ctx)})${ctx.rng.chance(0.3) ? `.add(${ctx.lit()})` : ''};`);
  } else {
    ctx.feature('static');
    ctx.emit(`${i.cls}.count += ${ctx.lit(1, 5)};`);
  }
}

export const mutationGens: Gen[] = [
  { name: 'reassign', weight: 3, when: (c) => c.mutable('num', 'str', 'arr').length > 0, run: reassign },
  { name: 'array', weight: 3, when: (c) => c.of('arr').length > 0, run: arrayMutation },
  { name: 'collection', weight: 1.5, when: (c) => c.of('map', 'set').length > 0, run: collectionMutation },
  { name: 'member', weight: 2, when: (c) => c.of('obj').length > 0, run: memberMutation },
  { name: 'instance', weight: 3, when: (c) => c.of('inst').length > 0, run: instanceMutation },
];
