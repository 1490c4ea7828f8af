/**
 * A rendering of the timeline as a stream of strings: the header once the summary is known, each
 * message in time order, each unrecognised entry, then the footer. The build appends them to an
 * encrypted file; the in-memory renderers join them.
 */
import type { Timeline, TimelineMessage, UnrecognisedEntry } from './merge.js';

export interface TimelineWriter {
  begin(): string;
  message(message: TimelineMessage): string;
  unrecognised(entry: UnrecognisedEntry): string;
  end(): string;
}

/** A whole in-memory timeline through a writer, as one string. */
export function renderWith(writer: TimelineWriter, timeline: Timeline): string {
  const out = [writer.begin()];
  for (const m of timeline.messages) out.push(writer.message(m));
  for (const u of timeline.unrecognised) out.push(writer.unrecognised(u));
  out.push(writer.end());
  return out.join('');
}
