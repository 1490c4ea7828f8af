/**
 * Typed timeline failures with stable codes and params, so the Slack catalog can word each one.
 * The message is for the log only (people read the catalog's words); it never holds a URL, a name
 * or message text.
 */
export const TIMELINE_ERROR_CODES = [
  'corrupt_archive', // the ZIP is damaged, truncated or uses a feature we cannot read
  'download_failed', // the signed link answered non-2xx, or the connection broke mid-download
  'too_large', // past a configured limit (params.limit says which)
  'invalid_range', // the date range ends before it starts
] as const;
export type TimelineErrorCode = (typeof TIMELINE_ERROR_CODES)[number];

/** Which archive a failure is about, 1-based, for the person's message. */
export interface ArchivePosition {
  subject: number;
  subjects: number;
  archive: number;
  archives: number;
}

/** Facts the Slack layer words the failure from; never a name, a link or message text. */
export interface TimelineErrorParams {
  /** for 'too_large': which cap was passed, and its value */
  limit?: 'archive_bytes' | 'uncompressed_bytes' | 'archive_entries' | 'messages' | 'entry_bytes';
  max?: number;
  where?: ArchivePosition;
  /** for 'download_failed' raised by the caller: the links were refused, or an archive had none */
  reason?: 'links_refused' | 'archive_missing';
  /** for 'links_refused': the workflow's refusal, already words for people */
  refusal?: string;
}

export interface TimelineErrorOptions {
  /** HTTP status of a failed download */
  status?: number;
  params?: TimelineErrorParams;
  cause?: unknown;
}

export class TimelineError extends Error {
  override readonly name = 'TimelineError';
  readonly code: TimelineErrorCode;
  readonly status?: number;
  readonly params: TimelineErrorParams;

  constructor(code: TimelineErrorCode, message: string, options: TimelineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.params = options.params ?? {};
  }

  /** what a log line may hold */
  toLog(): Record<string, unknown> {
    return { code: this.code, status: this.status, ...this.params, message: this.message };
  }
}

export function isTimelineError(error: unknown): error is TimelineError {
  return error instanceof TimelineError;
}
