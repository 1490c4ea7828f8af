/**
 * Who reads a message, in which language and time zone: a person's own Slack locale and time zone
 * (`users.info` with `include_locale`, cached with the directory), the approval channel in
 * `DEFAULT_LOCALE`. A person Slack cannot describe just now reads the default language: a message
 * in the wrong language beats no message.
 *
 * A reader is asked for before Slack's 3-second deadlines (an acknowledgement, a trigger id), so it
 * never waits on a slow Slack for long: someone seen before reads at once in their last known
 * language while the look-up refreshes it, and someone never seen waits at most `waitMs`.
 */
import { localeOfSlackTag, readerFor, type Locale, type Reader } from './catalog/index.js';
import { withinBudget } from './listeners/context.js';
import type { SlackPerson } from './slack-directory.js';

export interface Readers {
  /** the person's language and time zone */
  forUser(userId: string): Promise<Reader>;
  /** a shared channel's language (DEFAULT_LOCALE), dates in UTC */
  forChannel(): Reader;
}

export interface ReadersOptions {
  person: (userId: string) => Promise<SlackPerson | undefined>;
  defaultLocale: Locale;
  /** how long someone never seen may wait for Slack before reading the default language (default 1 s) */
  waitMs?: number;
}

const DEFAULT_WAIT_MS = 1_000;

export function createReaders(o: ReadersOptions): Readers {
  const channel = readerFor(o.defaultLocale);
  // language and zone are ids and tags, no personal data; a person changes them rarely
  const lastKnown = new Map<string, Reader>();
  const lookUp = (userId: string): Promise<Reader> =>
    o.person(userId).then(
      (person) => {
        const reader = readerFor(localeOfSlackTag(person?.locale) ?? o.defaultLocale, person?.tz);
        lastKnown.set(userId, reader);
        return reader;
      },
      () => lastKnown.get(userId) ?? channel,
    );
  return {
    async forUser(userId) {
      // the directory answers from its cache at once; otherwise the look-up goes on behind
      const fresh = lookUp(userId);
      const known = lastKnown.get(userId);
      if (known) return (await withinBudget(fresh, 0))?.value ?? known;
      return (await withinBudget(fresh, o.waitMs ?? DEFAULT_WAIT_MS))?.value ?? channel;
    },
    forChannel: () => channel,
  };
}
