/**
 * English. Every message says what happened, why, and what to do next. All are mrkdwn, safe to
 * post as they are: nothing here echoes an email address, a link or message text that the person
 * did not type themselves.
 */
import { escapeSentence, inlineCode } from '../../views/format.js';
import { enProblems } from './problems.js';
import { enRefusals } from './refusals.js';
import { enCase } from './case.js';
import { enCard } from './card.js';
import { enDeadline } from './deadline.js';
import { enStatus } from './status.js';
import { enTombstone } from './tombstone.js';
import type { Catalog, GenesysAdviceParams, SubjectFailureParams, TimelineFailureParams } from '../catalog.js';

const DOCTOR = 'an administrator should run `npm run doctor`';
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const numberFormat = new Intl.NumberFormat('en-US');

/** Genesys's correlation id helps their support; it holds no personal data. */
function supportReference(p: GenesysAdviceParams): string {
  return p.reference ? ` Reference for Genesys support: ${inlineCode(p.reference, 80)}.` : '';
}

const busy = () => 'Genesys Cloud is busy or unavailable right now; try again in a minute.';

const genesysError: Catalog['genesysError'] = {
  auth_failed: () => `The bot could not sign in to Genesys Cloud, so nothing was sent. ${capitalise(DOCTOR)} to check the OAuth client and region.`,
  permission_missing: (p) =>
    p.permission
      ? `The bot's Genesys Cloud role lacks the permission ${inlineCode(p.permission, 80)}, so this step could not run. An administrator should add it to the OAuth client's role; \`npm run doctor\` then confirms it.`
      : `The bot's Genesys Cloud role lacks a permission this step needs, so it could not run. ${capitalise(DOCTOR)} to see which one.`,
  rate_limited: busy,
  unavailable: busy,
  not_found: (p) => {
    switch (p.operation) {
      case 'create_export':
        return 'Genesys Cloud did not find this person: check that they still exist in Genesys Cloud.';
      case 'export_status':
        return 'The export request no longer exists in Genesys Cloud: it may have expired or been removed.';
      default:
        return 'Genesys Cloud no longer has this item: the export may have expired or been removed. Request it again if you still need it.';
    }
  },
  bad_request: (p) =>
    p.operation === 'create_export'
      ? `Genesys Cloud refused the export request as invalid; the person may no longer exist in Genesys Cloud, so check them.${supportReference(p)}`
      : `Genesys Cloud refused the request as invalid, so nothing was changed.${supportReference(p)} If it happens again, ${DOCTOR} and check the bot's log.`,
  unexpected_response: (p) =>
    `Genesys Cloud sent an answer the bot did not understand, so it stopped rather than guess.${supportReference(p)} Try again in a few minutes; if it persists, ${DOCTOR} and check the bot's log.`,
};

const GENESYS_CODES = new Set(Object.keys(genesysError));
const isGenesysCode = (code: string): code is keyof Catalog['genesysError'] => GENESYS_CODES.has(code);

function subjectFailure(p: SubjectFailureParams): string {
  if (p.stage === 'retrying') return 'Genesys Cloud did not answer properly; the bot keeps trying on its own.';
  if (p.code === 'export_error') {
    return 'The Genesys export ended in ERROR. Genesys Cloud gives no reason; press Retry to request it again, and contact Genesys support if it fails again.';
  }
  if (!isGenesysCode(p.code)) return 'Genesys Cloud reported an error without a reason. Press Retry; if it fails again, contact an administrator.';
  const operation = p.stage === 'poll' ? 'export_status' : 'create_export';
  const advice = genesysError[p.code]({ permission: p.permission, operation });
  return `${advice} ${p.stage === 'poll' ? 'Press Retry to request a new export.' : 'Then press Retry.'}`;
}

const TIMELINE_LIMIT_SETTINGS = {
  archive_bytes: 'TIMELINE_MAX_ARCHIVE_BYTES',
  uncompressed_bytes: 'TIMELINE_MAX_UNCOMPRESSED_BYTES',
  archive_entries: 'TIMELINE_MAX_ARCHIVE_ENTRIES',
  messages: 'TIMELINE_MAX_MESSAGES',
} as const;

function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** "No timeline was delivered (export 2 of 3, archive 1 of 2)." when the engine said where */
function notDelivered(p: TimelineFailureParams): string {
  const w = p.where;
  return w ? ` No timeline was delivered (export ${w.subject} of ${w.subjects}, archive ${w.archive} of ${w.archives}).` : ' No timeline was delivered.';
}

function tooLarge(p: TimelineFailureParams): string {
  const { limit, max, where } = p;
  if (!limit || limit === 'entry_bytes' || max === undefined) {
    const size = max === undefined ? 'the limit' : `the ${max}-byte limit`;
    return `The chat entry is larger than ${size}.${notDelivered(p)} Choose a shorter date range, or download the exports individually instead.`;
  }
  const setting = inlineCode(TIMELINE_LIMIT_SETTINGS[limit], 40);
  const archive = where ? `archive ${where.archive} of ${where.archives} of export ${where.subject} of ${where.subjects}` : 'an archive';
  const what = {
    archive_bytes: `${capitalise(archive)} is larger than ${formatBytes(max)}`,
    uncompressed_bytes: `The exports hold more than ${formatBytes(max)} of chat text`,
    archive_entries: `${capitalise(archive)} holds more than ${numberFormat.format(max)} files`,
    messages: `The timeline would hold more than ${numberFormat.format(max)} messages`,
  }[limit];
  const narrow =
    limit === 'messages'
      ? 'Build it again with a shorter date range (it keeps only messages inside the range)'
      : 'A shorter date range does not make an archive smaller: download the exports individually, or ask for a new export covering a shorter date range';
  return `${what}, the limit for one timeline (${setting}). No timeline was delivered. ${narrow}, or ask an administrator to raise ${setting}.`;
}

function downloadFailed(p: TimelineFailureParams): string {
  switch (p.reason) {
    case 'links_refused':
      return `I could not build the timeline: ${p.refusal ? escapeSentence(p.refusal) : 'the download links were refused.'}`;
    case 'archive_missing':
      return 'Genesys Cloud returned fewer archives than the export listed; try again.';
    default:
      break;
  }
  const what = p.status === undefined ? 'The archive download failed: network error.' : `The archive download was refused (HTTP ${p.status}).`;
  const next = p.status === 404 || p.status === 410 ? 'The export may have expired: request it again.' : 'Try again in a few minutes.';
  return `${what}${notDelivered(p)} ${next}`;
}

export const en: Catalog = {
  common: {
    unknownDate: () => 'an unknown date',
  },
  case: enCase,
  card: enCard,
  status: enStatus,
  deadline: enDeadline,
  tombstone: enTombstone,
  refusal: enRefusals,
  policyProblem: enProblems,
  genesysError,
  subjectFailure,
  storeUnavailable: () => 'The bot is temporarily unavailable (its database is not answering). Nothing was saved; please try again in a minute.',
  unexpected: () =>
    "Something went wrong inside the bot, so this was not completed. Please try again; if it keeps happening, tell the bot's administrator (the details are in its log).",
  timelineError: {
    corrupt_archive: (p) => `The archive is damaged or incomplete and cannot be read.${notDelivered(p)} Try again; if it keeps failing, request the export again.`,
    download_failed: downloadFailed,
    too_large: tooLarge,
    invalid_range: () => 'The date range is not valid: check both dates and that it starts before it ends.',
  },
};
