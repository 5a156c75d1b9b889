/**
 * A plan as an SVG Gantt chart: one row per thread ("main", "worker 1", …),
 * tasks as labelled boxes, messages between threads as arrows from the
 * producer's finish to the data's arrival, a time axis (ms, or s for long
 * plans), and the estimated makespan marked with a dashed line.
 */
import type { Plan, TaskGraph } from '../schedule/types.js';
import { ARROW_DEFS, esc, fit, formatMs, taskColors, taskLabel, threadName, tickLabel, ticks } from './svg.js';

export interface GanttOptions {
  width?: number;
  rowHeight?: number;
  title?: string;
  /** Draw an arrow per transfer (default true). */
  transfers?: boolean;
}

export function ganttSvg(plan: Plan, graph: TaskGraph, opts: GanttOptions = {}): string {
  const width = opts.width ?? 960;
  const rowH = opts.rowHeight ?? 30;
  const gap = 10, left = 78, right = 24, top = 48, axisH = 46;
  const rows = Math.max(1, plan.threads.length);
  const height = top + rows * (rowH + gap) + axisH;
  const span = Math.max(plan.makespan, 1e-9);
  const plotW = width - left - right;
  const x = (t: number) => left + (t / span) * plotW;
  const rowY = (p: number) => top + p * (rowH + gap);
  const speedup = plan.makespan > 0 ? plan.sequential / plan.makespan : 1;
  const title = opts.title ??
    `${plan.scheduler}: estimated makespan ${formatMs(plan.makespan)} vs ${formatMs(plan.sequential)} sequential (×${speedup.toFixed(2)})`;

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif" font-size="11">`);
  out.push(`<defs>${ARROW_DEFS('gantt-arrow', '#555')}</defs>`);
  out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  out.push(`<text x="${left}" y="22" font-size="14" font-weight="600" fill="#222">${esc(title)}</text>`);

  // Grid and axis.
  const axisY = rowY(rows) + 2;
  // Long plans read better in seconds than in five-digit milliseconds.
  const unit = span >= 10_000 ? 1000 : 1;
  for (const u of ticks(span / unit, Math.max(2, Math.floor(plotW / 90)))) {
    const tx = x(u * unit).toFixed(1);
    out.push(`<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${axisY}" stroke="#eee"/>`);
    out.push(`<line x1="${tx}" y1="${axisY}" x2="${tx}" y2="${axisY + 5}" stroke="#888"/>`);
    out.push(`<text x="${tx}" y="${axisY + 17}" text-anchor="middle" fill="#555">${tickLabel(u)}</text>`);
  }
  out.push(`<line x1="${left}" y1="${axisY}" x2="${left + plotW}" y2="${axisY}" stroke="#888"/>`);
  out.push(`<text x="${left - 8}" y="${axisY + 17}" text-anchor="end" fill="#555">${unit === 1 ? 'ms' : 's'}</text>`);

  // Thread rows.
  for (let p = 0; p < rows; p++) {
    const y = rowY(p);
    out.push(`<rect x="${left}" y="${y}" width="${plotW}" height="${rowH}" fill="${p % 2 ? '#fafafa' : '#f4f6f8'}"/>`);
    out.push(`<text x="${left - 8}" y="${y + rowH / 2 + 4}" text-anchor="end" fill="#333" font-weight="${p === 0 ? 600 : 400}">${threadName(p)}</text>`);
  }

  // Tasks.
  for (const row of plan.threads) {
    for (const slot of row) {
      const task = graph.tasks[slot.task];
      const label = taskLabel(task?.label, slot.task);
      const x0 = x(slot.start), w = Math.max(x(slot.finish) - x0, 1.5), y = rowY(slot.thread);
      const { fill, stroke } = taskColors(slot.task);
      const tip = `${label}\n${formatMs(slot.start)} → ${formatMs(slot.finish)} (${formatMs(slot.finish - slot.start)}) on ${threadName(slot.thread)}`;
      out.push(`<g><title>${esc(tip)}</title>`);
      out.push(`<rect x="${x0.toFixed(1)}" y="${y + 2}" width="${w.toFixed(1)}" height="${rowH - 4}" rx="3" fill="${fill}" stroke="${stroke}"/>`);
      const text = fit(label, w);
      if (text) out.push(`<text x="${(x0 + 4).toFixed(1)}" y="${y + rowH / 2 + 4}" fill="#1a202c">${esc(text)}</text>`);
      out.push('</g>');
    }
  }

  // Messages between threads.
  if (opts.transfers ?? true) {
    for (const tr of plan.transfers) {
      const down = tr.toThread > tr.fromThread;
      const y1 = rowY(tr.fromThread) + (down ? rowH - 2 : 2);
      const y2 = rowY(tr.toThread) + (down ? 2 : rowH - 2);
      out.push(`<line x1="${x(tr.start).toFixed(1)}" y1="${y1}" x2="${x(tr.arrive).toFixed(1)}" y2="${y2}" stroke="#555" stroke-opacity="0.55" stroke-width="1" marker-end="url(#gantt-arrow)"><title>${esc(`task ${tr.from} → task ${tr.to}: sent ${formatMs(tr.start)}, arrives ${formatMs(tr.arrive)}`)}</title></line>`);
    }
  }

  if ((opts.transfers ?? true) && plan.transfers.length > 0) {
    out.push(`<text x="${left + plotW}" y="${axisY + 36}" text-anchor="end" fill="#777">arrows: data sent from one thread to another (leaves when its producer ends)</text>`);
  }

  // Makespan marker.
  const mx = x(plan.makespan).toFixed(1);
  out.push(`<line x1="${mx}" y1="${top - 10}" x2="${mx}" y2="${axisY}" stroke="#c53030" stroke-width="1.5" stroke-dasharray="5 3"/>`);
  out.push(`<text x="${mx}" y="${top - 14}" text-anchor="end" fill="#c53030" font-weight="600">makespan ${esc(formatMs(plan.makespan))}</text>`);
  out.push('</svg>');
  return out.join('\n') + '\n';
}
