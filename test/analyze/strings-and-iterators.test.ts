/**
 * Two values that share nothing with what made them: a template literal is a string whatever its
 * parts are, and spreading a collection's built-in iterator (`[...totals.entries()]`) gives an
 * array of what the collection holds, plain data when the collection is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

const rows = `function make(n) { const out = []; for (let i = 0; i < n; i++) out.push({ k: 'r' + (i % 3), n: i }); return out; }
const rows = make(9);`;

/** Does the tally statement change `rows` (and so wait before the later reader of rows)? */
function tallyMutatesRows(cur: string): boolean {
  const a = analyze(`${rows}
function tally(list) {
  const totals = new Map();
  for (const r of list) {
    const key = \`\${r.k}/\${r.n % 2}\`;
    const cur = ${cur};
    cur.n += 1;
    totals.set(key, cur);
  }
  return totals.size;
}
const size = tally(rows);
console.log(size, rows[0].n);`);
  return a.statements.find((s) => s.defines.includes('size'))!.mutates.includes('rows');
}

test('a template literal key shares nothing with the row it was made from', () => {
  assert.equal(tallyMutatesRows('totals.get(key) || { n: 0 }'), false);
});

test('a value that may be a row is still the row, whatever the key', () => {
  assert.equal(tallyMutatesRows('totals.get(key) || r'), true);
  assert.equal(tallyMutatesRows('totals.get(key) || list[0]'), true);
});

function kindOf(code: string, name: string) {
  return analyze(code).kinds.get(name)?.k;
}

const counts = `const counts = new Map();
for (const w of ['a', 'b', 'a']) counts.set(w, (counts.get(w) || 0) + 1);`;

test('spreading a built-in iterator of plain data gives plain data', () => {
  for (const expr of ['[...counts.entries()]', '[...counts.values()]', '[...counts.keys()]', 'Array.from(counts.entries())', '[...counts.entries()].map(([w, n]) => ({ w, n }))']) {
    assert.equal(kindOf(`${counts}\nconst out = ${expr};`, 'out'), 'data', expr);
  }
});

test('an iterator kept as it is, a collection holding functions, or a script method of that name is no plain data', () => {
  assert.equal(kindOf(`${counts}\nconst out = counts.entries();`, 'out'), 'any');
  assert.equal(kindOf(`${counts}\ncounts.set('f', () => 1);\nconst out = [...counts.entries()];`, 'out'), 'any');
  assert.equal(kindOf(`${counts}\nconst out = [...counts.values()];\nclass Bag { values() { return [() => 1]; } }`, 'out'), 'any');
});
