/**
 * A member read whose name built-in prototypes keep a function under (`xs.map`, `xs[KEY]` with
 * KEY 'map', `dict[key]` given 'constructor') is a function, which no clone can copy: its value
 * must not be taken for plain data and sent to another thread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

const prelude = `const VOCAB = ['a', 'b'];
const COUNTS = { a: 1, b: 2 };
const ROWS = [{ x: 1 }, { x: 2 }];
function pick(dict, key) { return dict[key]; }`;

function kindOf(line: string): string | undefined {
  return analyze(`${prelude}\n${line}`).kinds.get('v')?.k;
}

test('a built-in method read as a value, by name or by a key that is its name, is no plain data', () => {
  for (const line of [
    'const v = VOCAB.map;', 'const v = ROWS.filter;', "const v = COUNTS['constructor'];", "const KEY = 'ma' + 'p'; const v = VOCAB[KEY];",
    'const v = COUNTS[`to${"String"}`];', "const v = pick(COUNTS, 'const' + 'ructor');", 'const v = ROWS[String(process.argv[2])];',
    "const v = COUNTS['__proto__'];", "const NAMES = ['a', 'map']; const v = NAMES.map((n) => VOCAB[n]);",
  ]) {
    assert.equal(kindOf(line), 'any', line);
  }
});

test('indices, keys that cannot be such a name, and fields the script stores are what the container holds', () => {
  for (const line of [
    'const v = ROWS[1];', 'const i = 1; const v = ROWS[i + 1];', "const v = COUNTS['a'];", 'const v = pick(ROWS, 0);',
    'const a = 1, b = 2; const v = COUNTS[`${a},${b}`];', "const v = pick(COUNTS, 'a');",
    'const stats = { values: [1, 2] }; const v = stats.values;', "const NAMES = ['a', 'b']; const v = NAMES.map((n) => COUNTS[n]);",
  ]) {
    assert.notEqual(kindOf(line), 'any', line);
  }
  assert.equal(kindOf('const v = VOCAB[0];'), 'prim');
  assert.equal(kindOf('const v = ROWS[0];'), 'data');
});
