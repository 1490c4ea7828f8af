/**
 * Turns a Web API request body into arguments. @slack/web-api sends
 * application/x-www-form-urlencoded with object arguments JSON-stringified into one field
 * (platform.md §5); other clients send application/json. Both end up in the same shape.
 */
import type { IncomingMessage } from 'node:http';
import type { SlackArgs } from './method-result.js';
import { isRecord } from './method-result.js';

/** Fields Slack documents as JSON strings when sent form-encoded. */
const JSON_FIELDS = new Set(['view', 'blocks', 'attachments', 'metadata', 'files']);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export type ParsedArgs = { ok: true; args: SlackArgs } | { ok: false; error: string };

export function parseArgs(body: Buffer, contentType: string | undefined): ParsedArgs {
  const text = body.toString('utf8');
  if ((contentType ?? '').toLowerCase().startsWith('application/json')) {
    if (text.trim() === '') return { ok: true, args: {} };
    try {
      const parsed: unknown = JSON.parse(text);
      return isRecord(parsed) ? { ok: true, args: parsed } : { ok: false, error: 'invalid_json' };
    } catch {
      return { ok: false, error: 'invalid_json' };
    }
  }
  const args: SlackArgs = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = JSON_FIELDS.has(key) ? decodeJsonField(value) : value;
  }
  return { ok: true, args };
}

/** An undecodable field stays a string, so the method can answer with its own specific error. */
function decodeJsonField(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

/** Recorded arguments never keep the token: tests print them, and tokens never reach a log. */
export function withoutToken(args: SlackArgs): SlackArgs {
  const { token: _token, ...rest } = args;
  return rest;
}
