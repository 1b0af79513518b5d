// A real Redis for tests: Debian's redis-server on a free loopback port, with an append-only file
// (fsync always) in a temporary folder so that a restart keeps every job. Tests that need it call
// startRedis(); `.ci/run` installs redis-server where it is missing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RedisServer {
  readonly port: number;
  /** redis://[:password@]127.0.0.1:port */
  readonly url: string;
  /** Stops the server (SIGTERM) and waits for it; the data stay in its folder. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder (jobs survive through the append-only file). */
  restart(): Promise<void>;
  /** Stops it and removes its folder. */
  close(): Promise<void>;
}

/** Whether Debian's redis-server is on this machine (CI installs it; elsewhere tests skip with a reason). */
export const HAVE_REDIS = spawnSync('redis-server', ['--version']).status === 0;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startRedis(options: { password?: string } = {}): Promise<RedisServer> {
  if (!HAVE_REDIS) throw new Error('redis-server is not installed (apt-get install -y redis-server; .ci/run does this)');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'mrnet-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--daemonize', 'no'];
  if (options.password) args.push('--requirepass', options.password);
  let child: ChildProcess | null = null;
  const launch = async (): Promise<void> => {
    const c = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let log = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start on port ${port}:\n${log}`)), 15_000);
      const onData = (b: Buffer): void => {
        log += b.toString();
        if (log.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      };
      c.stdout!.on('data', onData);
      c.stderr!.on('data', onData);
      c.once('exit', (code) => { clearTimeout(timer); reject(new Error(`redis-server exited (${code}) on port ${port}:\n${log}`)); });
    });
  };
  const stop = async (): Promise<void> => {
    const c = child;
    child = null;
    if (c === null || c.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill('SIGTERM');
    });
  };
  await launch();
  return {
    port,
    url: `redis://${options.password ? `:${encodeURIComponent(options.password)}@` : ''}127.0.0.1:${port}`,
    stop,
    restart: async () => { await stop(); await launch(); },
    close: async () => { await stop(); rmSync(dir, { recursive: true, force: true }); },
  };
}
