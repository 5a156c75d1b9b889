#!/usr/bin/env node
// The command-line entry: runs the compiled CLI (npm install builds it into dist/).
import { readFileSync } from 'node:fs';
import { runCli } from '../dist/cli/main.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => readFileSync(0, 'utf8'),
  isTTY: !!process.stderr.isTTY,
  env: process.env,
});
process.exitCode = code;
