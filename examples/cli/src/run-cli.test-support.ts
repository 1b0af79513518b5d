import { run } from './run.js';

/** Runs `mrnet ARGV…` in this process, as the tests see it: the exit code and everything printed. */
export async function runCli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(argv, { stdout: (s) => void (out += s), stderr: (s) => void (err += s) });
  return { code, out, err };
}
