import { describe, expect, it } from 'vitest';
import { localeOfSlackTag } from '../../../src/slack/catalog/index.js';
import { createReaders } from '../../../src/slack/readers.js';
import type { SlackPerson } from '../../../src/slack/slack-directory.js';

const person = (over: Partial<SlackPerson>): SlackPerson => ({ id: 'U1', name: 'n', isBot: false, deleted: false, ...over });

describe('localeOfSlackTag', () => {
  it.each([
    ['fr-FR', 'fr'],
    ['fr-CA', 'fr'],
    ['FR', 'fr'],
    ['fr_BE', 'fr'],
    ['en-US', 'en'],
    ['de-DE', 'en'],
    ['frisian', 'en'],
  ])('%s reads %s', (tag, locale) => {
    expect(localeOfSlackTag(tag)).toBe(locale);
  });

  it('is unknown without a tag', () => {
    expect(localeOfSlackTag(undefined)).toBeUndefined();
    expect(localeOfSlackTag('')).toBeUndefined();
  });
});

describe('createReaders', () => {
  const people: Record<string, SlackPerson> = {
    U0FR: person({ id: 'U0FR', locale: 'fr-FR', tz: 'Europe/Paris' }),
    U0EN: person({ id: 'U0EN', locale: 'en-GB', tz: 'Europe/London' }),
    U0NOLOCALE: person({ id: 'U0NOLOCALE', tz: 'Not/AZone' }),
  };
  const readers = (defaultLocale: 'en' | 'fr') =>
    createReaders({
      defaultLocale,
      person: async (id) => {
        if (id === 'U0DOWN') throw new Error('Slack is down');
        return people[id];
      },
    });

  it('gives each person their Slack language and time zone', async () => {
    const fr = await readers('en').forUser('U0FR');
    expect(fr).toMatchObject({ locale: 'fr', timeZone: 'Europe/Paris' });
    expect(fr.t.case.state.completed).toBe('Tous les exports sont prêts');
    expect(await readers('fr').forUser('U0EN')).toMatchObject({ locale: 'en', timeZone: 'Europe/London' });
  });

  it('falls back to DEFAULT_LOCALE and UTC when Slack cannot say', async () => {
    for (const id of ['U0NOLOCALE', 'U0UNKNOWN', 'U0DOWN']) {
      expect(await readers('fr').forUser(id)).toMatchObject({ locale: 'fr', timeZone: 'UTC' });
      expect(await readers('en').forUser(id)).toMatchObject({ locale: 'en', timeZone: 'UTC' });
    }
  });

  it('writes the approval channel in DEFAULT_LOCALE', () => {
    expect(readers('fr').forChannel().locale).toBe('fr');
    expect(readers('en').forChannel().locale).toBe('en');
  });

  it('writes dates in the reader’s time zone', async () => {
    const fr = await readers('en').forUser('U0FR');
    expect(fr.dateTime('2026-01-15T23:30:00Z')).toMatch(/^16 janv\. 2026.* 00:30/);
    expect(fr.slackDate('2026-01-15T23:30:00Z')).toMatch(/\^\{date_long\}\|16 janvier 2026>$/);
  });
});

describe('createReaders when Slack is slow', () => {
  // a reader is asked for before Slack's 3-second deadlines (an ack, a trigger id): a slow
  // users.info must not hold the answer up
  /** Slack answers the first look-up (French), then hangs until released (English by then) */
  const slowAfterFirst = () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const lookUp = (id: string) => {
      calls += 1;
      if (calls === 1) return Promise.resolve(person({ id, locale: 'fr-FR', tz: 'Europe/Paris' }));
      return new Promise<SlackPerson | undefined>((resolve) => {
        release = () => resolve(person({ id, locale: 'en-US', tz: 'America/New_York' }));
      });
    };
    return { person: lookUp, release: () => release(), calls: () => calls };
  };

  it('answers at once in a person’s last known language, and takes up a change once Slack answers', async () => {
    const slack = slowAfterFirst();
    const readers = createReaders({ defaultLocale: 'en', person: slack.person, waitMs: 60_000 });
    expect(await readers.forUser('U0FR')).toMatchObject({ locale: 'fr', timeZone: 'Europe/Paris' });

    // the directory's cache expired and Slack hangs: the last known language, without waiting
    expect(await readers.forUser('U0FR')).toMatchObject({ locale: 'fr', timeZone: 'Europe/Paris' });
    expect(slack.calls()).toBe(2);

    slack.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await readers.forUser('U0FR')).toMatchObject({ locale: 'en', timeZone: 'America/New_York' });
  });

  it('gives someone never seen the default language once the wait is over', async () => {
    const readers = createReaders({ defaultLocale: 'fr', person: () => new Promise(() => undefined), waitMs: 20 });
    expect(await readers.forUser('U0NEW')).toMatchObject({ locale: 'fr', timeZone: 'UTC' });
  });
});
