import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** The Redis URL the global setup found or started. */
export function testRedisUrl(): string {
  return inject('redisUrl');
}

/** A key prefix of its own for each test, so nothing collides with other tests or real data. */
export function testRedisPrefix(label = 't'): string {
  return `gdpr-test:${label}:${randomBytes(6).toString('hex')}:`;
}
