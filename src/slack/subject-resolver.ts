/**
 * Turns what the requester picked (Slack people, emails, Genesys user ids) into Genesys subjects.
 * A person with no match or several matches becomes an error on the field they came from; nothing is
 * created until every subject resolves. Emails are used for the search and then dropped.
 */
import type { NewCaseInput } from '../workflow/model.js';
import type { GenesysPort, IdentityPort } from '../workflow/ports.js';
import { isValidEmail, isGenesysUserId } from './command-parser.js';
import { withinBudget } from './listeners/context.js';
import { subjectResolutionError } from './messages.js';
import type { SlackPerson } from './slack-directory.js';

export type ResolvedSubject = NewCaseInput['subjects'][number];

export interface ResolutionInput {
  slackUserIds: string[];
  /** one identifier per entry: an email or a Genesys user id */
  extraIds: string[];
  maxSubjects: number;
}

export type ResolutionOutcome =
  | { ok: true; subjects: ResolvedSubject[] }
  | { ok: false; errors: { subjects?: string; extra_ids?: string } };

export interface ResolverDeps {
  person(userId: string): Promise<SlackPerson | undefined>;
  genesys: Pick<GenesysPort, 'findSubjectsByEmail' | 'getUserName'>;
}

type One = { ok: true; subject: ResolvedSubject } | { ok: false; message: string };

/**
 * How long the form waits for a name (an optional look-up) or for an approver's Genesys identity.
 * During a Genesys outage a request by Genesys id still goes through: the card then says the name is
 * unknown, and an approver not checked in time gets no card and is checked when they act.
 */
const NAME_LOOKUP_MS = 1_500;
const IDENTITY_LOOKUP_MS = 2_000;

/** the Genesys name, or undefined when it is unknown, not allowed, or slow */
async function genesysName(deps: ResolverDeps, genesysUserId: string): Promise<string | undefined> {
  const answered = await withinBudget(deps.genesys.getUserName(genesysUserId).catch(() => undefined), NAME_LOOKUP_MS);
  return answered?.value;
}

export async function resolveSubjects(input: ResolutionInput, deps: ResolverDeps): Promise<ResolutionOutcome> {
  const slackIds = unique(input.slackUserIds);
  const extraIds = unique(input.extraIds.map((s) => s.trim()).filter(Boolean));
  const total = slackIds.length + extraIds.length;
  if (total === 0) {
    return { ok: false, errors: { subjects: 'Choose at least one person, or enter an email or Genesys user ID below.' } };
  }
  if (total > input.maxSubjects) {
    const message = `At most ${input.maxSubjects} people per request: Genesys Cloud exports target one person or a small set. You named ${total}.`;
    return { ok: false, errors: slackIds.length > 0 ? { subjects: message } : { extra_ids: message } };
  }

  const [fromSlack, fromExtra] = await Promise.all([
    Promise.all(slackIds.map((id) => resolveSlackPerson(id, deps))),
    Promise.all(extraIds.map((raw) => resolveIdentifier(raw, deps))),
  ]);

  const errors: { subjects?: string; extra_ids?: string } = {};
  const slackErrors = fromSlack.filter((r) => !r.ok).map((r) => (r as { message: string }).message);
  const extraErrors = fromExtra.filter((r) => !r.ok).map((r) => (r as { message: string }).message);
  if (slackErrors.length) errors.subjects = joinErrors(slackErrors);
  if (extraErrors.length) errors.extra_ids = joinErrors(extraErrors);
  if (errors.subjects || errors.extra_ids) return { ok: false, errors };

  // The same person picked in Slack and typed by email counts once.
  const byGenesysId = new Map<string, ResolvedSubject>();
  for (const r of [...fromSlack, ...fromExtra]) {
    if (r.ok && !byGenesysId.has(r.subject.genesysUserId)) byGenesysId.set(r.subject.genesysUserId, r.subject);
  }
  return { ok: true, subjects: [...byGenesysId.values()] };
}

async function resolveSlackPerson(userId: string, deps: ResolverDeps): Promise<One> {
  const who = `<@${userId}>`;
  const person = await deps.person(userId);
  if (!person) return { ok: false, message: subjectResolutionError('no_match', who) };
  if (person.isBot) return { ok: false, message: subjectResolutionError('bot', who) };
  if (person.deleted) return { ok: false, message: subjectResolutionError('deactivated', who) };
  if (!person.email) return { ok: false, message: subjectResolutionError('no_email', who) };
  const matches = await deps.genesys.findSubjectsByEmail(person.email);
  if (matches.length === 0) return { ok: false, message: subjectResolutionError('no_match', who) };
  if (matches.length > 1) return { ok: false, message: subjectResolutionError('ambiguous', who) };
  const match = matches[0]!;
  return {
    ok: true,
    subject: { slackUserId: userId, genesysUserId: match.userId, name: match.name ?? person.name, resolvedVia: 'slack_profile_email' },
  };
}

async function resolveIdentifier(raw: string, deps: ResolverDeps): Promise<One> {
  if (isGenesysUserId(raw)) {
    // the approver must see whom they approve: the name, when the optional permission allows it
    const genesysUserId = raw.toLowerCase();
    const name = await genesysName(deps, genesysUserId);
    return { ok: true, subject: { genesysUserId, ...(name ? { name } : {}), resolvedVia: 'genesys_user_id' } };
  }
  const email = raw.toLowerCase();
  if (!isValidEmail(email)) {
    const kind = raw.includes('@') ? 'invalid_email' : 'invalid_id';
    return { ok: false, message: subjectResolutionError(kind, shorten(raw)) };
  }
  const matches = await deps.genesys.findSubjectsByEmail(email);
  if (matches.length === 0) return { ok: false, message: subjectResolutionError('no_match', raw) };
  if (matches.length > 1) return { ok: false, message: subjectResolutionError('ambiguous', raw) };
  const match = matches[0]!;
  // the subject listing may omit the name (§14); the user record may have it
  const name = match.name ?? (await genesysName(deps, match.userId));
  return { ok: true, subject: { genesysUserId: match.userId, ...(name ? { name } : {}), resolvedVia: 'email' } };
}

/** Slack shows at most about 2000 characters under a field; keep the first few problems. */
function joinErrors(messages: string[]): string {
  const text = messages.join(' ');
  return text.length <= 1900 ? text : `${text.slice(0, 1897)}…`;
}

function shorten(s: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, '');
  return clean.length > 40 ? `${clean.slice(0, 39)}…` : clean;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Splits the extra-identifiers field: one per line, commas and semicolons also separate. */
export function splitExtraIds(text: string | null | undefined): string[] {
  return (text ?? '')
    .split(/[\n,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The workflow's IdentityPort: a Slack user's Genesys users, through their Slack profile email (the
 * same match a subject picked in Slack gets). Kept a few minutes, so deciding or listing cases does
 * not spend a Genesys call each time; failures are not kept.
 */
export function slackGenesysIdentity(deps: ResolverDeps & { ttlMs?: number; now?: () => number; answerWithinMs?: number }): IdentityPort {
  const ttlMs = deps.ttlMs ?? 5 * 60_000;
  const now = deps.now ?? Date.now;
  const cache = new Map<string, { value: Promise<string[]>; until: number }>();
  const load = async (slackUserId: string): Promise<string[]> => {
    const person = await deps.person(slackUserId);
    if (!person?.email || person.isBot) return [];
    return (await deps.genesys.findSubjectsByEmail(person.email)).map((m) => m.userId);
  };
  const lookUp = (slackUserId: string): Promise<string[]> => {
    const hit = cache.get(slackUserId);
    if (hit && hit.until > now()) return hit.value;
    const value = load(slackUserId);
    cache.set(slackUserId, { value, until: now() + ttlMs });
    value.catch(() => cache.delete(slackUserId));
    return value;
  };
  return {
    async genesysUserIdsOf(slackUserId) {
      // a slow answer still lands in the cache for next time
      const answered = await withinBudget(lookUp(slackUserId), deps.answerWithinMs ?? IDENTITY_LOOKUP_MS);
      if (!answered) throw new Error('no answer from Slack or Genesys Cloud in time');
      return answered.value;
    },
  };
}
