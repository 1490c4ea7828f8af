/**
 * Typed timeline failures with stable codes, so the Slack layer can map each one to a plain
 * sentence. Messages never hold a URL, a name or message text.
 */
export const TIMELINE_ERROR_CODES = [
  'corrupt_archive', // the ZIP is damaged, truncated or uses a feature we cannot read
  'download_failed', // the signed link answered non-2xx, or the connection broke mid-download
  'too_large', // the download or the chat entry is bigger than the configured limit
  'invalid_range', // the date range ends before it starts
] as const;
export type TimelineErrorCode = (typeof TIMELINE_ERROR_CODES)[number];

export interface TimelineErrorOptions {
  /** HTTP status of a failed download */
  status?: number;
  cause?: unknown;
}

export class TimelineError extends Error {
  override readonly name = 'TimelineError';
  readonly code: TimelineErrorCode;
  readonly status?: number;

  constructor(code: TimelineErrorCode, message: string, options: TimelineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
  }

  /** what a log line may hold */
  toLog(): Record<string, unknown> {
    return { code: this.code, status: this.status, message: this.message };
  }
}

export function isTimelineError(error: unknown): error is TimelineError {
  return error instanceof TimelineError;
}
