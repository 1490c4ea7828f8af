import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGenesysSimulator, type GenesysSimulator } from '../../dev/genesys-simulator/index.js';
import { apiGet, getToken, type GenesysErrorJson } from './sim-test-kit.js';

interface SubjectListing {
  entities: Array<{ userId: string; name?: string; emailAddresses: string[] }>;
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
}

describe('simulator: subject search', () => {
  let sim: GenesysSimulator;
  let token: string;

  beforeAll(async () => {
    sim = await startGenesysSimulator();
    token = await getToken(sim);
  });
  afterAll(() => sim.close());

  const search = async (searchType: string, searchValue: string) => {
    const res = await apiGet(
      sim,
      token,
      `/api/v2/gdpr/subjects?searchType=${encodeURIComponent(searchType)}&searchValue=${encodeURIComponent(searchValue)}`,
    );
    expect(res.status).toBe(200);
    return (await res.json()) as SubjectListing;
  };

  it('finds a user by email, ignoring case and surrounding spaces', async () => {
    const listing = await search('EMAIL', '  Alice@Example.COM ');
    expect(listing).toEqual({
      entities: [{ userId: 'a11ce000-0000-4000-8000-000000000001', name: 'Alice Martin', emailAddresses: ['alice@example.com'] }],
      pageSize: 25,
      pageNumber: 1,
      total: 1,
      pageCount: 1,
    });
  });

  it('answers an empty listing when nobody matches', async () => {
    const listing = await search('EMAIL', 'nobody@example.com');
    expect(listing.entities).toEqual([]);
    expect(listing.total).toBe(0);
  });

  it('returns every user sharing an address (an ambiguous match)', async () => {
    const listing = await search('EMAIL', 'shared@example.com');
    expect(listing.entities.map((e) => e.userId)).toEqual([
      '5a300000-0000-4000-8000-000000000005',
      '5a300000-0000-4000-8000-000000000006',
    ]);
    expect(listing.total).toBe(2);
  });

  it('treats an unparseable value as no match, not as an error', async () => {
    expect((await search('EMAIL', 'not an email')).entities).toEqual([]);
    expect((await search('EMAIL', '@@')).entities).toEqual([]);
  });

  it('omits name for a user who has none', async () => {
    const [dana] = (await search('EMAIL', 'dana@example.com')).entities;
    expect(dana).toEqual({ userId: 'da1a0000-0000-4000-8000-000000000004', emailAddresses: ['dana@example.com'] });
  });

  it('sees users added after start', async () => {
    sim.addUser({ id: 'new-user', name: 'Nia', email: 'nia@example.com' });
    expect((await search('EMAIL', 'nia@example.com')).entities.map((e) => e.userId)).toEqual(['new-user']);
  });

  it('answers 400 for a missing or unknown searchType and a missing searchValue', async () => {
    for (const query of ['searchValue=alice@example.com', 'searchType=SHOE_SIZE&searchValue=alice@example.com', 'searchType=EMAIL']) {
      const res = await apiGet(sim, token, `/api/v2/gdpr/subjects?${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as GenesysErrorJson;
      expect(body.code).toBe('bad.request');
      expect(body.message).not.toContain('alice@example.com');
    }
  });
});
