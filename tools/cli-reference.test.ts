import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as cli from '@mrnet/cli';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUT, renderCliReference } from './gen-cli-reference.mjs';

// The committed CLI reference (linked from the README and read on a forge) must say what the
// command definitions say: a flag added or changed without regenerating it fails here.
describe('docs/guides/cli-reference.md', () => {
  it('is what tools/gen-cli-reference.mjs makes from the current command definitions', () => {
    const committed = readFileSync(DEFAULT_OUT as string, 'utf8');
    expect(committed, 'run node tools/gen-cli-reference.mjs and commit the result').toBe((renderCliReference as (c: unknown) => string)(cli));
    expect(DEFAULT_OUT).toBe(join(import.meta.dirname, '..', 'docs', 'guides', 'cli-reference.md'));
  });
});
