import { describe, expect, it } from 'vitest';
import { requestClaimKey } from '../../../src/slack/listeners/replay-guard.js';

describe('requestClaimKey', () => {
  const body = 'payload=%7B%22type%22%3A%22view_submission%22%7D';

  it('is the same for one timestamp and body, whether the body comes as bytes or text', () => {
    expect(requestClaimKey('1700000000', Buffer.from(body))).toBe(requestClaimKey('1700000000', body));
  });

  it('differs when the timestamp or a single byte of the body differs', () => {
    const key = requestClaimKey('1700000000', body);
    expect(requestClaimKey('1700000001', body)).not.toBe(key);
    expect(requestClaimKey('1700000000', `${body} `)).not.toBe(key);
  });

  it('holds no part of the body', () => {
    expect(requestClaimKey('1700000000', body)).toMatch(/^[0-9a-f]{64}$/);
  });
});
