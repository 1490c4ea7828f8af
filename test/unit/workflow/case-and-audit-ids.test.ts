import { describe, expect, it } from 'vitest';
import { CASE_ID_PATTERN, createAuditIdSource, newCaseId } from '../../../src/workflow/case-and-audit-ids.js';

describe('newCaseId', () => {
  it('is GX- and 8 Crockford base32 characters', () => {
    for (let i = 0; i < 200; i++) expect(newCaseId()).toMatch(CASE_ID_PATTERN);
  });

  it('encodes the random bytes: all zeros and all ones', () => {
    expect(newCaseId((n) => new Uint8Array(n))).toBe('GX-00000000');
    expect(newCaseId((n) => new Uint8Array(n).fill(255))).toBe('GX-ZZZZZZZZ');
  });

  it('does not repeat', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => newCaseId()));
    expect(ids.size).toBe(5000);
  });
});

describe('audit ids', () => {
  it('sort in the order they were made, also within one millisecond', () => {
    const next = createAuditIdSource();
    const at = new Date('2025-01-01T00:00:00.000Z');
    const ids = [next(at), next(at), next(at), next(new Date(at.getTime() + 1)), next(new Date(at.getTime() + 1))];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('start with the zero-padded timestamp', () => {
    const id = createAuditIdSource()(new Date(5));
    expect(id).toMatch(/^0000000000005-000000-[0-9a-f]{8}$/);
  });

  it('stay ordered when the clock steps back', () => {
    const next = createAuditIdSource();
    const a = next(new Date(2000));
    const b = next(new Date(1000));
    expect(b > a).toBe(true);
  });

  it('differ between two sources at the same instant', () => {
    const at = new Date(1000);
    expect(createAuditIdSource()(at)).not.toBe(createAuditIdSource()(at));
  });
});
