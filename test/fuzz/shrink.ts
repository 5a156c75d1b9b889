// Delta-debugging shrinker: drops top-level statements (with whatever depends on them) in halving
// chunks while the program still fails, then drops `times` entries that are not needed.
import { runCase, type CaseResult, type FailureKind, type TransformFn } from './harness.js';
import type { Program } from './program.js';
import { joinProgram, parses, printArgVariants, removeWithDependents, splitProgram, type Stmt } from './statements.js';

export type FailsFn = (program: Program) => Promise<boolean>;

export interface ShrinkOptions {
  /** Upper bound on candidate runs; shrinking stops early when reached. */
  maxAttempts?: number;
}

export async function shrink(program: Program, fails: FailsFn, opts: ShrinkOptions = {}): Promise<Program> {
  const budget = { left: opts.maxAttempts ?? 400 };
  const seen = new Map<string, boolean>();
  const tryCandidate = async (p: Program): Promise<boolean> => {
    const key = p.code + '\0' + JSON.stringify(p.times);
    if (seen.has(key)) return seen.get(key)!;
    if (budget.left <= 0 || !parses(p)) return false;
    budget.left--;
    const result = await fails(p);
    seen.set(key, result);
    return result;
  };

  const { header, stmts: initial } = splitProgram(program);
  let stmts: Stmt[] = initial;
  let best = program;
  // Alternate: drop statements, then drop printed arguments (which frees the bindings they read).
  for (let round = 0; round < 4; round++) {
    for (let chunk = Math.max(1, stmts.length >> 1); chunk >= 1; ) {
      let changed = false;
      for (let start = 0; start < stmts.length; ) {
        const drop = new Set<number>();
        for (let i = start; i < Math.min(stmts.length, start + chunk); i++) drop.add(i);
        const kept = removeWithDependents(stmts, drop);
        const candidate = joinProgram(program, header, kept);
        if (kept.length < stmts.length && (await tryCandidate(candidate))) {
          stmts = kept;
          best = candidate;
          changed = true;
        } else {
          start += chunk;
        }
      }
      if (!changed) chunk >>= 1;
    }
    let pruned = false;
    for (let i = 0; i < stmts.length; i++) {
      for (const variant of printArgVariants(stmts[i].code)) {
        const candidate = joinProgram(program, header, stmts.map((s, j) => (j === i ? { ...s, code: variant } : s)));
        if (await tryCandidate(candidate)) {
          best = candidate;
          stmts = splitProgram(candidate).stmts;
          pruned = true;
          i--;
          break;
        }
      }
    }
    if (!pruned) break;
  }
  // The 'use strict' header, then each times entry, are kept only when the failure needs them.
  if (header.length && (await tryCandidate(joinProgram(program, [], stmts)))) {
    header.length = 0;
    best = joinProgram(program, header, stmts);
  }
  for (let i = 0; i < stmts.length; i++) {
    if (stmts[i].ms === undefined) continue;
    const without = stmts.map((s, j) => (j === i ? { ...s, ms: undefined } : s));
    if (await tryCandidate(joinProgram(program, header, without))) {
      stmts = without;
      best = joinProgram(program, header, stmts);
    }
  }
  return best;
}

export interface ShrinkCaseOptions extends ShrinkOptions {
  timeoutMs?: number;
}

/**
 * Shrinks a program that fails under `transformFn`. A candidate counts only when it fails in the same
 * way (transform error / hang / mismatch) and the original program does not fail for a new reason.
 */
export async function shrinkCase(
  program: Program,
  transformFn: TransformFn,
  first: CaseResult,
  opts: ShrinkCaseOptions = {},
): Promise<{ program: Program; result: CaseResult }> {
  const kind: FailureKind | undefined = first.kind;
  const baseError = first.original.errorLine;
  let last = first;
  const fails: FailsFn = async (p) => {
    const r = await runCase(p, transformFn, { timeoutMs: opts.timeoutMs });
    if (r.ok || r.kind !== kind) return false;
    if (r.original.timedOut || (r.original.errorLine !== null && r.original.errorLine !== baseError)) return false;
    last = r;
    return true;
  };
  const shrunk = await shrink(program, fails, opts);
  // Re-run the final program so the reported result belongs to it.
  const result = shrunk === program ? first : await runCase(shrunk, transformFn, { timeoutMs: opts.timeoutMs });
  return { program: shrunk, result: result.ok ? last : result };
}
