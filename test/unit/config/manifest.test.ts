import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse } from 'yaml';

const schema = JSON.parse(readFileSync(new URL('../../fixtures/slack/manifest.schema.json', import.meta.url), 'utf8'));
const manifestText = readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8');

function validate(manifest: unknown) {
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  const check = ajv.compile(schema);
  const ok = check(manifest);
  return { ok, errors: check.errors ?? [] };
}

describe('manifest.yml', () => {
  const manifest = parse(manifestText);

  it('validates against Slack’s v1 manifest schema', () => {
    const { ok, errors } = validate(manifest);
    expect(errors).toEqual([]);
    expect(ok).toBe(true);
  });

  it('also validates in HTTP mode, with the commented request URLs filled in', () => {
    const http = parse(manifestText.replace(/# (url|request_url): /g, '$1: '));
    http.settings.socket_mode_enabled = false;
    expect(http.features.slash_commands[0].url).toMatch(/^https:\/\//);
    expect(http.settings.interactivity.request_url).toMatch(/\/slack\/events$/);
    expect(validate(http).errors).toEqual([]);
  });

  it('declares the command with escaping on, so mentions arrive as user IDs', () => {
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: '/gdpr-export', should_escape: true }),
    ]);
  });

  it('asks for exactly the bot scopes the bot uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      ['channels:read', 'chat:write', 'commands', 'files:write', 'groups:read', 'im:history', 'im:write', 'usergroups:read', 'users:read', 'users:read.email'].sort(),
    );
  });

  it('enables App Home and interactivity', () => {
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.bot_events).toContain('app_home_opened');
  });

  it('is refused by the schema when broken (the check can fail)', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands[0].command = 'gdpr-export';
    delete broken.display_information.name;
    const { ok, errors } = validate(broken);
    expect(ok).toBe(false);
    expect(errors.length).toBeGreaterThanOrEqual(2);
  });
});
