'use strict';
// JSON round trips of generated object trees.
const TREE_DEPTH = 6;
const BRANCHING = 6;
const ROUND_TRIPS = 4;
const RECORDS = 120000;
const SEED = 555;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildTree(depth, rand, path) {
  const node = {
    name: 'node_' + path,
    weight: Math.round(rand() * 1e6) / 1e3,
    tags: ['t' + Math.floor(rand() * 50), 't' + Math.floor(rand() * 50)],
    active: rand() < 0.5,
    children: [],
  };
  if (depth > 0) {
    for (let i = 0; i < BRANCHING; i++) node.children.push(buildTree(depth - 1, rand, path + '.' + i));
  }
  return node;
}

function sumWeights(node) {
  let s = node.weight;
  for (const c of node.children) s += sumWeights(c);
  return s;
}

function treeRoundTrips(tree, times) {
  let current = tree;
  let totalChars = 0;
  for (let i = 0; i < times; i++) {
    const text = JSON.stringify(current);
    totalChars += text.length;
    current = JSON.parse(text);
    current.weight += 1;
  }
  return { totalChars, weightSum: sumWeights(current) };
}

function recordsPipeline(n, seed) {
  const rand = mulberry32(seed);
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({
      id: i,
      user: { name: 'user' + Math.floor(rand() * 5000), score: rand() * 100 },
      items: [Math.floor(rand() * 100), Math.floor(rand() * 100), Math.floor(rand() * 100)],
      note: rand() < 0.3 ? 'special "quoted" text \u00e9' : null,
    }));
  }
  const byUser = {};
  for (const line of lines) {
    const rec = JSON.parse(line);
    const key = rec.user.name;
    if (!byUser[key]) byUser[key] = { count: 0, total: 0 };
    byUser[key].count++;
    byUser[key].total += rec.items[0] + rec.items[1] + rec.items[2];
  }
  const summary = JSON.stringify(byUser);
  return { users: Object.keys(byUser).length, summaryLength: summary.length, sample: byUser.user42 };
}

const tree = buildTree(TREE_DEPTH, mulberry32(SEED), 'r');
const treeResult = treeRoundTrips(tree, ROUND_TRIPS);
const recordResult = recordsPipeline(RECORDS, SEED + 1);

console.log('tree chars processed', treeResult.totalChars, 'weight sum', treeResult.weightSum.toFixed(3));
console.log('users', recordResult.users, 'summary length', recordResult.summaryLength, 'user42', JSON.stringify(recordResult.sample));
