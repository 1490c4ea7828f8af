/**
 * Parses the text of `/gdpr-export`. The command is registered with `should_escape: true`, so Slack
 * sends mentions as `<@U123|handle>`, channels as `<#C1|name>`, groups as `<!subteam^S1|@g>`,
 * `@here` as `<!here>`, and auto-links emails as `<mailto:a@b.com|a@b.com>`; it also escapes `&`,
 * `<` and `>` typed by the person as HTML entities. Only ids are trusted: the `|handle` part is a
 * legacy username Slack does not keep current.
 *
 * The parser never throws: any string yields a ParsedCommand, and it never returns a subject the
 * text did not name. A refusal carries its reason and detail only: the listener words it for the
 * person who typed the command (`commandRefusalMessage`).
 */
import type { CaseListFilter } from '../workflow/oversight.js';
import type { CommandHint, CommandRefusalReason, RefusalDetail } from './messages.js';

export type ParsedCommand =
  | { kind: 'help' }
  | { kind: 'status' }
  /** `status GX-…`: one case in full */
  | { kind: 'case_status'; caseId: string }
  | { kind: 'timeline'; caseId: string }
  /** `cases [all|open|overdue|mine]`: a listing (oversight for auditors) */
  | { kind: 'cases'; filter: CaseListFilter }
  /** `cases GX-…`: one case, read-only */
  | { kind: 'case'; caseId: string }
  /** `audit-export [days]`: the audit trail as CSV in the auditor's DM */
  | { kind: 'audit_export'; days: number }
  /** `extend GX-…`: open the deadline extension dialog */
  | { kind: 'extend'; caseId: string }
  /** `withdraw GX-…`: open the withdrawal dialog */
  | { kind: 'withdraw'; caseId: string }
  /** empty text gives a request naming nobody: the listener opens an empty form */
  | { kind: 'request'; slackUserIds: string[]; emails: string[]; genesysUserIds: string[] }
  | { kind: 'refused'; reason: CommandRefusalReason; detail: RefusalDetail };

export interface ParseOptions {
  maxSubjects: number;
}

const USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const BROADCAST_MENTION = /^<!(?:here|channel|everyone)(?:\|[^>]*)?>$/i;
const RAW_BROADCAST = /^@(?:here|channel|everyone)$/i;
const USERGROUP_MENTION = /^<!subteam\^/i;
const CHANNEL_MENTION = /^<#/;
const MAILTO_LINK = /^<mailto:([^|>]*)(?:\|[^>]*)?>$/i;
const ANY_LINK = /^<[a-z][a-z0-9+.-]*:/i;
const GENESYS_USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 'GX-' and 8 Crockford base32 characters (no I, L, O, U) */
const CASE_ID = /^GX-[0-9A-HJKMNP-TV-Z]{8}$/i;
/**
 * An escaped Slack entity `<…>`, a run of anything but separators (Slack's `&lt;` `&gt;` `&amp;`
 * stay whole although they end in `;`), or a stray `<`.
 */
const TOKEN = /<[^<>]*>|(?:&(?:lt|gt|amp);|[^\s,;<\p{Cc}\p{Cf}])+|</gu;
const SEPARATOR_WORD = /^and$/i;

const EMAIL_LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL_DOMAIN = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/** A practical address check (ASCII, dotted domain with a real TLD); `|` is excluded because Slack uses it as a delimiter. */
export function isValidEmail(s: string): boolean {
  if (s.length > 254) return false;
  const at = s.lastIndexOf('@');
  if (at < 1) return false;
  const local = s.slice(0, at);
  const labels = s.slice(at + 1).split('.');
  const tld = labels[labels.length - 1] ?? '';
  return (
    local.length <= 64 &&
    EMAIL_LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => DOMAIN_LABEL.test(l)) &&
    TOP_LEVEL_DOMAIN.test(tld)
  );
}

export function isGenesysUserId(s: string): boolean {
  return GENESYS_USER_ID.test(s);
}

type Classified =
  | { kind: 'slack_user'; id: string }
  | { kind: 'email'; email: string }
  | { kind: 'genesys_user'; id: string }
  | { kind: 'refused'; reason: CommandRefusalReason; token?: string; hint?: CommandHint };

/** Lower number wins when a command has several problems: the most important one is reported. */
const REFUSAL_PRIORITY: Record<CommandRefusalReason, number> = {
  broadcast: 0,
  usergroup: 1,
  channel: 2,
  invalid_email: 3,
  unknown_token: 3,
  too_many: 4,
  nobody_named: 5,
};

export function parseCommandText(text: string, opts: ParseOptions): ParsedCommand {
  const input = typeof text === 'string' ? text : '';
  const words = input.trim().split(/\s+/);
  const keyword = words[0]?.toLowerCase();
  if (words.length === 1 && keyword === 'help') return { kind: 'help' };
  if (words.length === 1 && keyword === 'status') return { kind: 'status' };
  if (keyword === 'timeline') return parseTimeline(words.slice(1), opts);
  if (keyword === 'cases') return parseCases(words.slice(1), opts);
  if (keyword === 'audit-export') return parseAuditExport(words.slice(1), opts);
  if (keyword === 'status' && words.length > 1) return parseCaseCommand('case_status', words.slice(1), opts);
  if (keyword === 'extend') return parseCaseCommand('extend', words.slice(1), opts);
  if (keyword === 'withdraw') return parseCaseCommand('withdraw', words.slice(1), opts);
  return parseSubjects(input, opts);
}

function parseTimeline(args: string[], opts: ParseOptions): ParsedCommand {
  return parseCaseCommand('timeline', args, opts);
}

/** `<keyword> GX-…`: exactly one case id; the hint of the same name shows how to type it */
function parseCaseCommand(kind: 'timeline' | 'extend' | 'withdraw' | 'case_status', args: string[], opts: ParseOptions): ParsedCommand {
  const [caseId] = args;
  if (args.length === 1 && caseId && CASE_ID.test(caseId)) return { kind, caseId: caseId.toUpperCase() };
  return refuse('unknown_token', {
    maxSubjects: opts.maxSubjects,
    token: decodeEntities(args.find((a) => !CASE_ID.test(a)) ?? kind),
    hint: kind,
  });
}

const CASE_FILTER_WORDS: Record<string, CaseListFilter> = { all: 'all', open: 'open', overdue: 'overdue', mine: 'mine' };
export const DEFAULT_AUDIT_EXPORT_DAYS = 30;
const MAX_DAYS_DIGITS = 5;

function parseCases(args: string[], opts: ParseOptions): ParsedCommand {
  const [arg] = args;
  if (args.length === 0 || !arg) return { kind: 'cases', filter: 'all' };
  const filter = CASE_FILTER_WORDS[arg.toLowerCase()];
  if (args.length === 1 && filter) return { kind: 'cases', filter };
  if (args.length === 1 && CASE_ID.test(arg)) return { kind: 'case', caseId: arg.toUpperCase() };
  return refuse('unknown_token', {
    maxSubjects: opts.maxSubjects,
    token: decodeEntities(args.find((a) => !CASE_FILTER_WORDS[a.toLowerCase()] && !CASE_ID.test(a)) ?? args[1] ?? 'cases'),
    hint: 'cases',
  });
}

function parseAuditExport(args: string[], opts: ParseOptions): ParsedCommand {
  const [arg] = args;
  if (args.length === 0 || !arg) return { kind: 'audit_export', days: DEFAULT_AUDIT_EXPORT_DAYS };
  // the workflow checks the range; the parser only refuses what is not a number of days
  if (args.length === 1 && new RegExp(`^[0-9]{1,${MAX_DAYS_DIGITS}}$`).test(arg)) return { kind: 'audit_export', days: Number(arg) };
  return refuse('unknown_token', {
    maxSubjects: opts.maxSubjects,
    token: decodeEntities(args.find((a) => !/^[0-9]+$/.test(a)) ?? args[1] ?? arg),
    hint: 'audit_export',
  });
}

function parseSubjects(text: string, opts: ParseOptions): ParsedCommand {
  const slackUserIds = new Set<string>();
  const emails = new Set<string>();
  const genesysUserIds = new Set<string>();
  let worst: { reason: CommandRefusalReason; detail: RefusalDetail } | undefined;
  let position = 0;

  for (const token of text.match(TOKEN) ?? []) {
    if (SEPARATOR_WORD.test(token)) continue;
    position += 1;
    const c = classifyToken(token);
    if (c.kind === 'slack_user') slackUserIds.add(c.id);
    else if (c.kind === 'email') emails.add(c.email);
    else if (c.kind === 'genesys_user') genesysUserIds.add(c.id);
    else if (!worst || REFUSAL_PRIORITY[c.reason] < REFUSAL_PRIORITY[worst.reason]) {
      worst = { reason: c.reason, detail: { maxSubjects: opts.maxSubjects, position, token: c.token, hint: c.hint } };
    }
  }
  if (worst) return refuse(worst.reason, worst.detail);

  const named = slackUserIds.size + emails.size + genesysUserIds.size;
  if (named > opts.maxSubjects) return refuse('too_many', { maxSubjects: opts.maxSubjects, named });
  if (named === 0 && text.trim() !== '') return refuse('nobody_named', { maxSubjects: opts.maxSubjects });
  return {
    kind: 'request',
    slackUserIds: [...slackUserIds],
    emails: [...emails],
    genesysUserIds: [...genesysUserIds],
  };
}

function classifyToken(token: string): Classified {
  const mention = USER_MENTION.exec(token);
  if (mention?.[1]) return { kind: 'slack_user', id: mention[1] };
  if (BROADCAST_MENTION.test(token) || RAW_BROADCAST.test(token)) return { kind: 'refused', reason: 'broadcast' };
  if (USERGROUP_MENTION.test(token)) return { kind: 'refused', reason: 'usergroup' };
  if (CHANNEL_MENTION.test(token)) return { kind: 'refused', reason: 'channel' };

  const mailto = MAILTO_LINK.exec(token);
  if (mailto) return classifyEmail(mailto[1] ?? '');
  if (ANY_LINK.test(token)) {
    return { kind: 'refused', reason: 'unknown_token', token: decodeEntities(token), hint: 'link' };
  }
  if (token.startsWith('<')) return { kind: 'refused', reason: 'unknown_token', token: decodeEntities(token) };
  if (isGenesysUserId(token)) return { kind: 'genesys_user', id: token.toLowerCase() };
  if (token.startsWith('@')) {
    return { kind: 'refused', reason: 'unknown_token', token: decodeEntities(token), hint: 'not_a_mention' };
  }
  if (token.includes('@')) return classifyEmail(token);
  return { kind: 'refused', reason: 'unknown_token', token: decodeEntities(token) };
}

function classifyEmail(candidate: string): Classified {
  // validate before lower-casing: some non-ASCII letters lower-case to ASCII ones
  return isValidEmail(candidate)
    ? { kind: 'email', email: candidate.toLowerCase() }
    : { kind: 'refused', reason: 'invalid_email' };
}

/** Slack escapes what people type; show them their own characters back. */
function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function refuse(reason: CommandRefusalReason, detail: RefusalDetail): ParsedCommand {
  return { kind: 'refused', reason, detail };
}
