/**
 * Shared pieces for the Genesys client's nock tests: a controllable clock, a sleep that advances
 * it and records each wait, pino into an array, and a client wired to fake hosts.
 */
import nock from 'nock';
import { expect } from 'vitest';
import { GenesysError } from '../../../src/workflow/genesys-error.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import { createGenesysClient, type GenesysClient, type GenesysClientOptions } from '../../../src/genesys/client.js';

export const API = 'https://api.test-genesys.example';
export const LOGIN = 'https://login.test-genesys.example';
export const CLIENT_ID = 'test-client-id';
export const CLIENT_SECRET = 'test-client-secret-shhh';
export const START = new Date('2026-03-02T10:00:00.000Z');

export interface FakeClock {
  now(): Date;
  advance(ms: number): void;
}

export function fakeClock(start: Date = START): FakeClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
}

export interface CapturedLog {
  logger: Logger;
  lines: string[];
  entries(): Array<Record<string, unknown>>;
}

export function captureLog(): CapturedLog {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export interface TestRig {
  client: GenesysClient;
  clock: FakeClock;
  sleeps: number[];
  log: CapturedLog;
}

/** A client whose sleeps are recorded and move the fake clock instead of waiting. */
export function makeRig(overrides: Partial<GenesysClientOptions> = {}): TestRig {
  const clock = fakeClock();
  const sleeps: number[] = [];
  const log = captureLog();
  const client = createGenesysClient({
    apiUrl: API,
    loginUrl: LOGIN,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    logger: log.logger,
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { client, clock, sleeps, log };
}

/** Intercepts `times` logins, each answering a token named token-1, token-2, … */
export function mockLogins(times = 1, expiresIn = 86_400): { count: () => number } {
  let n = 0;
  nock(LOGIN)
    .post('/oauth/token', 'grant_type=client_credentials')
    .times(times)
    .reply(200, () => {
      n++;
      return { access_token: `token-${n}`, token_type: 'bearer', expires_in: expiresIn };
    });
  return { count: () => n };
}

export function gdprRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'req-1',
    requestType: 'GDPR_EXPORT',
    status: 'INITIATED',
    createdDate: START.toISOString(),
    createdBy: { id: 'oauth-client', selfUri: '/api/v2/oauth/clients/oauth-client' },
    subject: { userId: 'user-1', name: 'Alice' },
    selfUri: '/api/v2/gdpr/requests/req-1',
    ...overrides,
  };
}

/** nock 14 only delivers replyWithError to axios when given an Error instance (a plain object hangs). */
export function networkError(code: string, message = 'network failure'): Error {
  return Object.assign(new Error(message), { code });
}

/** The GenesysError a call rejects with; fails the test when it resolves or throws anything else. */
export async function failure(p: Promise<unknown>): Promise<GenesysError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(GenesysError);
  return e as GenesysError;
}
