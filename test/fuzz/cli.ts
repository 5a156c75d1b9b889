// npm run fuzz -- --count N --seed S [--jobs J] [--save] [--identity] [--print]
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { generateProgram } from './generate.js';
import { formatFailure, fuzzMany } from './run-many.js';
import { saveFixture } from './save-fixture.js';
import { identity, loadTransform } from './transform.js';

const USAGE = `usage: npm run fuzz -- [--count N] [--seed S] [--jobs J] [--save] [--no-shrink] [--identity] [--print]
  --count N     programs to run (default 100)
  --seed S      first seed (default 1); program i uses seed S + i
  --jobs J      concurrent cases (default: available parallelism)
  --save        write each shrunk failure to fixtures/fuzz-found/<seed>/
  --no-shrink   report failures without shrinking
  --identity    test the generator and harness with an identity transform
  --print       print the programs for the seeds instead of running them`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        count: { type: 'string', default: '100' },
        seed: { type: 'string', default: '1' },
        jobs: { type: 'string', default: String(availableParallelism()) },
        save: { type: 'boolean', default: false },
        'no-shrink': { type: 'boolean', default: false },
        identity: { type: 'boolean', default: false },
        print: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const [count, seed, jobs] = [Number(args.count), Number(args.seed), Number(args.jobs)];
  if (![count, seed, jobs].every(Number.isInteger) || count < 0 || jobs < 1) {
    console.error(`--count, --seed and --jobs take integers\n${USAGE}`);
    return 2;
  }
  if (args.print) {
    for (let s = seed; s < seed + count; s++) {
      const p = generateProgram(s);
      console.log(`// seed ${s} (${p.kind}) times ${JSON.stringify(p.times)}\n${p.code}`);
    }
    return 0;
  }
  const transform = args.identity ? identity : await loadTransform();
  if (transform instanceof Error) {
    console.error(`fuzz: ${transform.message}`);
    return 1;
  }
  const summary = await fuzzMany({
    count,
    seed,
    jobs,
    transform,
    shrink: !args['no-shrink'],
    onCase: (s, r, done) => {
      if (!r.ok) console.log(`seed ${s}: ${r.kind}: ${(r.diff ?? '').split('\n')[0]}`);
      if (done % 50 === 0 || done === count) process.stderr.write(`fuzz: ${done}/${count}\n`);
    },
  });
  for (const f of summary.failures) {
    console.log(formatFailure(f));
    if (args.save) console.log(`saved ${await saveFixture(f.shrunk ?? f.program, f.seed)}`);
  }
  const secs = (summary.ms / 1000).toFixed(1);
  console.log(`fuzz: ${summary.passed} passed, ${summary.failures.length} failed (seeds ${seed}..${seed + count - 1}, ${secs} s)`);
  return summary.failures.length ? 1 : 0;
}

process.exitCode = await main();
