import { describe, expect, it } from 'vitest';
import { GENESYS_ERROR_CODES, GenesysError } from '../../../src/workflow/genesys-error.js';
import * as messages from '../../../src/slack/messages.js';
import { subjectResolutionError, type SubjectResolutionErrorKind } from '../../../src/slack/messages.js';
import { readerFor } from '../../../src/slack/catalog/index.js';
import type { GenesysError as GenesysErrorType } from '../../../src/workflow/genesys-error.js';
import type { TimelineError as TimelineErrorType } from '../../../src/timeline/errors.js';

const en = readerFor('en');
const messageForGenesysError = (e: GenesysErrorType) => messages.messageForGenesysError(e, en);
const messageForTimelineError = (e: TimelineErrorType) => messages.messageForTimelineError(e, en);
const messageForStoreUnavailable = () => messages.messageForStoreUnavailable(en);
const messageForUnexpected = () => messages.messageForUnexpected(en);
import { TimelineError } from '../../../src/timeline/errors.js';
import { EMAIL_PATTERN } from './fixtures.js';

describe('messageForGenesysError', () => {
  it('tells an administrator to run the doctor when sign-in fails', () => {
    expect(messageForGenesysError(new GenesysError('auth_failed', 'invalid_client'))).toBe(
      'The bot could not sign in to Genesys Cloud, so nothing was sent. An administrator should run `npm run doctor` to check the OAuth client and region.',
    );
  });

  it('names the missing permission', () => {
    const e = new GenesysError('permission_missing', '403', { permission: 'gdpr:request:add' });
    expect(messageForGenesysError(e)).toContain("The bot's Genesys Cloud role lacks the permission `gdpr:request:add`");
    expect(messageForGenesysError(new GenesysError('permission_missing', '403'))).toContain('lacks a permission this step needs');
  });

  it('asks people to try again in a minute when Genesys is busy or down', () => {
    const busy = 'Genesys Cloud is busy or unavailable right now; try again in a minute.';
    expect(messageForGenesysError(new GenesysError('rate_limited', '429', { retryAfterMs: 30_000 }))).toBe(busy);
    expect(messageForGenesysError(new GenesysError('unavailable', '503'))).toBe(busy);
  });

  it('gives a support reference, never the raw error text', () => {
    const e = new GenesysError('bad_request', 'body had jane@example.com', { correlationId: 'corr-123' });
    const message = messageForGenesysError(e);
    expect(message).toContain('Reference for Genesys support: `corr-123`.');
    expect(message).not.toContain('jane@example.com');
    expect(messageForGenesysError(new GenesysError('unexpected_response', 'x'))).toContain('did not understand');
    expect(messageForGenesysError(new GenesysError('not_found', 'x'))).toContain('Request it again');
  });

  it('has a distinct, non-empty message for every code', () => {
    const messages = GENESYS_ERROR_CODES.map((code) => messageForGenesysError(new GenesysError(code, 'raw detail')));
    for (const m of messages) {
      expect(m.length).toBeGreaterThan(20);
      expect(m).not.toContain('raw detail');
    }
    // rate_limited and unavailable share one message on purpose
    expect(new Set(messages).size).toBe(GENESYS_ERROR_CODES.length - 1);
  });
});

describe('other failures', () => {
  it('store unavailable says nothing was saved', () => {
    expect(messageForStoreUnavailable()).toBe(
      'The bot is temporarily unavailable (its database is not answering). Nothing was saved; please try again in a minute.',
    );
  });

  it('unexpected errors say what to do', () => {
    expect(messageForUnexpected()).toContain('Please try again');
  });
});

describe('subjectResolutionError', () => {
  const kinds: SubjectResolutionErrorKind[] = ['no_match', 'ambiguous', 'no_email', 'bot', 'deactivated', 'invalid_email', 'invalid_id'];

  it.each(kinds)('%s names the person by mention and says what to do', (kind) => {
    const message = subjectResolutionError(kind, '<@U123ABC>', en);
    expect(message).toContain('<@U123ABC>');
    expect(message).not.toMatch(EMAIL_PATTERN);
  });

  it('escapes a typed label, so it cannot ping or link', () => {
    expect(subjectResolutionError('no_match', 'line 2 <!channel>', en)).toContain('line 2 &lt;!channel&gt;');
    expect(subjectResolutionError('invalid_email', 'jane@@x', en)).toBe(
      'jane@@x is not a valid email address. Check it for typos: an address has a name, an @ and a domain.',
    );
  });

  it('points people to the right fix', () => {
    expect(subjectResolutionError('ambiguous', '<@U1>', en)).toContain('Give their Genesys user ID');
    expect(subjectResolutionError('no_email', '<@U1>', en)).toContain('*Other people* field');
    expect(subjectResolutionError('bot', '<@U1>', en)).toContain('not a person');
  });
});

describe('messageForTimelineError', () => {
  const where = { subject: 2, subjects: 3, archive: 1, archives: 2 };
  it.each([
    ['archive_bytes', 1024 ** 3, /Archive 1 of 2 of export 2 of 3 is larger than 1 GiB.*TIMELINE_MAX_ARCHIVE_BYTES/],
    ['uncompressed_bytes', 2 * 1024 ** 3, /more than 2 GiB of chat text.*TIMELINE_MAX_UNCOMPRESSED_BYTES/],
    ['archive_entries', 250_000, /more than 250,000 files.*TIMELINE_MAX_ARCHIVE_ENTRIES/],
    ['messages', 2_000_000, /more than 2,000,000 messages.*TIMELINE_MAX_MESSAGES/],
  ] as const)('names the %s limit, says nothing was delivered and how to narrow the range', (limit, max, expected) => {
    const text = messageForTimelineError(new TimelineError('too_large', 'dev text', { params: { limit, max, where } }));
    expect(text).toMatch(expected);
    expect(text).toContain('No timeline was delivered');
    expect(text).toMatch(/shorter date range/);
    expect(text).not.toContain('dev text');
  });

  it('words the other codes from code and params, never from the engine’s log message', () => {
    const corrupt = new TimelineError('corrupt_archive', 'invalid central directory', { params: { where } });
    expect(messageForTimelineError(corrupt)).toBe(
      'The archive is damaged or incomplete and cannot be read. No timeline was delivered (export 2 of 3, archive 1 of 2). Try again; if it keeps failing, request the export again.',
    );
    const expired = new TimelineError('download_failed', 'HTTP 410', { status: 410, params: { where } });
    expect(messageForTimelineError(expired)).toBe(
      'The archive download was refused (HTTP 410). No timeline was delivered (export 2 of 3, archive 1 of 2). The export may have expired: request it again.',
    );
  });
});
