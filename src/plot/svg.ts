/** Small helpers for hand-written SVG: escaping, text fitting, colours, axis ticks. */

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Average glyph width of 11px sans-serif, for fitting labels into boxes without measuring. */
export const CHAR_WIDTH = 6.3;

/** The label cut to fit `width` pixels, with an ellipsis; '' if not even two characters fit. */
export function fit(label: string, width: number, charWidth = CHAR_WIDTH): string {
  const max = Math.floor((width - 6) / charWidth);
  if (max < 2) return '';
  const clean = label.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

const PALETTE = [
  ['#cfe3f7', '#2b6cb0'], ['#d6f0d9', '#2f855a'], ['#fde2c8', '#c05621'], ['#e9ddf7', '#6b46c1'],
  ['#fbd5dc', '#b83250'], ['#d4f1f0', '#2c7a7b'], ['#f7efc2', '#975a16'], ['#e2e8f0', '#4a5568'],
];

/** Fill and stroke for a task: neighbours in source order get different colours. */
export function taskColors(id: number): { fill: string; stroke: string } {
  const [fill, stroke] = PALETTE[id % PALETTE.length];
  return { fill, stroke };
}

/** About `count` round tick values (1, 2 or 5 × 10^k apart) from 0 to max. */
export function ticks(max: number, count = 8): number[] {
  if (!(max > 0)) return [0];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

/** Milliseconds for humans: 0.25 ms, 12 ms, 1.5 s. */
export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100 || Number.isInteger(ms)) return `${Math.round(ms)} ms`;
  if (ms >= 1) return `${Number(ms.toPrecision(3))} ms`;
  if (ms >= 0.001) return `${Number((ms * 1000).toPrecision(3))} µs`;
  return '< 1 µs';
}

/** A tick label: no unit, as few digits as the step needs. */
export function tickLabel(v: number): string {
  return Number(v.toPrecision(6)).toString();
}

export const ARROW_DEFS = (id: string, color: string) =>
  `<marker id="${id}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">` +
  `<path d="M0,0 L10,5 L0,10 z" fill="${color}"/></marker>`;

export const threadName = (p: number) => (p === 0 ? 'main' : `worker ${p}`);
export const taskLabel = (label: string | undefined, id: number) => label ?? `task ${id}`;
