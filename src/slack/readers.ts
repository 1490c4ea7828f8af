/**
 * Who reads a message, in which language and time zone: a person's own Slack locale and time zone
 * (`users.info` with `include_locale`, cached with the directory), the approval channel in
 * `DEFAULT_LOCALE`. A person Slack cannot describe just now reads the default language: a message
 * in the wrong language beats no message.
 */
import { localeOfSlackTag, readerFor, type Locale, type Reader } from './catalog/index.js';
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
}

export function createReaders(o: ReadersOptions): Readers {
  const channel = readerFor(o.defaultLocale);
  return {
    async forUser(userId) {
      const person = await o.person(userId).catch(() => undefined);
      return readerFor(localeOfSlackTag(person?.locale) ?? o.defaultLocale, person?.tz);
    },
    forChannel: () => channel,
  };
}
