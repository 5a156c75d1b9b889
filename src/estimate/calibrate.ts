/**
 * `parallelize calibrate`: measures on this machine what the scheduler's platform model needs.
 *
 * - start-up: from `new Worker(...)` to its first message, for several workers one after the
 *   other (median);
 * - latency: half a round trip of a small message, sent the way the generated runtime sends
 *   (MessagePort + a SharedArrayBuffer doorbell + Atomics.wait + receiveMessageOnPort; median);
 * - bandwidth: bytes per ms of a structured clone of an array of small objects (structured data);
 * - flatBandwidth: bytes per ms of flat numeric data, timed the way the runtime moves a large
 *   number array (Float64Array.from, transfer of its buffer, rebuild into an Array over there),
 *   for doubles and for integers, and of a Float64Array's plain clone; the smallest is kept
 *   (conservative: over-estimating a rate would move too much). Flat data moves 7-40x faster
 *   than objects, so one rate for both priced it far too high.
 * Bytes are `v8.serialize` lengths, the unit a profile records values in.
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
    /** Plain structured clone of a Float64Array. */
    bandwidthFloat64: number;
    /** The runtime's packed path for an Array of doubles, and of integers (smaller serialized, same work). */
    bandwidthPackedDoubles: number;
    bandwidthPackedIntegers: number;
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

/**
 * A worker that answers every message on its port with a tiny one, the way the runtime waits.
 * A packed array ({ f64 }) is first rebuilt into an Array, as the runtime's unpack does.
 */
const ECHO_WORKER = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const { port, bell } = workerData;
parentPort.postMessage('ready');
let kept = 0;
for (;;) {
  const seen = Atomics.load(bell, 1);
  const m = receiveMessageOnPort(port);
  if (!m) { Atomics.wait(bell, 1, seen); continue; }
  if (m.message === 'stop') break;
  const f = m.message !== null && typeof m.message === 'object' ? m.message.f64 : undefined;
  if (f instanceof Float64Array) {
    const out = new Array(f.length);
    for (let i = 0; i < f.length; i++) out[i] = f[i];
    kept = out.length;
  }
  port.postMessage(0);
  Atomics.add(bell, 0, 1);
  Atomics.notify(bell, 0);
}
port.close();
`;

/**
 * Main side of the echo: send, ring, sleep until the answer. Returns the round trip in ms.
 * `packed`: send a number array as the runtime's pack does, its Float64Array copy transferred.
 */
function roundTrip(port: MessagePort, bell: Int32Array, value: unknown, packed = false): number {
  const t0 = performance.now();
  if (packed) {
    const f64 = Float64Array.from(value as number[]);
    port.postMessage({ f64 }, [f64.buffer]);
  } else port.postMessage(value);
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
function bandwidthOf(port: MessagePort, bell: Int32Array, value: unknown, transfers: number, baseRoundTrip: number, packed = false): number {
  const bytes = serialize(value).length; // also for the packed path: the size a profile records
  roundTrip(port, bell, value, packed); // warm-up: first clone of a shape is slower
  const ms = median(Array.from({ length: transfers }, () => roundTrip(port, bell, value, packed)));
  return bytes / Math.max(ms - baseRoundTrip, 1e-3);
}

export async function calibrate(opts: CalibrateOptions = {}): Promise<Calibration> {
  const startups = await startupSamples(opts.workers ?? 7);
  const transfers = opts.transfers ?? 5;
  const measured = await withEchoWorker((port, bell) => {
    for (let i = 0; i < 20; i++) roundTrip(port, bell, 0); // warm-up
    const rt = median(Array.from({ length: opts.roundTrips ?? 300 }, () => roundTrip(port, bell, 0)));
    const floats = new Float64Array(1_000_000).map((_, i) => i * 0.5);
    // Doubles serialize to 9 bytes each, small integers to 2-4: the packed path costs the same per
    // element, so integers give the lower rate per serialized byte.
    const doubles = Array.from({ length: 1_000_000 }, (_, i) => i * 0.5 + 0.25);
    const integers = Array.from({ length: 1_000_000 }, (_, i) => i);
    const objects = Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `item${i}`, ok: i % 2 === 0 }));
    return {
      roundTripMs: rt,
      bandwidthFloat64: bandwidthOf(port, bell, floats, transfers, rt),
      bandwidthPackedDoubles: bandwidthOf(port, bell, doubles, transfers, rt, true),
      bandwidthPackedIntegers: bandwidthOf(port, bell, integers, transfers, rt, true),
      bandwidthObjects: bandwidthOf(port, bell, objects, transfers, rt),
    };
  });
  const { roundTripMs, bandwidthFloat64, bandwidthPackedDoubles, bandwidthPackedIntegers, bandwidthObjects } = measured;
  const round = (x: number, digits: number) => Number(x.toPrecision(digits));
  return {
    startup: round(median(startups), 3),
    latency: round(roundTripMs / 2, 3),
    bandwidth: Math.round(bandwidthObjects),
    flatBandwidth: Math.round(Math.min(bandwidthFloat64, bandwidthPackedDoubles, bandwidthPackedIntegers)),
    measuredAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    details: {
      startupSamples: startups.map((x) => round(x, 3)),
      roundTripMs: round(roundTripMs, 3),
      bandwidthFloat64: Math.round(bandwidthFloat64),
      bandwidthPackedDoubles: Math.round(bandwidthPackedDoubles),
      bandwidthPackedIntegers: Math.round(bandwidthPackedIntegers),
      bandwidthObjects: Math.round(bandwidthObjects),
    },
  };
}
