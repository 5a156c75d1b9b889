/** A duration in ms as people read it: 2.70 s, 323 ms, 1.5 ms, 44 µs. (No imports: the profile summary loads it alone.) */
export function fmt(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 1) return `${ms.toFixed(ms >= 100 ? 0 : 1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}
