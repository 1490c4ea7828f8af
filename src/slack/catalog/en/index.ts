/**
 * English. Every message says what happened, why, and what to do next. All are mrkdwn, safe to
 * post as they are: nothing here echoes an email address, a link or message text that the person
 * did not type themselves.
 */
import { inlineCode } from '../../views/format.js';
import { enProblems } from './problems.js';
import { enRefusals } from './refusals.js';
import { enCase } from './case.js';
import { enHome } from './home.js';
import { enOversight } from './oversight.js';
import { enWorkspace } from './workspace.js';
import { enResults } from './results.js';
import { enTimeline } from './timeline.js';
import type { Catalog, GenesysAdviceParams } from '../catalog.js';
import { byOperation, capitalise, subjectFailureWords, timelineErrorWords } from '../error-sentences.js';
import { enCommand } from './command.js';
import { enRequest } from './request.js';
import { enCard } from './card.js';
import { enDeadline } from './deadline.js';
import { enStatus } from './status.js';
import { enTombstone } from './tombstone.js';

const DOCTOR = 'an administrator should run `npm run doctor`';
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
  not_found: (p) =>
    byOperation(p.operation, {
      create_export: 'Genesys Cloud did not find this person: check that they still exist in Genesys Cloud.',
      export_status: 'The export request no longer exists in Genesys Cloud: it may have expired or been removed.',
      other: 'Genesys Cloud no longer has this item: the export may have expired or been removed. Request it again if you still need it.',
    }),
  bad_request: (p) =>
    byOperation(p.operation, {
      create_export: `Genesys Cloud refused the export request as invalid; the person may no longer exist in Genesys Cloud, so check them.${supportReference(p)}`,
      other: `Genesys Cloud refused the request as invalid, so nothing was changed.${supportReference(p)} If it happens again, ${DOCTOR} and check the bot's log.`,
    }),
  unexpected_response: (p) =>
    `Genesys Cloud sent an answer the bot did not understand, so it stopped rather than guess.${supportReference(p)} Try again in a few minutes; if it persists, ${DOCTOR} and check the bot's log.`,
};

const subjectFailure = subjectFailureWords(genesysError, {
  retrying: () => 'Genesys Cloud did not answer properly; the bot keeps trying on its own.',
  exportError: () =>
    'The Genesys export ended in ERROR. Genesys Cloud gives no reason; press Retry to request it again, and contact Genesys support if it fails again.',
  unknownCode: () => 'Genesys Cloud reported an error without a reason. Press Retry; if it fails again, contact an administrator.',
  thenRetry: {
    submit: () => 'Then press Retry.',
    poll: () => 'Press Retry to request a new export.',
  },
});

const NO_TIMELINE = 'No timeline was delivered.';

const timelineError = timelineErrorWords({
  notDelivered: (w) => (w ? ` No timeline was delivered (export ${w.subject} of ${w.subjects}, archive ${w.archive} of ${w.archives}).` : ` ${NO_TIMELINE}`),
  corruptArchive: (p) => `The archive is damaged or incomplete and cannot be read.${p.notDelivered} Try again; if it keeps failing, request the export again.`,
  invalidRange: () => 'The date range is not valid: check both dates and that it starts before it ends.',
  linksRefused: (p) => `I could not build the timeline: ${p.refusal ?? 'the download links were refused.'}`,
  archiveMissing: () => 'Genesys Cloud returned fewer archives than the export listed; try again.',
  downloadFailed: (p) => (p.status === undefined ? 'The archive download failed: network error.' : `The archive download was refused (HTTP ${p.status}).`),
  afterDownload: {
    expired: () => 'The export may have expired: request it again.',
    later: () => 'Try again in a few minutes.',
  },
  entryTooLarge: (p) => {
    const size = p.max === undefined ? 'the limit' : `the ${p.max}-byte limit`;
    return `The chat entry is larger than ${size}.${p.notDelivered} Choose a shorter date range, or download the exports individually instead.`;
  },
  overLimit: ({ limit, max, setting, where }) => {
    const archive = where ? `archive ${where.archive} of ${where.archives} of export ${where.subject} of ${where.subjects}` : 'an archive';
    const what = {
      archive_bytes: `${capitalise(archive)} is larger than ${max}`,
      uncompressed_bytes: `The exports hold more than ${max} of chat text`,
      archive_entries: `${capitalise(archive)} holds more than ${max} files`,
      messages: `The timeline would hold more than ${max} messages`,
    }[limit];
    const narrow =
      limit === 'messages'
        ? 'Build it again with a shorter date range (it keeps only messages inside the range)'
        : 'A shorter date range does not make an archive smaller: download the exports individually, or ask for a new export covering a shorter date range';
    return `${what}, the limit for one timeline (${setting}). ${NO_TIMELINE} ${narrow}, or ask an administrator to raise ${setting}.`;
  },
  bytes: {
    units: ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'],
    amount: (value, whole) => (whole ? String(value) : value.toFixed(1)),
    space: ' ',
  },
  number: (n) => numberFormat.format(n),
});

export const en: Catalog = {
  common: {
    unknownDate: () => 'an unknown date',
  },
  case: enCase,
  card: enCard,
  status: enStatus,
  deadline: enDeadline,
  tombstone: enTombstone,
  home: enHome,
  oversight: enOversight,
  workspace: enWorkspace,
  request: enRequest,
  command: enCommand,
  results: enResults,
  timeline: enTimeline,
  refusal: enRefusals,
  policyProblem: enProblems,
  genesysError,
  subjectFailure,
  storeUnavailable: () => 'The bot is temporarily unavailable (its database is not answering). Nothing was saved; please try again in a minute.',
  unexpected: () =>
    "Something went wrong inside the bot, so this was not completed. Please try again; if it keeps happening, tell the bot's administrator (the details are in its log).",
  timelineError,
};
