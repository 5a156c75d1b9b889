// A user scheduler for `parallelize --scheduler ./examples/my-scheduler.mjs`.
// Greedy earliest start: take tasks in topological order (smallest id first)
// and put each on the thread where it can start soonest (pins honoured; groups
// are ignored to keep it short). It must return a Plan:
// per thread its slots in execution order, and one transfer per edge between threads.

function messageCost(edge, platform) {
  if (edge.cost !== undefined) return edge.cost;
  const bytes = edge.bytes ?? 0;
  return bytes > 0 ? platform.latency + bytes / platform.bandwidth : platform.latency;
}

export default {
  name: 'greedy-earliest-start',
  description: 'Topological order, each task on the thread where it can start first.',
  schedule(graph, platform) {
    const n = graph.tasks.length;
    const preds = Array.from({ length: n }, () => []);
    const waiting = new Array(n).fill(0);
    for (const edge of graph.edges) {
      preds[edge.to].push(edge);
      waiting[edge.to]++;
    }
    const threads = Array.from({ length: platform.threads }, () => []);
    const free = threads.map((_, p) => (p === 0 ? 0 : platform.startup));
    const placed = new Array(n);
    const transfers = [];
    const ready = graph.tasks.filter((t) => waiting[t.id] === 0).map((t) => t.id);
    while (ready.length > 0) {
      ready.sort((a, b) => a - b);
      const id = ready.shift();
      const task = graph.tasks[id];
      let best = null;
      for (let p = 0; p < platform.threads; p++) {
        if (task.pin !== undefined && task.pin !== p) continue;
        let start = free[p];
        for (const e of preds[id]) {
          const from = placed[e.from];
          start = Math.max(start, from.finish + (from.thread === p ? 0 : messageCost(e, platform)));
        }
        if (!best || start < best.start) best = { task: id, thread: p, start, finish: start + task.cost };
      }
      placed[id] = best;
      threads[best.thread].push(best);
      free[best.thread] = best.finish;
      for (const e of preds[id]) {
        const from = placed[e.from];
        if (from.thread !== best.thread) {
          transfers.push({ from: e.from, to: id, fromThread: from.thread, toThread: best.thread,
            start: from.finish, arrive: from.finish + messageCost(e, platform) });
        }
      }
      for (const e of graph.edges) if (e.from === id && --waiting[e.to] === 0) ready.push(e.to);
    }
    const makespan = Math.max(0, ...placed.map((s) => s.finish));
    const sequential = graph.tasks.reduce((sum, t) => sum + t.cost, 0);
    return { scheduler: this.name, threads, transfers, makespan, sequential };
  },
};
