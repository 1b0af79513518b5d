#!/usr/bin/env node
// The `mrnet` executable as npm links it. It is committed (dist/ is not), so that `npm ci` can link
// node_modules/.bin/mrnet before anything is built; it runs the compiled CLI in ../dist/main.js.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write(`mrnet: ${fileURLToPath(main)} is missing: the CLI is not built yet; run \`npm run build\` at the repository root first\n`);
  process.exit(1);
}
await import(main.href);
