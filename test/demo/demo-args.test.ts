import { describe, expect, it } from 'vitest';
import { DEMO_USAGE, parseDemoArgs } from '../../dev/demo/demo-args.js';

describe('npm run demo arguments', () => {
  it('runs in English with no keep-alive by default', () => {
    expect(parseDemoArgs([])).toEqual({ ok: true, args: { locale: 'en', keepAliveSeconds: 0, help: false } });
  });

  it('takes --locale fr and --keep-alive together', () => {
    expect(parseDemoArgs(['--locale', 'fr', '--keep-alive', '30'])).toEqual({ ok: true, args: { locale: 'fr', keepAliveSeconds: 30, help: false } });
    expect(parseDemoArgs(['--locale=en'])).toMatchObject({ ok: true, args: { locale: 'en' } });
  });

  it('refuses a language the bot does not speak, saying which ones it does, then the usage', () => {
    const parsed = parseDemoArgs(['--locale', 'de']);
    expect(parsed).toEqual({ ok: false, message: `--locale must be en or fr, not "de"\n${DEMO_USAGE}` });
    expect(DEMO_USAGE).toContain('--locale <en|fr>');
  });

  it('refuses a bad keep-alive and an unknown option with a clear message', () => {
    expect(parseDemoArgs(['--keep-alive=-1'])).toMatchObject({ ok: false, message: expect.stringMatching(/^--keep-alive must be 0 or more\nUsage:/) });
    expect(parseDemoArgs(['--langue', 'fr'])).toMatchObject({ ok: false, message: expect.stringMatching(/^Unknown option '--langue'/) });
  });
});
