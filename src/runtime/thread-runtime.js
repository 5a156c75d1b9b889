function parallelizeRuntime(threads, entry, plan) {
  // Every thread runs this file. The main thread starts the workers at once; each worker runs
  // the shared declarations above, then its own function. Values travel over one MessageChannel
  // per pair of threads. A thread that needs a value blocks with Atomics.wait on its doorbell,
  // so the main thread's event loop stays exactly where the original script would have it.
  const MARK = 'parallelize';
  // The main thread blocks while it waits, so it cannot hear of a worker that dies without a word
  // (out of memory, killed). Each worker therefore holds one end of a lifeline channel whose other
  // end a small watcher thread listens on: when the worker's thread ends, its end closes, and the
  // watcher records it and rings the main thread's doorbell. The watcher is only needed while the
  // main thread blocks, so it starts then: started with the workers, its boot took a core from
  // them (each worker's first statement began about 30 ms later). A lifeline whose worker has
  // already ended still closes once it reaches the watcher.
  const WATCHER = `
    const { workerData } = require('node:worker_threads');
    const { feed, bell, ended } = workerData;
    const ring = new Int32Array(bell), end = new Int32Array(ended);
    feed.on('message', ({ thread, port }) => {
      port.on('message', () => {}); // a listened-to port keeps this thread alive while the worker lives
      port.on('close', () => { Atomics.store(end, thread, 1); Atomics.add(ring, 0, 1); Atomics.notify(ring, 0); });
    });`;
  const { Worker, isMainThread, workerData, receiveMessageOnPort, MessageChannel } = threads;
  const inWorker = !isMainThread && workerData != null && typeof workerData === 'object' && MARK in workerData;
  const me = inWorker ? workerData[MARK].thread : 0;
  plan.order = Object.keys(plan.placement); // statements in source order
  const position = new Map(plan.order.map((key, i) => [key, i]));
  const mailbox = new Map(); // key → values sent to this thread
  const done = new Set(); // keys known finished (main thread: from every thread)
  const errors = new Map(); // order index → { key, error } reported by workers
  // Shared statements (plan.shared) run on whichever sharing thread claims them first: claims
  // holds, per shared statement, 0 while unclaimed, else the claiming thread + 1.
  const sharedAt = new Map((plan.shared || []).map((key, i) => [key, i]));
  let claims;
  let running = null; // worker: the shared statement it is running
  let ports; // thread → MessagePort to it
  let bell; // Int32Array: one doorbell per thread
  let mainAt = -1; // main thread: index of its last finished statement at a gap
  let lost; // Int32Array per worker thread: 0 running, 1 ended
  let unwatched = null; // main thread: [thread, lifeline port] pairs not yet handed to the watcher
  let feed; // main thread: the port that hands lifelines to the watcher (held, so it outlives its messages)
  const final = new WeakSet(); // errors already chosen as the program's error
  // PARALLELIZE_TRACE=FILE (with a script transformed with --trace): how long each statement ran.
  const traceFile = plan.fs ? process.env.PARALLELIZE_TRACE : undefined;
  const trace = []; // { line, thread, ms }
  const traces = new Set(); // main thread: workers whose trace arrived
  let open = null; // the statement this thread is running: { key, start }
  function close() {
    if (open) trace.push({ line: Number(String(open.key).replace(/^'?L|[:'].*$/g, '')), thread: me, ms: performance.now() - open.start });
    open = null;
  }

  let lifeline; // worker: held for the thread's whole life (a collected port would close early)
  if (inWorker) {
    ports = workerData[MARK].ports;
    bell = new Int32Array(workerData[MARK].bell);
    claims = new Int32Array(workerData[MARK].claims);
    lifeline = workerData[MARK].lifeline;
  } else if (plan.threads > 1) {
    collectOnOwnThread();
    bell = new Int32Array(new SharedArrayBuffer(4 * plan.threads));
    claims = new Int32Array(new SharedArrayBuffer(4 * Math.max(1, sharedAt.size)));
    ports = {};
    const theirPorts = Array.from({ length: plan.threads }, () => ({}));
    for (let a = 0; a < plan.threads; a++) {
      for (let b = a + 1; b < plan.threads; b++) {
        const { port1, port2 } = new MessageChannel();
        if (a === 0) ports[b] = port1;
        else theirPorts[a][b] = port1;
        theirPorts[b][a] = port2;
      }
    }
    lost = new Int32Array(new SharedArrayBuffer(4 * plan.threads));
    const lifelines = [];
    for (let t = 1; t < plan.threads; t++) {
      const own = theirPorts[t];
      const { port1: watched, port2: held } = new MessageChannel();
      lifelines.push([t, watched]);
      const data = { [MARK]: { thread: t, ports: own, bell: bell.buffer, claims: claims.buffer, lifeline: held } };
      const worker = new Worker(entry, {
        workerData: data,
        transferList: [...Object.values(own), held],
        argv: process.argv.slice(2),
        resourceLimits: { stackSizeMb: mainStackMb() },
      });
      worker.on('error', () => {}); // reported through the ports; an unheard 'error' would end the program
      worker.unref(); // the main thread waits for what it needs: a worker never keeps the program alive
    }
    unwatched = lifelines;
  }

  /**
   * A worker's stack is 4 MB by default, the main thread's (V8's --stack-size) 984 KB: a recursion
   * that overflows in the original would finish on a worker. A worker gets the main thread's limit
   * instead: node keeps 192 KB of a worker's stack for itself, and 64 KB more covers the frames the
   * runtime adds, so a recursion that fits in the original fits on a worker too.
   */
  function mainStackMb() {
    let kb = 984;
    for (const a of process.execArgv) {
      const m = /^--stack[-_]size=(\d+)$/.exec(a);
      if (m) kb = Number(m[1]);
    }
    return (kb + 192 + 64) / 1024;
  }

  /**
   * When the program's own threads take every core, V8's helpers for the garbage collector
   * compete with them for the cores, so each thread does that work itself: it sweeps its own
   * ArrayBuffers (two threads hashing with Buffers each ran ~10% slower) and scavenges its young
   * objects alone (most of what --single-threaded-gc gains, a few percent). Both flags are read as each sweep or
   * scavenge starts, so they are safe to change while the program runs (node leaves V8's flags
   * writable for v8.setFlagsFromString); turning off concurrent marking this way can crash V8.
   */
  function collectOnOwnThread() {
    const builtin = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule : null;
    try {
      if (builtin && plan.threads >= builtin('node:os').availableParallelism()) {
        builtin('node:v8').setFlagsFromString('--no-concurrent-array-buffer-sweeping');
        builtin('node:v8').setFlagsFromString('--no-parallel-scavenge');
      }
    } catch {
      // Only a speed-up: without it the program runs the same.
    }
  }

  /** The thread that runs a statement: its placement, or for a shared one the thread that claimed it (-1: none yet). */
  function where(key) {
    const i = sharedAt.get(key);
    return i === undefined ? plan.placement[key] : Atomics.load(claims, i) - 1;
  }

  function ring(thread) {
    Atomics.add(bell, thread, 1);
    Atomics.notify(bell, thread);
  }

  function post(to, message) {
    const transfer = message.values ? pack(message.values) : [];
    try {
      ports[to].postMessage(message, transfer);
    } catch (error) {
      // The analysis judged these values cloneable and was wrong: say so, rather than fail obscurely.
      if (error && error.name !== 'DataCloneError') throw error;
      const names = Object.keys(message.values || {}).join(', ');
      throw new Error(`parallelize: ${names} (from statement ${message.key}) cannot be sent to another thread (${error.message}); transform with --workers 1 to run this script in order`);
    }
    ring(to);
  }

  // A large array of numbers travels as a Float64Array (its buffer moved, not copied) and is
  // rebuilt packed on arrival: a structured clone would box every number, and the receiving
  // thread would then read it about half as fast.
  const PACKED = '\u0000parallelize:f64';
  const packable = new Set(plan.packable || []);
  function pack(values) {
    const transfer = [];
    const seen = new Map();
    for (const name of Object.keys(values)) {
      const v = values[name];
      if (!packable.has(name) || !Array.isArray(v) || v.length < 1024) continue;
      if (seen.has(v)) {
        values[name] = seen.get(v);
        continue;
      }
      let numbers = true;
      for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') { numbers = false; break; }
      if (!numbers) continue;
      const wrapped = { [PACKED]: Float64Array.from(v) };
      transfer.push(wrapped[PACKED].buffer);
      seen.set(v, wrapped);
      values[name] = wrapped;
    }
    return transfer;
  }
  function unpack(values) {
    const seen = new Map();
    for (const name of Object.keys(values)) {
      const v = values[name];
      if (v === null || typeof v !== 'object' || !(PACKED in v)) continue;
      if (!seen.has(v)) {
        const f = v[PACKED];
        // push, not new Array(n): a preallocated array is holey, which made reading it ~1.4x slower.
        const out = [];
        for (let i = 0; i < f.length; i++) out.push(f[i]);
        seen.set(v, out);
      }
      values[name] = seen.get(v);
    }
    return values;
  }

  function drain() {
    for (const port of Object.values(ports)) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const msg = m.message;
        if (msg.values) mailbox.set(msg.key, unpack(msg.values));
        if (msg.done) done.add(msg.key);
        if (msg.error) errors.set(position.get(msg.key), msg);
        if (msg.trace) {
          trace.push(...msg.trace);
          traces.add(msg.thread);
        }
      }
    }
  }

  /** Blocks until ready() holds; on the main thread, ends the program when a worker's error must win. */
  function waitUntil(ready, upTo) {
    for (;;) {
      const seen = Atomics.load(bell, me);
      drain();
      if (!inWorker) {
        noticeCrashes();
        decide(upTo);
      }
      if (ready()) return;
      if (unwatched) watchWorkers();
      Atomics.wait(bell, me, seen);
    }
  }

  /** Main thread, before it first blocks: starts the watcher and hands it every lifeline. */
  function watchWorkers() {
    const lifelines = unwatched;
    unwatched = null;
    const { port1, port2 } = new MessageChannel();
    feed = port1;
    const watcher = new Worker(WATCHER, { eval: true, workerData: { feed: port2, bell: bell.buffer, ended: lost.buffer }, transferList: [port2] });
    watcher.unref();
    for (const [thread, port] of lifelines) {
      try {
        feed.postMessage({ thread, port }, [port]);
      } catch {
        Atomics.store(lost, thread, 1); // this thread already heard the lifeline close: its worker has ended
      }
    }
  }

  /** Main thread: a worker that ended with statements unfinished and no error reported has crashed. */
  function noticeCrashes() {
    if (!lost) return;
    const ended = [];
    for (let t = 1; t < plan.threads; t++) {
      if (Atomics.load(lost, t) !== 0) ended.push(t);
    }
    if (ended.length === 0) return;
    // A worker may have posted its last message and ended since the caller drained: drain again,
    // now that its end is seen, so that a finished worker is not taken for a crashed one.
    drain();
    for (const t of ended) {
      const key = plan.order.find((k) => where(k) === t && !done.has(k));
      if (key === undefined || [...errors.values()].some((e) => where(e.key) === t)) continue;
      errors.set(position.get(key), { key, crash: true });
    }
  }

  /** Main thread: the first error in program order wins once everything before it has finished. */
  function decide(upTo) {
    if (errors.size === 0) return;
    const first = Math.min(...errors.keys());
    if (first > upTo) return;
    for (let i = 0; i < first; i++) {
      const key = plan.order[i];
      if (where(key) !== 0 && !done.has(key) && !errors.has(i)) return;
    }
    const entry = errors.get(first);
    if (entry.crash) {
      // As when the original process runs out of memory: a fatal message, then SIGABRT (exit code 134).
      process.stderr.write(`FATAL ERROR: the worker thread running line ${entry.key.replace(/^'?L|'$/g, '')} ended before finishing it (most likely: JavaScript heap out of memory)\n`);
      process.abort();
    }
    throw finalError('own' in entry ? entry.own : revive(entry.error));
  }

  function finalError(error) {
    if (error !== null && (typeof error === 'object' || typeof error === 'function')) final.add(error);
    return error;
  }

  function serialize(error) {
    if (error instanceof Error) {
      const props = {};
      for (const k of Object.keys(error)) {
        try {
          props[k] = structuredClone(error[k]);
        } catch {
          props[k] = String(error[k]);
        }
      }
      // Node prints the stack, whose first line V8 may have written before the constructor set `name`;
      // the original prints it later, with the final name: rebuild that line.
      let stack = typeof error.stack === 'string' ? error.stack : undefined;
      const at = stack ? stack.indexOf('\n    at ') : -1;
      if (at >= 0) stack = String(error) + stack.slice(at);
      return { isError: true, ctor: error.constructor && error.constructor.name, name: error.name, message: error.message, stack, props };
    }
    try {
      // An instance of one of the script's classes (`throw new Failure(2)`) gets its class back on arrival.
      const ctor = error !== null && typeof error === 'object' && error.constructor !== Object ? error.constructor.name : undefined;
      return { isError: false, value: structuredClone(error), ctor };
    } catch {
      return { isError: false, value: String(error) };
    }
  }

  function revive(s) {
    const classes = plan.errorClasses ? plan.errorClasses() : {};
    if (!s.isError) {
      const own = s.ctor && Object.hasOwn(classes, s.ctor) ? classes[s.ctor] : undefined;
      if (typeof own === 'function' && s.value !== null && typeof s.value === 'object') Object.setPrototypeOf(s.value, own.prototype);
      return s.value;
    }
    const own = Object.hasOwn(classes, s.ctor) ? classes[s.ctor] : undefined;
    const builtin = globalThis[s.ctor];
    // Built-ins with their own internal slots (DOMException) must be made by their constructor.
    const standard = ['TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError', 'AggregateError'].includes(s.ctor);
    const Ctor = typeof own === 'function' ? own : standard && typeof builtin === 'function' ? builtin : Error;
    const error = s.ctor === 'DOMException' && typeof DOMException === 'function' ? new DOMException(s.message, s.name) : Reflect.construct(Error, [s.message], Ctor);
    Object.defineProperty(error, 'stack', { value: s.stack, writable: true, configurable: true, enumerable: false });
    Object.assign(error, s.props);
    return error;
  }


  /** Main thread: the statements' times, for `parallelize --profile TRACE` to plan from. */
  function writeTrace() {
    close();
    const statements = trace.sort((a, b) => a.line - b.line).map(({ line, ms, thread }) => ({ line, ms: Math.round(ms * 1000) / 1000, thread }));
    plan.fs.writeFileSync(traceFile, JSON.stringify({ version: 1, trace: true, statements }, null, 2) + '\n');
  }

  /** Main thread, when one of its own statements threw: earlier statements elsewhere may still fail first. */
  function mainFailed(error) {
    if (final.has(error) || plan.threads === 1) throw error;
    let at = plan.order.findIndex((key, i) => i > mainAt && plan.placement[key] === 0 && !sharedAt.has(key));
    if (at < 0) at = plan.order.length;
    errors.set(at, { key: plan.order[at], own: error });
    waitUntil(() => false, at); // decide() throws the error that wins
  }


  let sharedTasks = null; // this thread's sharedWork(...) object
  let ownShare = [];
  let failedShared = -1; // position of the first shared statement this thread saw fail

  /**
   * Claims and runs shared statements; a worker sends each result to the main thread, the main
   * thread keeps its own. A failure is reported like any statement's and the thread goes on with
   * its own statements (an earlier one of them may fail first, or print before the error ends the
   * program); after it, only earlier shared statements are claimed (they may fail first, and none
   * must be left to a thread that has ended; a later one may never end).
   */
  function runShared(keys) {
    for (const key of keys) {
      if (failedShared >= 0 && position.get(key) > failedShared) continue;
      if (Atomics.compareExchange(claims, sharedAt.get(key), 0, me + 1) !== 0) continue;
      if (traceFile) open = { key, start: performance.now() };
      running = key;
      let values;
      let failed = null;
      try {
        values = sharedTasks[key]();
      } catch (error) {
        failed = { error };
      }
      close();
      running = null;
      const at = position.get(key);
      if (failed && (failedShared < 0 || at < failedShared)) failedShared = at;
      if (inWorker) {
        sentDone.add(key);
        post(0, failed ? { key, error: serialize(failed.error) } : { key, values, done: true });
      } else if (failed) errors.set(at, { key, own: failed.error });
      else {
        mailbox.set(key, values);
        done.add(key);
      }
    }
  }

  /**
   * Worker: the statement an error belongs to: the shared one it is running, else its first own
   * statement not yet reported, else (all reported) its first or last one.
   */
  function failingKey(otherwise) {
    if (running) return running;
    const mine = plan.order.filter((key) => plan.placement[key] === me && !sharedAt.has(key));
    return mine.find((k) => !sentDone.has(k)) ?? (otherwise === 'last' ? mine[mine.length - 1] : mine[0]);
  }

  const api = {
    thread: me,

    /** With --trace: a statement starts (its time runs until this thread's next call); null: a copy, not timed. */
    begin(key) {
      if (!traceFile) return;
      close();
      open = key === null ? null : { key, start: performance.now() };
    },

    /** Sends the values a statement produced to another thread (a worker's send to main also says it finished). */
    send(to, key, values) {
      close();
      post(to, { key, values, done: !inWorker || to === 0 });
      if (!inWorker) mainAt = Math.max(mainAt, position.get(key));
    },

    /** Says that a statement finished (workers: to the main thread; main: its own place in the order). */
    done(key) {
      close();
      if (inWorker) post(0, { key, done: true });
      else mainAt = Math.max(mainAt, position.get(key));
    },

    /** Waits for the values a statement on another thread produced for this thread. */
    receive(key) {
      close();
      if (!mailbox.has(key)) waitUntil(() => mailbox.has(key), position.get(key));
      const values = mailbox.get(key);
      mailbox.delete(key);
      return values;
    },

    /** Main thread, before an effect: waits until every statement before `key` has finished. */
    settle(key) {
      close();
      const upTo = position.get(key);
      const pending = () => plan.order.some((k, i) => i < upTo && where(k) !== 0 && !done.has(k));
      // A shared statement this thread ran may have failed: nothing is pending then, but its error wins.
      const failedHere = [...errors.keys()].some((i) => i < upTo);
      if (pending() || failedHere) waitUntil(() => !pending(), upTo);
      mainAt = Math.max(mainAt, upTo - 1);
    },

    /**
     * Runs this thread's own share of the shared statements (`own`, longest first) and keeps `tasks`
     * for help(). Each shared statement goes to whichever thread claims it first.
     */
    share(tasks, own) {
      close();
      sharedTasks = tasks;
      ownShare = own;
      runShared(own);
    },

    /**
     * Runs the shared statements no thread has started, from the end of plan.shared (longest
     * first): the shortest first, as the threads that own them work from the other end.
     */
    help() {
      close();
      runShared(plan.shared.filter((key) => !ownShare.includes(key)).reverse());
    },

    /** Runs this thread's part of the program. */
    run(mainThread, workerThreads) {
      if (inWorker) {
        try {
          workerThreads[me - 1]();
        } catch (error) {
          post(0, { key: failingKey('last'), error: serialize(error) });
        }
        close();
        if (traceFile) post(0, { trace, thread: me });
        return undefined;
      }
      if (traceFile) process.on('exit', writeTrace);
      const finish = () => {
        close();
        if (plan.threads > 1) {
          const pending = () => plan.order.some((k) => where(k) !== 0 && !done.has(k));
          if (pending()) waitUntil(() => !pending(), Infinity);
          decide(Infinity);
          if (traceFile) waitUntil(() => traces.size === plan.threads - 1, Infinity);
        }
      };
      let result;
      try {
        result = mainThread();
      } catch (error) {
        mainFailed(error);
      }
      if (result && typeof result.then === 'function') {
        return result.then(finish, (error) => mainFailed(error));
      }
      finish();
      return undefined;
    },
  };

  // Workers remember what they finished, to name the statement that failed.
  const sentDone = new Set();
  if (inWorker) {
    const { send, done: markDone } = api;
    api.send = (to, key, values) => {
      sentDone.add(key);
      send(to, key, values);
    };
    api.done = (key) => {
      sentDone.add(key);
      markDone(key);
    };
    // A worker that calls process.exit or fails asynchronously must not leave the main thread waiting.
    process.on('uncaughtException', (error) => {
      post(0, { key: failingKey('first'), error: serialize(error) });
    });
  }
  return api;
}
