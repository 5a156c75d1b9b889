// Seeded generator of small, deterministic Node.js scripts with mixed dependence shapes, effects,
// errors, exits and (for modules) top-level await. Each seed always yields the same program.
import { Ctx, type Shape } from './context.js';
import type { Gen } from './gen.js';
import { asyncGens } from './gen-async.js';
import { dynamicGens } from './gen-dynamic.js';
import { effectGens, showBinding } from './gen-effects.js';
import { functionGens } from './gen-functions.js';
import { heavyGens } from './gen-heavy.js';
import { mutationGens } from './gen-mutations.js';
import { valueGens } from './gen-values.js';
import { assemble, type Kind, type Program, type Unit } from './program.js';
import { Rng } from './random.js';
import { emitTerminator, type Terminator } from './terminators.js';

export interface GenerateOptions {
  kind?: Kind;
  /** Bounds on the number of generated top-level statements (before the final prints). */
  minStatements?: number;
  maxStatements?: number;
}

export interface GeneratedProgram extends Program {
  seed: number;
  features: string[];
}

const ALL_GENS: Gen[] = [...valueGens, ...mutationGens, ...functionGens, ...effectGens, ...heavyGens, ...asyncGens, ...dynamicGens];

/** Operand-choice weights per dependence shape. */
const SHAPES: Record<string, Shape> = {
  independent: { recent: 1, root: 0, random: 1, literal: 6 },
  chain: { recent: 8, root: 0, random: 1, literal: 1 },
  fan: { recent: 1, root: 6, random: 1, literal: 2 },
  mixed: { recent: 3, root: 2, random: 4, literal: 2 },
};

export function generateProgram(seed: number, opts: GenerateOptions = {}): GeneratedProgram {
  const rng = new Rng(seed);
  const kind: Kind = opts.kind ?? (rng.chance(0.5) ? 'module' : 'commonjs');
  const shapeName = rng.pick(Object.keys(SHAPES));
  const ctx = new Ctx(rng, kind, SHAPES[shapeName]);
  ctx.markCheap = rng.pick([0.1, 0.3, 0.5]);
  ctx.feature(`shape-${shapeName}`, kind);
  const target = rng.int(opts.minStatements ?? 3, Math.max(opts.minStatements ?? 3, (opts.maxStatements ?? 15) - 2));
  const plan = planTerminators(rng, target);
  if ([...plan.values()].filter((t) => t === 'throw').length > 1) ctx.feature('throw-two');

  const heavySlots = planHeavy(rng, target);
  for (let step = 0; ctx.units.length + ctx.floating.length < target; step++) {
    const t = plan.get(step);
    if (t) emitTerminator(ctx, t);
    else if (heavySlots.has(step)) ctx.withShape(SHAPES.fan, () => pickGen(ctx, heavyGens).run(ctx));
    else pickGen(ctx).run(ctx);
  }
  const units = [...ctx.units];
  hoistedVarReads(ctx, units);
  placeFloating(ctx, units);
  units.push(...epilogue(ctx));
  const header = kind === 'commonjs' && rng.chance(0.2) ? ["'use strict';"] : [];
  const { code, times } = assemble(units, header);
  return { code, times, kind, seed, features: [...ctx.features].sort() };
}

function planTerminators(rng: Rng, n: number): Map<number, Terminator> {
  const plan = new Map<number, Terminator>();
  if (rng.chance(0.3)) plan.set(rng.int(0, n - 1), 'throw');
  if (plan.size && rng.chance(0.3)) plan.set(rng.int(0, n - 1), 'throw');
  if (rng.chance(0.12)) plan.set(rng.int(0, n - 1), 'exit');
  return plan;
}

/** Steps that get a heavy statement reading only roots and literals, so that several can overlap. */
function planHeavy(rng: Rng, n: number): Set<number> {
  const slots = new Set<number>();
  if (rng.chance(0.75)) for (let k = rng.int(2, 4); k > 0; k--) slots.add(rng.int(0, n - 1));
  return slots;
}

function pickGen(ctx: Ctx, gens: Gen[] = ALL_GENS): Gen {
  const usable = gens.filter((g) => !g.when || g.when(ctx));
  const weights: Record<string, number> = {};
  usable.forEach((g, i) => (weights[String(i)] = g.weight));
  return usable[Number(ctx.rng.weighted(weights))];
}

/** Reads some `var` bindings before their declaration runs (they are hoisted as undefined). */
function hoistedVarReads(ctx: Ctx, units: Unit[]): void {
  for (const name of ctx.vars) {
    if (!ctx.rng.chance(0.25)) continue;
    const declAt = units.findIndex((u) => new RegExp(`^var [^=]*\\b${name}\\b`).test(u.code));
    if (declAt < 0) continue;
    units.splice(ctx.rng.int(0, declAt), 0, { code: `console.log('early', typeof ${name}, ${name});` });
    ctx.feature('var-hoist');
  }
}

/** Puts hoisted function declarations at random lines, often after their first call. */
function placeFloating(ctx: Ctx, units: Unit[]): void {
  for (const unit of ctx.floating) {
    const at = ctx.rng.int(0, units.length);
    const name = /^(?:async )?function (\w+)/.exec(unit.code)?.[1];
    if (name && units.slice(0, at).some((u) => u.code.includes(`${name}(`))) ctx.feature('func-hoisted');
    units.splice(at, 0, unit);
  }
}

/** Prints every binding at the end, one to three per line, so that any wrong value shows. */
function epilogue(ctx: Ctx): Unit[] {
  const out: Unit[] = [];
  const names = ctx.bindings.map(showBinding);
  if (ctx.classes.length && ctx.rng.chance(0.5)) names.push(...ctx.classes.map((c) => `${c}.count`));
  for (let i = 0; i < names.length; ) {
    const n = ctx.rng.int(1, 3);
    out.push({ code: `console.log('end', ${names.slice(i, i + n).join(', ')});` });
    i += n;
  }
  return out;
}
