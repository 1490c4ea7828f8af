import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API, START, gdprRequest, makeRig, mockLogins, networkError, failure } from './support.js';

const REQUESTS = '/api/v2/gdpr/requests';
const SUBJECTS = '/api/v2/gdpr/subjects';
const dl = (id: string) => `https://apps.mypurecloud.com/platform/api/v2/downloads/${id}`;

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  nock.cleanAll();
  mockLogins(1);
});
afterEach(() => {
  nock.cleanAll();
});

describe('findSubjectsByEmail', () => {
  it('searches by EMAIL, keeps subjects with a userId and dedupes them', async () => {
    nock(API)
      .get(SUBJECTS)
      .query({ searchType: 'EMAIL', searchValue: 'shared@example.com' })
      .reply(200, {
        entities: [
          { userId: 'u1' },
          { externalContactId: 'ext-9', name: 'A customer' },
          { userId: 'u2', name: 'Bob' },
          { userId: 'u1', name: 'Alice' },
        ],
        pageSize: 25,
        pageNumber: 1,
      });
    const { client } = makeRig();
    expect(await client.findSubjectsByEmail('shared@example.com')).toEqual([
      { userId: 'u1', name: 'Alice' },
      { userId: 'u2', name: 'Bob' },
    ]);
  });

  it('treats an empty listing as no match', async () => {
    nock(API).get(SUBJECTS).query(true).reply(200, { entities: [], total: 0 });
    nock(API).get(SUBJECTS).query(true).reply(200, {});
    const { client } = makeRig();
    expect(await client.findSubjectsByEmail('nobody@example.com')).toEqual([]);
    expect(await client.findSubjectsByEmail('nobody@example.com')).toEqual([]);
  });

  it('names gdpr:subject:view on a 403', async () => {
    nock(API).get(SUBJECTS).query(true).reply(403, {});
    const { client } = makeRig();
    expect((await failure(client.findSubjectsByEmail('a@example.com'))).permission).toBe('gdpr:subject:view');
  });
});

describe('createExport', () => {
  const exportBody = { requestType: 'GDPR_EXPORT', subject: { userId: 'user-1' } };

  it('posts an export request (never deleteConfirmed) and maps the answer', async () => {
    let query: string | undefined;
    nock(API)
      .post(REQUESTS, exportBody)
      .query((q) => {
        query = JSON.stringify(q);
        return true;
      })
      .reply(200, gdprRequest({ id: 'req-new', status: 'INITIATED' }));
    const { client } = makeRig();
    expect(await client.createExport('user-1')).toEqual({
      id: 'req-new',
      requestType: 'GDPR_EXPORT',
      status: 'INITIATED',
      createdDate: START.toISOString(),
      subjectUserId: 'user-1',
      downloadIds: [],
    });
    expect(query).toBe('{}');
  });

  it('reconciles a lost answer without a second POST', async () => {
    let posts = 0;
    nock(API)
      .post(REQUESTS)
      .times(3)
      .reply(() => {
        posts++;
        return [500, {}];
      });
    nock(API)
      .get(REQUESTS)
      .query({ pageNumber: '1', pageSize: '100' })
      .reply(200, {
        entities: [
          gdprRequest({ id: 'req-other-user', subject: { userId: 'user-2' }, createdDate: new Date(START.getTime() + 1000).toISOString() }),
          gdprRequest({ id: 'req-committed', createdDate: new Date(START.getTime() + 1000).toISOString() }),
          gdprRequest({ id: 'req-last-week', createdDate: '2026-02-23T10:00:00.000Z' }),
        ],
        pageCount: 1,
      });
    const { client } = makeRig();
    expect((await client.createExport('user-1')).id).toBe('req-committed');
    expect(posts).toBe(1);
  });

  it('reconciles a dropped connection the same way', async () => {
    const dropped = nock(API).post(REQUESTS).replyWithError(networkError('ECONNRESET', 'socket hang up'));
    let laterPosts = 0;
    nock(API)
      .post(REQUESTS)
      .reply(() => {
        laterPosts++;
        return [200, gdprRequest({ id: 'req-duplicate' })];
      });
    nock(API)
      .get(REQUESTS)
      .query(true)
      .reply(200, { entities: [gdprRequest({ id: 'req-committed' })] });
    const { client } = makeRig();
    expect((await client.createExport('user-1')).id).toBe('req-committed');
    expect(dropped.isDone()).toBe(true);
    expect(laterPosts).toBe(0);
  });

  it('looks back by the clock skew, so a Genesys clock behind ours still matches', async () => {
    nock(API).post(REQUESTS).replyWithError(networkError('ECONNRESET'));
    nock(API)
      .get(REQUESTS)
      .query(true)
      .reply(200, { entities: [gdprRequest({ id: 'req-skewed', createdDate: new Date(START.getTime() - 90_000).toISOString() })] });
    const { client } = makeRig();
    expect((await client.createExport('user-1')).id).toBe('req-skewed');
  });

  it('posts again only when no export exists, and stays bounded', async () => {
    let posts = 0;
    nock(API)
      .post(REQUESTS)
      .times(2)
      .reply(() => {
        posts++;
        return posts === 1 ? [503, {}] : [200, gdprRequest({ id: 'req-second-try' })];
      });
    nock(API).get(REQUESTS).query(true).reply(200, { entities: [] });
    const { client } = makeRig();
    expect((await client.createExport('user-1')).id).toBe('req-second-try');
    expect(posts).toBe(2);
  });

  it('gives up as unavailable after maxAttempts POSTs, each followed by a check', async () => {
    let posts = 0;
    let lists = 0;
    nock(API)
      .post(REQUESTS)
      .times(5)
      .reply(() => {
        posts++;
        return [502, {}];
      });
    nock(API)
      .get(REQUESTS)
      .query(true)
      .times(5)
      .reply(() => {
        lists++;
        return [200, { entities: [] }];
      });
    const { client } = makeRig({ retry: { maxAttempts: 3 } });
    expect((await failure(client.createExport('user-1'))).code).toBe('unavailable');
    expect(posts).toBe(3);
    expect(lists).toBe(3);
  });

  it('does not post again when the check itself fails', async () => {
    let posts = 0;
    nock(API)
      .post(REQUESTS)
      .times(2)
      .reply(() => {
        posts++;
        return [504, {}];
      });
    nock(API).get(REQUESTS).query(true).reply(403, {});
    const { client } = makeRig();
    const e = await failure(client.createExport('user-1'));
    expect(e.code).toBe('permission_missing');
    expect(e.permission).toBe('gdpr:request:view');
    expect(posts).toBe(1);
  });

  it('reconciles a 2xx it could not read, and never posts again after one', async () => {
    let posts = 0;
    nock(API)
      .post(REQUESTS)
      .times(2)
      .reply(() => {
        posts++;
        return [200, { id: 'req-garbled' }];
      });
    nock(API)
      .get(REQUESTS)
      .query(true)
      .reply(200, { entities: [gdprRequest({ id: 'req-garbled' })] })
      .get(REQUESTS)
      .query(true)
      .reply(200, { entities: [] });
    const { client } = makeRig();
    expect((await client.createExport('user-1')).id).toBe('req-garbled');
    expect((await failure(client.createExport('user-1'))).code).toBe('unexpected_response');
    expect(posts).toBe(2);
  });

  it('retries a 429 on the POST directly: it was not processed', async () => {
    let posts = 0;
    nock(API)
      .post(REQUESTS)
      .times(2)
      .reply(() => {
        posts++;
        return posts === 1 ? [429, {}, { 'Retry-After': '1' }] : [200, gdprRequest({ id: 'req-after-429' })];
      });
    const list = nock(API).get(REQUESTS).query(true).reply(200, { entities: [] });
    const { client, sleeps } = makeRig();
    expect((await client.createExport('user-1')).id).toBe('req-after-429');
    expect(sleeps).toEqual([1000]);
    expect(list.isDone()).toBe(false);
  });

  it('throws a 4xx at once: 403 names gdpr:request:add', async () => {
    nock(API).post(REQUESTS).reply(403, { code: 'missing.permissions' });
    const list = nock(API).get(REQUESTS).query(true).reply(200, { entities: [] });
    const { client } = makeRig();
    const e = await failure(client.createExport('user-1'));
    expect(e.permission).toBe('gdpr:request:add');
    expect(list.isDone()).toBe(false);
  });
});

describe('getRequest', () => {
  it('keeps an unknown status verbatim and reads download ids, preferring resultsUrls', async () => {
    nock(API)
      .get(`${REQUESTS}/req-1`)
      .reply(200, gdprRequest({ status: 'ARCHIVING_SOMEDAY', resultsUrl: dl('one'), resultsUrls: [dl('part-1'), dl('part-2')], extra: { x: 1 } }));
    const { client } = makeRig();
    const info = await client.getRequest('req-1');
    expect(info.status).toBe('ARCHIVING_SOMEDAY');
    expect(info.downloadIds).toEqual(['part-1', 'part-2']);
  });

  it('refuses a completed request whose results URL has an unknown form', async () => {
    nock(API)
      .get(`${REQUESTS}/req-1`)
      .reply(200, gdprRequest({ status: 'COMPLETED', resultsUrl: 'https://somewhere.example/file.zip' }));
    const { client } = makeRig();
    expect((await failure(client.getRequest('req-1'))).code).toBe('unexpected_response');
  });

  it('encodes the id into the path', async () => {
    const scope = nock(API).get(`${REQUESTS}/a%2Fb`).reply(200, gdprRequest({ id: 'a/b' }));
    const { client } = makeRig();
    await client.getRequest('a/b');
    expect(scope.isDone()).toBe(true);
  });
});

describe('listRequests and findExportSince', () => {
  it('lists a page', async () => {
    nock(API)
      .get(REQUESTS)
      .query({ pageNumber: '2', pageSize: '10' })
      .reply(200, { entities: [gdprRequest({ resultsUrl: dl('d1') })], pageCount: 3, total: 21 });
    const { client } = makeRig();
    const page = await client.listRequests({ pageNumber: 2, pageSize: 10 });
    expect(page.pageCount).toBe(3);
    expect(page.total).toBe(21);
    expect(page.entities[0]?.downloadIds).toEqual(['d1']);
  });

  it('pages through listings until a page is entirely older', async () => {
    const since = new Date(START.getTime() - 60_000);
    const recentOther = Array.from({ length: 100 }, (_, i) => gdprRequest({ id: `o${i}`, subject: { userId: 'someone-else' } }));
    nock(API).get(REQUESTS).query({ pageNumber: '1', pageSize: '100' }).reply(200, { entities: recentOther, pageCount: 9 });
    nock(API)
      .get(REQUESTS)
      .query({ pageNumber: '2', pageSize: '100' })
      .reply(200, { entities: [...recentOther.slice(1), gdprRequest({ id: 'mine' })], pageCount: 9 });
    nock(API)
      .get(REQUESTS)
      .query({ pageNumber: '3', pageSize: '100' })
      .reply(200, { entities: recentOther.map((r) => ({ ...r, createdDate: '2026-01-01T00:00:00Z' })), pageCount: 9 });
    const page4 = nock(API).get(REQUESTS).query({ pageNumber: '4', pageSize: '100' }).reply(200, { entities: [] });
    const { client } = makeRig();
    expect((await client.findExportSince('user-1', since))?.id).toBe('mine');
    expect(page4.isDone()).toBe(false);
  });
});

describe('resolveDownload', () => {
  it('mints a signed link and states when we believe it expires', async () => {
    nock(API)
      .get('/api/v2/downloads/dl-1')
      .query({ issueRedirect: 'false' })
      .reply(200, { url: 'https://signed.example/results.zip?X-Amz-Signature=sig' });
    const { client } = makeRig({ linkTtlSeconds: 120 });
    expect(await client.resolveDownload('dl-1')).toEqual({
      url: 'https://signed.example/results.zip?X-Amz-Signature=sig',
      expiresAt: new Date(START.getTime() + 120_000).toISOString(),
    });
  });

  it('defaults the stated lifetime to 300 s', async () => {
    nock(API).get('/api/v2/downloads/dl-1').query(true).reply(200, { url: 'https://signed.example/x' });
    const { client } = makeRig();
    expect((await client.resolveDownload('dl-1')).expiresAt).toBe(new Date(START.getTime() + 300_000).toISOString());
  });

  it('404 means the export expired', async () => {
    nock(API).get('/api/v2/downloads/old').query(true).reply(404, { code: 'not.found' });
    const { client } = makeRig();
    const e = await failure(client.resolveDownload('old'));
    expect(e.code).toBe('not_found');
    expect(e.message).toMatch(/expired/);
  });

  it('403 explains that the client must be able to read the export', async () => {
    nock(API).get('/api/v2/downloads/dl-1').query(true).reply(403, {});
    const { client } = makeRig();
    const e = await failure(client.resolveDownload('dl-1'));
    expect(e.code).toBe('permission_missing');
    expect(e.permission).toBe('gdpr:request:view');
    expect(e.message).toMatch(/downloads endpoint/);
  });

  it('refuses an id of the wrong form without calling Genesys', async () => {
    const scope = nock(API).get(/.*/).reply(200, { url: 'https://x.example' });
    const { client } = makeRig();
    expect((await failure(client.resolveDownload('../gdpr/requests'))).code).toBe('bad_request');
    expect(scope.isDone()).toBe(false);
  });

  it('an answer without a usable url is unexpected_response', async () => {
    nock(API).get('/api/v2/downloads/dl-1').query(true).reply(200, { url: 'not a url' });
    const { client } = makeRig();
    expect((await failure(client.resolveDownload('dl-1'))).code).toBe('unexpected_response');
  });
});

describe('getChatRetentionDays', () => {
  it('reads messageRetentionPeriodDays', async () => {
    nock(API).get('/api/v2/chats/settings').reply(200, { messageRetentionPeriodDays: 3650, reactionsEnabled: true });
    const { client } = makeRig();
    expect(await client.getChatRetentionDays()).toBe(3650);
  });

  it('resolves undefined when the permission is missing', async () => {
    nock(API).get('/api/v2/chats/settings').reply(403, { code: 'missing.permissions' });
    const { client } = makeRig();
    expect(await client.getChatRetentionDays()).toBeUndefined();
  });

  it('still throws other failures', async () => {
    nock(API).get('/api/v2/chats/settings').reply(404, {});
    const { client } = makeRig();
    expect((await failure(client.getChatRetentionDays())).code).toBe('not_found');
  });
});

describe('getUserName', () => {
  const USER = 'a11ce000-0000-4000-8000-000000000001';

  it('reads the name, and only the name', async () => {
    nock(API).get(`/api/v2/users/${USER}`).reply(200, { id: USER, name: ' Alice Martin ', email: 'alice@example.com' });
    const { client } = makeRig();
    expect(await client.getUserName(USER)).toBe('Alice Martin');
  });

  it('resolves undefined without the optional permission, or for an unknown (perhaps deleted) user', async () => {
    nock(API).get(`/api/v2/users/${USER}`).reply(403, { code: 'missing.permissions' });
    nock(API).get(`/api/v2/users/${USER}`).reply(404, { code: 'not.found' });
    const { client } = makeRig();
    expect(await client.getUserName(USER)).toBeUndefined();
    expect(await client.getUserName(USER)).toBeUndefined();
  });

  it('still throws other failures', async () => {
    nock(API).get(`/api/v2/users/${USER}`).reply(400, {});
    const { client } = makeRig();
    expect((await failure(client.getUserName(USER))).code).toBe('bad_request');
  });
});

describe('probePermission', () => {
  it('makes a harmless read per permission and reports ok or missing', async () => {
    nock(API).get(REQUESTS).query({ pageNumber: '1', pageSize: '1' }).reply(200, { entities: [] });
    nock(API)
      .get(SUBJECTS)
      .query((q) => q.searchType === 'EMAIL' && typeof q.searchValue === 'string' && q.searchValue.endsWith('.invalid'))
      .reply(403, {});
    nock(API).get('/api/v2/chats/settings').reply(403, {});
    const { client } = makeRig();
    expect(await client.probePermission('gdpr:request:view')).toBe('ok');
    expect(await client.probePermission('gdpr:subject:view')).toBe('missing');
    expect(await client.probePermission('chat:setting:view')).toBe('missing');
  });

  it('counts a 404 for the made-up user as the user read being allowed', async () => {
    nock(API).get(/\/api\/v2\/users\/0{8}-/).reply(404, {});
    nock(API).get(/\/api\/v2\/users\/0{8}-/).reply(403, {});
    const { client } = makeRig();
    expect(await client.probePermission('directory:user:view')).toBe('ok');
    expect(await client.probePermission('directory:user:view')).toBe('missing');
  });

  it('throws what is not a permission problem', async () => {
    nock(API).get(REQUESTS).query(true).reply(400, {});
    const { client } = makeRig();
    expect((await failure(client.probePermission('gdpr:request:view'))).code).toBe('bad_request');
  });
});
