import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API, CLIENT_ID, CLIENT_SECRET, LOGIN, gdprRequest, makeRig, networkError } from './support.js';

const EMAIL = 'alice.private@example.com';
const TOKENS = ['secret-token-AAA', 'secret-token-BBB'];
const RESULTS_URL = 'https://apps.mypurecloud.com/platform/api/v2/downloads/dl-secret-77';
const SIGNED_URL = 'https://signed.example/results.zip?X-Amz-Signature=sig-very-secret';

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
});

describe('log lines', () => {
  it('carry operation, status, ms and correlation id, and nothing secret, across successes and failures', async () => {
    let login = 0;
    nock(LOGIN)
      .post('/oauth/token')
      .times(2)
      .reply(200, () => ({ access_token: TOKENS[login++], token_type: 'bearer', expires_in: 86_400 }));
    nock(API)
      .get('/api/v2/gdpr/subjects')
      .query(true)
      .reply(401, { message: `token ${TOKENS[0]} rejected` })
      .get('/api/v2/gdpr/subjects')
      .query(true)
      .reply(200, { entities: [{ userId: 'u1', emailAddresses: [EMAIL] }] }, { 'inin-correlation-id': 'corr-subjects' })
      .get('/api/v2/gdpr/requests/req-1')
      .replyWithError(networkError('ECONNRESET'))
      .get('/api/v2/gdpr/requests/req-1')
      .reply(429, { message: `slow down ${EMAIL}` }, { 'retry-after': '1' })
      .get('/api/v2/gdpr/requests/req-1')
      .reply(200, gdprRequest({ status: 'COMPLETED', resultsUrl: RESULTS_URL }))
      .get('/api/v2/downloads/dl-secret-77')
      .query(true)
      .reply(200, { url: SIGNED_URL })
      .get('/api/v2/gdpr/requests/req-2')
      .reply(200, { id: 'req-2', resultsUrl: RESULTS_URL, note: SIGNED_URL });
    const { client, log } = makeRig();

    await client.findSubjectsByEmail(EMAIL);
    const request = await client.getRequest('req-1');
    await client.resolveDownload(request.downloadIds[0]!);
    await expect(client.getRequest('req-2')).rejects.toMatchObject({ code: 'unexpected_response' });

    const calls = log.entries().filter((e) => e.msg === 'genesys call');
    expect(calls.map((e) => [e.operation, e.status])).toEqual([
      ['login', 200],
      ['findSubjectsByEmail', 401],
      ['login', 200],
      ['findSubjectsByEmail', 200],
      ['getRequest', 'network'],
      ['getRequest', 429],
      ['getRequest', 200],
      ['resolveDownload', 200],
      ['getRequest', 200],
    ]);
    expect(calls.every((e) => typeof e.ms === 'number')).toBe(true);
    expect(calls.find((e) => e.correlationId === 'corr-subjects')).toBeDefined();

    const all = log.lines.join('\n');
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    for (const secret of [...TOKENS, CLIENT_SECRET, basic, 'Bearer', EMAIL, 'example.com', RESULTS_URL, 'dl-secret-77', SIGNED_URL, 'X-Amz', 'sig-very-secret']) {
      expect(all, `log lines contain ${secret}`).not.toContain(secret);
    }
    expect(all.toLowerCase()).not.toContain('authorization');
  });

  it('error messages carry no secret either', async () => {
    nock(LOGIN).post('/oauth/token').reply(401, { error: 'invalid_client', client_secret: CLIENT_SECRET });
    const { client, log } = makeRig();
    const e = (await client.findSubjectsByEmail(EMAIL).catch((err: unknown) => err)) as Error;
    expect(e.message).not.toContain(CLIENT_SECRET);
    expect(e.message).not.toContain(EMAIL);
    expect(JSON.stringify(e)).not.toContain(CLIENT_SECRET);
    expect(log.lines.join('\n')).not.toContain(CLIENT_SECRET);
  });
});
