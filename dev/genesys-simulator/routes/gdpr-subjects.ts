/** GET /api/v2/gdpr/subjects (reference §3, §14): an unparseable value is "no match", not an error. */
import { z } from 'zod';
import { authorize } from '../api-auth.js';
import type { SimContext } from '../context.js';
import { genesysError, jsonResponse, type SimRequest, type SimResponse } from '../http-io.js';
import { entityListing } from '../listing.js';
import type { SimUser } from '../types.js';

const SEARCH_TYPES = ['NAME', 'ADDRESS', 'PHONE', 'EMAIL', 'TWITTER', 'INSTAGRAM', 'FACEBOOK', 'APPLE_MESSAGES', 'EXTERNAL_ID'] as const;
type SearchType = (typeof SEARCH_TYPES)[number];

const searchQuerySchema = z.object({
  searchType: z.enum(SEARCH_TYPES),
  searchValue: z.string().min(1),
});

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

/** the users a search finds; only EMAIL and NAME can match directory users */
export function findSubjects(users: Iterable<SimUser>, searchType: SearchType, searchValue: string): SimUser[] {
  const value = searchValue.trim().toLowerCase();
  if (searchType === 'EMAIL') {
    if (!EMAIL_SHAPE.test(value)) return [];
    return [...users].filter((u) => u.email.toLowerCase() === value);
  }
  if (searchType === 'NAME') return [...users].filter((u) => u.name?.toLowerCase() === value);
  return [];
}

export async function searchGdprSubjects(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const auth = authorize(req, ctx, ['gdpr:subject:view']);
  if (!auth.ok) return auth.response;
  const query = searchQuerySchema.safeParse(Object.fromEntries(req.query));
  if (!query.success) {
    const fields = [...new Set(query.error.issues.map((i) => i.path.join('.')))];
    return genesysError(400, 'bad.request', `Invalid or missing query parameters: ${fields.join(', ')}`, {
      details: fields.map((fieldName) => ({ errorCode: 'invalid.value', fieldName })),
    });
  }
  const entities = findSubjects(ctx.users.values(), query.data.searchType, query.data.searchValue).map((u) => ({
    userId: u.id,
    ...(u.name !== undefined ? { name: u.name } : {}),
    emailAddresses: [u.email],
  }));
  const { entities: page, pageSize, pageNumber, total, pageCount } = entityListing(entities, 25, 1, '/api/v2/gdpr/subjects');
  return jsonResponse(200, { entities: page, pageSize, pageNumber, total, pageCount });
}
