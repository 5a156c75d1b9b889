/**
 * Our own graph file: { "tasks": [{ "id", "cost", "label"?, "pin"?, "group"? }],
 * "edges": [{ "from", "to", "bytes"?, "cost"? }] }. Ids may be any strings or
 * numbers; tasks are renumbered 0..n-1 in file order.
 */
import type { Edge, Task, TaskGraph } from '../types.js';

interface JsonGraph {
  tasks: { id: string | number; cost: number; label?: string; pin?: number; group?: number }[];
  edges?: { from: string | number; to: string | number; bytes?: number; cost?: number }[];
}

export function isJsonGraph(data: unknown): data is JsonGraph {
  return !!data && typeof data === 'object' && Array.isArray((data as JsonGraph).tasks);
}

export function parseJsonGraph(data: unknown): TaskGraph {
  if (!isJsonGraph(data)) throw new Error('graph JSON: expected an object with a "tasks" array');
  const index = new Map<string, number>();
  const tasks: Task[] = data.tasks.map((t, i) => {
    const key = String(t.id);
    if (index.has(key)) throw new Error(`graph JSON: duplicate task id ${key}`);
    if (typeof t.cost !== 'number' || !(t.cost >= 0)) throw new Error(`graph JSON: task ${key} needs a cost ≥ 0`);
    index.set(key, i);
    const task: Task = { id: i, cost: t.cost, label: t.label ?? key };
    if (t.pin !== undefined) task.pin = t.pin;
    if (t.group !== undefined) task.group = t.group;
    return task;
  });
  const lookup = (id: string | number) => {
    const i = index.get(String(id));
    if (i === undefined) throw new Error(`graph JSON: edge names unknown task ${id}`);
    return i;
  };
  const edges: Edge[] = (data.edges ?? []).map((e) => {
    const edge: Edge = { from: lookup(e.from), to: lookup(e.to) };
    if (e.bytes !== undefined) edge.bytes = e.bytes;
    if (e.cost !== undefined) edge.cost = e.cost;
    return edge;
  });
  return { tasks, edges };
}

/** The inverse of parseJsonGraph, for writing graphs out. */
export function toJsonGraph(graph: TaskGraph): JsonGraph {
  return {
    tasks: graph.tasks.map(({ id, cost, label, pin, group }) => ({ id, cost, label, pin, group })),
    edges: graph.edges.map(({ from, to, bytes, cost }) => ({ from, to, bytes, cost })),
  };
}
