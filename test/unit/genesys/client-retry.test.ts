import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API, makeRig, mockLogins, networkError, failure } from './support.js';

const REQ = '/api/v2/gdpr/requests/req-1';
const body = { id: 'req-1', requestType: 'GDPR_EXPORT', status: 'SEARCHING', createdDate: '2026-03-02T10:00:00Z', subject: { userId: 'u1' } };

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  nock.cleanAll();
  mockLogins(1);
});
afterEach(() => {
  nock.cleanAll();
});

function countingReplies(path: string, replies: Array<[number, unknown?, Record<string, string>?]>) {
  let calls = 0;
  nock(API)
    .get(path)
    .times(replies.length)
    .reply(() => {
      const r = replies[Math.min(calls, replies.length - 1)]!;
      calls++;
      return [r[0], r[1] ?? '', r[2] ?? {}];
    });
  return () => calls;
}

describe('429', () => {
  it('waits Retry-After, tells the shared budget, and retries', async () => {
    const paused: number[] = [];
    const calls = countingReplies(REQ, [[429, { code: 'too.many.requests' }, { 'retry-after': '7' }], [200, body]]);
    const { client, sleeps } = makeRig({ onRateLimited: (ms) => paused.push(ms) });
    expect((await client.getRequest('req-1')).status).toBe('SEARCHING');
    expect(sleeps).toEqual([7000]);
    expect(paused).toEqual([7000]);
    expect(calls()).toBe(2);
  });

  it('does not wait a Retry-After beyond the limit: rate_limited with retryAfterMs', async () => {
    const calls = countingReplies(REQ, [[429, {}, { 'retry-after': '600' }]]);
    const { client, sleeps } = makeRig();
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(600_000);
    expect(e.status).toBe(429);
    expect(sleeps).toEqual([]);
    expect(calls()).toBe(1);
  });

  it('gives up as rate_limited once the attempts run out', async () => {
    const calls = countingReplies(REQ, Array.from({ length: 3 }, () => [429, {}, { 'retry-after': '2' }] as [number, unknown, Record<string, string>]));
    const { client, sleeps } = makeRig({ retry: { maxAttempts: 3 } });
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('rate_limited');
    expect(e.retryAfterMs).toBe(2000);
    expect(sleeps).toEqual([2000, 2000]);
    expect(calls()).toBe(3);
  });
});

describe('5xx and network failures', () => {
  it('back off exponentially with jitter, bounded by attempts', async () => {
    const calls = countingReplies(REQ, Array.from({ length: 4 }, () => [503, { code: 'service.unavailable', contextId: 'ctx-503' }, { 'inin-correlation-id': 'corr-503' }] as [number, unknown, Record<string, string>]));
    const { client, sleeps } = makeRig({ retry: { maxAttempts: 4, baseDelayMs: 500 }, random: () => 0.5 });
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('unavailable');
    expect(e.status).toBe(503);
    expect(e.genesysCode).toBe('service.unavailable');
    expect(e.contextId).toBe('ctx-503');
    expect(e.correlationId).toBe('corr-503');
    expect(sleeps).toEqual([250, 500, 1000]);
    expect(calls()).toBe(4);
  });

  it('stop when the total time budget would be exceeded', async () => {
    const calls = countingReplies(REQ, Array.from({ length: 10 }, () => [502] as [number]));
    const { client, sleeps } = makeRig({ retry: { maxAttempts: 10, maxTotalMs: 1000, baseDelayMs: 500 }, random: () => 0.999 });
    expect((await failure(client.getRequest('req-1'))).code).toBe('unavailable');
    expect(sleeps).toEqual([499]); // the next wait (999 ms) would end after 1 s
    expect(calls()).toBe(2);
  });

  it('recover when a later attempt succeeds', async () => {
    countingReplies(REQ, [[500], [504], [200, body]]);
    const { client, sleeps } = makeRig();
    expect((await client.getRequest('req-1')).id).toBe('req-1');
    expect(sleeps).toHaveLength(2);
  });

  it('retry a dropped connection, then report unavailable', async () => {
    nock(API).get(REQ).times(2).replyWithError(networkError('ECONNRESET', 'socket hang up'));
    const { client, sleeps } = makeRig({ retry: { maxAttempts: 2 } });
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('unavailable');
    expect(e.status).toBeUndefined();
    expect(e.message).toMatch(/could not be reached/);
    expect(sleeps).toHaveLength(1);
  });

  it('treat a timeout as unavailable', async () => {
    // real time, with a wide margin so a busy machine does not time out the login instead
    nock(API).get(REQ).delay(10_000).reply(200, body);
    const { client } = makeRig({ timeoutMs: 1_000, retry: { maxAttempts: 1 } });
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('unavailable');
    expect(e.message).toMatch(/did not answer in time/);
  });

  it('do not retry a 501', async () => {
    const calls = countingReplies(REQ, [[501], [200, body]]);
    const { client } = makeRig();
    expect((await failure(client.getRequest('req-1'))).code).toBe('unavailable');
    expect(calls()).toBe(1);
  });
});

describe('other statuses', () => {
  it('404 is not_found, 400 is bad_request, neither retried', async () => {
    const notFound = countingReplies(REQ, [[404, { code: 'not.found' }], [200, body]]);
    const { client } = makeRig();
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('not_found');
    expect(e.genesysCode).toBe('not.found');
    expect(notFound()).toBe(1);

    nock(API).get('/api/v2/gdpr/requests/bad').reply(400, { code: 'bad.request', status: 400, contextId: 'ctx-400', message: 'echo of input' });
    const bad = await failure(client.getRequest('bad'));
    expect(bad.code).toBe('bad_request');
    expect(bad.contextId).toBe('ctx-400');
    expect(bad.message).not.toMatch(/echo of input/);
  });

  it('a 403 names the missing permission', async () => {
    nock(API).get(REQ).reply(403, { code: 'missing.permissions' });
    const { client } = makeRig();
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('permission_missing');
    expect(e.permission).toBe('gdpr:request:view');
    expect(e.message).toMatch(/gdpr:request:view/);
  });

  it('a 2xx with a body that breaks the model is unexpected_response', async () => {
    nock(API).get(REQ).reply(200, { id: 'req-1', status: 'COMPLETED' }, { 'inin-correlation-id': 'corr-z' });
    const { client } = makeRig();
    const e = await failure(client.getRequest('req-1'));
    expect(e.code).toBe('unexpected_response');
    expect(e.correlationId).toBe('corr-z');
  });

  it('a 2xx that is not JSON is unexpected_response', async () => {
    nock(API).get(REQ).reply(200, '<html>maintenance</html>', { 'content-type': 'text/html' });
    const { client } = makeRig();
    expect((await failure(client.getRequest('req-1'))).code).toBe('unexpected_response');
  });

  it('reports every attempt to the metrics hook', async () => {
    countingReplies(REQ, [[503], [200, body]]);
    nock(API).get('/api/v2/gdpr/requests/gone').replyWithError(networkError('ECONNREFUSED'));
    const events: Array<{ operation: string; status: number | 'network' }> = [];
    const { client } = makeRig({ onCall: (e) => events.push({ operation: e.operation, status: e.status }), retry: { maxAttempts: 1 } });
    await failure(client.getRequest('req-1'));
    await failure(client.getRequest('gone'));
    expect(events).toEqual([
      { operation: 'login', status: 200 },
      { operation: 'getRequest', status: 503 },
      { operation: 'getRequest', status: 'network' },
    ]);
  });
});
