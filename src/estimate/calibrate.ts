/**
 * `parallelize calibrate`: measures on this machine what the scheduler's platform model needs.
 *
 * - start-up: from `new Worker(...)` to its first message, for several workers one after the
 *   other (median);
 * - latency: half a round trip of a small message, sent the way the generated runtime sends
 *   (MessagePort + a SharedArrayBuffer doorbell + Atomics.wait + receiveMessageOnPort; median);
 * - bandwidth: bytes per ms of a structured clone to another thread, for a large Float64Array and
 *   for an array of small objects; the smaller one is kept (conservative: object graphs clone
 *   far slower than flat memory, and over-estimating bandwidth would move too much).
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { serialize } from 'node:v8';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { StoredPlatform } from './platform.js';

export interface Calibration extends StoredPlatform {
  /** Every sample, for the report. */
  details: {
    startupSamples: number[];
    roundTripMs: number;
    bandwidthFloat64: number;
    bandwidthObjects: number;
  };
}

export interface CalibrateOptions {
  /** Workers started for the start-up median (default 7). */
  workers?: number;
  /** Round trips for the latency median (default 300). */
  roundTrips?: number;
  /** Transfers per kind of payload (default 5). */
  transfers?: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A worker that answers every message on its port with a tiny one, the way the runtime waits. */
const ECHO_WORKER = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const { port, bell } = workerData;
parentPort.postMessage('ready');
for (;;) {
  const seen = Atomics.load(bell, 1);
  const m = receiveMessageOnPort(port);
  if (!m) { Atomics.wait(bell, 1, seen); continue; }
  if (m.message === 'stop') break;
  port.postMessage(0);
  Atomics.add(bell, 0, 1);
  Atomics.notify(bell, 0);
}
port.close();
`;

/** Main side of the echo: send, ring, sleep until the answer. Returns the round trip in ms. */
function roundTrip(port: MessagePort, bell: Int32Array, value: unknown): number {
  const t0 = performance.now();
  port.postMessage(value);
  Atomics.add(bell, 1, 1);
  Atomics.notify(bell, 1);
  for (;;) {
    const seen = Atomics.load(bell, 0);
    if (receiveMessageOnPort(port)) return performance.now() - t0;
    if (Atomics.wait(bell, 0, seen, 10_000) === 'timed-out') throw new Error('calibration worker did not answer within 10 s');
  }
}

async function startupSamples(n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const w = new Worker(`require('node:worker_threads').parentPort.postMessage(0)`, { eval: true });
    await new Promise<void>((done, fail) => {
      w.once('message', () => done());
      w.once('error', fail);
    });
    out.push(performance.now() - t0);
    await w.terminate();
  }
  return out;
}

async function withEchoWorker<T>(use: (port: MessagePort, bell: Int32Array) => T): Promise<T> {
  const { port1, port2 } = new MessageChannel();
  const bell = new Int32Array(new SharedArrayBuffer(8));
  const w = new Worker(ECHO_WORKER, { eval: true, workerData: { port: port2, bell }, transferList: [port2] });
  await new Promise<void>((done, fail) => {
    w.once('message', () => done());
    w.once('error', fail);
  });
  try {
    return use(port1, bell);
  } finally {
    port1.postMessage('stop');
    Atomics.add(bell, 1, 1);
    Atomics.notify(bell, 1);
    port1.close();
    await w.terminate();
  }
}

/** Bytes per ms of one kind of payload, net of the small-message round trip. */
function bandwidthOf(port: MessagePort, bell: Int32Array, value: unknown, transfers: number, baseRoundTrip: number): number {
  const bytes = serialize(value).length;
  roundTrip(port, bell, value); // warm-up: first clone of a shape is slower
  const ms = median(Array.from({ length: transfers }, () => roundTrip(port, bell, value)));
  return bytes / Math.max(ms - baseRoundTrip, 1e-3);
}

export async function calibrate(opts: CalibrateOptions = {}): Promise<Calibration> {
  const startups = await startupSamples(opts.workers ?? 7);
  const transfers = opts.transfers ?? 5;
  const { roundTripMs, bandwidthFloat64, bandwidthObjects } = await withEchoWorker((port, bell) => {
    for (let i = 0; i < 20; i++) roundTrip(port, bell, 0); // warm-up
    const rt = median(Array.from({ length: opts.roundTrips ?? 300 }, () => roundTrip(port, bell, 0)));
    const floats = new Float64Array(1_000_000).map((_, i) => i * 0.5);
    const objects = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `item${i}`, ok: i % 2 === 0 }));
    return {
      roundTripMs: rt,
      bandwidthFloat64: bandwidthOf(port, bell, floats, transfers, rt),
      bandwidthObjects: bandwidthOf(port, bell, objects, transfers, rt),
    };
  });
  const round = (x: number, digits: number) => Number(x.toPrecision(digits));
  return {
    startup: round(median(startups), 3),
    latency: round(roundTripMs / 2, 3),
    bandwidth: Math.round(Math.min(bandwidthFloat64, bandwidthObjects)),
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    details: { startupSamples: startups.map((x) => round(x, 3)), roundTripMs: round(roundTripMs, 3), bandwidthFloat64: Math.round(bandwidthFloat64), bandwidthObjects: Math.round(bandwidthObjects) },
  };
}
