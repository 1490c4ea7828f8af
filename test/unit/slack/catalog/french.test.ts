/**
 * The French catalog words every refusal, policy problem, Genesys error, subject failure and
 * timeline error: in French (no English left), complete (no 'undefined'), with French typography
 * (a no-break space before : ; ! ? and inside « », the typographic apostrophe) and French numbers.
 */
import type { ViewSubmitAction } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { problemText, readerFor, refusalText, subjectFailureText } from '../../../../src/slack/catalog/index.js';
import type { WordedRefusalReason } from '../../../../src/slack/catalog/catalog.js';
import { readRequestForm } from '../../../../src/slack/listeners/request-flow.js';
import * as ids from '../../../../src/slack/views/block-kit-ids.js';
import { TIMELINE_ERROR_CODES, type TimelineErrorParams } from '../../../../src/timeline/errors.js';
import { GENESYS_ERROR_CODES } from '../../../../src/workflow/genesys-error.js';
import type { PolicyProblemParams, PolicyProblemReason } from '../../../../src/workflow/policy.js';
import { refusalOf, type RefusalParams } from '../../../../src/workflow/result.js';

const fr = readerFor('fr', 'Europe/Paris');
const CASE = { caseId: 'GDPR-7' };
const DAY = '2025-06-01';
const INSTANT = '2025-01-02T03:04:05.000Z';

/** representative params for every reason, with the variants that change the sentence */
const REFUSALS: { [R in WordedRefusalReason]: RefusalParams[R][] } = {
  not_requester: [{}],
  only_approver: [{}],
  approvers_unchecked: [{}],
  approvers_are_subjects: [{}],
  reject_reason_too_short: [{}],
  reject_reason_too_long: [{ length: 2_000_000 }],
  download_withdrawn: [CASE],
  retry_withdrawn: [CASE],
  not_ready: [{ subject: 'Ann Lee' }],
  download_unavailable: [{}],
  not_allowed_to_extend: [CASE],
  withdraw_no_longer_requester: [CASE],
  list_not_requester: [{}],
  oversight_not_auditor: [{}],
  not_allowed_to_view: [CASE],
  audit_export_not_auditor: [{}],
  audit_export_days: [{ maxDays: 90, retentionDays: 1_095 }],
  decided_case_gone: [{}],
  self_approval_button: [CASE],
  not_approver_button: [CASE],
  not_approver_step: [{ ...CASE, step: 'approve' }, { ...CASE, step: 'reject' }],
  self_approval_step: [{ ...CASE, step: 'approve' }, { ...CASE, step: 'reject' }],
  decider_unchecked: [CASE],
  subject_of_request: [CASE],
  not_owner: (['download', 'retry', 'request_again', 'timeline'] as const).map((action) => ({ ...CASE, action })),
  owner_no_longer_requester: (['download', 'retry', 'request_again', 'timeline'] as const).map((action) => ({ ...CASE, action })),
  case_not_found: [CASE],
  export_expired: [{ subject: 'Ann Lee' }, {}],
  approval_expired: [{ ...CASE, expiresAt: INSTANT }, CASE],
  no_approval_needed: [CASE],
  already_decided: [
    { ...CASE, decision: 'approved', decidedBy: 'U1', decidedAt: INSTANT },
    { ...CASE, decision: 'rejected', decidedBy: 'U1', decidedAt: INSTANT },
    { ...CASE, decision: 'expired', decidedAt: INSTANT },
    CASE,
  ],
  no_such_export: [{ ...CASE, subjectId: 's-1' }],
  not_failed: (['pending', 'submitting', 'submitted', 'completed'] as const).map((state) => ({ subject: 'Ann Lee', state })),
  no_gdpr_deadline: [CASE],
  already_extended: [{ ...CASE, dueOn: DAY }],
  closed_no_extension: (['rejected', 'approval_expired', 'completed', 'partly_failed', 'failed', 'withdrawn'] as const).map((state) => ({ ...CASE, state })),
  extension_too_late: [{ ...CASE, dueOn: DAY }],
  extension_reason_missing: [{}],
  extension_reason_too_long: [{ length: 1_001 }],
  extension_months: [{ maxMonths: 2 }],
  withdraw_not_owner: [CASE],
  already_closed: [{ ...CASE, state: 'withdrawn' }],
  withdraw_reason_missing: [{}],
};

const PROBLEMS: { [R in PolicyProblemReason]: PolicyProblemParams[R] } = {
  received_on_missing: {},
  received_on_invalid: {},
  received_on_future: { day: '2030-05-12', today: '2025-03-01' },
  needed_by_invalid: {},
  requester_missing: {},
  no_subjects: {},
  too_many_subjects: { count: 12, max: 10 },
  subject_without_genesys_user: {},
  duplicate_subjects: { names: ['Ann Lee', 'Bob Roy'] },
  legal_basis_missing: {},
  case_reference_missing: {},
  case_reference_too_long: { length: 2_000_000 },
  case_reference_multiline: {},
  justification_too_short: {},
  justification_too_long: { length: 2_001 },
  justification_control_characters: {},
};

const TIMELINE_PARAMS: (TimelineErrorParams & { status?: number })[] = [
  {},
  { where: { subject: 1, subjects: 2, archive: 3, archives: 4 } },
  { reason: 'links_refused', refusal: 'La demande GDPR-7 a été retirée.' },
  { reason: 'links_refused' },
  { reason: 'archive_missing' },
  { status: 404 },
  { status: 503, where: { subject: 1, subjects: 1, archive: 1, archives: 1 } },
  { limit: 'entry_bytes', max: 2_000_000 },
  { limit: 'archive_bytes', max: 52_428_800, where: { subject: 2, subjects: 2, archive: 1, archives: 3 } },
  { limit: 'archive_bytes', max: 1_610_612_736 },
  { limit: 'uncompressed_bytes', max: 1_536 },
  { limit: 'archive_entries', max: 2_000_000 },
  { limit: 'messages', max: 2_000_000 },
];

function refusalTexts(): [string, string][] {
  return (Object.keys(REFUSALS) as WordedRefusalReason[]).flatMap((reason) =>
    (REFUSALS[reason] as RefusalParams[typeof reason][]).map((params): [string, string] => [
      `refusal ${reason}`,
      refusalText(refusalOf('invalid_request', reason, params as never), fr),
    ]),
  );
}

function problemTexts(): [string, string][] {
  return (Object.keys(PROBLEMS) as PolicyProblemReason[]).map((reason) => [
    `problem ${reason}`,
    problemText({ field: 'subjects', reason, params: PROBLEMS[reason] } as never, fr),
  ]);
}

function genesysTexts(): [string, string][] {
  return GENESYS_ERROR_CODES.flatMap((code) =>
    ([undefined, 'create_export', 'export_status'] as const).flatMap((operation) =>
      [{}, { permission: 'conversation:gdpr:view', reference: 'corr-42' }].map((extra): [string, string] => [
        `genesys ${code}/${operation ?? '-'}`,
        fr.t.genesysError[code]({ operation, ...extra }),
      ]),
    ),
  );
}

function subjectFailureTexts(): [string, string][] {
  return [...GENESYS_ERROR_CODES, 'export_error', 'something_new'].flatMap((code) =>
    (['submit', 'poll', 'retrying', undefined] as const).map((stage): [string, string] => [
      `subject ${code}/${stage ?? '-'}`,
      subjectFailureText({ code, stage, permission: 'conversation:gdpr:view', at: INSTANT }, fr).text,
    ]),
  );
}

function timelineTexts(): [string, string][] {
  return TIMELINE_ERROR_CODES.flatMap((code) => TIMELINE_PARAMS.map((p): [string, string] => [`timeline ${code} ${JSON.stringify(p)}`, fr.t.timelineError[code](p)]));
}

const ALL: [string, string][] = [...refusalTexts(), ...problemTexts(), ...genesysTexts(), ...subjectFailureTexts(), ...timelineTexts(), ['store', fr.t.storeUnavailable()], ['unexpected', fr.t.unexpected()]];

/** the prose: code spans (settings, commands, permissions), mentions and case ids are not words */
const prose = (text: string) => text.replace(/`[^`]*`/g, '').replace(/<@[A-Z0-9]+>/g, '').replace(/\bGDPR[-_][A-Z0-9_-]+/g, '');

describe('the French catalog', () => {
  it('words every refusal, problem, Genesys error, subject failure and timeline error, completely', () => {
    expect(ALL.length).toBeGreaterThan(150);
    for (const [what, text] of ALL) {
      expect(text, what).not.toMatch(/undefined|\[object|NaN/);
      expect(text.length, what).toBeGreaterThan(15);
      expect(text.length, what).toBeLessThan(3000);
    }
  });

  it('leaves no English behind', () => {
    for (const [what, text] of ALL) {
      expect(prose(text), what).not.toMatch(/\b(the|and|you|your|please|again|could|should|cannot|request|failed|timeline)\b/i);
      // RGPD in French prose; GDPR only in setting names, case ids and commands
      expect(prose(text), what).not.toMatch(/\bGDPR\b/);
    }
    expect(refusalText(refusalOf('no_eligible_approver', 'only_approver', {}), fr)).toBe(
      'Vous êtes la seule personne habilitée à approuver, et nul ne peut approuver sa propre demande. Demandez à un administrateur d’ajouter un autre approbateur à GDPR_APPROVERS.',
    );
    expect(fr.t.genesysError.rate_limited({})).toBe('Genesys Cloud est surchargé ou indisponible pour le moment\u00a0; réessayez dans une minute.');
    expect(fr.t.storeUnavailable()).toContain('Rien n’a été enregistré');
  });

  it('follows French typography: a no-break space before : ; ! ? and inside « », and the typographic apostrophe', () => {
    for (const [what, text] of ALL) {
      const words = prose(text);
      expect(words, what).not.toMatch(/[ \t][:;!?]/);
      expect(words, what).not.toMatch(/[^\u00a0\u202f][:;!?](\s|$)/);
      expect(words, what).not.toMatch(/«(?!\u00a0)|(?<!\u00a0)»/);
      expect(words, what).not.toMatch(/'/);
    }
  });

  it('writes numbers with French grouping, bytes in French units, and days and instants in French', () => {
    const grouped = /2[\u00a0\u202f]000[\u00a0\u202f]000/;
    expect(refusalText(refusalOf('invalid_request', 'reject_reason_too_long', { length: 2_000_000 }), fr)).toMatch(grouped);
    expect(problemText({ field: 'caseReference', reason: 'case_reference_too_long', params: { length: 2_000_000 } }, fr)).toMatch(grouped);
    expect(fr.t.timelineError.too_large({ limit: 'messages', max: 2_000_000 })).toMatch(grouped);
    expect(fr.t.timelineError.too_large({ limit: 'entry_bytes', max: 2_000_000 })).toMatch(new RegExp(`${grouped.source}\u00a0octets`));
    expect(fr.t.timelineError.too_large({ limit: 'archive_bytes', max: 52_428_800 })).toContain('dépasse 50\u00a0Mio');
    expect(fr.t.timelineError.too_large({ limit: 'archive_bytes', max: 1_610_612_736 })).toContain('dépasse 1,5\u00a0Gio');
    expect(fr.t.timelineError.too_large({ limit: 'uncompressed_bytes', max: 1_536 })).toContain('plus de 1,5\u00a0Kio de texte');
    expect(refusalText(refusalOf('already_extended', 'already_extended', { caseId: 'GDPR-7', dueOn: DAY }), fr)).toContain('jusqu’au 1er juin 2025');
    // an instant in the reader's own time zone: 03:04 UTC is 04:04 in Paris in January
    expect(refusalText(refusalOf('already_decided', 'already_decided', { caseId: 'GDPR-7', decision: 'approved', decidedBy: 'U1', decidedAt: INSTANT }), fr)).toMatch(
      /^La demande GDPR-7 a déjà été approuvée par <@U1> le 2 janv\. 2025.*04:04/,
    );
    expect(problemText({ field: 'subjects', reason: 'too_many_subjects', params: { count: 1, max: 1 } }, fr)).toContain('1 personne\u00a0;');
  });

  it('keeps every instruction of the English: settings to change, commands to run, buttons to press', () => {
    const en = readerFor('en');
    const spans = (text: string) => text.match(/`[^`]*`/g) ?? [];
    for (const code of TIMELINE_ERROR_CODES) {
      for (const p of TIMELINE_PARAMS) expect(spans(fr.t.timelineError[code](p)), `${code} ${JSON.stringify(p)}`).toEqual(spans(en.t.timelineError[code](p)));
    }
    for (const code of GENESYS_ERROR_CODES) {
      const english = en.t.genesysError[code]({ permission: 'conversation:gdpr:view', reference: 'corr-42', operation: 'create_export' });
      const french = fr.t.genesysError[code]({ permission: 'conversation:gdpr:view', reference: 'corr-42', operation: 'create_export' });
      expect(spans(french), code).toEqual(spans(english));
    }
    for (const [reason, params] of Object.entries(REFUSALS) as [WordedRefusalReason, never[]][]) {
      const english = refusalText(refusalOf('invalid_request', reason, params[0] as never), en);
      const french = refusalText(refusalOf('invalid_request', reason, params[0] as never), fr);
      expect(french.match(/GDPR_[A-Z]+/g) ?? [], reason).toEqual(english.match(/GDPR_[A-Z]+/g) ?? []);
    }
  });
});

describe('the request form in French', () => {
  type Values = ViewSubmitAction['view']['state']['values'];
  const values = (caseReference: string, justification: string) =>
    ({
      [ids.SUBJECTS_BLOCK]: { [ids.SUBJECTS_ACTION]: { type: 'multi_users_select', selected_users: ['U0ALICE'] } },
      [ids.LEGAL_BASIS_BLOCK]: { [ids.LEGAL_BASIS_ACTION]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'legal_hold' } } },
      [ids.CASE_REFERENCE_BLOCK]: { [ids.CASE_REFERENCE_ACTION]: { type: 'plain_text_input', value: caseReference } },
      [ids.JUSTIFICATION_BLOCK]: { [ids.JUSTIFICATION_ACTION]: { type: 'plain_text_input', value: justification } },
    }) as unknown as Values;

  it('words a broken length limit as the policy does, in the reader’s language', () => {
    const tooLong = readRequestForm(values('x'.repeat(101), 'x'.repeat(2_001)), fr);
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues.map((i) => i.message)).toEqual([
      problemText({ field: 'caseReference', reason: 'case_reference_too_long', params: { length: 101 } }, fr),
      problemText({ field: 'justification', reason: 'justification_too_long', params: { length: 2_001 } }, fr),
    ]);
    expect(tooLong.error?.issues[1]?.message).toBe('La justification compte 2\u202f001 caractères\u00a0; limitez-la à 2\u202f000.');
    const missing = readRequestForm(values('   ', 'court'), fr);
    expect(missing.error?.issues.map((i) => i.message)).toEqual([
      'Indiquez une référence de dossier, par exemple votre numéro de ticket ou de demande d’accès.',
      'Expliquez en au moins 10 caractères pourquoi cet export est nécessaire\u00a0: les approbateurs et les auditeurs liront cette justification.',
    ]);
  });

  it('words the same limits in English for an English reader', () => {
    const tooShort = readRequestForm(values('REF-1', 'short'), readerFor('en'));
    expect(tooShort.error?.issues[0]?.message).toBe('Explain why this export is needed in at least 10 characters; approvers and auditors read it.');
  });
});
