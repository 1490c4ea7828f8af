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
