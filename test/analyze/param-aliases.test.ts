/** A parameter that is assigned holds what it is assigned; in sloppy code, `arguments[i]` is that parameter. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** What the statement `const r = put(A, 1);` (line 3) changes, with `put` declared on line 2. */
function mutated(put: string, strict = false): string[] {
  const a = analyze(`${strict ? "'use strict';\n" : ''}const A = [], B = [];\n${put}\nconst r = put(A, 1);\nconsole.log(A, B, r);`);
  return [...a.statements.find((s) => s.defines.includes('r'))!.mutates].sort();
}

test('a parameter assigned another object changes that object', () => {
  assert.deepEqual(mutated('function put(list, x) { list = B; list.push(x); return 1; }'), ['A', 'B']);
  assert.deepEqual(mutated('function put(list, x) { for (list of [B]) list.push(x); return 1; }'), ['A', 'B']);
  assert.deepEqual(mutated('function put(list, x) { if (x > 0) list = B; return list.push(x); }'), ['A', 'B']);
  // Walking a chain of its own parameter terminates.
  assert.deepEqual(mutated('function put(node, x) { while (node.next) node = node.next; node.push(x); return 1; }'), ['A']);
  // A parameter left alone is its argument only.
  assert.deepEqual(mutated('function put(list, x) { list.push(x); return B.length; }'), ['A']);
});

test('sloppy `arguments` and the parameters are one: a write through either reaches the other', () => {
  assert.deepEqual(mutated('function put(list, x) { list = B; arguments[0].push(x); return 1; }'), ['A', 'B']);
  assert.deepEqual(mutated('function put(list, x) { arguments[0] = B; list.push(x); return 1; }'), ['A', 'B']);
  // Handed to code that may write into it: anything.
  const escaped = analyze('const A = [], B = [];\nfunction set(a) { a[0] = B; }\nfunction put(list, x) { set(arguments); list.push(x); return 1; }\nconst r = put(A, 1);\nconsole.log(A, B, r);');
  assert.match(escaped.sequentialReasons[0]?.reason ?? '', /sloppy function's `arguments`/);
  // Strict code has no mapping: `arguments[0] = B` leaves `list` alone.
  assert.deepEqual(mutated('function put(list, x) { arguments[0] = B; list.push(x); return 1; }', true), ['A']);
  // Reading `arguments` alone adds nothing.
  assert.deepEqual(mutated('function put(list, x) { list.push(arguments.length); return [].slice.call(arguments).length; }'), ['A']);
});
