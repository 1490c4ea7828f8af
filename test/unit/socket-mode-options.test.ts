import { describe, expect, it } from 'vitest';
import { socketModeClientOptions } from '../../src/app.js';

describe('socketModeClientOptions', () => {
  it('shares where Slack is, the call timeout and the fetch with the Web API client, but keeps the SDK’s reconnect retries', () => {
    const fetchImpl = (() => Promise.reject(new Error('unused'))) as unknown as typeof fetch;
    const shared = socketModeClientOptions({
      slackApiUrl: 'https://slack-gov.com/api/',
      timeout: 7_000,
      fetch: fetchImpl,
      retryConfig: { retries: 3 },
    });
    expect(shared).toEqual({ slackApiUrl: 'https://slack-gov.com/api/', timeout: 7_000, fetch: fetchImpl });
  });

  it('adds nothing the Web API client does not set', () => {
    expect(socketModeClientOptions({})).toEqual({});
  });
});
