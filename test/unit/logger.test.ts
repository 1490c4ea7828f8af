import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  });
  return { logger, text: () => lines.join('') };
}

describe('logger redaction', () => {
  it('hides tokens, secrets, links, emails and message text at any usual depth', () => {
    const { logger, text } = capture();
    logger.info({ token: 'xoxb-secret-1', clientSecret: 'gen-secret-2', url: 'https://x/signed?sig=abc3' }, 'top level');
    logger.info({ req: { resultsUrl: 'https://apps.example/platform/api/v2/downloads/dl4', email: 'alice5@example.com' } }, 'nested');
    logger.info({ a: { b: { text: 'private message 6', signedUrl: 'https://s/7' } } }, 'two deep');
    const out = text();
    for (const secret of ['xoxb-secret-1', 'gen-secret-2', 'sig=abc3', 'dl4', 'alice5@example.com', 'private message 6', 'https://s/7']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
  });

  it('hides the bearer token of an axios error logged whole by mistake', () => {
    const { logger, text } = capture();
    const axiosLike = {
      message: 'Request failed with status code 500',
      config: { headers: { Authorization: 'Bearer tok-8' }, auth: { username: 'id', password: 'pw-9' }, data: 'grant_type=client_credentials' },
      response: { status: 500, config: { headers: { Authorization: 'Bearer tok-10' } } },
    };
    logger.error({ err: axiosLike }, 'boom');
    logger.error(axiosLike, 'boom as the object');
    const out = text();
    for (const secret of ['tok-8', 'pw-9', 'tok-10']) expect(out).not.toContain(secret);
    expect(out).toContain('Request failed with status code 500');
  });
});

describe('logger err serialiser', () => {
  const TOKEN = 'tok-real-axios-11';

  /** A real axios error: a local server refuses the call with 403. */
  async function refusedCall(): Promise<unknown> {
    const { createServer } = await import('node:http');
    const { default: axios } = await import('axios');
    const server = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'set-cookie': `session=${TOKEN}` });
      res.end(JSON.stringify({ message: 'forbidden', echoed: `Bearer ${TOKEN}` }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    try {
      await axios.post(`http://127.0.0.1:${port}/api/v2/gdpr/requests`, { subject: 'x' }, { headers: { Authorization: `Bearer ${TOKEN}` } });
      throw new Error('the call should have been refused');
    } catch (e) {
      return e;
    } finally {
      server.close();
    }
  }

  it('logs a real axios error with its status and code, and nothing of the headers, config or sockets', async () => {
    const err = await refusedCall();
    const { logger, text } = capture();
    logger.error({ err }, 'Genesys call failed');
    logger.warn({ context: { err } }, 'nested');
    const out = text();
    expect(out).not.toContain(TOKEN);
    const line = JSON.parse(out.split('\n')[0]!) as { err: Record<string, unknown> };
    expect(line.err).toMatchObject({ type: 'AxiosError', code: 'ERR_BAD_REQUEST', status: 403, message: 'Request failed with status code 403' });
    expect(out).not.toMatch(/_header|"socket"|"config"|"headers"/);
  });

  it('logs a connection refused by a closed port with its code and no token', async () => {
    const { createServer } = await import('node:http');
    const { default: axios } = await import('axios');
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    await new Promise<void>((r) => server.close(() => r()));
    const err = await axios.get(`http://127.0.0.1:${port}/`, { headers: { Authorization: `Bearer ${TOKEN}` } }).catch((e: unknown) => e);
    const { logger, text } = capture();
    logger.error({ err }, 'Genesys unreachable');
    expect(text()).not.toContain(TOKEN);
    expect(JSON.parse(text()).err).toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('LOG_PRETTY', () => {
  /** a real process in which pino-pretty cannot be found, as in the image (dev dependencies omitted) */
  function runWithoutPinoPretty(): Promise<{ code: number; stdout: string; stderr: string }> {
    const logger = new URL('../../src/logger.ts', import.meta.url).href;
    const program = `
      import { registerHooks } from 'node:module';
      registerHooks({
        resolve(specifier, context, next) {
          if (specifier === 'pino-pretty') throw Object.assign(new Error('not installed'), { code: 'MODULE_NOT_FOUND' });
          return next(specifier, context);
        },
      });
      const { createLogger } = await import('${logger}');
      const logger = createLogger({ pretty: true });
      logger.info('first');
      logger.info('second');`;
    return new Promise((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', program], (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  it('falls back to JSON with one warning when pino-pretty is not installed (the image)', async () => {
    const { code, stdout, stderr } = await runWithoutPinoPretty();
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const entries = stdout.trim().split('\n').map((line) => JSON.parse(line) as { level: number; msg: string });
    expect(entries.map((e) => [e.level, e.msg])).toEqual([
      [40, 'LOG_PRETTY=true but pino-pretty is not installed (it is a dev dependency): logging JSON'],
      [30, 'first'],
      [30, 'second'],
    ]);
  });
});
