'use strict';
// Graph algorithms on a generated weighted grid graph with adjacency lists: BFS, Dijkstra, union-find.
const WIDTH = 500;
const HEIGHT = 500;
const RANDOM_EDGES = 1500000;
const RANDOM_NODES = 600000;
const SEED = 4242;

function mulberry32(a) {
  return function () {
    a |= 0; a = (a + 0x6D2B79F5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function buildGrid(w, h, seed) {
  const rand = mulberry32(seed);
  const adj = [];
  for (let i = 0; i < w * h; i++) adj.push([]);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const id = y * w + x;
      if (rand() < 0.08) continue; // walls: node has no outgoing right/down edges
      if (x + 1 < w) {
        const wt = 1 + Math.floor(rand() * 9);
        adj[id].push({ to: id + 1, w: wt });
        adj[id + 1].push({ to: id, w: wt });
      }
      if (y + 1 < h) {
        const wt = 1 + Math.floor(rand() * 9);
        adj[id].push({ to: id + w, w: wt });
        adj[id + w].push({ to: id, w: wt });
      }
    }
  }
  return adj;
}

function bfs(adj, source) {
  const dist = new Int32Array(adj.length).fill(-1);
  const queue = [source];
  dist[source] = 0;
  let head = 0;
  let farthest = source;
  while (head < queue.length) {
    const u = queue[head++];
    for (const e of adj[u]) {
      if (dist[e.to] === -1) {
        dist[e.to] = dist[u] + 1;
        queue.push(e.to);
        farthest = e.to;
      }
    }
  }
  return { reached: queue.length, farthest, depth: dist[farthest] };
}

function bfsFromCorners(adj, w, h) {
  const corners = [0, w - 1, (h - 1) * w, w * h - 1];
  let maxDepth = 0, totalReached = 0, farthest = -1;
  for (const c of corners) {
    const r = bfs(adj, c);
    totalReached += r.reached;
    if (r.depth > maxDepth) { maxDepth = r.depth; farthest = r.farthest; }
  }
  return { reached: totalReached, farthest, depth: maxDepth };
}

function dijkstra(adj, source) {
  const n = adj.length;
  const dist = new Float64Array(n).fill(Infinity);
  const heapNode = [];
  const heapDist = [];
  function push(node, d) {
    let i = heapNode.length;
    heapNode.push(node); heapDist.push(d);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heapDist[p] <= d) break;
      heapNode[i] = heapNode[p]; heapDist[i] = heapDist[p];
      i = p;
    }
    heapNode[i] = node; heapDist[i] = d;
  }
  function pop() {
    const topNode = heapNode[0];
    const lastNode = heapNode.pop(), lastDist = heapDist.pop();
    const size = heapNode.length;
    if (size > 0) {
      let i = 0;
      while (true) {
        let c = 2 * i + 1;
        if (c >= size) break;
        if (c + 1 < size && heapDist[c + 1] < heapDist[c]) c++;
        if (heapDist[c] >= lastDist) break;
        heapNode[i] = heapNode[c]; heapDist[i] = heapDist[c];
        i = c;
      }
      heapNode[i] = lastNode; heapDist[i] = lastDist;
    }
    return topNode;
  }
  dist[source] = 0;
  push(source, 0);
  let settled = 0;
  while (heapNode.length > 0) {
    const d = heapDist[0];
    const u = pop();
    if (d > dist[u]) continue;
    settled++;
    for (const e of adj[u]) {
      const nd = d + e.w;
      if (nd < dist[e.to]) { dist[e.to] = nd; push(e.to, nd); }
    }
  }
  let maxD = 0;
  for (let i = 0; i < n; i++) if (dist[i] !== Infinity && dist[i] > maxD) maxD = dist[i];
  return { settled, maxD, corner: dist[n - 1] };
}

function randomGraphComponents(nNodes, nEdges, seed) {
  const rand = mulberry32(seed);
  const parent = new Int32Array(nNodes);
  const rank = new Uint8Array(nNodes);
  for (let i = 0; i < nNodes; i++) parent[i] = i;
  function find(x) {
    while (parent[x] !== x) { parent[x] = parent[parent[x]]; x = parent[x]; }
    return x;
  }
  let components = nNodes;
  for (let e = 0; e < nEdges; e++) {
    const a = find((rand() * nNodes) | 0), b = find((rand() * nNodes) | 0);
    if (a === b) continue;
    if (rank[a] < rank[b]) parent[a] = b;
    else if (rank[a] > rank[b]) parent[b] = a;
    else { parent[b] = a; rank[a]++; }
    components--;
  }
  const sizes = new Map();
  for (let i = 0; i < nNodes; i++) { const r = find(i); sizes.set(r, (sizes.get(r) || 0) + 1); }
  let largest = 0;
  for (const s of sizes.values()) if (s > largest) largest = s;
  return { components, largest };
}

const grid = buildGrid(WIDTH, HEIGHT, SEED);
const bfsResult = bfsFromCorners(grid, WIDTH, HEIGHT);
const dijkstraResult = dijkstra(grid, 0);
const componentResult = randomGraphComponents(RANDOM_NODES, RANDOM_EDGES, SEED + 1);

console.log('bfs reached', bfsResult.reached, 'farthest', bfsResult.farthest, 'depth', bfsResult.depth);
console.log('dijkstra settled', dijkstraResult.settled, 'max dist', dijkstraResult.maxD, 'corner', dijkstraResult.corner);
console.log('random graph components', componentResult.components, 'largest', componentResult.largest);
