/**
 * zod schemas for the Genesys Cloud answers the client reads (reference §2, §3, §4, §8, §14).
 * Tolerant on purpose: unknown fields are dropped, optional fields may be null, and `status` /
 * `requestType` stay plain strings so a value added by Genesys later still passes (§4 "enum drift").
 */
import { z } from 'zod';

/** absent or null both read as "not there"; the key stays optional in the output type */
function optional<T extends z.ZodType>(schema: T) {
  return schema
    .nullish()
    .transform((v) => v ?? undefined)
    .optional();
}

const optionalString = optional(z.string());

const isoDateTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), { error: 'must be an ISO-8601 date-time' });

export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: optionalString,
  expires_in: z.number().positive(),
});
export type TokenResponse = z.output<typeof tokenResponseSchema>;

export const gdprSubjectSchema = z.object({
  name: optionalString,
  userId: optionalString,
});
export type GdprSubject = z.output<typeof gdprSubjectSchema>;

export const gdprRequestSchema = z.object({
  id: z.string().min(1),
  name: optionalString,
  requestType: z.string(),
  status: z.string(),
  createdDate: isoDateTime,
  subject: optional(gdprSubjectSchema),
  resultsUrl: optionalString,
  resultsUrls: optional(z.array(z.string())),
});
export type GdprRequest = z.output<typeof gdprRequestSchema>;

const optionalInt = optional(z.number().int());

function entityListing<T extends z.ZodType>(entity: T) {
  return z.object({
    entities: z
      .array(entity)
      .nullish()
      .transform((v): Array<z.output<T>> => v ?? []),
    pageSize: optionalInt,
    pageNumber: optionalInt,
    pageCount: optionalInt,
    total: optionalInt,
  });
}

export const gdprRequestListingSchema = entityListing(gdprRequestSchema);
export type GdprRequestListing = z.output<typeof gdprRequestListingSchema>;

export const gdprSubjectListingSchema = entityListing(gdprSubjectSchema);
export type GdprSubjectListing = z.output<typeof gdprSubjectListingSchema>;

/** GET /api/v2/downloads/{id}?issueRedirect=false (§14) */
export const urlResponseSchema = z.object({
  url: z.url({ protocol: /^https?$/ }),
});
export type UrlResponse = z.output<typeof urlResponseSchema>;

/** GET /api/v2/chats/settings (§3) */
export const chatSettingsSchema = z.object({
  messageRetentionPeriodDays: optionalInt,
  reactionsEnabled: optional(z.boolean()),
});
export type ChatSettings = z.output<typeof chatSettingsSchema>;

/** GET /api/v2/users/{id}: only the name is read (the email it also carries is never kept) */
export const userSchema = z.object({ name: optionalString });

/** Genesys error body (§8). Only the fields we carry on a GenesysError; the rest is dropped. */
export const errorBodySchema = z.object({
  code: optionalString,
  status: optionalInt,
  contextId: optionalString,
});
export type ErrorBody = z.output<typeof errorBodySchema>;
