#!/usr/bin/env node
// The `mrnet` executable: runs the CLI on process.argv and exits with its code.
import { run } from './run.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: (s) => void process.stdout.write(s),
  stderr: (s) => void process.stderr.write(s),
});
