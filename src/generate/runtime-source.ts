/** The runtime that every parallel output carries at its bottom, read from src/runtime as plain JavaScript. */
import { readFileSync } from 'node:fs';

let cached: string | undefined;

export function runtimeSource(factoryName: string): string {
  cached ??= readFileSync(new URL('../runtime/thread-runtime.js', import.meta.url), 'utf8');
  const body = cached.replace(/^function parallelizeRuntime\(/m, `function ${factoryName}(`);
  return `// ── parallelize runtime: threads, messages, in-order errors ${'─'.repeat(20)}\n${body.trimEnd()}`;
}
