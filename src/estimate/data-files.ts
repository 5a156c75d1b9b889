/**
 * The data files a script reads by a path known before it runs (`readFileSync(join(__dirname,
 * 'sales.csv'))`, `'./data.json'`, `new URL('./rows.txt', import.meta.url)`): their size, lines
 * and, for JSON, elements, read from disk at transform time, so that the analyses of what the
 * script reads are priced by its real data and not by a guess. The plan then depends on the data
 * present when the script is transformed, which is the data it is meant for; a file that is not
 * there leaves the size unknown, as before.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import * as t from '@babel/types';

export interface DataFile {
  bytes: number;
  lines: number;
  /** A JSON file's elements: its array's length, or the longest array among its values. */
  elements?: number;
}

/** Files larger than this are sized by their bytes alone (their lines are estimated). */
const READ_LIMIT = 64 * 1024 * 1024;
const BYTES_PER_LINE = 40;

const facts = new Map<string, DataFile | null>();

/** What a file holds, read once per transform process; undefined when it is not there. */
export function dataFile(path: string): DataFile | undefined {
  if (!facts.has(path)) facts.set(path, readFacts(path));
  return facts.get(path) ?? undefined;
}

function readFacts(path: string): DataFile | null {
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return null;
    if (stat.size > READ_LIMIT) return { bytes: stat.size, lines: Math.max(1, Math.round(stat.size / BYTES_PER_LINE)) };
    const text = readFileSync(path, 'utf8');
    let lines = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
    const out: DataFile = { bytes: stat.size, lines };
    if (/\.json$/i.test(path)) out.elements = jsonElements(text);
    return out;
  } catch {
    return null;
  }
}

function jsonElements(text: string): number | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value)) return value.length;
    if (value && typeof value === 'object') {
      let most = Object.keys(value).length;
      for (const v of Object.values(value)) if (Array.isArray(v)) most = Math.max(most, v.length);
      return most;
    }
  } catch {
    /* not JSON after all: sized by its bytes */
  }
  return undefined;
}

/**
 * The file a path expression names, when it is known before the script runs: a string (relative
 * to the script's folder, else the working folder), `__dirname` or `import.meta.dirname` joined
 * with strings (`path.join`, `path.resolve`, a template), `new URL('./x', import.meta.url)`, or a
 * constant holding one of these (`lookup`).
 */
export function knownPath(node: t.Node | null | undefined, scriptFile: string | undefined, lookup: (name: string) => t.Node | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 3) return undefined;
  const folder = scriptFile ? dirname(resolve(scriptFile)) : process.cwd();
  const part = (n: t.Node): string | undefined => {
    if (t.isIdentifier(n)) {
      if (n.name === '__dirname') return folder;
      const bound = lookup(n.name);
      return bound ? knownPath(bound, scriptFile, lookup, depth + 1) : undefined;
    }
    if (t.isStringLiteral(n)) return n.value;
    if (t.isMemberExpression(n) && t.isMetaProperty(n.object) && t.isIdentifier(n.property, { name: 'dirname' })) return folder;
    if (t.isTemplateLiteral(n)) {
      let out = '';
      for (let i = 0; i < n.quasis.length; i++) {
        out += n.quasis[i].value.cooked ?? n.quasis[i].value.raw;
        if (i < n.expressions.length) {
          const inner = part(n.expressions[i]);
          if (inner === undefined) return undefined;
          out += inner;
        }
      }
      return out;
    }
    return undefined;
  };
  if (t.isCallExpression(node)) {
    const callee: t.Node = t.isMemberExpression(node.callee) ? node.callee.property : node.callee;
    const name = t.isIdentifier(callee) ? callee.name : '';
    if (name !== 'join' && name !== 'resolve') return undefined;
    const parts = node.arguments.map((a) => part(a));
    if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
    return name === 'join' ? join(...(parts as string[])) : resolve(folder, ...(parts as string[]));
  }
  if (t.isNewExpression(node) && t.isIdentifier(node.callee, { name: 'URL' })) {
    const base = node.arguments[1];
    const rel = node.arguments[0];
    const fromModule = t.isMemberExpression(base) && t.isMetaProperty(base.object) && t.isIdentifier(base.property, { name: 'url' });
    return fromModule && t.isStringLiteral(rel) ? resolve(folder, rel.value) : undefined;
  }
  const text = part(node);
  if (text === undefined) return undefined;
  if (isAbsolute(text)) return text;
  // Node resolves a relative path against the working folder; the script's own folder is where its data usually is.
  const beside = resolve(folder, text);
  return dataFile(beside) ? beside : resolve(text);
}
