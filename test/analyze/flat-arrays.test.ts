/**
 * Flat arrays: a top-level array literal of primitives (`const VOCAB = ['data', 'model']`) that
 * nothing ever stores an object into holds only primitives, so an element picked from it, here or
 * through the script's own functions (`rng.pick(VOCAB)`), shares nothing with it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../src/analyze/index.js';

const prelude = `const VOCAB = ['a', 'b', 'c'];
const G = { count: 0 };
const holder = {};
function first(arr) { return arr[0]; }
function put(arr, x) { arr.push(x); }
function putLocal(x) { const v = VOCAB; v.unshift(x); }
function keep(arr) { holder.list = arr; }
function get() { return VOCAB; }
class Shelf { constructor(words) { this.words = words; } }`;

/** Does the statement that changes what `first(VOCAB)` returns wait for `store`, and the reader of G for it? */
function ordered(store: string): boolean {
  const a = analyze(`${prelude}\n${store}\n{ const w = first(VOCAB); if (typeof w === 'object') w.count = 5; }\nconst count = G.count;`);
  const n = a.statements.length - 1;
  return a.deps.edges.some((e) => e.from === n - 1 && e.to === n);
}

test('flat arrays: any store that may put an object into the array, however it gets there, keeps the element shared', () => {
  for (const store of [
    'VOCAB[0] = G;', 'VOCAB.push(G);', 'VOCAB.unshift(G);', 'VOCAB.splice(0, 0, G);', 'VOCAB.fill(G);',
    'Object.assign(VOCAB, [G]);', 'const B = VOCAB; B.push(G);', 'put(VOCAB, G);', 'putLocal(G);',
    '[VOCAB[0]] = [G];', 'for (VOCAB[0] of [G]);', '({ a: VOCAB[0] } = { a: G });', 'holder.v = VOCAB; holder.v.push(G);',
    'keep(VOCAB); holder.list.unshift(G);', 'get().unshift(G);', 'const s = new Shelf(VOCAB); s.words.unshift(G);',
    'Array.prototype.unshift.call(VOCAB, G);', 'const box = { f() {} }; box.v = VOCAB; box.v.unshift(G);',
  ]) {
    assert.ok(ordered(store), store);
  }
});

test('flat arrays: stores of primitives keep the array flat, and its elements share nothing', () => {
  for (const store of ['VOCAB.push("d");', 'VOCAB[1] = "e" + 1;', 'VOCAB.sort();', 'put(VOCAB, "f");', '']) {
    assert.ok(!ordered(store), store);
    assert.deepEqual(analyze(`${prelude}\n${store}`).kinds.get('VOCAB'), { k: 'data', params: [], flat: true }, store);
  }
});

test('flat arrays: an element picked through a method does not tie two heavy statements together', () => {
  const code = `class Rng {
  constructor(seed) { this.s = seed; }
  next() { this.s = (this.s * 16807) % 2147483647; return this.s / 2147483647; }
  pick(arr) { return arr[Math.floor(this.next() * arr.length)]; }
}
const VOCAB = ['data', 'model', 'cache'];
function words(n) { const rng = new Rng(1); const out = []; for (let i = 0; i < n; i++) out.push(rng.pick(VOCAB)); return out.join(' '); }
function docs(n) {
  const rng = new Rng(2);
  const list = [];
  for (let i = 0; i < n; i++) list.push({ id: i, tags: [rng.pick(VOCAB), rng.pick(VOCAB)] });
  for (const d of list) d.id += 1;
  return list.length;
}
const text = words(1000);
const count = docs(1000);
console.log(text.length, count);`;
  const a = analyze(code);
  const [t, c] = [a.statements.length - 3, a.statements.length - 2];
  assert.ok(!a.statements[c].mutates.includes('VOCAB'), 'changing the documents does not change VOCAB');
  assert.ok(!a.deps.edges.some((e) => e.from === t && e.to === c), 'the two statements are independent');
  assert.equal(a.deps.group.get(t) !== undefined && a.deps.group.get(t) === a.deps.group.get(c), false, 'nor grouped on one thread');
  // The same code over an array of objects: an element is one of them, and changing it changes the array.
  const objects = analyze(code.replace("const VOCAB = ['data', 'model', 'cache'];", "const VOCAB = [{ w: 'data' }, { w: 'model' }];").replace('d.id += 1', 'd.tags[0].w += "!"'));
  assert.ok(objects.statements[c].mutates.includes('VOCAB'));
});

test('flat arrays: an array of objects, or one element of which is an array, is not flat', () => {
  for (const init of ['[G]', '[["a"]]', '["a", G]', '[...VOCAB]', '["a", {}]']) {
    const a = analyze(`const VOCAB = ['a'];\nconst G = { n: 1 };\nconst X = ${init};`);
    assert.notEqual(a.kinds.get('X')?.flat, true, init);
  }
});
