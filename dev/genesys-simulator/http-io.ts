/**
 * Handlers are functions from a parsed request to a plain response value. Keeping the write to the
 * socket in one place is what lets a 'drop-after-commit' fault run a handler and then throw its
 * answer away.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** named segments of the matched route, e.g. { requestId } */
  params: Record<string, string>;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body?: Buffer | string;
  /** the OAuth client the request was made as, for the request log */
  clientId?: string;
}

export function jsonResponse(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(value),
  };
}

export interface ErrorDetail {
  errorCode?: string;
  fieldName?: string;
}

/** ErrorBody (reference §8) */
export function genesysError(
  status: number,
  code: string,
  message: string,
  extra: { details?: ErrorDetail[]; messageParams?: Record<string, string>; headers?: Record<string, string> } = {},
): SimResponse {
  return jsonResponse(
    status,
    {
      message,
      code,
      status,
      ...(extra.messageParams ? { messageParams: extra.messageParams } : {}),
      contextId: randomUUID(),
      details: extra.details ?? [],
      errors: [],
    },
    extra.headers,
  );
}

export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

export async function readBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new BodyTooLargeError(`request body over ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function writeResponse(res: ServerResponse, response: SimResponse, correlationId: string, headOnly: boolean): void {
  const body = response.body === undefined ? Buffer.alloc(0) : Buffer.from(response.body);
  res.writeHead(response.status, {
    ...response.headers,
    'inin-correlation-id': correlationId,
    'Content-Length': String(body.length),
  });
  res.end(headOnly ? undefined : body);
}

/** the media type without parameters, lower-cased ('' when absent) */
export function mediaType(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
