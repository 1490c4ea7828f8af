import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TimelineError } from '../../../src/timeline/errors.js';
import { openUrlStream } from '../../../src/timeline/open-url-stream.js';
import { collect } from './fixtures.js';

const BODY = Buffer.from('PK-archive-bytes '.repeat(1000));
// Signed links carry their secret in the query string: it must never surface in an error.
const SIGNATURE = 'X-Amz-Signature=0123456789abcdef';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path === '/archive') {
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': BODY.length });
      res.end(BODY);
    } else if (path === '/chunked') {
      // No content-length: only counting the bytes can catch an oversized body.
      res.writeHead(200, { 'content-type': 'application/zip' });
      for (let i = 0; i < 10; i += 1) res.write(BODY);
      res.end();
    } else if (path === '/empty') {
      res.writeHead(200, { 'content-length': 0 });
      res.end();
    } else {
      res.writeHead(404, { 'content-type': 'application/xml' });
      res.end('<Error>NoSuchKey</Error>');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections(); // undici keeps connections alive for seconds otherwise
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<TimelineError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TimelineError);
  const timelineError = error as TimelineError;
  expect(timelineError.message).not.toContain(SIGNATURE);
  expect(timelineError.message).not.toContain('127.0.0.1');
  return timelineError;
}

describe('openUrlStream', () => {
  it('streams a 200 body as Buffers', async () => {
    const chunks = await collect(await openUrlStream(`${base}/archive?${SIGNATURE}`));
    expect(chunks.every((c) => Buffer.isBuffer(c))).toBe(true);
    expect(Buffer.concat(chunks).equals(BODY)).toBe(true);
  });

  it('streams an empty 200 body as nothing', async () => {
    expect(await collect(await openUrlStream(`${base}/empty`))).toEqual([]);
  });

  it('turns a 404 into download_failed with the status and without the URL', async () => {
    const error = await failure(openUrlStream(`${base}/expired?${SIGNATURE}`));
    expect(error.code).toBe('download_failed');
    expect(error.status).toBe(404);
    expect(error.message).toContain('HTTP 404');
  });

  it('refuses a declared length over maxBytes before reading the body', async () => {
    const error = await failure(openUrlStream(`${base}/archive?${SIGNATURE}`, { maxBytes: BODY.length - 1 }));
    expect(error.code).toBe('too_large');
  });

  it('accepts a body of exactly maxBytes', async () => {
    const chunks = await collect(await openUrlStream(`${base}/archive`, { maxBytes: BODY.length }));
    expect(Buffer.concat(chunks).length).toBe(BODY.length);
  });

  it('stops an undeclared body once it passes maxBytes', async () => {
    const stream = await openUrlStream(`${base}/chunked?${SIGNATURE}`, { maxBytes: BODY.length * 3 });
    const error = await failure(collect(stream));
    expect(error.code).toBe('too_large');
  });

  it('turns a refused connection into download_failed without the URL', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(openUrlStream(`http://127.0.0.1:${port}/archive?${SIGNATURE}`));
    expect(error.code).toBe('download_failed');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('uses the injected fetch', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (input: string | URL | Request) => {
      calls.push(String(input));
      return new Response('abc', { status: 200 });
    }) as typeof fetch;
    const chunks = await collect(await openUrlStream('https://example.invalid/x', { fetch: fakeFetch }));
    expect(calls).toEqual(['https://example.invalid/x']);
    expect(Buffer.concat(chunks).toString()).toBe('abc');
  });

  it('turns a body that breaks mid-stream into download_failed', async () => {
    const broken = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new Uint8Array([1, 2, 3]));
        controller.error(Object.assign(new Error(`reset while reading https://x/?${SIGNATURE}`), { code: 'ECONNRESET' }));
      },
    });
    const fakeFetch = (async () => new Response(broken, { status: 200 })) as typeof fetch;
    const error = await failure(collect(await openUrlStream('https://x/', { fetch: fakeFetch })));
    expect(error.code).toBe('download_failed');
    expect(error.message).toContain('ECONNRESET');
  });
});
