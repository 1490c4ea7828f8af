/**
 * The request modal: opened at once (Slack's trigger id lives 3 seconds), then completed with what
 * needs look-ups (retention period, approvers) through views.update. On submit every subject is
 * resolved before anything is stored; errors land on the field they concern.
 */
import type { App, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { LEGAL_BASES, type ExportCase } from '../../workflow/model.js';
import { requesterToday } from '../../workflow/deadlines.js';
import type { Refusal } from '../../workflow/result.js';
import { caseReferenceLengthProblems, justificationLengthProblems, type PolicyProblem } from '../../workflow/policy.js';
import { resolveSubjects, splitExtraIds, type ResolutionOutcome } from '../subject-resolver.js';
import { subjectProblemsText, type SubjectProblem } from '../messages.js';
import { requestModal, requestSubmittedView, checkingRequestView, type RequestModalInput } from '../views/index.js';
import { CASE_REFERENCE_ACTION, CONFIRM_ACTION, CONFIRM_BLOCK, CONFIRM_VALUE, CASE_REFERENCE_BLOCK, EXTRA_IDS_ACTION, EXTRA_IDS_BLOCK, JUSTIFICATION_ACTION, JUSTIFICATION_BLOCK, LEGAL_BASIS_ACTION, LEGAL_BASIS_BLOCK, NEEDED_BY_ACTION, NEEDED_BY_BLOCK, RECEIVED_ON_ACTION, RECEIVED_ON_BLOCK, REQUEST_MODAL, SUBJECTS_ACTION, SUBJECTS_BLOCK } from '../views/block-kit-ids.js';
import { explainFailure, withinBudget, type ListenerDeps } from './context.js';
import { problemText, refusalText, type Reader } from '../catalog/index.js';

/** How long the form may wait for cached look-ups before it opens without them. */
const LOOKUP_BUDGET_MS = 150;

/** Slack allows 3 s for a view_submission answer; keep a margin for the network. */
const SUBMIT_BUDGET_MS = 2_300;

interface RequestModalMetadata {
  /** channel the command came from, if any (not needed for the workflow; kept for context) */
  ch?: string;
}

export interface OpenRequestModalInput {
  triggerId: string;
  userId: string;
  initialUserIds: string[];
  initialExtraIds: string[];
  channelId?: string;
  /** "Request again": what the original case said, so its deadline keeps counting from the same receipt */
  initial?: RequestModalInput['initial'];
  /** the requester's reader, when the caller has it already: one look-up less before the trigger id expires */
  reader?: Reader;
}

/** The requester's IANA time zone from their Slack profile; undefined (UTC) when it cannot be read. */
async function timeZoneOf(deps: ListenerDeps, userId: string): Promise<string | undefined> {
  try {
    return (await deps.directory.person(userId))?.tz;
  } catch (e) {
    deps.logger.warn({ userId, err: (e as Error).message }, 'could not read the requester’s time zone; using UTC');
    return undefined;
  }
}

export async function openRequestModal(client: WebClient, deps: ListenerDeps, input: OpenRequestModalInput): Promise<void> {
  const { config } = deps;
  const reader = input.reader ?? (await deps.readers.forUser(input.userId));
  const base = {
    maxSubjects: config.policy.maxSubjects,
    initialUserIds: input.initialUserIds.slice(0, config.policy.maxSubjects),
    initialExtraIds: input.initialExtraIds,
    today: requesterToday(deps.clock.now(), undefined),
    ...(input.initial ? { initial: input.initial } : {}),
    privateMetadata: JSON.stringify({ ch: input.channelId } satisfies RequestModalMetadata),
    confirmationRequired: !config.policy.requireApproval,
  };
  const lookups = Promise.all([
    deps.chatRetentionDays().catch((e: unknown) => {
      deps.logger.warn({ err: (e as Error).message }, 'could not read the chat retention period');
      return undefined;
    }),
    config.policy.requireApproval
      ? deps.workflow.eligibleApprovers(input.userId).then((userIds) => ({ required: true, userIds, channelId: config.policy.approvalChannel }))
      : Promise.resolve({ required: false, userIds: [] as string[] }),
    timeZoneOf(deps, input.userId),
  ]).then(([retention, approvers, timeZone]) => ({
    retentionDays: retention ?? ('unknown' as const),
    approvers,
    today: requesterToday(deps.clock.now(), timeZone),
  }));

  // Usually the look-ups are cached: open the form complete, in one call.
  const quick = await withinBudget(lookups, LOOKUP_BUDGET_MS);
  if (quick) {
    await client.views.open({ trigger_id: input.triggerId, view: requestModal({ ...base, ...quick.value }, reader) });
    return;
  }
  // Otherwise open it at once (the trigger id lives 3 s) and fill it in when the answers come.
  const opened = await client.views.open({
    trigger_id: input.triggerId,
    view: requestModal({ ...base, retentionDays: 'loading', approvers: 'loading' }, reader),
  });
  const filled = await lookups;
  const viewId = opened.view?.id;
  if (!viewId) return;
  try {
    await client.views.update({ view_id: viewId, hash: opened.view?.hash, view: requestModal({ ...base, ...filled }, reader) });
  } catch (e) {
    // hash_conflict: the person already moved on (submitted or closed); nothing to fill in.
    deps.logger.debug({ err: (e as Error).message }, 'request modal not updated');
  }
}

/**
 * The form checks the workflow's own length limits before submission, and reports a broken one as
 * the policy problem the workflow would return: `readRequestForm` words it for the reader.
 */
const withinLengthLimits = (lengthProblems: (text: string) => PolicyProblem[]) => (text: string, ctx: z.RefinementCtx) => {
  for (const problem of lengthProblems(text)) ctx.addIssue({ code: 'custom', params: { problem } });
};

const formSchema = z.object({
  confirmed: z.boolean(),
  slackUserIds: z.array(z.string().regex(/^[UW][A-Z0-9]+$/, { error: 'Choose people with the people picker.' })).default([]),
  extraIds: z.array(z.string()),
  receivedOn: z.string().optional(),
  neededBy: z.string().optional(),
  legalBasis: z.enum(LEGAL_BASES, { error: 'Choose the legal basis for this request.' }),
  caseReference: z.string().trim().superRefine(withinLengthLimits(caseReferenceLengthProblems)),
  justification: z.string().trim().superRefine(withinLengthLimits(justificationLengthProblems)),
});

const FIELD_BLOCKS = {
  slackUserIds: SUBJECTS_BLOCK,
  extraIds: EXTRA_IDS_BLOCK,
  legalBasis: LEGAL_BASIS_BLOCK,
  caseReference: CASE_REFERENCE_BLOCK,
  justification: JUSTIFICATION_BLOCK,
} as const;

type Values = ViewSubmitAction['view']['state']['values'];

/** The form's values, or its problems in the reader's words (by field). */
export function readRequestForm(values: Values, reader: Reader) {
  const v = (block: string, action: string) => values[block]?.[action];
  // the schema reports a broken length limit as a policy problem: worded here, for this reader
  const wordProblem = (issue: { code?: string; params?: unknown }) => {
    const problem = issue.code === 'custom' ? (issue.params as { problem?: PolicyProblem } | undefined)?.problem : undefined;
    return problem ? problemText(problem, reader) : undefined;
  };
  return formSchema.safeParse({
    slackUserIds: v(SUBJECTS_BLOCK, SUBJECTS_ACTION)?.selected_users ?? [],
    extraIds: splitExtraIds(v(EXTRA_IDS_BLOCK, EXTRA_IDS_ACTION)?.value),
    legalBasis: v(LEGAL_BASIS_BLOCK, LEGAL_BASIS_ACTION)?.selected_option?.value ?? undefined,
    receivedOn: v(RECEIVED_ON_BLOCK, RECEIVED_ON_ACTION)?.selected_date ?? undefined,
    neededBy: v(NEEDED_BY_BLOCK, NEEDED_BY_ACTION)?.selected_date ?? undefined,
    caseReference: v(CASE_REFERENCE_BLOCK, CASE_REFERENCE_ACTION)?.value ?? '',
    justification: v(JUSTIFICATION_BLOCK, JUSTIFICATION_ACTION)?.value ?? '',
    confirmed: (v(CONFIRM_BLOCK, CONFIRM_ACTION)?.selected_options ?? []).some((o) => o.value === CONFIRM_VALUE),
  }, { error: wordProblem });
}

type SubmissionResult =
  | { kind: 'errors'; errors: Record<string, string> }
  | { kind: 'created'; case: ExportCase };

export function registerRequestSubmission(app: App, deps: ListenerDeps): void {
  app.view<ViewSubmitAction>(REQUEST_MODAL, async ({ ack, body, view, client }) => {
    const userId = body.user.id;
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    const reader = await deps.readers.forUser(userId);
    const form = readRequestForm(view.state.values, reader);
    if (!form.success) {
      const errors: Record<string, string> = {};
      for (const issue of form.error.issues) {
        const block = FIELD_BLOCKS[issue.path[0] as keyof typeof FIELD_BLOCKS] ?? SUBJECTS_BLOCK;
        errors[block] ??= issue.message;
      }
      deps.logger.info({ userId, fields: Object.keys(errors) }, 'request form refused: invalid fields');
      await ack({ response_action: 'errors', errors });
      return;
    }
    if (!deps.config.policy.requireApproval && !form.data.confirmed) {
      deps.logger.info({ userId }, 'request form refused: export not confirmed');
      await ack({ response_action: 'errors', errors: { [CONFIRM_BLOCK]: reader.t.request.confirmation.missing() } });
      return;
    }

    const work: Promise<SubmissionResult> = (async (): Promise<SubmissionResult> => {
      // before any Genesys search: someone who may not request learns nothing about who has an account
      const allowed = await deps.workflow.checkRequester(userId, teamId);
      if (!allowed.ok) return { kind: 'errors', errors: refusalErrors(allowed.refusal, reader) };
      const timeZone = await timeZoneOf(deps, userId);
      const resolution: ResolutionOutcome = await resolveSubjects(
        { slackUserIds: form.data.slackUserIds, extraIds: form.data.extraIds, maxSubjects: deps.config.policy.maxSubjects },
        { person: (id) => deps.directory.person(id), genesys: deps.genesys },
      );
      if (!resolution.ok) return { kind: 'errors', errors: blockErrors(resolution.problems, reader) };
      const created = await deps.workflow.requestExport({
        teamId,
        requesterId: userId,
        subjects: resolution.subjects,
        legalBasis: form.data.legalBasis,
        caseReference: form.data.caseReference,
        justification: form.data.justification,
        ...(form.data.receivedOn ? { receivedOn: form.data.receivedOn } : {}),
        ...(form.data.neededBy ? { neededBy: form.data.neededBy } : {}),
        ...(timeZone ? { timeZone } : {}),
      });
      if (!created.ok) return { kind: 'errors', errors: refusalErrors(created.refusal, reader) };
      return { kind: 'created', case: created.value };
    })().catch((e): SubmissionResult => ({
      kind: 'errors',
      errors: { [SUBJECTS_BLOCK]: explainFailure(e, reader, deps.logger, { userId, step: 'request submission' }) },
    }));

    const quick = await withinBudget(work, SUBMIT_BUDGET_MS);
    if (quick) {
      const result = quick.value;
      logOutcome(deps, userId, result);
      if (result.kind === 'errors') await ack({ response_action: 'errors', errors: result.errors });
      else await ack({ response_action: 'update', view: requestSubmittedView(result.case, deps.config.policy, reader) });
      return;
    }

    // Genesys is slow: answer Slack now and show the outcome when it is known.
    await ack({ response_action: 'update', view: checkingRequestView(reader) });
    const result = await work;
    logOutcome(deps, userId, result);
    const next =
      result.kind === 'created'
        ? requestSubmittedView(result.case, deps.config.policy, reader)
        : requestModal(
            {
              maxSubjects: deps.config.policy.maxSubjects,
              initialUserIds: form.data.slackUserIds,
              initialExtraIds: form.data.extraIds,
              today: requesterToday(deps.clock.now(), await timeZoneOf(deps, userId)),
              initial: {
                legalBasis: form.data.legalBasis,
                caseReference: form.data.caseReference,
                ...(form.data.receivedOn ? { receivedOn: form.data.receivedOn } : {}),
                ...(form.data.neededBy ? { neededBy: form.data.neededBy } : {}),
              },
              retentionDays: 'unknown',
              approvers: { required: deps.config.policy.requireApproval, userIds: [], channelId: deps.config.policy.approvalChannel },
              privateMetadata: view.private_metadata,
              errorsNotice: Object.values(result.errors).join(' '),
              confirmationRequired: !deps.config.policy.requireApproval,
            },
            reader,
          );
    await client.views.update({ view_id: view.id, view: next }).catch((e) => {
      deps.logger.warn({ userId, err: (e as Error).message }, 'could not show the outcome of a slow request submission');
    });
  });
}

/** The workflow names the form field of each problem; show it beside that field. */
const POLICY_FIELD_BLOCKS: Record<string, string> = {
  subjects: SUBJECTS_BLOCK,
  legalBasis: LEGAL_BASIS_BLOCK,
  caseReference: CASE_REFERENCE_BLOCK,
  justification: JUSTIFICATION_BLOCK,
  receivedOn: RECEIVED_ON_BLOCK,
  neededBy: NEEDED_BY_BLOCK,
};

function refusalErrors(refusal: Refusal, reader: Reader): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const p of refusal.problems ?? []) errors[POLICY_FIELD_BLOCKS[p.field] ?? SUBJECTS_BLOCK] ??= problemText(p, reader);
  if (Object.keys(errors).length > 0) return errors;
  return { [(refusal.field && POLICY_FIELD_BLOCKS[refusal.field]) ?? SUBJECTS_BLOCK]: refusalText(refusal, reader) };
}

/** The resolver's problems beside the field each came from, in the requester's words. */
function blockErrors(problems: { subjects?: SubjectProblem[]; extra_ids?: SubjectProblem[] }, reader: Reader): Record<string, string> {
  const out: Record<string, string> = {};
  if (problems.subjects) out[SUBJECTS_BLOCK] = subjectProblemsText(problems.subjects, reader);
  if (problems.extra_ids) out[EXTRA_IDS_BLOCK] = subjectProblemsText(problems.extra_ids, reader);
  return out;
}

function logOutcome(deps: ListenerDeps, userId: string, result: SubmissionResult): void {
  if (result.kind === 'created') {
    deps.metrics.requests.inc({ outcome: 'created' });
    deps.logger.info({ userId, caseId: result.case.id, subjects: result.case.subjects.length, state: result.case.state }, 'export request created');
  } else {
    deps.metrics.requests.inc({ outcome: 'refused_at_submit' });
    deps.logger.info({ userId, fields: Object.keys(result.errors) }, 'export request refused at submit');
  }
}
