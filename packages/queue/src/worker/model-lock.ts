import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/**
 * A held lease on one model folder: renewed in the background while held, released by
 * `release()`; a crashed holder's lease runs out after `leaseMs`, so the folder is never locked
 * for good.
 *
 * @example
 * ```ts
 * const lock = await acquireModelLock(redis, '/mnt/mrnet/models/acl/sagittal', 60_000);
 * if (lock) try { console.log('writing', lock.key); } finally { await lock.release(); }
 * ```
 */
export interface ModelLock {
  /** The Redis key of the lease. */
  readonly key: string;
  /** Stops renewing and deletes the lease if this holder still has it. */
  release(): Promise<void>;
}

/**
 * Takes the lease on a model folder (`SET key token NX PX leaseMs`), or returns `null` when another
 * job holds it: two jobs never write the same model folder at once, across machines.
 *
 * @example
 * ```ts
 * import { acquireModelLock, connectRedis } from '@mrnet/queue';
 * const redis = connectRedis('redis://127.0.0.1:6379');
 * const lock = await acquireModelLock(redis, '/mnt/mrnet/models/acl/sagittal', 60_000);
 * await lock?.release();
 * ```
 */
export async function acquireModelLock(redis: Redis, folder: string, leaseMs: number): Promise<ModelLock | null> {
  const key = `mrnet:model-lock:${folder}`;
  const token = `${hostname()}:${process.pid}:${randomUUID()}`;
  const ok = await redis.set(key, token, 'PX', leaseMs, 'NX');
  if (ok !== 'OK') return null;
  const timer = setInterval(() => {
    redis.eval(RENEW, 1, key, token, String(leaseMs)).catch(() => undefined);
  }, Math.max(250, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    key,
    async release() {
      clearInterval(timer);
      await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    },
  };
}
