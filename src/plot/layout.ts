/**
 * Layered layout for drawing a DAG top-down: layer = longest chain of edges
 * from an entry, and within a layer tasks are ordered by the mean position of
 * their neighbours (a few barycenter sweeps), which removes most crossings.
 */
import type { TaskGraph } from '../schedule/types.js';

export interface Layout {
  layer: number[];
  /** Tasks of each layer, left to right. */
  layers: number[][];
}

export function layeredLayout(graph: TaskGraph): Layout {
  const n = graph.tasks.length;
  const preds: number[][] = Array.from({ length: n }, () => []);
  const succs: number[][] = Array.from({ length: n }, () => []);
  for (const e of graph.edges) {
    preds[e.to].push(e.from);
    succs[e.from].push(e.to);
  }
  const layer = new Array(n).fill(0);
  const indeg = preds.map((p) => p.length);
  const queue = indeg.flatMap((d, i) => (d === 0 ? [i] : []));
  for (let k = 0; k < queue.length; k++) {
    const t = queue[k];
    for (const s of succs[t]) {
      layer[s] = Math.max(layer[s], layer[t] + 1);
      if (--indeg[s] === 0) queue.push(s);
    }
  }
  const depth = n ? Math.max(...layer) + 1 : 0;
  const layers: number[][] = Array.from({ length: depth }, () => []);
  for (let t = 0; t < n; t++) layers[layer[t]].push(t);

  const pos = new Array(n).fill(0);
  const place = () => layers.forEach((row) => row.forEach((t, i) => { pos[t] = i - (row.length - 1) / 2; }));
  place();
  const sweep = (rows: number[][], neighbours: number[][]) => {
    for (const row of rows) {
      const key = new Map(row.map((t) => {
        const ns = neighbours[t];
        return [t, ns.length ? ns.reduce((s, u) => s + pos[u], 0) / ns.length : pos[t]];
      }));
      row.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
      row.forEach((t, i) => { pos[t] = i - (row.length - 1) / 2; });
    }
  };
  for (let i = 0; i < 4; i++) {
    sweep(layers.slice(1), preds);
    sweep(layers.slice(0, -1).reverse(), succs);
  }
  sweep(layers.slice(1), preds);
  return { layer, layers };
}
