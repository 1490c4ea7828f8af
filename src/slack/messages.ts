/**
 * The one mapping from error and refusal codes to what a Slack user reads. Every message says what
 * happened, why, and what to do next. All are mrkdwn, safe to post as they are: nothing here echoes
 * an email address, a link or message text that the person did not type themselves.
 */
import type { GenesysError } from '../workflow/genesys-error.js';
import type { TimelineError } from '../timeline/errors.js';
import { escapeMrkdwn, inlineCode, redactEmails } from './views/format.js';
import type { Reader } from './catalog/index.js';

/** Words for people come from the catalog; these keep the Slack layer's call sites short. */
export function messageForGenesysError(e: GenesysError, reader: Reader): string {
  return reader.t.genesysError[e.code]({ permission: e.permission, reference: e.correlationId ?? e.contextId });
}

export function messageForStoreUnavailable(reader: Reader): string {
  return reader.t.storeUnavailable();
}

export function messageForUnexpected(reader: Reader): string {
  return reader.t.unexpected();
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
      return 'Something went wrong inside the bot.';
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
      return 'Something went wrong inside the bot.';
  }
}

/** The offending token only: shortened, invisible characters dropped, anything email-shaped masked. */
function echoToken(token: string): string {
  const cleaned = redactEmails(token.replace(/[\p{Cc}\p{Cf}]/gu, ''));
  return inlineCode(cleaned || '?', TOKEN_ECHO_MAX);
}

/** What the requester reads when a timeline build fails: worded from the engine's code and params only. */
export function messageForTimelineError(e: TimelineError, reader: Reader): string {
  return reader.t.timelineError[e.code]({ ...e.params, status: e.status });
}
