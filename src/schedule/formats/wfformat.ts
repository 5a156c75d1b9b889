/**
 * Reader for WfCommons WfFormat workflow instances (schema 1.x): a task per
 * specification task, cost = execution runtimeInSeconds in ms, an edge per
 * parent/child pair carrying the bytes of the files the child reads that the
 * parent writes.
 */
import type { Edge, TaskGraph } from '../types.js';

interface WfTask { id: string; name?: string; parents?: string[]; children?: string[]; inputFiles?: string[]; outputFiles?: string[] }
interface WfInstance {
  workflow: {
    specification: { tasks: WfTask[]; files?: { id: string; sizeInBytes?: number }[] };
    execution?: { tasks?: { id: string; runtimeInSeconds?: number }[] };
  };
}

export function isWfFormat(data: unknown): data is WfInstance {
  const w = (data as WfInstance | undefined)?.workflow;
  return !!w && typeof w === 'object' && Array.isArray(w.specification?.tasks);
}

export function parseWfFormat(data: unknown): TaskGraph {
  if (!isWfFormat(data)) throw new Error('WfFormat: expected workflow.specification.tasks');
  const spec = data.workflow.specification;
  const index = new Map(spec.tasks.map((t, i) => [t.id, i]));
  const size = new Map((spec.files ?? []).map((f) => [f.id, f.sizeInBytes ?? 0]));
  const runtime = new Map((data.workflow.execution?.tasks ?? []).map((t) => [t.id, t.runtimeInSeconds ?? 0]));
  const tasks = spec.tasks.map((t, i) => ({ id: i, cost: (runtime.get(t.id) ?? 0) * 1000, label: t.name ?? t.id }));

  // Parents and children both list the edge: collect each pair once.
  const pairs = new Set<string>();
  spec.tasks.forEach((t) => {
    for (const p of t.parents ?? []) pairs.add(`${p}\n${t.id}`);
    for (const c of t.children ?? []) pairs.add(`${t.id}\n${c}`);
  });
  const byId = new Map(spec.tasks.map((t) => [t.id, t]));
  const edges: Edge[] = [];
  for (const pair of pairs) {
    const [from, to] = pair.split('\n');
    const a = byId.get(from), b = byId.get(to);
    if (!a || !b) throw new Error(`WfFormat: edge ${from} -> ${to} names an unknown task`);
    const written = new Set(a.outputFiles ?? []);
    let bytes = 0;
    for (const f of b.inputFiles ?? []) if (written.has(f)) bytes += size.get(f) ?? 0;
    edges.push({ from: index.get(from)!, to: index.get(to)!, bytes });
  }
  return { tasks, edges };
}
