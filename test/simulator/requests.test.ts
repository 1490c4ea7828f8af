import { afterEach, describe, expect, it } from 'vitest';
import { startGenesysSimulator, type GenesysSimulator, type SimulatorOptions } from '../../dev/genesys-simulator/index.js';
import { apiGet, createExport, exportFor, getToken, manualClock, type GdprRequestJson, type GenesysErrorJson } from './sim-test-kit.js';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const BOB = 'b0b00000-0000-4000-8000-000000000002';

interface RequestListing {
  entities: GdprRequestJson[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  nextUri?: string;
  previousUri?: string;
}

describe('simulator: GDPR requests', () => {
  let sim: GenesysSimulator;
  const clock = manualClock();

  async function start(options: SimulatorOptions = {}) {
    sim = await startGenesysSimulator({ clock, ...options });
    return getToken(sim);
  }
  afterEach(() => sim.close());

  describe('creation', () => {
    it('creates an INITIATED export for subject.userId, made by the OAuth client', async () => {
      const token = await start();
      const res = await createExport(sim, token, { requestType: 'GDPR_EXPORT', subject: { userId: ALICE } });
      expect(res.status).toBe(200);
      expect(res.headers.get('inin-correlation-id')).toBeTruthy();
      const body = (await res.json()) as GdprRequestJson;
      expect(body).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        requestType: 'GDPR_EXPORT',
        status: 'INITIATED',
        createdDate: new Date(clock.now()).toISOString(),
        subject: { userId: ALICE, name: 'Alice Martin' },
        createdBy: { id: 'sim-client', name: 'sim-client', selfUri: '/api/v2/oauth/clients/sim-client' },
        selfUri: `/api/v2/gdpr/requests/${body.id}`,
      });
      expect(sim.exports()).toEqual([
        { id: body.id, userId: ALICE, clientId: 'sim-client', createdAt: clock.now(), status: 'INITIATED', downloadIds: [] },
      ]);
    });

    it('accepts an unknown user id: the export completes with no messages', async () => {
      const token = await start({ exportDurationMs: 1000 });
      const body = await exportFor(sim, token, 'no-such-user');
      expect(body.subject).toEqual({ userId: 'no-such-user' });
      clock.advance(1000);
      expect(sim.exports()[0]?.status).toBe('COMPLETED');
    });

    it('ignores read-only fields sent in the body', async () => {
      const token = await start();
      const res = await createExport(sim, token, {
        requestType: 'GDPR_EXPORT',
        subject: { userId: ALICE },
        id: 'chosen-by-client',
        status: 'COMPLETED',
      });
      const body = (await res.json()) as GdprRequestJson;
      expect(body.id).not.toBe('chosen-by-client');
      expect(body.status).toBe('INITIATED');
    });

    it.each([
      ['a missing subject.userId', { requestType: 'GDPR_EXPORT', subject: {} }, 'subject.userId'],
      ['a blank subject.userId', { requestType: 'GDPR_EXPORT', subject: { userId: '  ' } }, 'subject.userId'],
      ['a missing subject', { requestType: 'GDPR_EXPORT' }, 'subject'],
      ['a requestType outside the enum', { requestType: 'GDPR_EXPORT_ALL', subject: { userId: ALICE } }, 'requestType'],
      ['a missing requestType', { subject: { userId: ALICE } }, 'requestType'],
    ])('answers 400 for %s', async (_label, body, field) => {
      const token = await start();
      const res = await createExport(sim, token, body);
      expect(res.status).toBe(400);
      const error = (await res.json()) as GenesysErrorJson;
      expect(error).toMatchObject({ status: 400, code: 'bad.request', errors: [] });
      expect(error.details.map((d) => d.fieldName)).toContain(field);
      expect(sim.exports()).toHaveLength(0);
    });

    it('refuses deleteConfirmed=true on an export with 400, and creates nothing', async () => {
      const token = await start();
      const res = await createExport(sim, token, { requestType: 'GDPR_EXPORT', subject: { userId: ALICE } }, '?deleteConfirmed=true');
      expect(res.status).toBe(400);
      expect(((await res.json()) as GenesysErrorJson).message).toContain('deleteConfirmed');
      expect(sim.exports()).toHaveLength(0);
      const explicitFalse = await createExport(sim, token, { requestType: 'GDPR_EXPORT', subject: { userId: ALICE } }, '?deleteConfirmed=false');
      expect(explicitFalse.status).toBe(200);
    });

    it('refuses GDPR_DELETE and GDPR_UPDATE (the simulator only exports)', async () => {
      const token = await start();
      for (const requestType of ['GDPR_DELETE', 'GDPR_UPDATE']) {
        const res = await createExport(sim, token, { requestType, subject: { userId: ALICE } }, '?deleteConfirmed=true');
        expect(res.status).toBe(400);
      }
      expect(sim.exports()).toHaveLength(0);
    });

    it('answers 400 for a body that is not JSON and 415 for another content type', async () => {
      const token = await start();
      const post = (contentType: string, body: string) =>
        fetch(`${sim.apiUrl}/api/v2/gdpr/requests`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
          body,
        });
      expect((await post('application/json', '{"requestType":')).status).toBe(400);
      expect((await post('text/plain', '{}')).status).toBe(415);
      expect((await post('application/json; charset=utf-8', JSON.stringify({ requestType: 'GDPR_EXPORT', subject: { userId: ALICE } }))).status).toBe(200);
    });
  });

  describe('life cycle', () => {
    it('moves INITIATED → SEARCHING → FINALIZING → COMPLETED as the clock advances, with results only at the end', async () => {
      const token = await start({ exportDurationMs: 100_000 });
      const { id } = await exportFor(sim, token, ALICE);
      const read = async () => (await (await apiGet(sim, token, `/api/v2/gdpr/requests/${id}`)).json()) as GdprRequestJson;

      const seen: Array<[number, string, boolean]> = [];
      for (const step of [0, 9_999, 1, 69_999, 1, 19_999, 1]) {
        clock.advance(step);
        const r = await read();
        seen.push([step, r.status, r.resultsUrl !== undefined]);
      }
      expect(seen).toEqual([
        [0, 'INITIATED', false],
        [9_999, 'INITIATED', false],
        [1, 'SEARCHING', false],
        [69_999, 'SEARCHING', false],
        [1, 'FINALIZING', false],
        [19_999, 'FINALIZING', false],
        [1, 'COMPLETED', true],
      ]);

      const done = await read();
      const downloadIds = sim.exports()[0]?.downloadIds ?? [];
      expect(downloadIds).toHaveLength(1);
      expect(done.resultsUrl).toBe(`${sim.baseUrl}/platform/api/v2/downloads/${downloadIds[0]}`);
      expect(done.resultsUrls).toEqual([done.resultsUrl]);
    });

    it('ends in ERROR without results for failUserIds', async () => {
      const token = await start({ exportDurationMs: 10, failUserIds: [BOB] });
      const bob = await exportFor(sim, token, BOB);
      const alice = await exportFor(sim, token, ALICE);
      clock.advance(10);
      const bobNow = (await (await apiGet(sim, token, `/api/v2/gdpr/requests/${bob.id}`)).json()) as GdprRequestJson;
      expect(bobNow.status).toBe('ERROR');
      expect(bobNow.resultsUrl).toBeUndefined();
      expect(bobNow.resultsUrls).toBeUndefined();
      expect(sim.exports().map((e) => [e.id, e.status])).toEqual([
        [bob.id, 'ERROR'],
        [alice.id, 'COMPLETED'],
      ]);
    });

    it('takes per-user durations and archive counts', async () => {
      const token = await start({
        exportDurationMs: (userId) => (userId === ALICE ? 10 : 1000),
        archivesPerExport: (userId) => (userId === ALICE ? 3 : 1),
      });
      const alice = await exportFor(sim, token, ALICE);
      const bob = await exportFor(sim, token, BOB);
      clock.advance(10);
      const aliceNow = (await (await apiGet(sim, token, `/api/v2/gdpr/requests/${alice.id}`)).json()) as GdprRequestJson;
      const bobNow = (await (await apiGet(sim, token, `/api/v2/gdpr/requests/${bob.id}`)).json()) as GdprRequestJson;
      expect(aliceNow.status).toBe('COMPLETED');
      expect(aliceNow.resultsUrls).toHaveLength(3);
      expect(new Set(aliceNow.resultsUrls).size).toBe(3);
      expect(aliceNow.resultsUrl).toBe(aliceNow.resultsUrls?.[0]);
      expect(bobNow.status).toBe('INITIATED');
      expect(bobNow.resultsUrls).toBeUndefined();
    });

    it('answers 404 for an unknown request id', async () => {
      const token = await start();
      const res = await apiGet(sim, token, '/api/v2/gdpr/requests/00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
      expect(((await res.json()) as GenesysErrorJson).code).toBe('not.found');
    });
  });

  describe('listing', () => {
    it('lists newest first and pages with pageSize/pageNumber', async () => {
      const token = await start();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        ids.push((await exportFor(sim, token, i % 2 ? BOB : ALICE)).id);
        clock.advance(1000);
      }
      const newestFirst = [...ids].reverse();
      const page = async (query: string) => {
        const res = await apiGet(sim, token, `/api/v2/gdpr/requests${query}`);
        expect(res.status).toBe(200);
        return (await res.json()) as RequestListing;
      };

      const all = await page('');
      expect(all.entities.map((e) => e.id)).toEqual(newestFirst);
      expect(all).toMatchObject({ pageSize: 25, pageNumber: 1, total: 5, pageCount: 1 });
      expect(all.nextUri).toBeUndefined();

      const first = await page('?pageSize=2&pageNumber=1');
      expect(first.entities.map((e) => e.id)).toEqual(newestFirst.slice(0, 2));
      expect(first).toMatchObject({ pageSize: 2, pageNumber: 1, total: 5, pageCount: 3, nextUri: '/api/v2/gdpr/requests?pageSize=2&pageNumber=2' });

      const last = await page('?pageSize=2&pageNumber=3');
      expect(last.entities.map((e) => e.id)).toEqual(newestFirst.slice(4));
      expect(last.nextUri).toBeUndefined();
      expect(last.previousUri).toBe('/api/v2/gdpr/requests?pageSize=2&pageNumber=2');

      expect((await page('?pageSize=2&pageNumber=4')).entities).toEqual([]);
    });

    it('keeps the newest-first order for requests created in the same millisecond', async () => {
      const token = await start();
      const a = await exportFor(sim, token, ALICE);
      const b = await exportFor(sim, token, BOB);
      const listing = (await (await apiGet(sim, token, '/api/v2/gdpr/requests')).json()) as RequestListing;
      expect(listing.entities.map((e) => e.id)).toEqual([b.id, a.id]);
    });

    it('answers 400 for an invalid page size or number', async () => {
      const token = await start();
      for (const query of ['pageSize=0', 'pageSize=abc', 'pageNumber=0', 'pageSize=501']) {
        expect((await apiGet(sim, token, `/api/v2/gdpr/requests?${query}`)).status).toBe(400);
      }
    });
  });

  describe('unknown routes', () => {
    it('answers 404 for an unknown path and 405 for a wrong method, Genesys-style', async () => {
      const token = await start();
      const unknown = await apiGet(sim, token, '/api/v2/no/such/thing');
      expect(unknown.status).toBe(404);
      expect(unknown.headers.get('inin-correlation-id')).toBeTruthy();
      expect(await unknown.json()).toMatchObject({ code: 'not.found', status: 404, details: [], errors: [] });

      const del = await apiGet(sim, token, '/api/v2/gdpr/requests/x', { method: 'DELETE' });
      expect(del.status).toBe(405);
    });
  });
});
