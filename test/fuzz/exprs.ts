// Integer-valued expressions over the live bindings; every read is a data dependence.
import type { Ctx } from './context.js';

/** One number-valued read of a binding (or a literal when the shape says so). */
export function numAtom(ctx: Ctx): string {
  const b = ctx.operand('num', 'arr', 'obj', 'map', 'set', 'inst', 'str', 'fn');
  if (!b) return ctx.lit();
  switch (b.ty) {
    case 'num':
      return b.name;
    case 'arr':
      return ctx.rng.chance(0.5) ? `${b.name}.length` : `(${b.name}[0] ?? 0)`;
    case 'obj':
      if (b.symKey && ctx.rng.chance(0.5)) return `${b.name}[${b.symKey}]`;
      return ctx.rng.chance(0.6) ? `${b.name}.x` : `${b.name}.inner.z`;
    case 'map':
      return `(${b.name}.get('k') ?? 0)`;
    case 'set':
      return `${b.name}.size`;
    case 'inst':
      return ctx.rng.chance(0.7) ? `${b.name}.v` : `${b.name}.total()`;
    case 'str':
      return `${b.name}.length`;
    case 'fn':
      ctx.feature('fn-value-call');
      return `${b.name}(${ctx.lit(1, 9)})`;
    default:
      return ctx.lit();
  }
}

/** A small arithmetic expression over 1–3 atoms, bounded so values stay readable. */
export function numExpr(ctx: Ctx): string {
  const callable = ctx.funcsOf('reader', 'writer', 'recursive');
  if (callable.length && ctx.rng.chance(0.2)) return callExpr(ctx);
  const n = ctx.rng.int(1, 3);
  let e = numAtom(ctx);
  for (let i = 1; i < n; i++) {
    const op = ctx.rng.pick(['+', '-', '*']);
    e = op === '*' ? `(${e} * ${numAtom(ctx)}) % 1000` : `${e} ${op} ${numAtom(ctx)}`;
  }
  return e;
}

/** A call of a declared script function that returns a number. */
export function callExpr(ctx: Ctx): string {
  const f = ctx.rng.pick(ctx.funcsOf('reader', 'writer', 'recursive'));
  ctx.feature('call');
  if (f.role === 'recursive') return `${f.name}(${ctx.lit(3, 12)})`;
  return `${f.name}(${numAtom(ctx)})`;
}
