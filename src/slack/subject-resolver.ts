/**
 * Turns what the requester picked (Slack people, emails, Genesys user ids) into Genesys subjects.
 * A person with no match or several matches becomes a problem on the field they came from (a code and
 * who; the listener words it for the requester); nothing is created until every subject resolves.
 * Emails are used for the search and then dropped.
 */
import type { NewCaseInput } from '../workflow/model.js';
import type { GenesysPort, IdentityPort } from '../workflow/ports.js';
import { isValidEmail, isGenesysUserId } from './command-parser.js';
import { withinBudget } from './listeners/context.js';
import type { SubjectProblem, SubjectResolutionErrorKind } from './messages.js';
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
  | { ok: false; problems: { subjects?: SubjectProblem[]; extra_ids?: SubjectProblem[] } };

export interface ResolverDeps {
  person(userId: string): Promise<SlackPerson | undefined>;
  genesys: Pick<GenesysPort, 'findSubjectsByEmail' | 'getUserName'>;
}

type One = { ok: true; subject: ResolvedSubject } | { ok: false; problem: SubjectProblem };

const refused = (kind: SubjectResolutionErrorKind, who: string): One => ({ ok: false, problem: { kind, who } });

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
  if (total === 0) return { ok: false, problems: { subjects: [{ kind: 'nobody_chosen' }] } };
  if (total > input.maxSubjects) {
    const tooMany: SubjectProblem[] = [{ kind: 'too_many', maxSubjects: input.maxSubjects, named: total }];
    return { ok: false, problems: slackIds.length > 0 ? { subjects: tooMany } : { extra_ids: tooMany } };
  }

  const [fromSlack, fromExtra] = await Promise.all([
    Promise.all(slackIds.map((id) => resolveSlackPerson(id, deps))),
    Promise.all(extraIds.map((raw) => resolveIdentifier(raw, deps))),
  ]);

  const problemsOf = (results: One[]) => results.flatMap((r) => (r.ok ? [] : [r.problem]));
  const problems: { subjects?: SubjectProblem[]; extra_ids?: SubjectProblem[] } = {};
  if (problemsOf(fromSlack).length) problems.subjects = problemsOf(fromSlack);
  if (problemsOf(fromExtra).length) problems.extra_ids = problemsOf(fromExtra);
  if (problems.subjects || problems.extra_ids) return { ok: false, problems };

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
  if (!person) return refused('no_match', who);
  if (person.isBot) return refused('bot', who);
  if (person.deleted) return refused('deactivated', who);
  if (!person.email) return refused('no_email', who);
  const matches = await deps.genesys.findSubjectsByEmail(person.email);
  if (matches.length === 0) return refused('no_match', who);
  if (matches.length > 1) return refused('ambiguous', who);
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
    return refused(kind, shorten(raw));
  }
  const matches = await deps.genesys.findSubjectsByEmail(email);
  if (matches.length === 0) return refused('no_match', raw);
  if (matches.length > 1) return refused('ambiguous', raw);
  const match = matches[0]!;
  // the subject listing may omit the name (§14); the user record may have it
  const name = match.name ?? (await genesysName(deps, match.userId));
  return { ok: true, subject: { genesysUserId: match.userId, ...(name ? { name } : {}), resolvedVia: 'email' } };
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
