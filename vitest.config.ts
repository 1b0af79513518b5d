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
    // One compute thread per plane unless a test asks for slice workers itself (they only pay off
    // on real exam sizes; on tiny test exams each pool start costs more than it saves). Child
    // processes the tests start (the CLI, queue workers) inherit it.
    env: { MRNET_WORKERS: '1' },
  },
});
