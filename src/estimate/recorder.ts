/**
 * The recorder: a CommonJS file node preloads (`node --require RECORDER SCRIPT`) before the
 * instrumented script. It puts a non-enumerable object on globalThis that the calls inserted
 * between statements use, and writes the profile when the process exits — also after an uncaught
 * error or process.exit — so the profile never changes what the script prints or how it ends.
 *
 * It is plain JavaScript in a string (not a compiled function) because it runs in the user's
 * process, outside this package, and must not depend on how this package was built.
 */

/** The global the inserted calls use; unlikely to clash with anything a script defines. */
export const RECORDER_GLOBAL = '__parallelizeProfileRecorder$';

/** Walk limits for the faithfulness check: enough to find a class instance, cheap on big data. */
const MAX_DEPTH = 8;
const MAX_ENTRIES = 20_000;
/** Shortest number array the runtime sends packed (src/runtime/thread-runtime.js, `pack`). */
const PACK_MIN = 1024;
/**
 * Arrays longer than four times this are sized from a sample of this many elements: serializing
 * every element costs ~0.5 µs each (110 ms for 200 000 records, 4% of the script measured), a
 * sample ~1 ms, and the total of such data (records of one shape) comes within 1%.
 */
const SAMPLE = 2048;

/**
 * The preload source. It only records when the main thread of this process runs `script`:
 * workers and child processes that inherit node's flags stay untouched.
 *
 * With `gate`, node is started before `script` exists (its start-up then overlaps the analysis
 * that writes it): the preload sleeps until the file `gate` says "go" — or "abort", or the parent
 * is gone — before node goes on to load the script.
 */
export function recorderSource(opts: { out: string; script: string; file: string; gate?: string }): string {
  return `'use strict';
(() => {
  const { isMainThread } = require('node:worker_threads');
  const path = require('node:path');
  if (!isMainThread || path.resolve(process.argv[1] || '') !== ${JSON.stringify(opts.script)}) return;
  const v8 = require('node:v8');
  const fs = require('node:fs');
  const GATE = ${JSON.stringify(opts.gate ?? null)};
  if (GATE !== null) {
    const nap = new Int32Array(new SharedArrayBuffer(4));
    const parent = process.ppid;
    let word = null;
    for (;;) {
      try { word = fs.readFileSync(GATE, 'utf8'); break; } catch { /* not yet */ }
      if (process.ppid !== parent) break;
      Atomics.wait(nap, 0, 0, 1);
    }
    if (word !== 'go') process.exit(0);
  }
  const { types } = require('node:util');
  const { performance } = require('node:perf_hooks');
  const OUT = ${JSON.stringify(opts.out)};
  const start = performance.now();
  const times = new Map();   // "line:index" -> { line, index, ms }
  const values = new Map();  // "line:name" -> { line, name, bytes, cloneable, reason }
  let open = null;
  let openedAt = 0;

  // Prototypes a structured clone reproduces; anything else arrives as a plain object.
  const typed = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
    Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  const faithful = new Set([Object.prototype, Array.prototype, Map.prototype, Set.prototype, Date.prototype,
    RegExp.prototype, ArrayBuffer.prototype, DataView.prototype, Boolean.prototype, Number.prototype,
    String.prototype, BigInt.prototype, ...typed.map((c) => c.prototype)]);
  if (typeof SharedArrayBuffer === 'function') faithful.add(SharedArrayBuffer.prototype);
  const nameOf = (proto) => {
    try { return proto.constructor && proto.constructor.name ? proto.constructor.name : 'an unnamed class'; } catch { return 'a class'; }
  };

  /** Why a value that v8 can serialize would still arrive different, or null. Bounded walk. */
  function unfaithful(root) {
    const seen = new Set();
    const todo = [[root, 0]];
    let budget = ${MAX_ENTRIES};
    while (todo.length > 0 && budget-- > 0) {
      const [v, depth] = todo.pop();
      if (typeof v === 'function') return 'a function';
      if (typeof v === 'symbol') return 'a symbol';
      if (v === null || typeof v !== 'object' || seen.has(v)) continue;
      seen.add(v);
      if (Buffer.isBuffer(v)) return 'a Buffer (it would arrive as a Uint8Array)';
      if (types.isNativeError(v)) return 'an Error (own properties and class are not kept)';
      const proto = Object.getPrototypeOf(v);
      if (proto === null) return 'an object without prototype';
      if (!faithful.has(proto)) return 'an instance of ' + nameOf(proto);
      if (types.isRegExp(v) && v.lastIndex !== 0) return 'a RegExp with lastIndex ' + v.lastIndex;
      if (ArrayBuffer.isView(v) || types.isAnyArrayBuffer(v) || depth >= ${MAX_DEPTH}) continue;
      if (types.isMap(v) || types.isSet(v)) {
        let n = 0;
        for (const entry of v) {
          if (n++ >= budget) break;
          todo.push([entry, depth + 1]);
        }
        continue;
      }
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length && i < budget; i++) todo.push([v[i], depth + 1]);
        continue;
      }
      const keys = Reflect.ownKeys(v);
      for (let i = 0; i < keys.length && i < budget; i++) {
        const k = keys[i];
        if (typeof k === 'symbol') return 'a property keyed by a symbol';
        const d = Object.getOwnPropertyDescriptor(v, k);
        if (!d) continue;
        if (d.get || d.set) return 'an accessor property "' + k + '"';
        if (!d.enumerable) return 'a non-enumerable property "' + k + '"';
        todo.push([d.value, depth + 1]);
      }
    }
    return null;
  }

  /** Flat numeric data: what clones as memory, or a number array the runtime may send packed. */
  function flat(v) {
    if (types.isTypedArray(v) || types.isArrayBuffer(v)) return true;
    if (!Array.isArray(v) || v.length < ${PACK_MIN}) return false;
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false; // stops at the first other
    return true;
  }

  /** What a structured clone of the value copies: v8.serialize's length, from a sample for long arrays. */
  function cloneBytes(value) {
    if (!Array.isArray(value) || types.isProxy(value) || value.length <= ${SAMPLE} * 4) return v8.serialize(value).length;
    // One element at a random position in each of SAMPLE equal stretches: never the same
    // element twice (v8 writes a repeat as a short back-reference), and no even stride that
    // aliases with data repeating with a period (every third record without tags). Our own
    // generator, since Math.random's sequence is the script's. Pushed, not preallocated: v8
    // writes a holey array element by element with its index.
    const sample = [];
    const stretch = value.length / ${SAMPLE};
    let seed = 0x9e3779b9;
    for (let i = 0; i < ${SAMPLE}; i++) {
      seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
      const at = Math.floor(i * stretch + ((seed >>> 0) / 4294967296) * stretch);
      if (!(at in value)) return v8.serialize(value).length; // holes: v8 writes it sparse
      sample.push(value[at]);
    }
    const empty = v8.serialize([]).length;
    return empty + Math.round(((v8.serialize(sample).length - empty) * value.length) / ${SAMPLE});
  }

  function measure(line, name, value) {
    let bytes = 0;
    let reason = null;
    try {
      bytes = cloneBytes(value);
      reason = unfaithful(value);
    } catch (err) {
      reason = 'cannot be cloned (' + (err && err.message ? String(err.message).split('\\n')[0] : String(err)) + ')';
    }
    const key = line + ':' + name;
    const prev = values.get(key);
    const entry = prev || { line, name, bytes: 0, cloneable: true };
    entry.bytes = Math.max(entry.bytes, bytes);
    // Flat only while every measurement is: one structured value makes the binding structured.
    const isFlat = flat(value);
    if (!prev && isFlat) entry.flat = true;
    else if (prev && entry.flat && !isFlat) delete entry.flat;
    if (reason !== null && entry.cloneable) {
      entry.cloneable = false;
      entry.reason = reason;
    }
    values.set(key, entry);
  }

  function add(key, ms) {
    const [line, index] = key;
    const k = line + ':' + index;
    const prev = times.get(k);
    if (prev) prev.ms += ms;
    else times.set(k, index === 0 ? { line, ms } : { line, index, ms });
  }

  const recorder = {
    /** Before a statement. */
    b(line, index) { open = [line, index]; openedAt = performance.now(); },
    /** After it. */
    e() { if (open) add(open, performance.now() - openedAt); open = null; },
    /** A crossing value it wrote. */
    v(line, name, value) { measure(line, name, value); },
  };
  Object.defineProperty(globalThis, ${JSON.stringify(RECORDER_GLOBAL)}, { value: recorder, enumerable: false, configurable: true });

  process.on('exit', (code) => {
    const end = performance.now();
    if (open) add(open, end - openedAt); // process.exit or an error inside a statement
    const round = (x) => Math.round(x * 1000) / 1000;
    const statements = [...times.values()].map((s) => ({ ...s, ms: round(s.ms) })).sort((a, b) => a.line - b.line || (a.index || 0) - (b.index || 0));
    const profile = { version: 1, file: ${JSON.stringify(opts.file)}, node: process.version, totalMs: round(end - start),
      exitCode: code, statements, values: [...values.values()].sort((a, b) => a.line - b.line || (a.name < b.name ? -1 : 1)) };
    try { fs.writeFileSync(OUT, JSON.stringify(profile)); } catch { /* the caller reports a missing profile */ }
  });
})();
`;
}
