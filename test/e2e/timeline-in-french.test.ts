/**
 * A requester whose Slack speaks French gets the download link, the timeline's DM messages and the
 * timeline files in French, with dates in their own time zone; the data in the files stays as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import {
  ALICE,
  APPROVER_1,
  BOB,
  REQUESTER_GROUP,
  VALID_FORM,
  buttonClick,
  buttonsOf,
  caseOf,
  decisionSubmission,
  dmMessages,
  eventually,
  openModal,
  requestSubmission,
  startHarness,
  type Harness,
} from './harness.js';
import { timelineSubmission } from './timeline-support.js';

const FRANCOISE = 'U0FRANCOISE';
const NBSP = '\u00a0';

let h: Harness;
let caseId = '';
beforeAll(async () => {
  h = await startHarness({
    env: { GDPR_REQUESTERS: `${REQUESTER_GROUP},${FRANCOISE}` },
    beforeApps: ({ slack }) =>
      slack.addUser({ id: FRANCOISE, name: 'francoise', real_name: 'Françoise Dupont', email: 'francoise@corp.example', tz: 'Europe/Paris', locale: 'fr-FR' }),
  });
  const viewId = await openModal(h, FRANCOISE, `<@${ALICE}> <@${BOB}>`);
  await h.sender.interactive(requestSubmission(FRANCOISE, viewId, { users: [ALICE, BOB], ...VALID_FORM }));
  const c = await caseOf(h, FRANCOISE);
  caseId = c.id;
  await h.sender.interactive(decisionSubmission(APPROVER_1, ids.APPROVE_MODAL, c.id, 'ok'));
  await eventually(() => caseOf(h, FRANCOISE), (x) => x.state === 'completed', 20_000, 'completed');
}, 60_000);

afterAll(async () => {
  await h.close();
});

describe('a French requester', () => {
  it('gets the download link modal in French', async () => {
    const dm = h.slack.dmChannelOf(FRANCOISE)!;
    const ready = await eventually(
      () => dmMessages(h, FRANCOISE).find((m) => buttonsOf(m).some((b) => b.action_id === ids.GET_DOWNLOAD_LINK)),
      (m) => m !== undefined,
      10_000,
      'a ready message',
    );
    const link = buttonsOf(ready!).find((b) => b.action_id === ids.GET_DOWNLOAD_LINK)!;
    await h.sender.interactive(buttonClick(FRANCOISE, ids.GET_DOWNLOAD_LINK, link.value!, dm, ready!.ts));
    const update = await h.slack.waitFor('views.update', (call) => JSON.stringify(call.args.view).includes('/signed/'), 10_000);
    const view = JSON.stringify(update.args.view);
    expect(view).toContain('"text":"Lien de téléchargement"');
    expect(view).toMatch(/Archive 1 sur \d+>\u00a0: valable jusqu’à \d\d:\d\d UTC\+1, environ \d+ minutes/);
  });

  it('gets the timeline modal, its messages and its files in French', async () => {
    const dm = h.slack.dmChannelOf(FRANCOISE)!;
    const finished = await eventually(
      () => dmMessages(h, FRANCOISE).find((m) => buttonsOf(m).some((b) => b.action_id === ids.BUILD_TIMELINE)),
      (m) => m !== undefined,
      10_000,
      'the case-finished message',
    );
    await h.sender.interactive(buttonClick(FRANCOISE, ids.BUILD_TIMELINE, caseId, dm, finished!.ts));
    const opened = await h.slack.waitFor('views.open', (call) => JSON.stringify(call.args.view).includes(ids.TIMELINE_MODAL), 10_000);
    expect(JSON.stringify(opened.args.view)).toContain('"text":"Chronologie des échanges"');

    const inverted = await h.sender.interactive(timelineSubmission(caseId, { from: '2025-03-05', to: '2025-03-04' }, FRANCOISE));
    expect(inverted.json).toMatchObject({ errors: { [ids.TIMELINE_TO_BLOCK]: 'La date de fin doit être identique ou postérieure à la date de début.' } });

    await h.sender.interactive(timelineSubmission(caseId, {}, FRANCOISE));
    const complete = await h.slack.waitFor('files.completeUploadExternal', undefined, 20_000);
    const comment = String(complete.args.initial_comment);
    expect(comment).toMatch(new RegExp(`^Chronologie des échanges de ${caseId}\\. Alice Martin${NBSP}: \\d+ messages?`));
    expect(comment).toContain(`Ces fichiers contiennent des données personnelles${NBSP}: traitez-les selon la base légale du dossier.`);
    expect(dmMessages(h, FRANCOISE).some((m) => m.text?.startsWith(`Construction de la chronologie des échanges de ${caseId}${NBSP}: lecture de 2 exports.`))).toBe(true);

    const files = h.slack.files();
    expect(files.map((f) => f.title)).toEqual([`Chronologie ${caseId} (CSV)`, `Chronologie ${caseId} (lisible)`, `Chronologie ${caseId}, chaîne de traçabilité`]);
    const [csv, html, custody] = files as [(typeof files)[number], (typeof files)[number], (typeof files)[number]];
    const page = html.bytes.toString('utf8');
    expect(page).toContain('<html lang="fr">');
    expect(page).toMatch(/<h2>lundi 3 mars 2025<\/h2>/);
    expect(page).toContain('<h2>Chaîne de traçabilité</h2>');
    expect(csv.bytes.toString('utf8')).toMatch(/^\ufefftime_utc,time_local,author,genesys_user_id,text,note\n/);
    expect(csv.bytes.toString('utf8')).toContain('2025-03-03T09:05:00.000Z,2025-03-03 10:05:00,');
    const json = JSON.parse(custody.bytes.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['caseId', 'builtAt', 'howToVerify', 'archives', 'files']);
    expect(String(json.howToVerify)).toMatch(/^Calculez l’empreinte SHA-256/);
  });
});
