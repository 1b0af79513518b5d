import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', 'vite.config.ts');

describe('examples/browser vite config', () => {
  it('`vite preview` prints the URL it serves; `vite build` stays quiet', async () => {
    const { preview, resolveConfig } = await import('vite');
    expect((await resolveConfig({ configFile: CONFIG }, 'build', 'production', 'production', false)).logLevel).toBe('warn');
    const lines: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const server = await preview({ configFile: CONFIG, preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false } });
    try {
      server.printUrls(); // what the `vite preview` command does once listening
    } finally {
      spy.mockRestore();
      await server.close();
    }
    // Vite colours its output when CI is set: compare the text without the escape codes.
    // eslint-disable-next-line no-control-regex
    expect(lines.join('\n').replace(/\u001b\[[0-9;]*m/g, '')).toMatch(/Local:.*http:\/\/127\.0\.0\.1:\d+\//);
  }, 60_000);
});
