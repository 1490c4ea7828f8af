/** POST/GET /api/v2/gdpr/requests and GET /api/v2/gdpr/requests/{requestId} (reference §3, §4, §6). */
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { authorize } from '../api-auth.js';
import type { SimContext } from '../context.js';
import { toGdprRequest, type ExportRecord } from '../export-registry.js';
import { genesysError, jsonResponse, mediaType, type SimRequest, type SimResponse } from '../http-io.js';
import { entityListing } from '../listing.js';

const REQUEST_TYPES = ['GDPR_EXPORT', 'GDPR_UPDATE', 'GDPR_DELETE'] as const;

// read-only fields (id, status, createdDate, …) are ignored like Genesys does, so the object is loose
const createBodySchema = z.looseObject({
  name: z.string().optional(),
  requestType: z.enum(REQUEST_TYPES),
  subject: z.looseObject({
    userId: z.string().trim().min(1),
    name: z.string().optional(),
  }),
});

const createQuerySchema = z.object({
  deleteConfirmed: z.enum(['true', 'false']).optional(),
});

const listQuerySchema = z.object({
  pageSize: z.coerce.number().int().min(1).max(500).default(25),
  pageNumber: z.coerce.number().int().min(1).default(1),
});

/** a 400 naming the offending fields, never echoing their values (they may be personal data) */
function invalidFields(issues: readonly z.core.$ZodIssue[]): SimResponse {
  const fields = [...new Set(issues.map((i) => i.path.join('.') || 'body'))];
  return genesysError(400, 'bad.request', `The request could not be processed. Invalid or missing fields: ${fields.join(', ')}`, {
    details: fields.map((fieldName) => ({ errorCode: 'invalid.value', fieldName })),
  });
}

function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

export async function createGdprRequest(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const auth = authorize(req, ctx, ['gdpr:request:add']);
  if (!auth.ok) return auth.response;
  if (mediaType(req.headers) !== 'application/json') {
    return genesysError(415, 'unsupported.media.type', 'The request body must be application/json.');
  }
  const query = createQuerySchema.safeParse(Object.fromEntries(req.query));
  if (!query.success) return invalidFields(query.error.issues);
  const json = parseJson(req.body);
  if (!json.ok) return genesysError(400, 'bad.request', 'The request body is not valid JSON.');
  const body = createBodySchema.safeParse(json.value);
  if (!body.success) return invalidFields(body.error.issues);

  const { requestType, subject, name } = body.data;
  if (query.data.deleteConfirmed === 'true' && requestType !== 'GDPR_DELETE') {
    return genesysError(400, 'bad.request', 'deleteConfirmed may only be true on a GDPR_DELETE request.', {
      details: [{ errorCode: 'invalid.value', fieldName: 'deleteConfirmed' }],
    });
  }
  if (requestType !== 'GDPR_EXPORT') {
    // the bot must never update or delete; refusing makes such a bug loud in every test
    return genesysError(400, 'bad.request', `The simulator performs GDPR_EXPORT requests only, not ${requestType}.`, {
      details: [{ errorCode: 'invalid.value', fieldName: 'requestType' }],
    });
  }

  const userId = subject.userId.trim();
  const archives = Math.max(1, Math.floor(ctx.settings.archivesPerExport(userId)));
  // unknown user ids are accepted like Genesys does: the export just completes empty
  const record: ExportRecord = {
    id: randomUUID(),
    ...(name !== undefined ? { name } : {}),
    userId,
    subjectName: ctx.users.get(userId)?.name ?? subject.name,
    clientId: auth.clientId,
    createdAt: ctx.clock.now(),
    durationMs: Math.max(0, ctx.settings.exportDurationMs(userId)),
    fails: ctx.settings.failUserIds.has(userId),
    downloadIds: Array.from({ length: archives }, () => randomBytes(16).toString('hex')),
    expiredManually: false,
  };
  ctx.exports.add(record);
  return jsonResponse(200, toGdprRequest(record, ctx.clock.now(), ctx.baseUrl));
}

export async function getGdprRequest(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const auth = authorize(req, ctx, ['gdpr:request:view']);
  if (!auth.ok) return auth.response;
  const record = ctx.exports.get(req.params.requestId ?? '');
  if (!record) return genesysError(404, 'not.found', 'The GDPR request was not found.');
  return jsonResponse(200, toGdprRequest(record, ctx.clock.now(), ctx.baseUrl));
}

export async function listGdprRequests(req: SimRequest, ctx: SimContext): Promise<SimResponse> {
  const auth = authorize(req, ctx, ['gdpr:request:view']);
  if (!auth.ok) return auth.response;
  const query = listQuerySchema.safeParse(Object.fromEntries(req.query));
  if (!query.success) return invalidFields(query.error.issues);
  const now = ctx.clock.now();
  const entities = ctx.exports.newestFirst().map((r) => toGdprRequest(r, now, ctx.baseUrl));
  return jsonResponse(200, entityListing(entities, query.data.pageSize, query.data.pageNumber, '/api/v2/gdpr/requests'));
}
