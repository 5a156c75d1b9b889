/**
 * Lengths of strings held in a collection: a loop over the characters of each string in a list
 * (edit distances between variants of one sequence) runs as often as the strings are long, and
 * the model follows those lengths through array literals, joins, splits, `+` and function calls;
 * lines pushed from a template give a joined text its length, and compressing it costs by its bytes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';
import { staticCosts } from '../../src/estimate/static-cost.js';

/** Estimated milliseconds of the statement that defines `name`. */
function cost(source: string, name: string): number {
  const a = analyze(source);
  return staticCosts(a)[a.statements.find((s) => s.defines.includes(name))!.id];
}

const distances = (variants: string) => `function editDistance(a, b) {
  const prev = new Uint32Array(b.length + 1);
  const cur = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    prev.set(cur);
  }
  return prev[b.length];
}
function pairwise(seqs) {
  const out = [];
  for (let i = 0; i < seqs.length; i++) for (let j = i + 1; j < seqs.length; j++) out.push(editDistance(seqs[i], seqs[j]));
  return out;
}
const ALPHABET = 'ACGT';
const base = Array.from({ length: 2800 }, (_, i) => ALPHABET[(i * 7 + (i >> 3)) % 4]).join('');
const mutate = (s, every) => s.replace(/./g, (c, i) => (i % every === 0 ? 'A' : c));
const variants = ${variants};
const d = pairwise(variants);
console.log(d.length);`;

test('strings in a list are as long as what made them: 15 pairs of 2800 characters (measured about 500 ms)', () => {
  const made = [
    '[base, mutate(base, 13), mutate(base, 29), mutate(base, 7), base.slice(40) + base.slice(0, 40), mutate(base.split("").reverse().join(""), 17)]',
    '[base, base, base, base, base, base]',
  ];
  for (const v of made) {
    const ms = cost(distances(v), 'd');
    // 15 × 2800 × 2800 inner steps: hundreds of milliseconds to a few seconds, never nothing (it was 0.06 ms).
    assert.ok(ms > 150 && ms < 5000, `${v}: ${ms}`);
  }
  // Strings the model cannot size stay a handful of characters long.
  assert.ok(cost(distances('[process.argv[2], process.argv[3]]'), 'd') < 1);
});

test("joining characters gives a string as long as the list, joining words a few characters each", () => {
  const a = analyze(`const ALPHABET = 'ACGT';
const s = Array.from({ length: 100000 }, (_, i) => ALPHABET[i % 4]).join('');
const w = Array.from({ length: 100000 }, (_, i) => 'w' + i).join(' ');
const t = s.split('').reverse().join('');
function scan(x) { let n = 0; for (let i = 0; i < x.length; i++) n += x.charCodeAt(i); return n; }
const one = scan(s);
const back = scan(t);
const many = scan(w);`);
  const ms = staticCosts(a);
  const of = (name: string) => ms[a.statements.find((st) => st.defines.includes(name))!.id];
  // 100 000 characters each way; words joined with spaces are several characters each.
  assert.ok(Math.abs(of('one') / of('back') - 1) < 0.01, `${of('one')} vs ${of('back')}`);
  assert.ok(of('many') > 3 * of('one'), `${of('many')} vs ${of('one')}`);
});

test('compressing text costs by its bytes: lines made from a template, joined, deflated at level 9 (measured about 700 ms)', () => {
  const logs = (level: number) => `const zlib = require('node:zlib');
function compressLogs(lines) {
  const parts = [];
  for (let i = 0; i < lines; i++) parts.push(\`2023-01-01T00:\${String(i % 60).padStart(2, '0')}:00Z INFO GET /api/users \${i % 900} \${i % 5000}ms\`);
  const raw = Buffer.from(parts.join('\\n'));
  return zlib.deflateSync(raw, { level: ${level} }).length + zlib.gzipSync(raw).length;
}
const zipped = compressLogs(120000);`;
  const high = cost(logs(9), 'zipped');
  const normal = cost(logs(6), 'zipped');
  // About 7 MB of text: hundreds of milliseconds at level 9 (it was 16 ms, a fixed price per call).
  assert.ok(high > 200 && high < 2000, `level 9: ${high}`);
  assert.ok(high > 2 * normal, `level 9 ${high} against level 6 ${normal}`);
});

test("a method named like Object.prototype's (row.toString()) is priced, not turned into NaN", () => {
  const ms = cost(`function render(rounds) {
  const row = [1, 2, 3, 4];
  let n = 0;
  for (let i = 0; i < rounds; i++) n += row.toString().length;
  return n;
}
const total = render(1000000);`, 'total');
  // A million calls of a few dozen operations: tens of milliseconds (it was the 0.1 µs of a cost that is not a number).
  assert.ok(ms > 5 && ms < 500, `${ms}`);
});
