/** Helpers to define a Scheduler from a function over the compiled graph. */
import { compileGraph, type CompiledGraph } from './graph.js';
import type { Decoded } from './list.js';
import { buildPlan } from './plan.js';
import type { Plan, Platform, Scheduler, TaskGraph } from './types.js';

export function defineScheduler(
  name: string, description: string, decode: (cg: CompiledGraph) => Decoded,
): Scheduler {
  return {
    name,
    description,
    schedule(graph: TaskGraph, platform: Platform): Plan {
      const cg = compileGraph(graph, platform);
      const { thread, start } = decode(cg);
      return buildPlan(graph, cg, thread, start, name);
    },
  };
}

/** Priority that reproduces a topological order (earlier = higher). */
export function topoPriority(cg: CompiledGraph): Float64Array {
  const prio = new Float64Array(cg.n);
  cg.topo.forEach((t, i) => { prio[t] = cg.n - i; });
  return prio;
}
