/** A task graph as an SVG picture: layered top-down, labelled boxes with their cost, arrows for dependences. */
import type { TaskGraph } from '../schedule/types.js';
import { layeredLayout } from './layout.js';
import { ARROW_DEFS, esc, fit, formatMs, taskColors, taskLabel } from './svg.js';

export interface DagOptions {
  nodeWidth?: number;
  title?: string;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(1)} MB`;
  if (bytes >= 1e3) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function dagSvg(graph: TaskGraph, opts: DagOptions = {}): string {
  const nodeW = opts.nodeWidth ?? 160, nodeH = 38, hGap = 22, vGap = 54, margin = 24, top = opts.title ? 44 : 16;
  const { layers } = layeredLayout(graph);
  const widest = Math.max(1, ...layers.map((l) => l.length));
  const width = margin * 2 + widest * nodeW + (widest - 1) * hGap;
  const height = top + margin + layers.length * nodeH + Math.max(0, layers.length - 1) * vGap;
  const cx: number[] = [], cy: number[] = [];
  layers.forEach((row, li) => {
    const rowW = row.length * nodeW + (row.length - 1) * hGap;
    row.forEach((t, i) => {
      cx[t] = (width - rowW) / 2 + i * (nodeW + hGap) + nodeW / 2;
      cy[t] = top + li * (nodeH + vGap) + nodeH / 2;
    });
  });

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<defs>${ARROW_DEFS('dag-arrow', '#666')}</defs>`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  if (opts.title) out.push(`<text x="${margin}" y="26" font-size="14" font-weight="600" fill="#222">${esc(opts.title)}</text>`);

  const labelEdges = graph.edges.length <= 60;
  for (const e of graph.edges) {
    const x1 = cx[e.from], y1 = cy[e.from] + nodeH / 2, x2 = cx[e.to], y2 = cy[e.to] - nodeH / 2;
    const bend = Math.min(vGap, (y2 - y1) / 2);
    out.push(`<path d="M${x1.toFixed(1)},${y1} C${x1.toFixed(1)},${y1 + bend} ${x2.toFixed(1)},${y2 - bend} ${x2.toFixed(1)},${y2 - 1}" fill="none" stroke="#666" stroke-opacity="0.7" marker-end="url(#dag-arrow)"/>`);
    const tag = e.cost !== undefined ? formatMs(e.cost) : e.bytes ? formatBytes(e.bytes) : '';
    if (labelEdges && tag) {
      out.push(`<text x="${((x1 + x2) / 2 + 4).toFixed(1)}" y="${((y1 + y2) / 2 + 3).toFixed(1)}" fill="#777" font-size="10">${esc(tag)}</text>`);
    }
  }
  for (const task of graph.tasks) {
    const t = task.id, x = cx[t] - nodeW / 2, y = cy[t] - nodeH / 2;
    const { fill, stroke } = taskColors(t);
    const label = taskLabel(task.label, t);
    const extra = [task.pin !== undefined ? `pin ${task.pin}` : '', task.group !== undefined ? `group ${task.group}` : ''].filter(Boolean).join(', ');
    out.push(`<g><title>${esc(`${label}\n${formatMs(task.cost)}${extra ? `\n${extra}` : ''}`)}</title>`);
    out.push(`<rect x="${x.toFixed(1)}" y="${y}" width="${nodeW}" height="${nodeH}" rx="5" fill="${fill}" stroke="${stroke}"/>`);
    out.push(`<text x="${cx[t].toFixed(1)}" y="${y + 15}" text-anchor="middle" fill="#1a202c">${esc(fit(label, nodeW))}</text>`);
    out.push(`<text x="${cx[t].toFixed(1)}" y="${y + 30}" text-anchor="middle" fill="#555" font-size="10">${esc(formatMs(task.cost) + (extra ? ` · ${extra}` : ''))}</text>`);
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
