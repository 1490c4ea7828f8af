/** Errors cross the worker boundary as plain data; a TimelineError comes back as one. */
import { TimelineError } from './errors.js';
import type { SerialisedError } from './worker-protocol.js';

export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof TimelineError) {
    return { timeline: true, code: error.code, message: error.message, status: error.status, params: error.params };
  }
  return { timeline: false, message: error instanceof Error ? error.message : String(error) };
}

export function deserialiseError(error: SerialisedError): Error {
  if (error.timeline && error.code) return new TimelineError(error.code, error.message, { status: error.status, params: error.params });
  return new Error(error.message);
}
