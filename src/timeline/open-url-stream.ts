/**
 * Streams a signed archive link. The URL is a secret (anyone holding it can download the export),
 * so it never appears in an error; only the HTTP status does.
 */
import { TimelineError } from './errors.js';
import { limitExceeded } from './limits.js';

export interface OpenUrlStreamOptions {
  fetch?: typeof fetch;
  /** stop and throw 'too_large' past this many bytes */
  maxBytes?: number;
  signal?: AbortSignal;
}

export async function openUrlStream(url: string, options: OpenUrlStreamOptions = {}): Promise<AsyncIterable<Buffer>> {
  const fetchImpl = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, { redirect: 'follow', signal: options.signal });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new TimelineError('download_failed', `The archive download was refused (HTTP ${response.status}).`, {
      status: response.status,
    });
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (options.maxBytes !== undefined && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge(options.maxBytes);
  }
  if (!response.body) return emptyStream();
  return limitedBody(response.body, options.maxBytes);
}

async function* limitedBody(body: NonNullable<Response['body']>, maxBytes: number | undefined): AsyncGenerator<Buffer> {
  const reader = body.getReader();
  let received = 0;
  try {
    for (;;) {
      const result = await reader.read().catch((error: unknown) => {
        throw networkError(error);
      });
      if (result.done) return;
      const chunk = result.value as Uint8Array;
      received += chunk.byteLength;
      // The declared length can be absent or wrong: count what actually arrives.
      if (maxBytes !== undefined && received > maxBytes) throw tooLarge(maxBytes);
      yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

// eslint-disable-next-line require-yield -- an empty body is a valid, empty stream
async function* emptyStream(): AsyncGenerator<Buffer> {
  return;
}

function tooLarge(maxBytes: number): TimelineError {
  return limitExceeded('archive_bytes', maxBytes);
}

// undici's errors can carry the request URL in their cause; keep only the system error code.
function networkError(error: unknown): TimelineError {
  const code = systemErrorCode(error);
  const detail = code ? ` (${code})` : '';
  return new TimelineError('download_failed', `The archive download failed: network error${detail}.`);
}

function systemErrorCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code;
    if ((current as { name?: unknown }).name === 'AbortError') return 'ABORTED';
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
