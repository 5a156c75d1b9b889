/**
 * The command line: `parallelize INPUT -o OUTPUT`, plus `graph`, `schedule`, `plot`, `profile`
 * and `calibrate`.
 * Exit codes: 0 success, 1 the transform failed, 2 bad arguments.
 *
 * Each command loads what it uses when it runs: `profile` is timed against a plain run of the
 * script, and the transform pipeline (Babel's traverse, recast, the analysis, the schedulers)
 * would cost it several times node's own start-up. Commander is loaded with `require`, which
 * skips the ES-module wrapper's extra work.
 */
import type { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import * as nodeModule from 'node:module';
import type { TransformOptions, TransformResult } from '../types.js';

const require = nodeModule.createRequire(import.meta.url);
let commanderModule: typeof import('commander') | undefined;
const commander = () => (commanderModule ??= require('commander') as typeof import('commander'));
const diagnosticsModule = () => import('../diagnostics.js');

/** Node's on-disk compile cache where node has it (22.1+): later starts compile less. Never required. */
function enableCompileCache(): void {
  try {
    (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  } catch {
    /* an optimisation only */
  }
}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/** Exit code carried by an error thrown inside a command. */
class UsageError extends Error {}

async function readInput(input: string | undefined, io: CliIO): Promise<{ code: string; filename?: string }> {
  if (input === undefined || input === '-') return { code: io.readStdin() };
  try {
    return { code: readFileSync(input, 'utf8'), filename: input };
  } catch (err) {
    const { diagnostics } = await diagnosticsModule();
    throw diagnostics.readFailed(input, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message);
  }
}

async function readTimes(file: string | undefined): Promise<Record<string, number> | undefined> {
  if (!file) return undefined;
  const { diagnostics } = await diagnosticsModule();
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw diagnostics.badTimesFile(file, (err as Error).message);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw diagnostics.badTimesFile(file, 'not a JSON object');
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (!/^\d+$/.test(k) || typeof v !== 'number' || !(v >= 0)) throw diagnostics.badTimesFile(file, `entry ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}

function positiveInt(name: string) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
}

async function transformFrom(input: string | undefined, opts: { workers?: number; times?: string; profile?: string; scheduler?: string; trace?: boolean; share?: boolean }, io: CliIO): Promise<TransformResult> {
  const { code, filename } = await readInput(input, io);
  const options: TransformOptions = { filename, workers: opts.workers, times: await readTimes(opts.times) };
  if (opts.trace) options.trace = true;
  if (opts.share === false) options.share = false;
  if (opts.profile) options.profile = (await import('../estimate/profile-format.js')).readProfile(opts.profile);
  const { transform } = await import('../transform.js');
  if (opts.scheduler) {
    try {
      options.scheduler = await (await import('../schedule/index.js')).loadScheduler(opts.scheduler);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  return transform(code, options);
}

function writeOut(text: string, file: string | undefined, io: CliIO): void {
  if (file) writeFileSync(file, text);
  else io.stdout(text);
}

const plot = () => import('./plot.js');
const graphFormats = () => import('./graph-formats.js');

export function buildProgram(io: CliIO): Command {
  const { Command: CommandClass, Option } = commander();
  const version = (require('../../package.json') as { version: string }).version;
  const program = new CommandClass('parallelize');
  // Subcommands reuse option names (-o, --times, --profile): without this, the main command's
  // options would take them wherever they stand.
  program.enablePositionalOptions();
  program
    .description('Rewrite a JavaScript script so that its independent top-level statements run in parallel on worker threads.')
    .version(version, '-v, --version')
    .argument('[input]', 'script to transform (stdin when absent or "-")')
    .option('-o, --output <file>', 'write the parallel script here (stdout when absent)')
    .option('-w, --workers <n>', 'at most this many threads, main included', positiveInt('--workers'))
    .option('--times <file>', 'JSON file mapping source lines to milliseconds')
    .option('--profile <file>', 'plan from a profile written by `parallelize profile` (measured times and sizes)')
    .option('--scheduler <name|file>', 'built-in scheduler name or a .js file exporting one')
    .option('--plot <file.svg>', 'also write the plan as a Gantt chart (SVG)')
    .option('--trace', "make the output record each statement's time when run with PARALLELIZE_TRACE=FILE (for --profile)")
    .option('--no-share', 'run every statement on the thread the plan gives it (by default a thread that is done early takes statements not started elsewhere)')
    .option('-q, --quiet', 'do not print warnings')
    .action(async (input: string | undefined, opts) => {
      const result = await transformFrom(input, opts, io);
      writeOut(result.code, opts.output, io);
      if (opts.plot) {
        const [{ renderPlot }, { scriptPlotGraph }] = await Promise.all([plot(), graphFormats()]);
        writeFileSync(opts.plot, renderPlot('gantt', 'svg', result.schedule, scriptPlotGraph(result)));
      }
      if (!opts.quiet) for (const w of result.warnings) io.stderr(`parallelize: ${w.message}\n`);
    });

  program
    .command('graph')
    .description('print the dependency graph between top-level statements')
    .argument('[input]', 'script (stdin when absent or "-")')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'dot', 'mermaid', 'svg']).default('json'))
    .option('-o, --output <file>', 'write here instead of stdout')
    .action(async (input: string | undefined, opts) => {
      const result = await transformFrom(input, {}, io);
      const [{ renderPlot }, { graphDot, graphMermaid, scriptPlotGraph }] = await Promise.all([plot(), graphFormats()]);
      const text =
        opts.format === 'json' ? JSON.stringify(result.graph, null, 2) + '\n'
        : opts.format === 'dot' ? graphDot(result)
        : opts.format === 'mermaid' ? graphMermaid(result)
        : renderPlot('dag', 'svg', null, scriptPlotGraph(result));
      writeOut(text, opts.output, io);
    });

  program
    .command('schedule')
    .description('print the plan for a script, or schedule benchmark graph files (--graph)')
    .argument('[input]', 'script (stdin when absent or "-")')
    .option('-w, --workers <n>', 'threads, main included', positiveInt('--workers'))
    .option('--times <file>', 'JSON file mapping source lines to milliseconds')
    .option('--profile <file>', 'plan from a profile written by `parallelize profile`')
    .option('--scheduler <name|file>', 'built-in scheduler name or a .js file exporting one')
    .option('--no-share', 'no statement leaves the thread the plan gives it')
    .option('--graph <files...>', 'schedule these graph files (.stg, WfFormat .json, our .json) instead of a script')
    .option('--ccr <x>', 'with --graph: every edge costs x × the average task time', (v: string) => {
      const n = Number(v);
      if (!(n >= 0)) throw new UsageError(`--ccr must be a number ≥ 0, got "${v}"`);
      return n;
    })
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text', 'mermaid']).default('text'))
    .option('--plot <file.svg>', 'also write the plan as a Gantt chart (SVG)')
    .action(async (input: string | undefined, opts) => {
      if (opts.graph) {
        if (!opts.workers) throw new UsageError('--graph needs --workers');
        let lines: string[];
        const { runGraphSchedule } = await import('./graph-schedule.js');
        try {
          lines = await runGraphSchedule({ files: opts.graph, workers: opts.workers, scheduler: opts.scheduler, ccr: opts.ccr, format: opts.format === 'text' ? 'text' : 'json' });
        } catch (err) {
          throw new (await diagnosticsModule()).ParallelizeError('GRAPH_FAILED', (err as Error).message);
        }
        io.stdout(lines.join('\n') + '\n');
        return;
      }
      const result = await transformFrom(input, opts, io);
      const [{ renderPlot }, { scriptPlotGraph }, { scheduleText }] = await Promise.all([plot(), graphFormats(), import('./schedule-text.js')]);
      if (opts.plot) writeFileSync(opts.plot, renderPlot('gantt', 'svg', result.schedule, scriptPlotGraph(result)));
      if (opts.format === 'mermaid') io.stdout(renderPlot('gantt', 'mermaid', result.schedule, scriptPlotGraph(result)));
      else io.stdout(scheduleText(result, opts.format));
    });

  program
    .command('plot')
    .description('draw the plan (Gantt chart) or the dependency graph of a script')
    .argument('[input]', 'script (stdin when absent or "-")')
    .addOption(new Option('--kind <kind>', 'what to draw').choices(['gantt', 'dag']).default('gantt'))
    .addOption(new Option('--format <format>', 'picture format').choices(['svg', 'mermaid']).default('svg'))
    .option('-o, --output <file>', 'write here instead of stdout')
    .option('-w, --workers <n>', 'threads, main included', positiveInt('--workers'))
    .option('--times <file>', 'JSON file mapping source lines to milliseconds')
    .option('--profile <file>', 'plan from a profile written by `parallelize profile`')
    .action(async (input: string | undefined, opts) => {
      const result = await transformFrom(input, opts, io);
      const [{ renderPlot }, { scriptPlotGraph }] = await Promise.all([plot(), graphFormats()]);
      writeOut(renderPlot(opts.kind, opts.format, result.schedule, scriptPlotGraph(result)), opts.output, io);
    });

  program
    .command('profile')
    .description('run the script once, instrumented, and record each statement\'s time and each crossing value\'s size (runs your code)')
    .argument('<input>', 'script to run')
    .argument('[args...]', 'arguments for the script (after --)')
    .option('-o, --output <file>', 'write the profile here (default: INPUT.profile.json)')
    .action(async (input: string, args: string[], opts) => {
      enableCompileCache();
      const { runProfileDetailed } = await import('../estimate/profile.js');
      // The summary's code loads while the script runs, not after it.
      let summary: Promise<typeof import('./profile-summary.js')> | undefined;
      const run = await runProfileDetailed(input, {
        args,
        whileRunning: () => {
          summary = import('./profile-summary.js');
          summary.catch(() => {}); // awaited below
        },
      });
      const out = opts.output ?? `${input}.profile.json`;
      writeFileSync(out, JSON.stringify(run.profile, null, 2) + '\n');
      const { profileSummary } = await (summary ?? import('./profile-summary.js'));
      io.stderr(profileSummary(run.profile, out));
    });

  program
    .command('calibrate')
    .description('measure worker start-up, message latency and clone bandwidth on this machine for the planner')
    .action(async () => {
      const [{ calibrate }, { savePlatform }, { calibrationSummary }] = await Promise.all([
        import('../estimate/calibrate.js'), import('../estimate/platform.js'), import('./profile-summary.js'),
      ]);
      const measured = await calibrate();
      const { details: _details, ...stored } = measured;
      const file = savePlatform(stored, io.env);
      io.stdout(calibrationSummary(measured, file));
    });

  // Errors go through our own formatter and exit codes.
  for (const cmd of [program, ...program.commands]) {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: () => {} });
    cmd.showSuggestionAfterError(true);
  }
  return program;
}

/** Runs the CLI and returns the exit code (never throws). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  const { CommanderError } = commander();
  const color = io.isTTY && !io.env.NO_COLOR;
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      io.stderr(`parallelize: ${err.message.replace(/^error: /, '')}\nTry 'parallelize --help'.\n`);
      return 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`parallelize: ${err.message}\nTry 'parallelize --help'.\n`);
      return 2;
    }
    const { formatError } = await diagnosticsModule();
    io.stderr(formatError(err, { color }) + '\n');
    return 1;
  }
}
