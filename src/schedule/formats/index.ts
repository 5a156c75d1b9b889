/** Reading graph files of any supported format, and giving edges a CCR-based cost. */
import { readFile } from 'node:fs/promises';
import type { TaskGraph } from '../types.js';
import { isJsonGraph, parseJsonGraph } from './json.js';
import { parseStg } from './stg.js';
import { isWfFormat, parseWfFormat } from './wfformat.js';

export { parseStg } from './stg.js';
export { parseJsonGraph, toJsonGraph } from './json.js';
export { parseWfFormat } from './wfformat.js';

/** Parses file text: STG by extension or by a leading task count, otherwise JSON (WfFormat or ours). */
export function parseGraph(text: string, file = ''): TaskGraph {
  if (/\.stg$/i.test(file) || /^\s*\d+\s*\r?\n/.test(text)) return parseStg(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file || 'graph'}: neither STG nor JSON (${(err as Error).message})`);
  }
  if (isWfFormat(data)) return parseWfFormat(data);
  if (isJsonGraph(data)) return parseJsonGraph(data);
  throw new Error(`${file || 'graph'}: JSON is neither a WfFormat workflow nor a {tasks, edges} graph`);
}

export async function readGraphFile(file: string): Promise<TaskGraph> {
  return parseGraph(await readFile(file, 'utf8'), file);
}

/** Communication-to-computation ratio: every edge costs ccr × the average task cost. */
export function withCcr(graph: TaskGraph, ccr: number): TaskGraph {
  const n = graph.tasks.length;
  const avg = n ? graph.tasks.reduce((s, t) => s + t.cost, 0) / n : 0;
  return { tasks: graph.tasks, edges: graph.edges.map((e) => ({ ...e, cost: ccr * avg })) };
}
