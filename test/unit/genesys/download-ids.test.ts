import { describe, expect, it } from 'vitest';
import { extractDownloadIds, isDownloadId, parseDownloadId } from '../../../src/genesys/download-ids.js';

describe('parseDownloadId', () => {
  it.each([
    ['https://apps.mypurecloud.com/platform/api/v2/downloads/abc123', 'abc123'],
    ['https://apps.mypurecloud.ie/platform/api/v2/downloads/5f1c-9e2a_77', '5f1c-9e2a_77'],
    ['https://apps.mypurecloud.de/platform/api/v2/downloads/abc123/', 'abc123'],
    ['https://api.usw2.pure.cloud/api/v2/downloads/0d9f8e7c-aaaa-bbbb-cccc-000011112222', '0d9f8e7c-aaaa-bbbb-cccc-000011112222'],
    ['http://127.0.0.1:4010/platform/api/v2/downloads/dl-1', 'dl-1'],
    ['https://apps.mypurecloud.com/platform/api/v2/downloads/abc123?x=1', 'abc123'],
  ])('reads the id from %s', (url, id) => {
    expect(parseDownloadId(url)).toBe(id);
  });

  it.each([
    ['not a url'],
    [''],
    ['ftp://apps.mypurecloud.com/platform/api/v2/downloads/abc123'],
    ['https://apps.mypurecloud.com/platform/api/v2/downloads/'],
    ['https://apps.mypurecloud.com/platform/api/v2/downloads/abc/extra'],
    ['https://apps.mypurecloud.com/api/v2/gdpr/requests/abc'],
    ['https://apps.mypurecloud.com/v2/downloads/abc'],
    ['https://apps.mypurecloud.com/other/api/v2/downloads/abc'],
    ['https://apps.mypurecloud.com/platform/api/v2/downloads/..'],
    ['https://apps.mypurecloud.com/platform/api/v2/downloads/a%2Fb'],
    ['https://user:pw@apps.mypurecloud.com/platform/api/v2/downloads/abc'],
    ['https://s3.amazonaws.com/bucket/results-req-1.zip?X-Amz-Signature=abc'],
  ])('rejects %j', (url) => {
    expect(parseDownloadId(url)).toBeUndefined();
  });
});

describe('isDownloadId', () => {
  it('accepts plain ids and refuses path tricks', () => {
    expect(isDownloadId('abc-123_x.y')).toBe(true);
    expect(isDownloadId('')).toBe(false);
    expect(isDownloadId('../secret')).toBe(false);
    expect(isDownloadId('a/b')).toBe(false);
    expect(isDownloadId('a?b=c')).toBe(false);
  });
});

describe('extractDownloadIds', () => {
  const url = (id: string) => `https://apps.mypurecloud.com/platform/api/v2/downloads/${id}`;

  it('prefers resultsUrls when it is non-empty', () => {
    expect(extractDownloadIds({ resultsUrl: url('single'), resultsUrls: [url('p1'), url('p2')] })).toEqual({
      ids: ['p1', 'p2'],
      rejected: 0,
    });
  });

  it('falls back to resultsUrl when resultsUrls is empty or absent', () => {
    expect(extractDownloadIds({ resultsUrl: url('single'), resultsUrls: [] }).ids).toEqual(['single']);
    expect(extractDownloadIds({ resultsUrl: url('single') }).ids).toEqual(['single']);
  });

  it('is empty before completion', () => {
    expect(extractDownloadIds({})).toEqual({ ids: [], rejected: 0 });
  });

  it('counts unrecognised URLs and drops duplicates', () => {
    expect(extractDownloadIds({ resultsUrls: [url('p1'), 'https://elsewhere.example/x', url('p1')] })).toEqual({
      ids: ['p1'],
      rejected: 1,
    });
  });
});
