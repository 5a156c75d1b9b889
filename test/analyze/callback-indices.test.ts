/**
 * Stores keyed or valued by what a built-in array method hands its callback: an index is a
 * number, an element of a constant array of string literals is one of those strings. With them
 * the field rules stay on; anything else must still turn them off.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** `result` is plain data only while every store of `time` and `id` is known to be a primitive. */
const script = (extra: string) => `class Queue {
  constructor() { this.items = []; }
  add(e) { this.items.push(e); }
  take() { return this.items.pop(); }
}
function run(n) {
  const q = new Queue();
  for (let i = 0; i < n; i++) q.add({ time: i * 2, id: i });
  let last = 0;
  for (let i = 0; i < n; i++) last = q.take().time;
  return { last };
}
const out = {};
${extra}
const result = run(10);
console.log(result, out);
`;
const kindOf = (extra: string) => analyze(script(extra)).kinds.get('result')?.k;

test('callback indices: stores keyed or valued by an index or a literal name keep the field rules on', () => {
  const data = (extra: string) => assert.equal(kindOf(extra), 'data', extra);
  data('');
  data('const rank = new Float64Array(4); [{ id: 1 }].slice().forEach((r, i) => { rank[r.id] = i; });');
  data('const keys = ["a", "b"].map((k, i) => k + i); keys.forEach((k, i) => { out[k] = i; });');
  data('[3, 4].reduce((acc, x, i) => { acc[x] = i; return acc; }, {});');
  data('function make() { const a = []; a.push(2); return a; }\nmake().forEach((x, i) => { out[x] = i; });');
  data('function fill(list) { list.forEach((x, i) => { out[x] = i; }); }\nfill(Array.from({ length: 3 }));');
  data('const NAMES = ["alpha", "beta"]; NAMES.forEach((n) => { out[n] = [1]; });');
  data('const NAMES = ["alpha", "beta"]; for (const n of NAMES) out[n] = { n, size: NAMES.length };');
  data('const NAMES = ["alpha", "beta"]; const longest = NAMES.reduce((a, n) => (n.length > a ? n.length : a), 0);\nNAMES.forEach((n) => { out[n] = [longest]; });');
});

test('callback indices: other receivers, defined methods and changed name lists turn the field rules off', () => {
  const any = (extra: string) => assert.equal(kindOf(extra), 'any', extra);
  // A Map's forEach passes its keys, which may be objects.
  any('function fill(list) { list.forEach((v, k) => { out[v] = k; }); }\nfill(new Map([[1, { x: 1 }]]));');
  // A stream's map passes an options object.
  any('require("node:stream").Readable.from([1]).map((x, opts) => { out[x] = opts; });');
  // A forEach the script defines, even when defined after the call is seen.
  any('[1].slice().forEach((x, i) => { out[x] = i; });\nconst fake = {}; fake.forEach = (f) => f(1, [9]);');
  any('class Bag { forEach(f) { f(1, [9]); } }\nfunction fill(b) { b.forEach((x, i) => { out[x] = i; }); }\nfill(new Bag());');
  // The list of names may change, or holds a field's name.
  any('const NAMES = ["alpha"]; NAMES.push("time"); for (const n of NAMES) out[n] = [1];');
  any('const NAMES = ["alpha", "time"]; for (const n of NAMES) out[n] = [1];');
  any('let NAMES = ["alpha"]; for (const n of NAMES) out[n] = [1];');
  // A callback may be handed the list itself.
  any('const NAMES = ["alpha"]; NAMES.forEach((n, i, arr) => { arr.push("time"); });\nfor (const n of NAMES) out[n] = [1];');
  any('const NAMES = ["alpha"]; function h(n, i, arr) { arr[0] = "time"; }\nNAMES.forEach(h);\nfor (const n of NAMES) out[n] = [1];');
  any('const NAMES = ["alpha"]; NAMES.forEach(function () { arguments[2][0] = "time"; });\nfor (const n of NAMES) out[n] = [1];');
});
