import { afterEach, describe, expect, it } from 'vitest';
import { defaultSimUsers, startGenesysSimulator, type GenesysSimulator, type SimulatorOptions } from '../../dev/genesys-simulator/index.js';
import { apiGet, exportFor, getToken, manualClock, unzipEntries, type GenesysErrorJson } from './sim-test-kit.js';

const ALICE = 'a11ce000-0000-4000-8000-000000000001';
const DAY = 86_400_000;

describe('simulator: downloads and signed links', () => {
  let sim: GenesysSimulator;
  const clock = manualClock();

  /** a simulator with one completed export of `userId`; answers its request id, download ids and a token */
  async function completedExport(options: SimulatorOptions = {}, userId = ALICE) {
    sim = await startGenesysSimulator({ clock, exportDurationMs: 1000, ...options });
    const token = await getToken(sim);
    const { id } = await exportFor(sim, token, userId);
    clock.advance(1000);
    const downloadIds = sim.exports().find((e) => e.id === id)?.downloadIds ?? [];
    return { token, requestId: id, downloadIds, downloadId: downloadIds[0] ?? '' };
  }

  async function signedUrl(token: string, downloadId: string): Promise<string> {
    const res = await apiGet(sim, token, `/api/v2/downloads/${downloadId}?issueRedirect=false`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { url: string }).url;
  }

  afterEach(() => sim.close());

  it('resolves a download to a signed link that expires after signedUrlTtlMs', async () => {
    const { token, downloadId } = await completedExport({ signedUrlTtlMs: 30_000 });
    const url = new URL(await signedUrl(token, downloadId));
    expect(`${url.origin}${url.pathname}`).toBe(`${sim.baseUrl}/signed/${downloadId}`);
    expect(url.searchParams.get('expires')).toBe(String(clock.now() + 30_000));
    expect(url.searchParams.get('sig')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('redirects with 303 without issueRedirect=false, also under the /platform form of results URLs', async () => {
    const { token, downloadId } = await completedExport();
    for (const path of [`/api/v2/downloads/${downloadId}`, `/platform/api/v2/downloads/${downloadId}`]) {
      const res = await apiGet(sim, token, path, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toMatch(new RegExp(`^${sim.baseUrl}/signed/${downloadId}\\?expires=\\d+&sig=`));
    }
  });

  it('needs a bearer token to resolve a download', async () => {
    const { downloadId } = await completedExport();
    expect((await apiGet(sim, undefined, `/api/v2/downloads/${downloadId}?issueRedirect=false`)).status).toBe(401);
  });

  it('serves the archive through a valid link without a token', async () => {
    const { token, requestId, downloadId } = await completedExport();
    const res = await fetch(await signedUrl(token, downloadId));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="results-${requestId}-${new Date(clock.now()).toISOString()}.zip"`,
    );
    const entries = await unzipEntries(Buffer.from(await res.arrayBuffer()));
    expect(entries.get('REALTIME!messages')).toContain('created: 2025-03-03T09:00:00.000Z, message: Morning Bob');
  });

  it('refuses a tampered signature or expiry with 403 SignatureDoesNotMatch', async () => {
    const { token, downloadId } = await completedExport();
    const url = new URL(await signedUrl(token, downloadId));
    const badSig = new URL(url);
    badSig.searchParams.set('sig', 'f'.repeat(64));
    const laterExpiry = new URL(url);
    laterExpiry.searchParams.set('expires', String(Number(url.searchParams.get('expires')) + 3_600_000));
    const noSig = new URL(url);
    noSig.searchParams.delete('sig');
    for (const u of [badSig, laterExpiry, noSig]) {
      const res = await fetch(u);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses a link once the clock passes its expiry, like S3 "Request has expired"', async () => {
    const { token, downloadId } = await completedExport({ signedUrlTtlMs: 60_000 });
    const url = await signedUrl(token, downloadId);
    clock.advance(60_000);
    expect((await fetch(url)).status).toBe(200);
    clock.advance(1);
    const res = await fetch(url);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Request has expired');
    // a fresh link works again
    expect((await fetch(await signedUrl(token, downloadId))).status).toBe(200);
  });

  it('answers 404 for an export expired by expireExport(), including links minted before', async () => {
    const { token, requestId, downloadId } = await completedExport();
    const mintedBefore = await signedUrl(token, downloadId);
    sim.expireExport(requestId);
    const res = await apiGet(sim, token, `/api/v2/downloads/${downloadId}?issueRedirect=false`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as GenesysErrorJson).code).toBe('not.found');
    expect((await fetch(mintedBefore)).status).toBe(404);
    expect(() => sim.expireExport('no-such-request')).toThrow();
  });

  it('answers 404 once exportExpiryMs has passed since completion', async () => {
    const { token, downloadId } = await completedExport({ exportExpiryMs: 7 * DAY, tokenLifetimeSeconds: 30 * 86_400 });
    clock.advance(7 * DAY - 1);
    expect((await apiGet(sim, token, `/api/v2/downloads/${downloadId}?issueRedirect=false`)).status).toBe(200);
    clock.advance(1);
    expect((await apiGet(sim, token, `/api/v2/downloads/${downloadId}?issueRedirect=false`)).status).toBe(404);
  });

  it('answers 404 for an unknown download id', async () => {
    const { token } = await completedExport();
    expect((await apiGet(sim, token, '/api/v2/downloads/0123456789abcdef0123456789abcdef?issueRedirect=false')).status).toBe(404);
  });

  it('serves byte ranges with 206, and 416 for a range past the end', async () => {
    const { token, downloadId } = await completedExport();
    const url = await signedUrl(token, downloadId);
    const whole = Buffer.from(await (await fetch(url)).arrayBuffer());

    const head = await fetch(url, { headers: { Range: 'bytes=0-9' } });
    expect(head.status).toBe(206);
    expect(head.headers.get('content-range')).toBe(`bytes 0-9/${whole.length}`);
    expect(Buffer.from(await head.arrayBuffer())).toEqual(whole.subarray(0, 10));

    const tail = await fetch(url, { headers: { Range: 'bytes=-22' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(whole.subarray(whole.length - 22));

    const rest = await fetch(url, { headers: { Range: `bytes=10-` } });
    expect(Buffer.concat([whole.subarray(0, 10), Buffer.from(await rest.arrayBuffer())])).toEqual(whole);

    const past = await fetch(url, { headers: { Range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.length}`);
  });

  it('splits the messages over several archives, each with its own download id', async () => {
    const { token, downloadIds } = await completedExport({ archivesPerExport: 2 });
    expect(downloadIds).toHaveLength(2);
    const parts: string[] = [];
    for (const id of downloadIds) {
      const entries = await unzipEntries(Buffer.from(await (await fetch(await signedUrl(token, id))).arrayBuffer()));
      parts.push(entries.get('REALTIME!messages') ?? '');
    }
    const records = parts.map((p) => p.trim().split(/\n\n(?=created: )/));
    expect(records.map((r) => r.length)).toEqual([2, 1]);
    const alice = defaultSimUsers().find((u) => u.id === ALICE);
    expect(records.flat().map((r) => /^created: (\S+),/.exec(r)?.[1])).toEqual(alice?.messages?.map((m) => m.created));
  });

  it('serves the bytes from the archive option when it returns some (malformed-archive tests)', async () => {
    const garbage = Buffer.from('this is not a zip');
    const seen: Array<[string, number]> = [];
    const { token, requestId, downloadId } = await completedExport({
      archive: (exp, index) => {
        seen.push([exp.id, index]);
        return garbage;
      },
    });
    const res = await fetch(await signedUrl(token, downloadId));
    expect(Buffer.from(await res.arrayBuffer())).toEqual(garbage);
    expect(seen).toEqual([[requestId, 0]]);
  });

  it('leaves messages older than the chat retention window out of the archive', async () => {
    const users = [
      {
        id: 'u-old-new',
        name: 'Olive',
        email: 'olive@example.com',
        messages: [
          { created: new Date(clock.now() - 20 * DAY).toISOString(), text: 'too old' },
          { created: new Date(clock.now() - 5 * DAY).toISOString(), text: 'recent enough' },
        ],
      },
    ];
    const { token, downloadId } = await completedExport({ users, retentionDays: 10 }, 'u-old-new');
    const entries = await unzipEntries(Buffer.from(await (await fetch(await signedUrl(token, downloadId))).arrayBuffer()));
    expect(entries.get('REALTIME!messages')).toContain('recent enough');
    expect(entries.get('REALTIME!messages')).not.toContain('too old');
  });

  it('never keeps a link signature in the request log', async () => {
    const { token, downloadId } = await completedExport();
    const url = new URL(await signedUrl(token, downloadId));
    await fetch(url);
    const entry = sim.log.find((e) => e.path.startsWith('/signed/'));
    expect(entry?.query.sig).toBe('[redacted]');
    expect(JSON.stringify(sim.log)).not.toContain(url.searchParams.get('sig'));
  });
});
