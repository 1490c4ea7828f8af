/** Shared set-up for the fake Slack tests: a real @slack/web-api client pointed at the fake. */
import { LogLevel, WebClient } from '@slack/web-api';
import { expect } from 'vitest';
import type { FakeSlackUser } from '../../dev/fake-slack/index.js';

export const ALICE: FakeSlackUser = { id: 'U0ALICE', name: 'alice', real_name: 'Alice Adams', email: 'alice@example.com', tz: 'Europe/Berlin' };
export const BOB: FakeSlackUser = { id: 'U0BOB', name: 'bob', email: 'bob@example.com' };
export const GONE: FakeSlackUser = { id: 'U0GONE', name: 'gone', deleted: true };
export const OTHER_BOT: FakeSlackUser = { id: 'U0OTHERBOT', name: 'otherbot', is_bot: true };

/** With retries, the backoff between attempts is kept tiny so only a Retry-After makes a test wait. */
export function webClient(url: string, token = 'xoxb-test-token', retries = 0): WebClient {
  return new WebClient(token, { slackApiUrl: url, retryConfig: { retries, minTimeout: 10, maxTimeout: 10 }, logLevel: LogLevel.ERROR });
}

/** The Slack error code a WebClient call failed with (WebAPIPlatformError keeps it in data.error). */
export async function slackErrorOf(call: Promise<unknown>): Promise<string> {
  const error: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'the call was expected to fail').toBeDefined();
  return (error as { data?: { error?: string } }).data?.error ?? String(error);
}
