/** What `parallelize profile` and `parallelize calibrate` tell the user on stderr. */
import type { Calibration } from '../estimate/calibrate.js';
import type { Profile } from '../estimate/profile-format.js';
import { fmt } from '../schedule/format-time.js';

/** Statements below this share of the run (and below 1 ms) are left out of the table. */
const HEAVY_SHARE = 0.01;
const MAX_ROWS = 20;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}

export function profileSummary(profile: Profile, written: string): string {
  const total = profile.totalMs ?? profile.statements.reduce((s, x) => s + x.ms, 0);
  const lines = [`parallelize: profile of ${profile.file ?? 'the script'} written to ${written} (${fmt(total)} in all)`];
  const heavy = profile.statements.filter((s) => s.ms >= 1 || s.ms >= total * HEAVY_SHARE).sort((a, b) => b.ms - a.ms).slice(0, MAX_ROWS);
  if (heavy.length > 0) {
    lines.push('  line      time  share');
    for (const s of heavy.sort((a, b) => a.line - b.line || (a.index ?? 0) - (b.index ?? 0))) {
      const line = s.index ? `${s.line}#${s.index + 1}` : String(s.line);
      lines.push(`  ${line.padStart(4)}  ${fmt(s.ms).padStart(8)}  ${((100 * s.ms) / Math.max(total, 1e-9)).toFixed(0).padStart(4)}%`);
    }
  } else lines.push('  no statement took 1 ms or more');
  const values = profile.values ?? [];
  if (values.length > 0) {
    lines.push('  crossing values:');
    for (const v of values.slice(0, MAX_ROWS)) {
      const clone = v.cloneable ? '' : `  not cloneable: ${v.reason ?? 'unknown'}`;
      lines.push(`  ${String(v.line).padStart(4)}  ${v.name.padEnd(16)} ${formatBytes(v.bytes).padStart(10)}${clone}`);
    }
    if (values.length > MAX_ROWS) lines.push(`  … and ${values.length - MAX_ROWS} more`);
  }
  if (profile.exitCode) lines.push(`  note: the script exited with code ${profile.exitCode}; the profile covers what ran before.`);
  return lines.join('\n') + '\n';
}

export function calibrationSummary(c: Calibration, file: string): string {
  const mbs = (bytesPerMs: number) => `${(bytesPerMs / 1000).toFixed(0)} MB/s`;
  return [
    'parallelize: measured on this machine',
    `  worker start-up   ${fmt(c.startup)}  (median of ${c.details.startupSamples.length}: ${c.details.startupSamples.map(fmt).join(', ')})`,
    `  message latency   ${fmt(c.latency)}  (half of a ${fmt(c.details.roundTripMs)} round trip)`,
    `  object bandwidth  ${mbs(c.bandwidth)}  (clone of small objects; used for structured values)`,
    `  flat bandwidth    ${mbs(c.flatBandwidth ?? c.bandwidth)}  (used for typed arrays and number arrays: the smallest of packed doubles ${mbs(c.details.bandwidthPackedDoubles)}, packed integers ${mbs(c.details.bandwidthPackedIntegers)}, Float64Array clone ${mbs(c.details.bandwidthFloat64)})`,
    `  cpus ${c.cpus}, node ${c.node}`,
    `stored in ${file}`,
  ].join('\n') + '\n';
}
