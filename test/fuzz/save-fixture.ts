// Saves a (shrunk) failing program as a fixture folder the regular fixture tests pick up.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileExtension, type Program } from './program.js';

export const FIXTURE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/fuzz-found');

/** Writes fixtures/fuzz-found/<seed>/input.js|input.mjs and options.json; returns the folder. */
export async function saveFixture(program: Program, seed: number, root = FIXTURE_ROOT): Promise<string> {
  const dir = join(root, String(seed));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `input${fileExtension(program.kind)}`), program.code);
  await writeFile(join(dir, 'options.json'), JSON.stringify({ times: program.times }) + '\n');
  return dir;
}
