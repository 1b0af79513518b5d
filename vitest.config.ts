import { defineConfig } from 'vitest/config';

// Tests import sibling packages through their `@mrnet/source` export condition, so a test
// always runs against the sibling's current source rather than a possibly stale dist/.
export default defineConfig({
  resolve: { conditions: ['@mrnet/source'] },
  ssr: { resolve: { conditions: ['@mrnet/source'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'tools/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
