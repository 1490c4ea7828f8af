/**
 * The request form. It states the facts that surprise people before they submit, not after:
 * an export holds one person's own messages, only within the chat retention period, and Genesys
 * can take days.
 */
import { gdprDueDate } from '../../workflow/deadlines.js';
import { FIELD_LIMITS } from '../../workflow/limits.js';
import type { ExportCase, LegalBasis } from '../../workflow/model.js';
import { LEGAL_BASES } from '../../workflow/model.js';
import { DEFAULT_READER } from '../catalog/index.js';
import type { InputBlock, KnownBlock, ModalView } from './block-kit.js';
import { context, divider, plain, section } from './block-kit.js';
import { sentence } from './approval-card.js';
import { calendarDay, channelMention, clip, listInWords, plural, principalMention } from './format.js';
import {
  CASE_REFERENCE_ACTION,
  CONFIRM_ACTION,
  CONFIRM_BLOCK,
  CONFIRM_VALUE,
  CASE_REFERENCE_BLOCK,
  EXTRA_IDS_ACTION,
  EXTRA_IDS_BLOCK,
  JUSTIFICATION_ACTION,
  JUSTIFICATION_BLOCK,
  LEGAL_BASIS_ACTION,
  LEGAL_BASIS_BLOCK,
  LOADING_MODAL,
  NEEDED_BY_ACTION,
  NEEDED_BY_BLOCK,
  RECEIVED_ON_ACTION,
  RECEIVED_ON_BLOCK,
  REQUEST_MODAL,
  SUBJECTS_ACTION,
  SUBJECTS_BLOCK,
} from './block-kit-ids.js';
import { caseIdCode, caseReference, deadlineLine } from './labels.js';

export const REQUEST_MODAL_TITLE = 'GDPR chat export';

export type ApproversInfo = { required: boolean; userIds: string[]; channelId?: string } | 'loading';

export interface RequestModalInput {
  maxSubjects: number;
  initialUserIds: string[];
  /** emails or Genesys user ids, shown one per line */
  initialExtraIds: string[];
  /** today in the requester's time zone ('YYYY-MM-DD'): the receipt date's default and latest value */
  today: string;
  /** "Request again": the original case's dates, basis and reference (the deadline keeps counting from its receipt) */
  initial?: { receivedOn?: string; neededBy?: string; legalBasis?: LegalBasis; caseReference?: string };
  retentionDays?: number | 'unknown' | 'loading';
  approvers: ApproversInfo;
  /** opaque to this builder; ids only (the listener's JSON) */
  privateMetadata: string;
  /** mrkdwn shown above the form, e.g. why the last submission could not be completed */
  errorsNotice?: string;
  /** no approver will look at it, so the requester confirms the export in the form itself */
  confirmationRequired?: boolean;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const APPROVERS_SHOWN = 15;

export function requestModal(input: RequestModalInput): ModalView {
  const maxSubjects = Math.max(1, Math.floor(input.maxSubjects));
  const notice: KnownBlock[] = input.errorsNotice?.trim()
    ? [section(`:warning: ${clip(input.errorsNotice.trim(), 2900)}`, 'errors_notice')]
    : [];
  return {
    type: 'modal',
    callback_id: REQUEST_MODAL,
    title: plain(REQUEST_MODAL_TITLE, 24),
    submit: plain('Submit request', 24),
    close: plain('Cancel', 24),
    private_metadata: input.privateMetadata,
    blocks: [
      ...notice,
      section(
        `Request a Genesys Cloud export of the Collaborate chat of up to ${plural(maxSubjects, 'person', 'people')}, for a GDPR or legal request.`,
      ),
      subjectsInput(input.initialUserIds, maxSubjects),
      extraIdsInput(input.initialExtraIds),
      legalBasisInput(input.initial?.legalBasis),
      // "Request again" of a case without a recorded receipt date: no invented default
      receivedOnInput(input.initial ? input.initial.receivedOn : input.today),
      neededByInput(input.initial?.neededBy),
      caseReferenceInput(input.initial?.caseReference),
      justificationInput(),
      ...(input.confirmationRequired ? [confirmationInput()] : []),
      divider(),
      section(
        ':bust_in_silhouette: *Each export holds only that person’s own messages.* For a conversation, choose every participant.',
      ),
      section(`:calendar: ${retentionSentence(input.retentionDays)}`),
      section(
        ':hourglass_flowing_sand: Genesys Cloud can take *several days* to prepare the results. You get a direct message as each person’s export is ready.',
      ),
      section(`:scales: ${dueSentence(input.initial ? input.initial.receivedOn : input.today, input.today)}`),
      section(`:busts_in_silhouette: ${approversSentence(input.approvers)}`),
    ],
  };
}

function confirmationInput(): InputBlock {
  return {
    type: 'input',
    block_id: CONFIRM_BLOCK,
    label: plain('Confirmation'),
    element: {
      type: 'checkboxes',
      action_id: CONFIRM_ACTION,
      options: [
        {
          text: plain('I confirm this export is needed for the case above', 75),
          description: plain('No approver reviews it: it goes to Genesys Cloud at once', 75),
          value: CONFIRM_VALUE,
        },
      ],
    },
  };
}

function subjectsInput(initialUserIds: string[], maxSubjects: number): InputBlock {
  const initial = [...new Set(initialUserIds.filter((id) => SLACK_USER_ID.test(id)))].slice(0, maxSubjects);
  return {
    type: 'input',
    block_id: SUBJECTS_BLOCK,
    optional: true, // the listener checks that someone is named across both fields
    label: plain('People in Slack'),
    hint: plain(`Up to ${maxSubjects}. Choose every participant of the conversation you need.`),
    element: {
      type: 'multi_users_select',
      action_id: SUBJECTS_ACTION,
      placeholder: plain('Choose people', 150),
      max_selected_items: maxSubjects,
      ...(initial.length > 0 ? { initial_users: initial } : {}),
    },
  };
}

function extraIdsInput(initialExtraIds: string[]): InputBlock {
  const initial = clip(
    initialExtraIds
      .map((s) => s.trim())
      .filter(Boolean)
      .join('\n'),
    FIELD_LIMITS.extraIdsMax,
  );
  return {
    type: 'input',
    block_id: EXTRA_IDS_BLOCK,
    optional: true,
    label: plain('Other people'),
    hint: plain('Emails or Genesys user IDs, one per line, for people no longer in Slack'),
    element: {
      type: 'plain_text_input',
      action_id: EXTRA_IDS_ACTION,
      multiline: true,
      max_length: FIELD_LIMITS.extraIdsMax,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

function receivedOnInput(initialDate: string | undefined): InputBlock {
  return {
    type: 'input',
    block_id: RECEIVED_ON_BLOCK,
    optional: true, // required for a data subject access request only; the workflow checks it
    label: plain('Request received on (data subject access requests)'),
    hint: plain('The day the data subject’s request reached your organisation. The one-month GDPR deadline counts from it.'),
    element: {
      type: 'datepicker',
      action_id: RECEIVED_ON_ACTION,
      ...(initialDate ? { initial_date: initialDate } : {}),
      placeholder: plain('Pick the day', 150),
    },
  };
}

function neededByInput(initialDate: string | undefined): InputBlock {
  return {
    type: 'input',
    block_id: NEEDED_BY_BLOCK,
    optional: true,
    label: plain('Needed by (other legal bases, optional)'),
    hint: plain('Only for a legal hold, an investigation or another basis: the day you need the exports by.'),
    element: {
      type: 'datepicker',
      action_id: NEEDED_BY_ACTION,
      ...(initialDate ? { initial_date: initialDate } : {}),
      placeholder: plain('No date', 150),
    },
  };
}

/** The deadline the form states before anything is submitted. */
function dueSentence(receivedOn: string | undefined, today: string): string {
  if (!receivedOn) return 'For a data subject access request, the GDPR response is due one month after the day it was received. Other legal bases have no GDPR deadline.';
  const { dueOn } = gdprDueDate(receivedOn, undefined);
  const received = receivedOn === today ? `received today (${calendarDay(receivedOn)})` : `received ${calendarDay(receivedOn)}`;
  return `For a data subject access request ${received}, the GDPR response is due by *${calendarDay(dueOn)}*: one month after receipt. Other legal bases have no GDPR deadline.`;
}

function legalBasisInput(initial: LegalBasis | undefined): InputBlock {
  return {
    type: 'input',
    block_id: LEGAL_BASIS_BLOCK,
    label: plain('Legal basis'),
    element: {
      type: 'static_select',
      action_id: LEGAL_BASIS_ACTION,
      placeholder: plain('Choose the legal basis', 150),
      options: LEGAL_BASES.map((basis) => ({ text: plain(DEFAULT_READER.t.case.legalBasis[basis], 75), value: basis })),
      ...(initial ? { initial_option: { text: plain(DEFAULT_READER.t.case.legalBasis[initial], 75), value: initial } } : {}),
    },
  };
}

function caseReferenceInput(initial: string | undefined): InputBlock {
  return {
    type: 'input',
    block_id: CASE_REFERENCE_BLOCK,
    label: plain('Case reference'),
    hint: plain('Your own reference for this request, e.g. the ticket or matter number.'),
    element: {
      type: 'plain_text_input',
      action_id: CASE_REFERENCE_ACTION,
      max_length: FIELD_LIMITS.caseReferenceMax,
      ...(initial ? { initial_value: clip(initial, FIELD_LIMITS.caseReferenceMax) } : {}),
    },
  };
}

function justificationInput(): InputBlock {
  return {
    type: 'input',
    block_id: JUSTIFICATION_BLOCK,
    label: plain('Justification'),
    hint: plain('Why this export is needed. The approver and the audit log see it; do not paste personal data.'),
    element: {
      type: 'plain_text_input',
      action_id: JUSTIFICATION_ACTION,
      multiline: true,
      min_length: FIELD_LIMITS.justificationMin,
      max_length: FIELD_LIMITS.justificationMax,
    },
  };
}

function retentionSentence(retention: RequestModalInput['retentionDays']): string {
  const lead = 'Only messages inside the organisation’s chat retention period are included';
  if (retention === 'loading') return `${lead}: checking…`;
  if (retention === 'unknown') return `${lead}: unknown (the bot lacks the chat:setting:view permission).`;
  if (typeof retention === 'number' && Number.isFinite(retention)) {
    return `${lead}: ${plural(Math.floor(retention), 'day', 'days')}. Older messages are already deleted.`;
  }
  return `${lead}; the bot could not read that period.`;
}

function approversSentence(approvers: ApproversInfo): string {
  if (approvers === 'loading') return 'Approval: checking who will be asked…';
  if (!approvers.required) return 'No approval needed: the request is submitted as soon as you submit this form.';
  const where = approvers.channelId ? ` in ${channelMention(approvers.channelId)}` : '';
  const ids = [...new Set(approvers.userIds)];
  if (ids.length === 0) {
    return where
      ? `An approver will be asked${where} before anything is sent to Genesys Cloud.`
      : 'An approver will be asked before anything is sent to Genesys Cloud.';
  }
  const shown = ids.slice(0, APPROVERS_SHOWN).map(principalMention);
  const more = ids.length > APPROVERS_SHOWN ? [`${ids.length - APPROVERS_SHOWN} more`] : [];
  return `Approval: ${listInWords([...shown, ...more])} will be asked${where} before anything is sent to Genesys Cloud.`;
}

/** A placeholder shown while the bot does something slow (the trigger id expires in 3 s). */
export function loadingModal(title = REQUEST_MODAL_TITLE, text = 'Loading…'): ModalView {
  return progressModal(title, text);
}

/** A modal with one calm line of progress and a Close button. */
export function progressModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [section(`:hourglass_flowing_sand: ${clip(text, 2900)}`)],
  };
}

/** A modal that explains why something could not be done. `text` is mrkdwn from `messages.ts`. */
export function refusalModal(title: string, text: string): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(title, 24),
    close: plain('Close', 24),
    blocks: [section(clip(text, 3000) || 'This could not be done.')],
  };
}

/** Shown by the request modal while subjects are resolved against Genesys Cloud. */
export function checkingRequestView(): ModalView {
  return progressModal(
    REQUEST_MODAL_TITLE,
    'Checking the people you named with Genesys Cloud. This usually takes a few seconds; you can close this window, and the bot will message you with the outcome.',
  );
}

/** Replaces the request modal once the case exists. */
export function requestSubmittedView(
  c: ExportCase,
  policy: { requireApproval: boolean; approvalChannel?: string },
): ModalView {
  const next =
    c.state === 'awaiting_approval'
      ? `An approver has been asked${policy.approvalChannel ? ` in ${channelMention(policy.approvalChannel)}` : ''}. Nothing is sent to Genesys Cloud before someone approves.`
      : 'No approval was needed: the exports are being sent to Genesys Cloud now.';
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(REQUEST_MODAL_TITLE, 24),
    close: plain('Done', 24),
    blocks: [
      section(`:white_check_mark: *Request ${caseIdCode(c)} received* (reference ${caseReference(c)}).`),
      section(next),
      context(
        `You will get a direct message from the bot with each person’s progress.${sentence(deadlineLine(c))}`,
      ),
    ],
  };
}
