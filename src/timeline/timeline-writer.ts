/**
 * A rendering of the timeline as a stream of strings: the header once the summary is known, each
 * message in time order, each unrecognised entry, then the footer. The build appends them to an
 * encrypted file; the in-memory renderers join them.
 */
import type { TimelineMessage, UnrecognisedEntry } from './merge.js';

export interface TimelineWriter {
  begin(): string;
  message(message: TimelineMessage): string;
  unrecognised(entry: UnrecognisedEntry): string;
  end(): string;
}
