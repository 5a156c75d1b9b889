/**
 * The machine model the scheduler plans with (worker start-up, message latency, clone
 * bandwidth of structured data and of flat numeric data): measured once by `parallelize
 * calibrate` and kept in the user's cache folder, `$PARALLELIZE_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/parallelize`, else `~/.cache/parallelize`. Without a readable measurement
 * the planner uses the defaults of src/schedule/script.ts. A file from before flatBandwidth
 * existed stored min(flat, objects) as `bandwidth`: that rate stands for both, as it did then.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { defaultPlatform } from '../schedule/script.js';
import type { Platform } from '../schedule/types.js';

/** What calibration measures: the platform without the thread count (that is a per-plan choice). */
export type MachineModel = Pick<Platform, 'latency' | 'bandwidth' | 'startup'> & { flatBandwidth: number };

export interface StoredPlatform extends Omit<MachineModel, 'flatBandwidth'> {
  /** Absent in files written before it was measured. */
  flatBandwidth?: number;
  /** ISO date of the measurement. */
  measuredAt: string;
  /** process.version that measured it. */
  node: string;
  /** Logical CPUs of the machine. */
  cpus: number;
}

export function platformFile(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.PARALLELIZE_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'parallelize');
  return join(dir, 'platform.json');
}

/** Stores a measurement; returns the file written. */
export function savePlatform(p: StoredPlatform, env: NodeJS.ProcessEnv = process.env): string {
  const file = platformFile(env);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(p, null, 2) + '\n');
  return file;
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/** The stored measurement, or null when there is none or it is not usable. */
export function readStoredPlatform(env: NodeJS.ProcessEnv = process.env): StoredPlatform | null {
  try {
    const data = JSON.parse(readFileSync(platformFile(env), 'utf8')) as Partial<StoredPlatform>;
    if (!positive(data.latency) || !positive(data.bandwidth) || !positive(data.startup)) return null;
    if (data.flatBandwidth !== undefined && !positive(data.flatBandwidth)) return null;
    return data as StoredPlatform;
  } catch {
    return null;
  }
}

/** The machine model to plan with: the stored measurement, else the defaults. */
export function loadPlatform(env: NodeJS.ProcessEnv = process.env): MachineModel {
  const stored = readStoredPlatform(env);
  const { latency, bandwidth, flatBandwidth, startup } = stored ?? defaultPlatform;
  return { latency, bandwidth, flatBandwidth: flatBandwidth ?? bandwidth, startup };
}
