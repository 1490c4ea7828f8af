import { describe, expect, it } from 'vitest';
import { gdprRequestListingSchema, gdprRequestSchema, tokenResponseSchema, urlResponseSchema } from '../../../src/genesys/models.js';

const minimal = { id: 'r1', requestType: 'GDPR_EXPORT', status: 'INITIATED', createdDate: '2026-03-02T10:00:00Z' };

describe('gdprRequestSchema', () => {
  it('accepts unknown fields, nulls and unknown statuses', () => {
    const parsed = gdprRequestSchema.parse({ ...minimal, status: 'SOMETHING_NEW', resultsUrl: null, subject: null, createdBy: { id: 'c' }, extra: 1 });
    expect(parsed).toEqual({ ...minimal, status: 'SOMETHING_NEW', name: undefined, subject: undefined, resultsUrl: undefined, resultsUrls: undefined });
  });

  it.each([
    ['no id', { ...minimal, id: undefined }],
    ['empty id', { ...minimal, id: '' }],
    ['no status', { ...minimal, status: undefined }],
    ['unreadable createdDate', { ...minimal, createdDate: 'yesterday' }],
    ['resultsUrls not a list', { ...minimal, resultsUrls: 'https://x' }],
  ])('rejects %s', (_, body) => {
    expect(gdprRequestSchema.safeParse(body).success).toBe(false);
  });
});

describe('listings', () => {
  it('reads a missing entities list as empty', () => {
    expect(gdprRequestListingSchema.parse({ total: 0 }).entities).toEqual([]);
  });

  it('fails when one entity is malformed', () => {
    expect(gdprRequestListingSchema.safeParse({ entities: [minimal, { id: 'broken' }] }).success).toBe(false);
  });
});

describe('token and link answers', () => {
  it('needs an access token and a positive lifetime', () => {
    expect(tokenResponseSchema.safeParse({ access_token: 't', expires_in: 60 }).success).toBe(true);
    expect(tokenResponseSchema.safeParse({ access_token: '', expires_in: 60 }).success).toBe(false);
    expect(tokenResponseSchema.safeParse({ access_token: 't', expires_in: 0 }).success).toBe(false);
    expect(tokenResponseSchema.safeParse({ access_token: 't' }).success).toBe(false);
  });

  it('needs an http(s) url for a signed link', () => {
    expect(urlResponseSchema.safeParse({ url: 'https://signed.example/a?sig=1' }).success).toBe(true);
    expect(urlResponseSchema.safeParse({ url: 'javascript:alert(1)' }).success).toBe(false);
    expect(urlResponseSchema.safeParse({}).success).toBe(false);
  });
});
