/**
 * Text helpers for Slack mrkdwn. Everything a person typed (or Genesys returned) goes through
 * `escapeMrkdwn` before it reaches a message: Slack treats `&`, `<` and `>` as control characters,
 * so an unescaped `<!channel>` in a justification would ping a whole channel.
 */

const SLACK_USER_ID = /^[UW][A-Z0-9]+$/;
const SLACK_GROUP_ID = /^S[A-Z0-9]+$/;
const SLACK_CHANNEL_ID = /^[CGD][A-Z0-9]+$/;
const EMAIL_LIKE = /[^\s@<>|`]+@[^\s@<>|`]+/g;
// \p{Cc}: controls (newlines included), \p{Cf}: invisible format characters such as U+200B.
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

export function escapeMrkdwn(raw: string): string {
  return raw.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text from outside that holds names (a Genesys or Slack display name, a summary listing them):
 * escaped, and without the asterisks that would turn part of it bold.
 */
export function escapeDisplayText(raw: string, maxRaw = Infinity): string {
  return escapeClip(raw.replace(/\*/g, ''), maxRaw);
}

/** Mentions the bot itself writes into a sentence: a user, a channel, a user group. */
const OWN_MENTION = /(<(?:@[UW][A-Z0-9]+|#[CGD][A-Z0-9]+|!subteam\^S[A-Z0-9]+)>)/;

/**
 * A sentence made by the workflow (a refusal) that may quote a name: escaped like a name, except
 * for the plain mentions the bot writes on purpose (`<@U…>`, `<#C…>`, `<!subteam^S…>`).
 */
export function escapeSentence(sentence: string): string {
  return sentence
    .split(OWN_MENTION)
    .map((part, i) => (i % 2 === 1 ? part : escapeDisplayText(part)))
    .join('');
}

/** Shortens to at most `max` UTF-16 units, ending with '…', without splitting a surrogate pair. */
export function clip(raw: string, max: number): string {
  if (raw.length <= max) return raw;
  let cut = Math.max(0, max - 1);
  if (cut > 0 && isHighSurrogate(raw.charCodeAt(cut - 1))) cut -= 1;
  return `${raw.slice(0, cut)}…`;
}

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/**
 * Escapes user text for a bounded slot. Clipping before escaping keeps the result ≤ 5 × maxRaw
 * (`&` → `&amp;` is the worst case).
 */
export function escapeClip(raw: string, maxRaw: number): string {
  return escapeMrkdwn(clip(raw, maxRaw));
}

/**
 * One line of user text: invisible and control characters become spaces. A no-break space (U+00A0,
 * U+202F) stays: French writes one before : ; ! ? and a note typed that way must keep it.
 */
export function singleLine(raw: string): string {
  return raw.replace(INVISIBLE, ' ').replace(/[^\S\u00a0\u202f]+/g, ' ').trim();
}

/** User text as inline code; backticks are dropped because they would end the code span. */
export function inlineCode(raw: string, maxRaw = 100): string {
  const cleaned = singleLine(raw).replace(/`/g, "'");
  return `\`${escapeClip(cleaned, maxRaw)}\``;
}

export function containsEmail(raw: string): boolean {
  return new RegExp(EMAIL_LIKE.source).test(raw);
}

/** Masks anything shaped like an email address, for echoing text a person may have pasted. */
export function redactEmails(raw: string): string {
  return raw.replace(EMAIL_LIKE, '[email address]');
}

export function userMention(userId: string): string {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : inlineCode(userId, 40);
}

/** A configured approver: a user or a user group. */
export function principalMention(id: string): string {
  if (SLACK_GROUP_ID.test(id)) return `<!subteam^${id}>`;
  return userMention(id);
}

export function channelMention(channelId: string): string {
  return SLACK_CHANNEL_ID.test(channelId) ? `<#${channelId}>` : inlineCode(channelId, 40);
}

function toDate(when: string | Date): Date | undefined {
  const d = typeof when === 'string' ? new Date(when) : when;
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** Whole days from `now` to `when`, rounded towards the nearer day. */
export function daysBetween(now: Date, when: string | Date): number | undefined {
  const d = toDate(when);
  return d ? Math.round((d.getTime() - now.getTime()) / 86_400_000) : undefined;
}
