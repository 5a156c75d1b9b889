/**
 * The pipeline: analyze → estimate → schedule → generate. Each stage is a module of its
 * own and can be replaced through the options.
 */
import { analyze } from './analyze/index.js';
import { diagnostics, warnings as warningsOf } from './diagnostics.js';
import { estimate } from './estimate/index.js';
import { generateParallel, generateSequential } from './generate/index.js';
import { defaultScheduler, getScheduler } from './schedule/index.js';
import { planScript, type ScriptPlan } from './schedule/script.js';
import type { Scheduler } from './schedule/types.js';
import type { TransformOptions, TransformResult, Warning } from './types.js';
import { graphJson } from './graph-json.js';
import { splitHeavyArguments } from './analyze/split-effects.js';
import { staticCostModel } from './estimate/static-cost.js';
import { profileProblem, profileTimes } from './estimate/profile-format.js';
import { loadPlatform } from './estimate/platform.js';

/** An argument of a print estimated above this is computed as a statement of its own. */
const SPLIT_THRESHOLD_MS = 5;

const knownOptions = ['filename', 'workers', 'times', 'profile', 'scheduler', 'platform', 'sourceType', 'trace', 'share'];

export function validateOptions(options: Record<string, unknown>): void {
  for (const key of Object.keys(options)) {
    if (!knownOptions.includes(key)) throw diagnostics.unknownOption(key, knownOptions);
  }
  const w = options.workers;
  if (w !== undefined && (typeof w !== 'number' || !Number.isInteger(w) || w < 1)) throw diagnostics.invalidOption('workers', 'a positive integer', w);
  const times = options.times;
  if (times !== undefined) {
    if (typeof times !== 'object' || times === null || Array.isArray(times)) throw diagnostics.invalidOption('times', 'an object of line → milliseconds', times);
    for (const [k, v] of Object.entries(times)) {
      if (!/^\d+$/.test(k) || typeof v !== 'number' || !(v >= 0)) throw diagnostics.invalidOption('times', 'an object of line → milliseconds', { [k]: v });
    }
  }
  for (const flag of ['trace', 'share']) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw diagnostics.invalidOption(flag, 'true or false', options[flag]);
  }
  const problem = options.profile === undefined ? null : profileProblem(options.profile);
  if (problem) throw diagnostics.invalidOption('profile', `a profile (${problem})`, options.profile);
}

export function transform(code: string, options: TransformOptions = {}): TransformResult {
  validateOptions(options as Record<string, unknown>);
  const kind = options.sourceType;
  const original = analyze(code, { filename: options.filename, kind });
  // Prints of heavy values: compute the value as its own statement so that it can move.
  let analysis = original;
  const times = options.profile ? { ...profileTimes(options.profile), ...options.times } : options.times;
  const split = original.sequentialReasons.length === 0 ? splitHeavyArguments(original, { threshold: SPLIT_THRESHOLD_MS, cost: staticCostModel(original).expression, times }) : null;
  if (split !== null) analysis = analyze(split, { filename: options.filename, kind });
  const est = estimate(analysis, { times: options.times, profile: options.profile });
  // The machine's measured platform (`parallelize calibrate`), under the caller's overrides.
  const platform = { ...loadPlatform(), ...options.platform };
  const scheduler: Scheduler =
    typeof options.scheduler === 'object' ? options.scheduler : options.scheduler ? getScheduler(options.scheduler) : defaultScheduler;
  const warnings: Warning[] = [];
  const graph = graphJson(analysis);

  let plan: ScriptPlan;
  let reason: string | undefined;
  if (analysis.sequentialReasons.length > 0) {
    reason = analysis.sequentialReasons[0].reason;
    plan = planScript(analysis, est, { workers: 1, scheduler, platform });
  } else {
    plan = planScript(analysis, est, { workers: options.workers, scheduler, platform, share: options.share });
    if (!plan.parallel) reason = plan.reason;
  }
  const file = options.filename;
  let out: string;
  if (reason !== undefined) {
    warnings.push(warningsOf.sequential(reason));
    out = generateSequential(original, reason, file);
  } else {
    out = generateParallel(analysis, plan, est, { filename: file, scheduler: plan.plan.scheduler, trace: options.trace === true });
  }
  return {
    code: out,
    map: null,
    warnings,
    graph,
    schedule: plan.plan,
    taskGraph: plan.graph,
    statementLines: plan.statementOf.map((id) => analysis.statements[id].line),
    sharedLines: reason === undefined ? (plan.sharing?.members ?? []).map((id) => analysis.statements[id].line) : [],
    sequentialReason: reason,
  };
}

