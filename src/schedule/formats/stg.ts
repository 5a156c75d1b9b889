/**
 * Reader for the Standard Task Graph Set format (Kasahara Lab): line 1 is n,
 * then n+2 lines `id cost k pred_1 … pred_k`, task 0 and n+1 being zero-cost
 * entry/exit dummies, then `#` comments. The dummies are dropped (they cost
 * nothing, so makespans stay comparable with the published optima) and task i
 * becomes id i-1.
 */
import type { TaskGraph } from '../types.js';

export function parseStg(text: string): TaskGraph {
  const rows = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (rows.length === 0) throw new Error('STG: empty file');
  const n = Number(rows[0]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`STG: first line should be the task count, got "${rows[0]}"`);
  if (rows.length < n + 3) throw new Error(`STG: expected ${n + 2} task lines, found ${rows.length - 1}`);
  const graph: TaskGraph = { tasks: [], edges: [] };
  for (let line = 1; line <= n + 2; line++) {
    const f = rows[line].split(/\s+/).map(Number);
    const [id, cost, k] = f;
    if (id !== line - 1 || f.length < 3 + k || f.some((x) => !Number.isFinite(x))) {
      throw new Error(`STG: malformed task line ${line + 1}: "${rows[line]}"`);
    }
    if (id === 0 || id === n + 1) continue;
    graph.tasks.push({ id: id - 1, cost, label: `T${id}` });
    for (const pred of f.slice(3, 3 + k)) {
      if (pred >= id) throw new Error(`STG: task ${id} has predecessor ${pred}, which is not earlier`);
      if (pred !== 0) graph.edges.push({ from: pred - 1, to: id - 1 });
    }
  }
  return graph;
}
