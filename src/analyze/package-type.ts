/** What node reads to decide a .js file's module kind; shared by parse.ts and the profile's parse-only path (src/estimate/profile.ts, outline.ts). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModuleKind } from './parse.js';

/** The nearest package.json "type", as node reads it for a .js file (src/analyze/parse.ts's rule). */
export function packageType(filename: string): ModuleKind | undefined {
  for (let dir = dirname(filename); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return JSON.parse(readFileSync(pkg, 'utf8')).type === 'module' ? 'module' : 'commonjs';
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}
