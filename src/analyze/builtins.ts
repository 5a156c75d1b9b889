/**
 * What we know about the platform without reading its code: which globals, methods and
 * node: modules are pure, which mutate their receiver or an argument, which have effects,
 * and what kind of value they return. Anything not listed is unknown, and unknown is unsafe.
 */
import type { Scope } from '@babel/traverse';
// Types only: `parallelize profile` loads these tables, and importing @babel/types costs ~100 ms.
import type * as t from '@babel/types';

/** A lookup table that never answers for Object.prototype names such as `constructor`. */
function table<V>(entries: Record<string, V>): ReadonlyMap<string, V> {
  return new Map(Object.entries(entries));
}

/**
 * prim: a primitive that clones exactly; data: plain data that clones exactly; any: anything else.
 * RegExp and Error are `any`: a clone loses lastIndex, subclasses and own properties.
 */
export type ValueKind = 'prim' | 'data' | 'any';

export const joinKind = (a: ValueKind, b: ValueKind): ValueKind =>
  a === 'any' || b === 'any' ? 'any' : a === 'data' || b === 'data' ? 'data' : 'prim';

/** Effect categories. All of them keep a statement on the main thread, in source order. */
export type Effect =
  | 'console'
  | 'process'
  | 'fs'
  | 'timers'
  | 'network'
  | 'child_process'
  | 'module'
  | 'exports'
  | 'global'
  | 'dynamic'
  | 'await'
  | 'async'
  | 'unknown';

/** Globals whose plain call is pure, with the kind of value it returns. */
export const pureGlobalCalls = table<ValueKind>({
  parseInt: 'prim', parseFloat: 'prim', isNaN: 'prim', isFinite: 'prim', Number: 'prim', String: 'prim',
  Boolean: 'prim', BigInt: 'prim', encodeURIComponent: 'prim', decodeURIComponent: 'prim', encodeURI: 'prim',
  decodeURI: 'prim', escape: 'prim', unescape: 'prim', atob: 'prim', btoa: 'prim', structuredClone: 'data',
  Array: 'data', Object: 'any', Date: 'prim', RegExp: 'any', Error: 'any', TypeError: 'any', RangeError: 'any',
  SyntaxError: 'any', ReferenceError: 'any', EvalError: 'any', URIError: 'any', Symbol: 'any',
});

/** The typed-array constructors. */
export const typedArrays: readonly string[] = [
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

/** Does the node name one of these globals, not shadowed by a binding of the script? */
export function unshadowed(node: t.Node, scope: Scope, names: readonly string[]): boolean {
  return node.type === 'Identifier' && names.includes(node.name) && !scope.getBinding(node.name);
}

/** Constructors whose `new` is pure, with the kind of instance. */
export const pureConstructors = table<ValueKind>({
  Array: 'data', Object: 'data', Map: 'data', Set: 'data', Date: 'data', RegExp: 'any', Error: 'any',
  TypeError: 'any', RangeError: 'any', SyntaxError: 'any', ReferenceError: 'any', EvalError: 'any',
  URIError: 'any', ArrayBuffer: 'data', SharedArrayBuffer: 'any', DataView: 'data',
  ...Object.fromEntries(typedArrays.map((name) => [name, 'data' as ValueKind])),
  WeakMap: 'any', WeakSet: 'any', WeakRef: 'any', TextEncoder: 'any', TextDecoder: 'any', URL: 'any',
  URLSearchParams: 'any', AggregateError: 'any', Boolean: 'any', Number: 'any', String: 'any', Intl: 'any',
});

/** Global namespaces: member calls are pure unless named in `mutatesArg0` or `effects`. */
export const pureNamespaces = table<{ returns?: Record<string, ValueKind>; mutatesArg0?: string[]; defaultKind: ValueKind }>({
  Math: { defaultKind: 'prim' },
  JSON: { defaultKind: 'prim', returns: { parse: 'data' } },
  Number: { defaultKind: 'prim' },
  String: { defaultKind: 'prim' },
  Array: { defaultKind: 'data', returns: { isArray: 'prim' } },
  Object: {
    defaultKind: 'data',
    // A frozen, sealed or non-extensible object, or one with another prototype, arrives as an ordinary one after a clone.
    returns: { is: 'prim', hasOwn: 'prim', isFrozen: 'prim', isSealed: 'prim', isExtensible: 'prim', getPrototypeOf: 'any', create: 'any', freeze: 'any', seal: 'any', preventExtensions: 'any', setPrototypeOf: 'any' },
    mutatesArg0: ['assign', 'freeze', 'seal', 'preventExtensions', 'setPrototypeOf'],
  },
  Date: { defaultKind: 'prim' },
  BigInt: { defaultKind: 'prim' },
  Symbol: { defaultKind: 'any' },
  Intl: { defaultKind: 'any' },
  performance: { defaultKind: 'prim', returns: { mark: 'any', measure: 'any' } },
  Buffer: { defaultKind: 'any', returns: { byteLength: 'prim', isBuffer: 'prim', compare: 'prim' } },
  crypto: { defaultKind: 'prim', returns: { getRandomValues: 'data' }, mutatesArg0: ['getRandomValues'] },
  // Typed arrays: `from` and `of` make a new array (a copy of what they are given).
  ...Object.fromEntries(typedArrays.map((name) => [name, { defaultKind: 'data' as ValueKind, returns: { BYTES_PER_ELEMENT: 'prim' as ValueKind } }])),
});

/** Globals that are plain values (reading them is pure). */
export const pureGlobalValues = new Set([
  'undefined', 'NaN', 'Infinity', 'Math', 'JSON', 'Number', 'String', 'Boolean', 'Array', 'Object', 'Date',
  'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'Symbol', 'BigInt', 'Error', 'TypeError', 'RangeError',
  'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'ArrayBuffer', 'DataView',
  ...typedArrays, 'Intl', 'TextEncoder', 'TextDecoder', 'URL',
  'URLSearchParams', 'Buffer', 'performance', 'crypto', 'parseInt', 'parseFloat', 'isNaN', 'isFinite',
  'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI', 'escape', 'unescape', 'atob', 'btoa',
  'structuredClone', 'Promise', 'Reflect', '__dirname', '__filename',
]);

/** Globals whose use is an effect of a given category. */
export const effectGlobals = table<Effect>({
  console: 'console',
  process: 'process',
  setTimeout: 'timers', setInterval: 'timers', setImmediate: 'timers', clearTimeout: 'timers',
  clearInterval: 'timers', clearImmediate: 'timers', queueMicrotask: 'async',
  fetch: 'network', WebSocket: 'network', XMLHttpRequest: 'network',
  module: 'exports', exports: 'exports',
  globalThis: 'dynamic', global: 'dynamic', window: 'dynamic', self: 'dynamic', eval: 'dynamic',
  Function: 'dynamic', Proxy: 'dynamic', Atomics: 'dynamic', Reflect: 'dynamic',
  Promise: 'async', require: 'module',
});

/** Method names that never mutate their receiver on any built-in type, with the kind they return. */
export const pureMethods = table<ValueKind | 'receiver'>({
  // arrays and strings
  map: 'receiver', filter: 'receiver', slice: 'receiver', concat: 'receiver', flat: 'receiver', flatMap: 'receiver',
  toSorted: 'receiver', toReversed: 'receiver', toSpliced: 'receiver', with: 'receiver', at: 'receiver',
  find: 'receiver', findLast: 'receiver', reduce: 'any', reduceRight: 'any', forEach: 'prim',
  indexOf: 'prim', lastIndexOf: 'prim', includes: 'prim', findIndex: 'prim', findLastIndex: 'prim', some: 'prim',
  every: 'prim', join: 'prim', keys: 'any', values: 'any', entries: 'any', toString: 'prim' as const, toLocaleString: 'prim' as const,
  valueOf: 'receiver' as const, split: 'data', trim: 'prim', trimStart: 'prim', trimEnd: 'prim', toUpperCase: 'prim',
  toLowerCase: 'prim', padStart: 'prim', padEnd: 'prim', repeat: 'prim', replace: 'prim', replaceAll: 'prim',
  substring: 'prim', substr: 'prim', charAt: 'prim', charCodeAt: 'prim', codePointAt: 'prim', startsWith: 'prim',
  endsWith: 'prim', localeCompare: 'prim', normalize: 'prim', match: 'data', matchAll: 'any', search: 'prim',
  test: 'prim', exec: 'data', toFixed: 'prim', toPrecision: 'prim', toExponential: 'prim',
  // Map / Set reads
  get: 'receiver', has: 'prim',
  // Date reads
  getTime: 'prim', getFullYear: 'prim', getMonth: 'prim', getDate: 'prim', getDay: 'prim', getHours: 'prim',
  getMinutes: 'prim', getSeconds: 'prim', getMilliseconds: 'prim', toISOString: 'prim', toJSON: 'prim',
  toDateString: 'prim', toTimeString: 'prim', getTimezoneOffset: 'prim', getUTCFullYear: 'prim',
  // typed arrays / buffers
  subarray: 'receiver', readUInt8: 'prim', readInt32LE: 'prim', readUInt32LE: 'prim', readDoubleLE: 'prim',
  // hashing chains (crypto.createHash(...).update(...).digest(...)) work on temporaries
  update: 'any', digest: 'prim',
  // functions
  call: 'any', apply: 'any', bind: 'any',
  hasOwnProperty: 'prim' as const, isPrototypeOf: 'prim' as const, propertyIsEnumerable: 'prim' as const,
});

/** Method names that mutate their receiver on built-in types. */
export const mutatingMethods = new Set([
  'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete',
  'clear', 'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds', 'setMilliseconds',
  'setTime', 'write', 'writeUInt8', 'writeInt32LE', 'writeUInt32LE', 'writeDoubleLE', 'lastIndex',
]);

/** What mutating methods return: the receiver itself, one of its elements, or a primitive. */
export const mutatingMethodReturns = table<'receiver' | 'element' | ValueKind>({
  sort: 'receiver', reverse: 'receiver', fill: 'receiver', copyWithin: 'receiver', set: 'receiver', add: 'receiver',
  push: 'prim', unshift: 'prim', delete: 'prim', clear: 'prim', pop: 'element', shift: 'element', splice: 'receiver',
});

/** Methods and functions that return a new container: changing it changes nothing else. */
export const freshContainerMethods = new Set([
  'map', 'filter', 'slice', 'concat', 'flat', 'flatMap', 'toSorted', 'toReversed', 'toSpliced', 'with', 'split',
  'match', 'matchAll', 'keys', 'values', 'entries', 'from', 'of', 'parse', 'fromEntries', 'structuredClone',
  'getOwnPropertyNames', 'exec',
]);

/** Methods whose callback arguments run during the call. */
export const callbackMethods = new Set([
  'map', 'filter', 'forEach', 'reduce', 'reduceRight', 'find', 'findLast', 'findIndex', 'findLastIndex', 'some',
  'every', 'flatMap', 'sort', 'toSorted', 'replace', 'replaceAll', 'from',
]);

/** node: built-in modules: pure ones (calls return values, no observable effect) or an effect category. */
export const builtinModules = table<{ effect?: Effect; pure?: Record<string, ValueKind>; defaultKind?: ValueKind; changesArguments?: string[] }>({
  path: { pure: {}, defaultKind: 'prim' },
  // Members not listed are pure too (defaultKind), but for those that fill or rewire what they are given.
  util: { pure: { format: 'prim', inspect: 'prim', isDeepStrictEqual: 'prim', types: 'any' }, defaultKind: 'any', changesArguments: ['inherits'] },
  crypto: {
    pure: { createHash: 'any', createHmac: 'any', randomBytes: 'any', randomInt: 'prim', randomUUID: 'prim', timingSafeEqual: 'prim', getHashes: 'data', hash: 'prim' },
    defaultKind: 'any',
    changesArguments: ['randomFillSync', 'randomFill', 'webcrypto', 'subtle', 'getRandomValues'],
  },
  zlib: {
    pure: { gzipSync: 'any', gunzipSync: 'any', deflateSync: 'any', inflateSync: 'any', brotliCompressSync: 'any', brotliDecompressSync: 'any', crc32: 'prim' },
    defaultKind: 'any',
  },
  os: { pure: { cpus: 'data', availableParallelism: 'prim', platform: 'prim', arch: 'prim', EOL: 'prim', totalmem: 'prim', endianness: 'prim' } },
  url: { pure: { fileURLToPath: 'prim', pathToFileURL: 'any', format: 'prim' } },
  querystring: { pure: {}, defaultKind: 'any' }, // parse gives objects without a prototype
  string_decoder: { pure: {}, defaultKind: 'any' },
  assert: { pure: {}, defaultKind: 'prim' },
  'assert/strict': { pure: {}, defaultKind: 'prim' },
  buffer: { pure: {}, defaultKind: 'any' },
  fs: { effect: 'fs' },
  'fs/promises': { effect: 'fs' },
  child_process: { effect: 'child_process' },
  http: { effect: 'network' },
  https: { effect: 'network' },
  http2: { effect: 'network' },
  net: { effect: 'network' },
  dgram: { effect: 'network' },
  dns: { effect: 'network' },
  tls: { effect: 'network' },
  timers: { effect: 'timers' },
  'timers/promises': { effect: 'timers' },
  events: { effect: 'unknown' },
  stream: { effect: 'unknown' },
  readline: { effect: 'process' },
  worker_threads: { effect: 'dynamic' },
  cluster: { effect: 'process' },
  process: { effect: 'process' },
  perf_hooks: { pure: { performance: 'any' }, defaultKind: 'any' },
  v8: { effect: 'unknown' },
  vm: { effect: 'dynamic' },
  module: { effect: 'module' },
});

/** `node:fs` → `fs`; returns undefined for files and packages. */
export function builtinName(specifier: string): string | undefined {
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return builtinModules.has(name) ? name : undefined;
}

/**
 * A module's member that is itself one of the modules above (`import { strict as assert } from
 * 'node:assert'`, `const { promises: fsp } = require('fs')`): its calls are that module's.
 */
export function submodule(mod: string, member: string): string | undefined {
  const name = `${mod}/${member}`;
  return (member === 'strict' || member === 'promises') && builtinModules.has(name) ? name : undefined;
}
