// Statements that end the program early: uncaught errors of several classes and process.exit.
// Some fire unconditionally, some only when a computed value says so.
import type { Ctx } from './context.js';
import { numAtom, numExpr } from './exprs.js';
import { errorClass } from './gen-functions.js';

export type Terminator = 'throw' | 'exit';

function customClass(ctx: Ctx): string {
  return ctx.errorClasses.length && ctx.rng.chance(0.6) ? ctx.rng.pick(ctx.errorClasses) : errorClass(ctx);
}

/** The bare throwing statement (no condition). */
function throwing(ctx: Ctx): { code: string; heavy?: boolean } {
  const kinds = ['type-call', 'type-read', 'range', 'custom', 'custom', 'heavy', 'in-fn', 'value'];
  if (ctx.kind === 'module') kinds.push('await', 'await');
  if (ctx.rng.chance(0.1)) kinds.splice(0, kinds.length, 'timer');
  const kind = ctx.rng.pick(kinds);
  ctx.feature(`throw-${kind}`);
  const o = ctx.any('obj', 'inst');
  switch (kind) {
    case 'type-call':
      ctx.feature('throw-type');
      return { code: o ? `${o.name}.run(${numAtom(ctx)});` : `const bad${ctx.units.length} = [${numAtom(ctx)}].run();` };
    case 'type-read':
      ctx.feature('throw-type');
      return { code: o ? `console.log(${o.name}.missing.z);` : `console.log((${numAtom(ctx)}).missing.z);` };
    case 'range':
      return ctx.rng.chance(0.5)
        ? { code: `const big${ctx.units.length} = new Array(-1 - Math.abs(${numExpr(ctx)}));` }
        : { code: `console.log((${numAtom(ctx)}).toFixed(101));` };
    case 'custom':
      return { code: `throw new ${customClass(ctx)}('bad ' + (${numExpr(ctx)}));` };
    case 'heavy': {
      const cls = ctx.rng.chance(0.5) ? 'RangeError' : customClass(ctx);
      const name = ctx.fresh('hx');
      ctx.feature('heavy');
      return {
        code: `const ${name} = (() => {\n  let s = ${numAtom(ctx)};\n  for (let i = 0; i < 5000; i++) s = (s * 7 + i) % 101;\n  if (s >= 0) throw new ${cls}('heavy failed ' + s);\n  return s;\n})();`,
        heavy: true,
      };
    }
    case 'in-fn': {
      const cls = ctx.rng.chance(0.4) ? 'RangeError' : customClass(ctx);
      const check = ctx.fresh('check');
      const code = `function ${check}(v) {\n  if (v > 999) throw new ${cls}('too big: ' + v);\n  return v;\n}`;
      if (ctx.rng.chance(0.5)) ctx.floating.push({ code });
      else ctx.emit(code);
      ctx.funcs.push({ name: check, role: 'check' });
      return { code: `const ok${ctx.units.length} = ${check}(${numAtom(ctx)} + 1000);` };
    }
    case 'value':
      return { code: `throw ${ctx.rng.chance(0.5) ? numAtom(ctx) : `{ code: ${ctx.lit()} }`};` };
    case 'await':
      return { code: `await Promise.reject(new ${customClass(ctx)}('rejected ' + (${numAtom(ctx)})));` };
    default:
      // Thrown from a timer: the script runs to its end first, then the callback kills the process.
      return { code: `setTimeout(() => {\n  throw new ${customClass(ctx)}('late ' + (${numAtom(ctx)}));\n}, 0);` };
  }
}

export function emitTerminator(ctx: Ctx, t: Terminator): void {
  if (t === 'exit') {
    const code = ctx.lit(0, 6);
    if (ctx.rng.chance(0.3)) {
      ctx.feature('exit', 'exit-cond');
      ctx.emit(`if ((${numExpr(ctx)}) % 2 === 0) process.exit(${code});`);
    } else {
      ctx.feature('exit');
      ctx.emit(`process.exit(${code});`);
    }
    return;
  }
  const { code, heavy } = throwing(ctx);
  if (!code.startsWith('function') && !code.includes('\n') && ctx.rng.chance(0.25)) {
    ctx.feature('throw-cond');
    const body = code.startsWith('const ') ? `{\n  ${code}\n}` : code;
    ctx.emit(`if ((${numExpr(ctx)}) % 3 !== 0) ${body}`, heavy);
  } else {
    ctx.emit(code, heavy);
  }
}
