/**
 * The people of the demo and the Slack payloads they send. Alice and Bob exist in the simulator's
 * seeded directory under the same email addresses, which is how the bot finds them in Genesys.
 */
import { blockActionPayload, viewSubmissionPayload, type FakeSlackUser } from '../fake-slack/index.js';
import { defaultSimUsers } from '../genesys-simulator/index.js';
import * as ids from '../../src/slack/views/block-kit-ids.js';
import type { Locale } from '../../src/slack/catalog/index.js';
import type { LegalBasis } from '../../src/workflow/model.js';

export const TEAM_ID = 'T0TEST';
export const REQUESTER = 'U0RITA';
export const APPROVER = 'U0ADAM';
export const ALICE = 'U0ALICE';
export const BOB = 'U0BOB';

const DEMO_SLACK_USERS: FakeSlackUser[] = [
  { id: REQUESTER, name: 'rita', real_name: 'Rita Requester', email: 'rita@corp.example', tz: 'Europe/Paris' },
  { id: APPROVER, name: 'adam', real_name: 'Adam Approver', email: 'adam@corp.example', tz: 'Europe/London' },
  { id: ALICE, name: 'alice', real_name: 'Alice Martin', email: 'alice@example.com' },
  { id: BOB, name: 'bob', real_name: 'Bob Nguyen', email: 'bob@example.com' },
];

/** Everyone's Slack language: the bot reads it (users.info include_locale) to choose its words. */
const SLACK_LOCALE: Record<Locale, string> = { en: 'en-US', fr: 'fr-FR' };

export function demoSlackUsers(locale: Locale): FakeSlackUser[] {
  return DEMO_SLACK_USERS.map((u) => ({ ...u, locale: SLACK_LOCALE[locale] }));
}

export interface DemoForm {
  users: string[];
  legalBasis: LegalBasis;
  caseReference: string;
  justification: string;
}

export const DEMO_FORM: DemoForm = {
  users: [ALICE, BOB],
  legalBasis: 'data_subject_access_request',
  caseReference: 'DSAR-2026-0042',
  justification: 'Alice Martin asked for every chat message she exchanged with Bob Nguyen about the supplier contract.',
};

export const APPROVAL_NOTE = 'Scope matches the DSAR; approved.';

/** What the people type, in the run's language (the case reference is data and stays). */
const TYPED: Record<Locale, { justification: string; approvalNote: string }> = {
  en: { justification: DEMO_FORM.justification, approvalNote: APPROVAL_NOTE },
  fr: {
    justification: 'Alice Martin a demandé tous les messages de chat qu’elle a échangés avec Bob Nguyen au sujet du contrat fournisseur.',
    approvalNote: 'Périmètre conforme à la demande d’accès. Approuvé.',
  },
};

export function demoForm(locale: Locale): DemoForm {
  return { ...DEMO_FORM, justification: TYPED[locale].justification };
}

export function approvalNote(locale: Locale): string {
  return TYPED[locale].approvalNote;
}

/** Names for ids in the transcript: Slack people, and Genesys users by their Genesys id. */
export function demoNames(): (id: string) => string | undefined {
  const names = new Map<string, string>();
  for (const u of DEMO_SLACK_USERS) names.set(u.id, u.real_name ?? u.name);
  for (const u of defaultSimUsers()) if (u.name) names.set(u.id, u.name);
  return (id) => names.get(id);
}

/** The view_submission Slack sends when the requester submits the request form. */
export function requestFormSubmission(userId: string, viewId: string, form: DemoForm): object {
  return viewSubmissionPayload({
    userId,
    teamId: TEAM_ID,
    view: {
      id: viewId,
      callback_id: ids.REQUEST_MODAL,
      private_metadata: '{}',
      state_values: {
        [ids.SUBJECTS_BLOCK]: { [ids.SUBJECTS_ACTION]: { type: 'multi_users_select', selected_users: form.users } },
        [ids.EXTRA_IDS_BLOCK]: { [ids.EXTRA_IDS_ACTION]: { type: 'plain_text_input', value: null } },
        [ids.LEGAL_BASIS_BLOCK]: {
          [ids.LEGAL_BASIS_ACTION]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: form.legalBasis }, value: form.legalBasis } },
        },
        [ids.CASE_REFERENCE_BLOCK]: { [ids.CASE_REFERENCE_ACTION]: { type: 'plain_text_input', value: form.caseReference } },
        // the DSAR arrived yesterday (in every time zone): the one-month deadline counts from it
        [ids.RECEIVED_ON_BLOCK]: { [ids.RECEIVED_ON_ACTION]: { type: 'datepicker', selected_date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) } },
        [ids.JUSTIFICATION_BLOCK]: { [ids.JUSTIFICATION_ACTION]: { type: 'plain_text_input', value: form.justification } },
      },
    },
  });
}

/** The view_submission of the approve confirmation modal. */
export function approvalSubmission(userId: string, viewId: string, caseId: string, note: string): object {
  return viewSubmissionPayload({
    userId,
    teamId: TEAM_ID,
    view: {
      id: viewId,
      callback_id: ids.APPROVE_MODAL,
      private_metadata: caseId,
      state_values: { [ids.NOTE_BLOCK]: { [ids.NOTE_ACTION]: { type: 'plain_text_input', value: note } } },
    },
  });
}

/** A click on a button of a message in a conversation. */
export function buttonClick(userId: string, actionId: string, value: string, message: { channel: string; ts: string }): object {
  return blockActionPayload({
    userId,
    teamId: TEAM_ID,
    actionId,
    value,
    container: { type: 'message', channelId: message.channel, messageTs: message.ts },
  });
}
