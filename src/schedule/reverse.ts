/**
 * The compiled graph with every edge reversed, for backward passes: a schedule
 * of the reversed graph read right to left is a schedule of the original, so
 * its times give a new priority list for a forward pass (forward-backward
 * improvement). Worker startup cannot be expressed backwards and is ignored.
 */
import type { CompiledGraph } from './graph.js';

export function reverseGraph(cg: CompiledGraph): CompiledGraph {
  return {
    ...cg,
    predStart: cg.succStart, predIdx: cg.succIdx, predComm: cg.succComm,
    predEdge: new Int32Array(cg.succIdx.length).fill(-1),
    succStart: cg.predStart, succIdx: cg.predIdx, succComm: cg.predComm,
    topo: cg.topo.slice().reverse(),
    threadReady: new Float64Array(cg.threads),
  };
}
