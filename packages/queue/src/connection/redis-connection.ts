import { Redis } from 'ioredis';
import { QueueInputError } from '../errors.js';

/**
 * Checks a Redis URL: `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS). Returns it
 * unchanged, or throws a {@link QueueInputError} naming it (with any password masked).
 *
 * @example
 * ```ts
 * import { checkRedisUrl } from '@mrnet/queue';
 * checkRedisUrl('redis://127.0.0.1:6379'); // 'redis://127.0.0.1:6379'
 * ```
 */
export function checkRedisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new QueueInputError(`--redis: ${maskRedisUrl(url)} is not a URL (expected redis://host:port or rediss://host:port)`, { path: maskRedisUrl(url) });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new QueueInputError(`--redis: ${maskRedisUrl(url)} is not a redis:// or rediss:// URL`, { path: maskRedisUrl(url) });
  }
  if (parsed.hostname === '') throw new QueueInputError(`--redis: ${maskRedisUrl(url)} names no host`, { path: maskRedisUrl(url) });
  return url;
}

/**
 * The URL with its password replaced by `***`, for messages and logs.
 *
 * @example
 * ```ts
 * import { maskRedisUrl } from '@mrnet/queue';
 * maskRedisUrl('redis://:secret@db:6379'); // 'redis://:***@db:6379'
 * ```
 */
export function maskRedisUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@]*@/, '$1***@');
}

/**
 * A Redis connection for BullMQ: `maxRetriesPerRequest: null` (BullMQ's requirement for workers,
 * so that commands wait for a reconnect instead of failing), reconnecting with a capped backoff,
 * TLS for `rediss://`. The caller closes it (`quit()`).
 *
 * @example
 * ```ts
 * import { connectRedis } from '@mrnet/queue';
 * const redis = connectRedis('redis://127.0.0.1:6379');
 * await redis.ping();
 * await redis.quit();
 * ```
 */
export function connectRedis(url: string): Redis {
  checkRedisUrl(url);
  return new Redis(url, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(200 * times, 2000),
    ...(url.startsWith('rediss:') ? { tls: {} } : {}),
  });
}
