// Test support shared by the checkpoint-reader tests (not part of the package build).
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'fflate';

/** The committed fixtures made by scripts/fixtures/make_model_fixtures.py. */
export const FIXTURES = new URL('../../fixtures/torch/', import.meta.url);

/** A fixture file's bytes. */
export const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(name, FIXTURES)));

/** The bytes torch.save wrote, from a fixture committed gzip'd twice (see the fixture script). */
export const gz2Fixture = (name: string): Uint8Array => gunzipSync(gunzipSync(fixture(name)));

/** Index of the first element where the arrays differ (or -1); vitest's deep equality is slow on 600k floats. */
export const firstDifference = (a: Float32Array, b: Float32Array): number => {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
};
