/**
 * The one mapping from error and refusal codes to what a Slack user reads. Every message says what
 * happened, why, and what to do next. All are mrkdwn, safe to post as they are: nothing here echoes
 * an email address, a link or message text that the person did not type themselves.
 */
import type { GenesysError } from '../workflow/genesys-error.js';
import type { TimelineError } from '../timeline/errors.js';
import { escapeMrkdwn, inlineCode, redactEmails } from './views/format.js';

const DOCTOR = 'an administrator should run `npm run doctor`';

export function messageForGenesysError(e: GenesysError): string {
  switch (e.code) {
    case 'auth_failed':
      return `The bot could not sign in to Genesys Cloud, so nothing was sent. ${capitalise(DOCTOR)} to check the OAuth client and region.`;
    case 'permission_missing':
      return e.permission
        ? `The bot's Genesys Cloud role lacks the permission ${inlineCode(e.permission, 80)}, so this step could not run. An administrator should add it to the OAuth client's role; \`npm run doctor\` then confirms it.`
        : `The bot's Genesys Cloud role lacks a permission this step needs, so it could not run. ${capitalise(DOCTOR)} to see which one.`;
    case 'rate_limited':
    case 'unavailable':
      return 'Genesys Cloud is busy or unavailable right now; try again in a minute.';
    case 'not_found':
      return 'Genesys Cloud no longer has this item: the export may have expired or been removed. Request it again if you still need it.';
    case 'bad_request':
      return `Genesys Cloud refused the request as invalid, so nothing was changed.${supportReference(e)} If it happens again, ${DOCTOR} and check the bot's log.`;
    case 'unexpected_response':
      return `Genesys Cloud sent an answer the bot did not understand, so it stopped rather than guess.${supportReference(e)} Try again in a few minutes; if it persists, ${DOCTOR} and check the bot's log.`;
    default:
      return messageForUnexpected();
  }
}

/** Genesys's correlation id helps their support; it holds no personal data. */
function supportReference(e: GenesysError): string {
  const id = e.correlationId ?? e.contextId;
  return id ? ` Reference for Genesys support: ${inlineCode(id, 80)}.` : '';
}

export function messageForStoreUnavailable(): string {
  return 'The bot is temporarily unavailable (its database is not answering). Nothing was saved; please try again in a minute.';
}

export function messageForUnexpected(): string {
  return "Something went wrong inside the bot, so this was not completed. Please try again; if it keeps happening, tell the bot's administrator (the details are in its log).";
}

export type SubjectResolutionErrorKind =
  | 'no_match'
  | 'ambiguous'
  | 'no_email'
  | 'bot'
  | 'deactivated'
  | 'invalid_email'
  | 'invalid_id';

/**
 * Why one named person cannot be exported. `who` is a Slack mention (`<@U1>`) or a short label the
 * person typed (e.g. "line 2"); anything else is escaped.
 */
export function subjectResolutionError(kind: SubjectResolutionErrorKind, who: string): string {
  const w = /^<[@#!][^<>]*>$/.test(who) ? who : escapeMrkdwn(who);
  const other = 'in the *Other people* field of the form';
  switch (kind) {
    case 'no_match':
      return `No Genesys Cloud user matches ${w}, so there is nothing to export. Check the email address, or give their Genesys user ID ${other}.`;
    case 'ambiguous':
      return `Several Genesys Cloud users match ${w}, so the bot cannot tell which one you mean. Give their Genesys user ID ${other} instead.`;
    case 'no_email':
      return `The bot cannot see an email address for ${w} in Slack, so it cannot find them in Genesys Cloud. Give their email address or Genesys user ID ${other} instead.`;
    case 'bot':
      return `${w} is an app or bot, not a person: Genesys Cloud holds no personal chat to export for it. Remove it from the list.`;
    case 'deactivated':
      return `${w} is deactivated in Slack, so the bot cannot match them to Genesys Cloud through Slack. Give their email address or Genesys user ID ${other} instead.`;
    case 'invalid_email':
      return `${w} is not a valid email address. Check it for typos: an address has a name, an @ and a domain.`;
    case 'invalid_id':
      return `${w} is not a Genesys Cloud user ID, or no user has it. A Genesys user ID looks like \`0d5f3c2a-1b4e-4c8d-9f00-123456789abc\`: copy it from the user's profile URL in Genesys Cloud.`;
    default:
      return messageForUnexpected();
  }
}

// ---------------------------------------------------------------- command refusals

export type CommandRefusalReason =
  | 'broadcast'
  | 'usergroup'
  | 'channel'
  | 'too_many'
  | 'nobody_named'
  | 'invalid_email'
  | 'unknown_token';

export interface RefusalDetail {
  maxSubjects: number;
  /** too_many: how many distinct people were named */
  named?: number;
  /** invalid_email: the item's position in the command, from 1 */
  position?: number;
  /** unknown_token: the token as typed (cleaned and shortened here) */
  token?: string;
  /** unknown_token: extra advice for a recognisable mistake */
  hint?: string;
}

const HOW_TO_NAME = 'Name people with @mentions, email addresses or Genesys user IDs, separated by spaces or commas';
const TOKEN_ECHO_MAX = 40;

export function commandRefusalMessage(reason: CommandRefusalReason, d: RefusalDetail): string {
  const atMost = `at most ${d.maxSubjects}`;
  switch (reason) {
    case 'broadcast':
      return `Genesys Cloud does not support exporting a whole organisation's chat history: name the people concerned, ${atMost}.`;
    case 'usergroup':
      return `User groups cannot be exported: each export covers one person, and a group's members change over time. Name the people concerned, ${atMost}.`;
    case 'channel':
      return `Channels cannot be exported: Genesys Cloud exports people, not conversations. Name every participant of the conversation, ${atMost}; each export holds only that person's own messages.`;
    case 'too_many':
      return `You named ${d.named ?? 'more than ' + d.maxSubjects} people, but one request covers ${atMost}. Split them across several requests.`;
    case 'nobody_named':
      return `That names nobody. ${HOW_TO_NAME}, e.g. \`/gdpr-export @jane\`, or type \`/gdpr-export\` alone to open the form.`;
    case 'invalid_email':
      return `Item ${d.position ?? '?'} of your command is not a valid email address. Check it for typos (an address has a name, an @ and a domain), or pick the person in the form instead.`;
    case 'unknown_token':
      return `I don't recognise ${echoToken(d.token ?? '')}. ${d.hint ? `${d.hint} ` : ''}${HOW_TO_NAME}. Type \`/gdpr-export help\` for examples.`;
    default:
      return messageForUnexpected();
  }
}

/** The offending token only: shortened, invisible characters dropped, anything email-shaped masked. */
function echoToken(token: string): string {
  const cleaned = redactEmails(token.replace(/[\p{Cc}\p{Cf}]/gu, ''));
  return inlineCode(cleaned || '?', TOKEN_ECHO_MAX);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const TIMELINE_LIMIT_SETTINGS = {
  archive_bytes: 'TIMELINE_MAX_ARCHIVE_BYTES',
  uncompressed_bytes: 'TIMELINE_MAX_UNCOMPRESSED_BYTES',
  archive_entries: 'TIMELINE_MAX_ARCHIVE_ENTRIES',
  messages: 'TIMELINE_MAX_MESSAGES',
} as const;

/**
 * What the requester reads when a timeline build fails. A passed limit is named, with its value,
 * the setting an administrator can raise, and the way to narrow the request; other failures keep
 * the engine's sentence (it holds no name, link or message text).
 */
export function messageForTimelineError(e: TimelineError): string {
  const { limit, max, where } = e.params;
  if (e.code !== 'too_large' || !limit || max === undefined) return e.message;
  const setting = inlineCode(TIMELINE_LIMIT_SETTINGS[limit], 40);
  const archive = where ? `archive ${where.archive} of ${where.archives} of export ${where.subject} of ${where.subjects}` : 'an archive';
  const what = {
    archive_bytes: `${capitalise(archive)} is larger than ${formatBytes(max)}`,
    uncompressed_bytes: `The exports hold more than ${formatBytes(max)} of chat text`,
    archive_entries: `${capitalise(archive)} holds more than ${max.toLocaleString('en-US')} files`,
    messages: `The timeline would hold more than ${max.toLocaleString('en-US')} messages`,
  }[limit];
  const narrow =
    limit === 'messages'
      ? 'Build it again with a shorter date range (it keeps only messages inside the range)'
      : 'A shorter date range does not make an archive smaller: download the exports individually, or ask for a new export covering a shorter date range';
  return `${what}, the limit for one timeline (${setting}). No timeline was delivered. ${narrow}, or ask an administrator to raise ${setting}.`;
}

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
