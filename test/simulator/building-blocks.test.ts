/** The simulator's pure pieces, tested on their own. */
import { describe, expect, it } from 'vitest';
import { hasAnyPermission, parseBasicAuth, permissionMatches } from '../../dev/genesys-simulator/auth.js';
import { parseByteRange } from '../../dev/genesys-simulator/byte-range.js';
import { exportStatusAt } from '../../dev/genesys-simulator/export-registry.js';
import { createFaultQueue, matchesRequest } from '../../dev/genesys-simulator/faults.js';
import { entityListing } from '../../dev/genesys-simulator/listing.js';
import { matchPattern } from '../../dev/genesys-simulator/router.js';
import { createUrlSigner } from '../../dev/genesys-simulator/signed-url.js';

describe('exportStatusAt', () => {
  const at = (elapsed: number, durationMs = 1000, fails = false) => exportStatusAt({ createdAt: 0, durationMs, fails }, elapsed);

  it('follows the 10% / 80% / 100% boundaries', () => {
    expect([0, 99, 100, 799, 800, 999, 1000, 5000].map((t) => at(t))).toEqual([
      'INITIATED',
      'INITIATED',
      'SEARCHING',
      'SEARCHING',
      'FINALIZING',
      'FINALIZING',
      'COMPLETED',
      'COMPLETED',
    ]);
  });

  it('ends in ERROR for a failing export, and completes at once with a zero duration', () => {
    expect(at(1000, 1000, true)).toBe('ERROR');
    expect(at(0, 0)).toBe('COMPLETED');
  });
});

describe('parseByteRange', () => {
  it.each([
    [undefined, { kind: 'none' }],
    ['bytes=0-9', { kind: 'range', start: 0, end: 9 }],
    ['bytes=90-', { kind: 'range', start: 90, end: 99 }],
    ['bytes=90-500', { kind: 'range', start: 90, end: 99 }],
    ['bytes=-10', { kind: 'range', start: 90, end: 99 }],
    ['bytes=-500', { kind: 'range', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'unsatisfiable' }],
    ['bytes=9-3', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'none' }],
    ['items=0-1', { kind: 'none' }],
  ])('%s over 100 bytes → %j', (header, expected) => {
    expect(parseByteRange(header, 100)).toEqual(expected);
  });
});

describe('signed links', () => {
  it('accept their own signature until the expiry, and nothing else', () => {
    let now = 1000;
    const signer = createUrlSigner({ now: () => now }, 500, Buffer.alloc(32, 1));
    const url = new URL(signer.mint('abc'), 'http://x');
    const expires = url.searchParams.get('expires');
    const sig = url.searchParams.get('sig');
    expect(expires).toBe('1500');
    expect(signer.check('abc', expires, sig)).toBe('ok');
    expect(signer.check('abd', expires, sig)).toBe('bad-signature');
    expect(signer.check('abc', '1501', sig)).toBe('bad-signature');
    expect(signer.check('abc', expires, null)).toBe('bad-signature');
    expect(signer.check('abc', expires, 'short')).toBe('bad-signature');
    now = 1500;
    expect(signer.check('abc', expires, sig)).toBe('ok');
    now = 1501;
    expect(signer.check('abc', expires, sig)).toBe('expired');
    const other = createUrlSigner({ now: () => 0 }, 500, Buffer.alloc(32, 2));
    expect(other.check('abc', expires, sig)).toBe('bad-signature');
  });
});

describe('permissions and credentials', () => {
  it('match exactly or through * segments', () => {
    expect(permissionMatches('gdpr:request:add', 'gdpr:request:add')).toBe(true);
    expect(permissionMatches('gdpr:request:*', 'gdpr:request:add')).toBe(true);
    expect(permissionMatches('gdpr:request:view', 'gdpr:request:add')).toBe(false);
    expect(permissionMatches('gdpr:*', 'gdpr:request:add')).toBe(false);
    expect(hasAnyPermission(['chat:setting:edit'], ['chat:setting:view', 'chat:setting:edit'])).toBe(true);
    expect(hasAnyPermission([], ['chat:setting:view'])).toBe(false);
  });

  it('parse Basic credentials whose secret holds a colon', () => {
    expect(parseBasicAuth(`Basic ${Buffer.from('id:se:cret').toString('base64')}`)).toEqual({ id: 'id', secret: 'se:cret' });
    expect(parseBasicAuth('Bearer abc')).toBeUndefined();
    expect(parseBasicAuth(undefined)).toBeUndefined();
  });
});

describe('routing and fault matching', () => {
  it('matches path patterns and decodes params', () => {
    expect(matchPattern('/api/v2/gdpr/requests/:requestId', '/api/v2/gdpr/requests/a%20b')).toEqual({ requestId: 'a b' });
    expect(matchPattern('/api/v2/gdpr/requests/:requestId', '/api/v2/gdpr/requests/')).toBeUndefined();
    expect(matchPattern('/api/v2/gdpr/requests', '/api/v2/gdpr/requests/')).toEqual({});
    expect(matchPattern('/api/v2/gdpr/requests', '/api/v2/gdpr/subjects')).toBeUndefined();
  });

  it('matches faults on method and exact or pattern paths', () => {
    expect(matchesRequest(undefined, 'GET', '/x')).toBe(true);
    expect(matchesRequest({ method: 'post' }, 'POST', '/x')).toBe(true);
    expect(matchesRequest({ method: 'POST' }, 'GET', '/x')).toBe(false);
    expect(matchesRequest({ path: '/x' }, 'GET', '/x/y')).toBe(false);
    const sticky = /^\/api\/v2\/gdpr\/requests\/[^/]+$/g;
    expect(matchesRequest({ path: sticky }, 'GET', '/api/v2/gdpr/requests/1')).toBe(true);
    expect(matchesRequest({ path: sticky }, 'GET', '/api/v2/gdpr/requests/1')).toBe(true);
  });

  it('consumes faults in order, each for its number of uses', () => {
    const q = createFaultQueue();
    q.add({ kind: 'drop', times: 2, match: { path: '/a' } });
    q.add({ kind: 'status', status: 503 });
    expect(q.take('GET', '/b')?.kind).toBe('status');
    expect(q.take('GET', '/a')?.kind).toBe('drop');
    expect(q.take('GET', '/a')?.kind).toBe('drop');
    expect(q.take('GET', '/a')).toBeUndefined();
    expect(() => q.add({ kind: 'drop', times: 0 })).toThrow();
  });
});

describe('entityListing', () => {
  it('pages and links', () => {
    const l = entityListing([1, 2, 3], 2, 2, '/p');
    expect(l).toMatchObject({ entities: [3], total: 3, pageCount: 2, previousUri: '/p?pageSize=2&pageNumber=1' });
    expect(l.nextUri).toBeUndefined();
    expect(entityListing([], 25, 1, '/p')).toMatchObject({ entities: [], total: 0, pageCount: 0 });
  });
});
