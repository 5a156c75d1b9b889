/**
 * checkPlan: lists every way a plan breaks the execution model (empty list =
 * valid). Independent of the schedulers on purpose, so it can judge them.
 */
import { edgeCost } from './graph.js';
import type { Plan, Platform, Slot, TaskGraph } from './types.js';

const EPS = 1e-6;
const late = (a: number, b: number) => a > b + EPS * Math.max(1, Math.abs(b));

export function checkPlan(graph: TaskGraph, platform: Platform, plan: Plan): string[] {
  const problems: string[] = [];
  const n = graph.tasks.length;
  const slotOf: (Slot | undefined)[] = new Array(n);
  if (!Array.isArray(plan?.threads)) return ['plan.threads is not an array'];
  if (plan.threads.length > platform.threads) {
    problems.push(`plan uses ${plan.threads.length} threads, platform has ${platform.threads}`);
  }

  let lastFinish = 0;
  plan.threads.forEach((row, p) => {
    let prev: Slot | undefined;
    for (const slot of row) {
      const t = slot.task;
      if (!(Number.isInteger(t) && t >= 0 && t < n)) { problems.push(`thread ${p} has unknown task ${t}`); continue; }
      if (slotOf[t]) problems.push(`task ${t} is scheduled more than once`);
      else slotOf[t] = slot;
      if (slot.thread !== p) problems.push(`task ${t} is in row ${p} but says thread ${slot.thread}`);
      if (late(slot.finish, slot.start + graph.tasks[t].cost) || late(slot.start + graph.tasks[t].cost, slot.finish)) {
        problems.push(`task ${t} lasts ${slot.finish - slot.start}, its cost is ${graph.tasks[t].cost}`);
      }
      const earliest = p === 0 ? 0 : platform.startup;
      if (late(earliest, slot.start)) problems.push(`task ${t} starts at ${slot.start} on thread ${p}, before it is up at ${earliest}`);
      if (prev && late(prev.finish, slot.start)) {
        problems.push(`tasks ${prev.task} and ${t} overlap on thread ${p} (${prev.finish} > ${slot.start})`);
      }
      prev = slot;
      lastFinish = Math.max(lastFinish, slot.finish);
    }
  });
  for (let t = 0; t < n; t++) if (!slotOf[t]) problems.push(`task ${t} is not scheduled`);

  const groupThread = new Map<number, number>();
  for (const task of graph.tasks) {
    const slot = slotOf[task.id];
    if (!slot) continue;
    if (task.pin !== undefined && slot.thread !== task.pin) {
      problems.push(`task ${task.id} is pinned to thread ${task.pin} but runs on ${slot.thread}`);
    }
    if (task.group !== undefined) {
      const other = groupThread.get(task.group);
      if (other === undefined) groupThread.set(task.group, slot.thread);
      else if (other !== slot.thread) problems.push(`group ${task.group} is split over threads ${other} and ${slot.thread}`);
    }
  }

  const transfers = new Map<string, { start: number; arrive: number }[]>();
  for (const tr of plan.transfers ?? []) {
    const key = `${tr.from}>${tr.to}`;
    if (!transfers.has(key)) transfers.set(key, []);
    transfers.get(key)!.push(tr);
  }
  for (const edge of graph.edges) {
    const a = slotOf[edge.from], b = slotOf[edge.to];
    if (!a || !b) continue;
    const cross = a.thread !== b.thread;
    const delay = cross ? edgeCost(edge, platform) : 0;
    if (late(a.finish + delay, b.start)) {
      problems.push(`task ${edge.to} starts at ${b.start}, before the data of task ${edge.from} arrives at ${a.finish + delay}`);
    }
    if (!cross) continue;
    const sent = transfers.get(`${edge.from}>${edge.to}`);
    if (!sent) problems.push(`no transfer for edge ${edge.from} -> ${edge.to} between threads ${a.thread} and ${b.thread}`);
    else if (!sent.some((tr) => !late(a.finish, tr.start) && !late(tr.arrive, b.start))) {
      problems.push(`the transfer for edge ${edge.from} -> ${edge.to} leaves before its producer ends or arrives after its consumer starts`);
    }
  }
  if (late(lastFinish, plan.makespan) || late(plan.makespan, lastFinish)) {
    problems.push(`makespan is ${plan.makespan} but the last task finishes at ${lastFinish}`);
  }
  return problems;
}
