/**
 * The scheduler registry: built-in schedulers by name, the default, and
 * loading a user's scheduler from a .js/.mjs file.
 */
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { best } from './best.js';
import { bottomLevel } from './bottom-level.js';
import { cpop } from './cpop.js';
import { heft } from './heft.js';
import { heftLookahead } from './lookahead.js';
import { roundRobin } from './round-robin.js';
import { sequential } from './sequential.js';
import { staged } from './staged.js';
import type { Scheduler } from './types.js';

export type { Edge, Plan, Platform, Scheduler, Slot, Task, TaskGraph, Transfer } from './types.js';
export { simulate } from './simulate.js';
export { checkPlan } from './check.js';
export { edgeCost } from './graph.js';
export { createBest } from './best.js';

export const schedulers: Record<string, Scheduler> = {
  best,
  heft,
  cpop,
  'heft-lookahead': heftLookahead,
  'bottom-level': bottomLevel,
  sequential,
  'round-robin': roundRobin,
  staged,
};

export const defaultScheduler: Scheduler = best;

export function getScheduler(name: string): Scheduler {
  const found = Object.hasOwn(schedulers, name) ? schedulers[name] : undefined;
  if (!found) throw new Error(`unknown scheduler "${name}"; known schedulers: ${Object.keys(schedulers).join(', ')}`);
  return found;
}

function isScheduler(value: unknown): value is Scheduler {
  const v = value as Scheduler | undefined;
  return !!v && typeof v === 'object' && typeof v.name === 'string' && v.name !== '' && typeof v.schedule === 'function';
}

/**
 * A built-in name, or a path to a .js/.mjs file whose default export (or
 * export named `scheduler`) is a Scheduler: `{ name, description?, schedule(graph, platform) }`.
 */
export async function loadScheduler(spec: string, cwd = process.cwd()): Promise<Scheduler> {
  if (Object.hasOwn(schedulers, spec)) return schedulers[spec];
  const looksLikeFile = /\.(m?js|cjs)$/.test(spec) || spec.includes('/') || spec.includes(path.sep);
  if (!looksLikeFile) return getScheduler(spec);
  const file = path.resolve(cwd, spec);
  let mod: Record<string, unknown>;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (err) {
    throw new Error(`cannot load scheduler file ${file}: ${(err as Error).message}`);
  }
  const candidate = isScheduler(mod.default) ? mod.default : mod.scheduler;
  if (!isScheduler(candidate)) {
    throw new Error(`${file} must export a scheduler (default export or "scheduler") with a name and a schedule(graph, platform) function`);
  }
  if (typeof candidate.description === 'string') return candidate;
  return {
    name: candidate.name,
    description: `user scheduler from ${spec}`,
    schedule: (graph, platform) => candidate.schedule(graph, platform),
  };
}
