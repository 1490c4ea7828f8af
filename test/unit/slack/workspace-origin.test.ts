import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isFromAllowedWorkspace, requestOrigin } from '../../../src/slack/listeners/workspace-guard.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8');
const json = (name: string) => JSON.parse(fixture(name)) as Parameters<typeof requestOrigin>[0];
const form = (name: string) => Object.fromEntries(new URLSearchParams(fixture(name).trim())) as Parameters<typeof requestOrigin>[0];

describe('requestOrigin on real Slack payloads', () => {
  it.each([
    ['view_submission.private_metadata.json', json, { teams: ['T111'], userTeams: ['T111'], enterprises: ['E111'] }],
    ['block_actions.button-ephemeral.json', json, { teams: ['T111'], userTeams: ['T111'], enterprises: ['E111'] }],
    ['block_actions.docs-example.json', json, { teams: ['T9TK3CUKW'], userTeams: ['T9TK3CUKW'], enterprises: [] }],
    ['slash_command.enterprise.form.txt', form, { teams: ['T111'], userTeams: [], enterprises: ['E111'] }],
    ['slash_command.org-install.form.txt', form, { teams: ['T111'], userTeams: [], enterprises: ['E111'] }],
  ])('%s', (name, read, expected) => {
    expect(requestOrigin(read(name))).toEqual(expected);
  });
});

describe('isFromAllowedWorkspace', () => {
  const ours = { teams: ['T1'], userTeams: ['T1'], enterprises: [] };
  it('a workspace id needs the payload and the user from that workspace', () => {
    expect(isFromAllowedWorkspace('T1', ours)).toBe(true);
    expect(isFromAllowedWorkspace('T1', { ...ours, userTeams: ['T2'] })).toBe(false);
    expect(isFromAllowedWorkspace('T1', { ...ours, teams: ['T2'] })).toBe(false);
    expect(isFromAllowedWorkspace('T1', { teams: [], userTeams: [], enterprises: ['T1'] })).toBe(false);
  });

  it('an Enterprise Grid id needs every enterprise id of the payload to be it', () => {
    expect(isFromAllowedWorkspace('E1', { teams: ['T5'], userTeams: ['T6'], enterprises: ['E1', 'E1'] })).toBe(true);
    expect(isFromAllowedWorkspace('E1', { teams: ['T5'], userTeams: [], enterprises: ['E1', 'E2'] })).toBe(false);
    expect(isFromAllowedWorkspace('E1', { teams: ['T5'], userTeams: ['E2'], enterprises: ['E1'] })).toBe(false);
    expect(isFromAllowedWorkspace('E1', { teams: ['E1'], userTeams: [], enterprises: [] })).toBe(false);
  });
});
