/**
 * The request form. It states the facts that surprise people before they submit, not after:
 * an export holds one person's own messages, only within the chat retention period, and Genesys
 * can take days.
 */
import { gdprDueDate } from '../../workflow/deadlines.js';
import { FIELD_LIMITS } from '../../workflow/limits.js';
import type { ExportCase, LegalBasis } from '../../workflow/model.js';
import { LEGAL_BASES } from '../../workflow/model.js';
import type { Reader } from '../catalog/index.js';
import type { InputBlock, KnownBlock, ModalView } from './block-kit.js';
import { context, divider, plain, section } from './block-kit.js';
import { sentence } from './approval-card.js';
import { channelMention, clip, principalMention } from './format.js';
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

export function requestModal(input: RequestModalInput, reader: Reader): ModalView {
  const words = reader.t.request;
  const maxSubjects = Math.max(1, Math.floor(input.maxSubjects));
  const notice: KnownBlock[] = input.errorsNotice?.trim()
    ? [section(`:warning: ${clip(input.errorsNotice.trim(), 2900)}`, 'errors_notice')]
    : [];
  return {
    type: 'modal',
    callback_id: REQUEST_MODAL,
    title: plain(words.title(), 24),
    submit: plain(words.submit(), 24),
    close: plain(words.cancel(), 24),
    private_metadata: input.privateMetadata,
    blocks: [
      ...notice,
      section(words.intro({ maxSubjects })),
      subjectsInput(input.initialUserIds, maxSubjects, reader),
      extraIdsInput(input.initialExtraIds, reader),
      legalBasisInput(input.initial?.legalBasis, reader),
      // "Request again" of a case without a recorded receipt date: no invented default
      receivedOnInput(input.initial ? input.initial.receivedOn : input.today, reader),
      neededByInput(input.initial?.neededBy, reader),
      caseReferenceInput(input.initial?.caseReference, reader),
      justificationInput(reader),
      ...(input.confirmationRequired ? [confirmationInput(reader)] : []),
      divider(),
      section(`:bust_in_silhouette: ${words.ownMessagesOnly()}`),
      section(`:calendar: ${retentionSentence(input.retentionDays, reader)}`),
      section(`:hourglass_flowing_sand: ${words.genesysDelay()}`),
      section(`:scales: ${dueSentence(input.initial ? input.initial.receivedOn : input.today, input.today, reader)}`),
      section(`:busts_in_silhouette: ${approversSentence(input.approvers, reader)}`),
    ],
  };
}

function confirmationInput(reader: Reader): InputBlock {
  const words = reader.t.request.confirmation;
  return {
    type: 'input',
    block_id: CONFIRM_BLOCK,
    label: plain(words.label()),
    element: {
      type: 'checkboxes',
      action_id: CONFIRM_ACTION,
      options: [
        {
          text: plain(words.option(), 75),
          description: plain(words.description(), 75),
          value: CONFIRM_VALUE,
        },
      ],
    },
  };
}

function subjectsInput(initialUserIds: string[], maxSubjects: number, reader: Reader): InputBlock {
  const words = reader.t.request.subjects;
  const initial = [...new Set(initialUserIds.filter((id) => SLACK_USER_ID.test(id)))].slice(0, maxSubjects);
  return {
    type: 'input',
    block_id: SUBJECTS_BLOCK,
    optional: true, // the listener checks that someone is named across both fields
    label: plain(words.label()),
    hint: plain(words.hint({ maxSubjects })),
    element: {
      type: 'multi_users_select',
      action_id: SUBJECTS_ACTION,
      placeholder: plain(words.placeholder(), 150),
      max_selected_items: maxSubjects,
      ...(initial.length > 0 ? { initial_users: initial } : {}),
    },
  };
}

function extraIdsInput(initialExtraIds: string[], reader: Reader): InputBlock {
  const words = reader.t.request.otherPeople;
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
    label: plain(words.label()),
    hint: plain(words.hint()),
    element: {
      type: 'plain_text_input',
      action_id: EXTRA_IDS_ACTION,
      multiline: true,
      max_length: FIELD_LIMITS.extraIdsMax,
      ...(initial ? { initial_value: initial } : {}),
    },
  };
}

function receivedOnInput(initialDate: string | undefined, reader: Reader): InputBlock {
  const words = reader.t.request.receivedOn;
  return {
    type: 'input',
    block_id: RECEIVED_ON_BLOCK,
    optional: true, // required for a data subject access request only; the workflow checks it
    label: plain(words.label()),
    hint: plain(words.hint()),
    element: {
      type: 'datepicker',
      action_id: RECEIVED_ON_ACTION,
      ...(initialDate ? { initial_date: initialDate } : {}),
      placeholder: plain(words.placeholder(), 150),
    },
  };
}

function neededByInput(initialDate: string | undefined, reader: Reader): InputBlock {
  const words = reader.t.request.neededBy;
  return {
    type: 'input',
    block_id: NEEDED_BY_BLOCK,
    optional: true,
    label: plain(words.label()),
    hint: plain(words.hint()),
    element: {
      type: 'datepicker',
      action_id: NEEDED_BY_ACTION,
      ...(initialDate ? { initial_date: initialDate } : {}),
      placeholder: plain(words.placeholder(), 150),
    },
  };
}

/** The deadline the form states before anything is submitted. */
function dueSentence(receivedOn: string | undefined, today: string, reader: Reader): string {
  const words = reader.t.request.due;
  if (!receivedOn) return words.noReceipt();
  const { dueOn } = gdprDueDate(receivedOn, undefined);
  return words.dueBy({ receivedToday: receivedOn === today, day: reader.day(receivedOn), due: reader.day(dueOn) });
}

function legalBasisInput(initial: LegalBasis | undefined, reader: Reader): InputBlock {
  const option = (basis: LegalBasis) => ({ text: plain(reader.t.case.legalBasis[basis], 75), value: basis });
  return {
    type: 'input',
    block_id: LEGAL_BASIS_BLOCK,
    label: plain(reader.t.request.legalBasis.label()),
    element: {
      type: 'static_select',
      action_id: LEGAL_BASIS_ACTION,
      placeholder: plain(reader.t.request.legalBasis.placeholder(), 150),
      options: LEGAL_BASES.map(option),
      ...(initial ? { initial_option: option(initial) } : {}),
    },
  };
}

function caseReferenceInput(initial: string | undefined, reader: Reader): InputBlock {
  const words = reader.t.request.caseReference;
  return {
    type: 'input',
    block_id: CASE_REFERENCE_BLOCK,
    label: plain(words.label()),
    hint: plain(words.hint()),
    element: {
      type: 'plain_text_input',
      action_id: CASE_REFERENCE_ACTION,
      max_length: FIELD_LIMITS.caseReferenceMax,
      ...(initial ? { initial_value: clip(initial, FIELD_LIMITS.caseReferenceMax) } : {}),
    },
  };
}

function justificationInput(reader: Reader): InputBlock {
  const words = reader.t.request.justification;
  return {
    type: 'input',
    block_id: JUSTIFICATION_BLOCK,
    label: plain(words.label()),
    hint: plain(words.hint()),
    element: {
      type: 'plain_text_input',
      action_id: JUSTIFICATION_ACTION,
      multiline: true,
      min_length: FIELD_LIMITS.justificationMin,
      max_length: FIELD_LIMITS.justificationMax,
    },
  };
}

function retentionSentence(retention: RequestModalInput['retentionDays'], reader: Reader): string {
  const words = reader.t.request.retention;
  if (retention === 'loading') return words.loading();
  if (retention === 'unknown') return words.unknown();
  if (typeof retention === 'number' && Number.isFinite(retention)) return words.days({ days: Math.floor(retention) });
  return words.unreadable();
}

function approversSentence(approvers: ApproversInfo, reader: Reader): string {
  const words = reader.t.request.approval;
  if (approvers === 'loading') return words.loading();
  if (!approvers.required) return words.notRequired();
  const where = approvers.channelId ? channelMention(approvers.channelId) : undefined;
  const ids = [...new Set(approvers.userIds)];
  if (ids.length === 0) return words.asked({ where });
  const shown = ids.slice(0, APPROVERS_SHOWN).map(principalMention);
  const more = ids.length > APPROVERS_SHOWN ? [words.more({ n: ids.length - APPROVERS_SHOWN })] : [];
  return words.asked({ who: reader.list([...shown, ...more]), where });
}

/** A placeholder shown while the bot does something slow (the trigger id expires in 3 s). */
export function loadingModal(reader: Reader, title = reader.t.request.title(), text = reader.t.request.loading()): ModalView {
  return progressModal(title, text, reader);
}

/**
 * A modal with one calm line of progress and a Close button. `title` comes already worded from the
 * caller's section.
 */
export function progressModal(title: string, text: string, reader: Reader): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(title, 24),
    close: plain(reader.t.request.close(), 24),
    blocks: [section(`:hourglass_flowing_sand: ${clip(text, 2900)}`)],
  };
}

/**
 * A modal that explains why something could not be done. `title` comes already worded from the
 * caller's section; `text` is mrkdwn from the catalog.
 */
export function refusalModal(title: string, text: string, reader: Reader): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(title, 24),
    close: plain(reader.t.request.close(), 24),
    blocks: [section(clip(text, 3000) || reader.t.request.cannotBeDone())],
  };
}

/** Shown by the request modal while subjects are resolved against Genesys Cloud. */
export function checkingRequestView(reader: Reader): ModalView {
  return progressModal(reader.t.request.title(), reader.t.request.checking(), reader);
}

/** Replaces the request modal once the case exists. */
export function requestSubmittedView(
  c: ExportCase,
  policy: { requireApproval: boolean; approvalChannel?: string },
  reader: Reader,
): ModalView {
  const words = reader.t.request.submitted;
  const next =
    c.state === 'awaiting_approval'
      ? words.awaitingApproval({ where: policy.approvalChannel ? channelMention(policy.approvalChannel) : undefined })
      : words.noApprovalNeeded();
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(reader.t.request.title(), 24),
    close: plain(reader.t.request.done(), 24),
    blocks: [
      section(`:white_check_mark: ${words.received({ id: caseIdCode(c), reference: caseReference(c, reader) })}`),
      section(next),
      context(`${words.progressByDm()}${sentence(deadlineLine(c, reader))}`),
    ],
  };
}
