// Observable effects: console.log / console.error / process.stdout.write of intermediate state,
// caught errors, and process.exitCode.
import type { Binding, Ctx } from './context.js';
import { numExpr } from './exprs.js';
import type { Gen } from './gen.js';

/** How a binding is printed: most values print fully through util.inspect. */
export function showBinding(b: Binding): string {
  return b.ty === 'emitter' ? `${b.name}.listenerCount('ev')` : b.name;
}

function log(ctx: Ctx): void {
  ctx.feature('log');
  const picked = new Set<Binding>();
  for (let i = ctx.rng.int(1, 3); i > 0; i--) {
    const b = ctx.operand('num', 'str', 'arr', 'obj', 'map', 'set', 'inst', 'sym', 'fn', 'emitter', 'misc');
    if (b) picked.add(b);
  }
  const args = [...picked].map(showBinding);
  if (args.length === 0 || ctx.rng.chance(0.25)) args.push(numExpr(ctx));
  ctx.emit(`console.log('at${ctx.units.length}', ${args.join(', ')});`);
}

function json(ctx: Ctx): void {
  const b = ctx.any('arr', 'obj', 'inst');
  if (!b) return log(ctx);
  ctx.feature('log', 'json');
  ctx.emit(`console.log(JSON.stringify(${b.name}));`);
}

function stderr(ctx: Ctx): void {
  ctx.feature('stderr');
  // The '!' prefix keeps these lines apart from node's own crash report on stderr.
  ctx.emit(`console.error('! note', ${numExpr(ctx)});`);
}

function stdoutWrite(ctx: Ctx): void {
  ctx.feature('stdout-write');
  const arr = ctx.rng.chance(0.4) ? ctx.any('arr') : undefined;
  const text = arr ? `${arr.name}.join(',')` : `String(${numExpr(ctx)})`;
  ctx.emit(`process.stdout.write('w ' + ${text} + '\\n');`);
}

function exitCode(ctx: Ctx): void {
  ctx.feature('exit-code');
  ctx.emit(`process.exitCode = ${ctx.lit(0, 9)};`);
}

/** A statement whose error is caught at top level: the error must travel back intact. */
function tryCatch(ctx: Ctx): void {
  ctx.feature('try-catch');
  const o = ctx.any('obj');
  const risky = ctx.rng.pick([
    o ? `${o.name}.run(1);` : `null.run();`,
    `new Array(-1 - Math.abs(${numExpr(ctx)}));`,
    ctx.errorClasses.length ? `throw new ${ctx.rng.pick(ctx.errorClasses)}('caught ' + (${numExpr(ctx)}));` : `throw new TypeError('soft');`,
  ]);
  ctx.emit(`try {\n  ${risky}\n} catch (e) {\n  console.log('caught', e.name, e.message, e instanceof Error);\n}`);
}

export const effectGens: Gen[] = [
  { name: 'log', weight: 4, run: log },
  { name: 'json', weight: 0.8, run: json },
  { name: 'stderr', weight: 0.8, run: stderr },
  { name: 'stdout-write', weight: 0.8, run: stdoutWrite },
  { name: 'exit-code', weight: 0.4, run: exitCode },
  { name: 'try-catch', weight: 0.6, run: tryCatch },
];
