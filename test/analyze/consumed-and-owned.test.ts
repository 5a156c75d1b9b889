import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

/** Facts of the statement that declares `name`. */
function statement(code: string, name: string) {
  const s = analyze(code).statements.find((x) => x.defines.includes(name));
  assert.ok(s, `no statement declares ${name}`);
  return s;
}

const gens = `
let limit = 3;
function* upTo(n) { for (let i = 0; i < n && i < limit + 10; i++) yield { i }; }
function* take(iter, k) { let c = 0; for (const v of iter) { if (c++ >= k) return; yield v; } }
function sum(iter) { let s = 0; for (const v of iter) s += v.i; return s; }
`;

test('generators: an iterator used up where it is made has the body’s facts, not an async effect', () => {
  for (const use of ['[...upTo(5)]', 'Array.from(take(upTo(9), 2))', 'sum(upTo(4))', 'new Set(upTo(2))']) {
    const s = statement(`${gens}\nconst r = ${use};`, 'r');
    assert.deepEqual(s.effects, [], use);
    assert.ok(s.reads.includes('limit'), `${use} reads what the body reads`);
  }
  // What it yields is data, so the result may be cloned to another thread.
  const a = analyze(`${gens}\nconst r = [...upTo(5)];`);
  assert.notEqual(a.kinds.get('r')?.k, 'any');
});

test('generators: an iterator kept, or a generator passed as a value, stays in order', () => {
  assert.deepEqual(statement(`${gens}\nconst it = upTo(3);`, 'it').effects, ['async']);
  assert.deepEqual(statement(`${gens}\nconst r = [1, 2].map(upTo);`, 'r').effects, ['async']);
  // take only iterates its parameter, but its own iterator is kept: so is the inner one.
  assert.deepEqual(statement(`${gens}\nconst it = take(upTo(9), 2);`, 'it').effects, ['async']);
});

test('generators: what the body changes through a parameter is the caller’s change', () => {
  const code = `${gens}\nfunction* touch(rows) { for (const r of rows) { r.seen = true; yield r; } }\nconst data = [{}];\nconst r = [...touch(data)];`;
  assert.ok(statement(code, 'r').mutates.includes('data'));
});

const rowsOf = (setup: string) => `
const samples = [3, 1, 2];
function medians(values) {
  const rows = Array.from([2, 1], (n) => new Float64Array(n));
  ${setup}
  rows[0][0] = values[0];
  rows.forEach((row) => row.sort());
  return rows[0][0];
}
const m = medians(samples);
`;

test('typed rows: copying a parameter’s element into a table of typed arrays does not tie the table to it', () => {
  assert.deepEqual(statement(rowsOf(''), 'm').mutates, []);
  // Once a row may be the caller's own array, sorting it sorts the caller's data.
  assert.deepEqual(statement(rowsOf('rows[1] = values;'), 'm').mutates, ['samples']);
});

const groupsOf = (value: string) => `
const orders = [{ r: 'a', t: 2 }, { r: 'a', t: 1 }];
function top(rows) {
  const groups = new Map();
  for (const row of rows) {
    let list = groups.get(row.r);
    if (!list) groups.set(row.r, (list = ${value}));
    list.push(row);
  }
  for (const list of groups.values()) list.sort((a, b) => a.t - b.t);
  return groups.size;
}
const n = top(orders);
`;

test('fresh elements: sorting the groups of a Map of arrays made on the spot changes nothing outside', () => {
  assert.deepEqual(statement(groupsOf('[]'), 'n').mutates, []);
  // A group that is the caller's own array is changed with it.
  assert.deepEqual(statement(groupsOf('rows'), 'n').mutates, ['orders']);
});

test('fresh elements: a top-level Map of arrays is shared state', () => {
  const code = `const groups = new Map();\ngroups.set('a', []);\nconst pushed = groups.get('a').push(1);`;
  assert.ok(statement(code, 'pushed').mutates.includes('groups'));
});

test('strings: sorting matches found in a string does not change the string', () => {
  const code = `
const text = ['b 2', 'a 1'].join('\\n');
function lines(t) {
  const re = /(\\w) (\\d)/g;
  const found = [];
  let m;
  while ((m = re.exec(t)) !== null) found.push(m);
  found.sort((x, y) => (x[1] < y[1] ? -1 : 1));
  found[0].extra = 1;
  return found.length;
}
const count = lines(text);
`;
  assert.deepEqual(statement(code, 'count').mutates, []);
  assert.equal(analyze(code).kinds.get('text')?.k, 'prim');
});

test('fresh elements: what a group holds is not the group', () => {
  // `first` is a row pushed into the group, i.e. the caller's object.
  const code = groupsOf('[]').replace('return groups.size;', "const [first] = groups.get('a');\n  first.t = 0;\n  return groups.size;");
  assert.deepEqual(statement(code, 'n').mutates, ['orders']);
});
