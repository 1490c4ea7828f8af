/**
 * Ephemeral replies to `/gdpr-export`: help, the status list, and refusals the parser cannot know
 * about (who may request, who was mentioned). Plain mrkdwn strings.
 */
import type { ExportCase } from '../../workflow/model.js';
import { subjectResolutionError } from '../messages.js';
import { plural, userMention } from './format.js';
import { caseIdCode, caseReference, caseStateLabel, countSubjects, dueDate, dueSuffix, newestFirst } from './labels.js';

/** Keeps the reply inside one section's 3000 characters, however many cases a person has. */
const STATUS_TEXT_BUDGET = 2800;

export function helpText(maxSubjects: number): string {
  const max = Math.max(1, Math.floor(maxSubjects));
  return [
    '*GDPR chat export* asks Genesys Cloud for the Collaborate chat of named people, for a GDPR or legal request.',
    '• `/gdpr-export` opens the request form.',
    `• \`/gdpr-export @person @person\` opens it with those people filled in (at most ${max}).`,
    '• You can also name people by email address or Genesys user ID, for example people who have left Slack.',
    '• `/gdpr-export status` lists your requests.',
    '• `/gdpr-export extend GX-7K2M9QPA` extends the GDPR deadline of a data subject access request once, by up to two months, with a reason.',
    '• `/gdpr-export withdraw GX-7K2M9QPA` withdraws a request you made, with a reason.',
    '• `/gdpr-export timeline GX-7K2M9QPA` builds a conversation timeline once every export of that case is ready.',
    '• `/gdpr-export help` shows this message.',
    '',
    'Good to know:',
    '• Each export holds only that person’s own messages: for a conversation, name every participant.',
    '• Only messages inside your organisation’s chat retention period are included.',
    '• Genesys Cloud can take several days. The bot tells you in a direct message as each export is ready, and every download link works for a few minutes only.',
    '• Genesys Cloud cannot export a whole organisation, a channel or a user group: name the people.',
  ].join('\n');
}

export function statusListText(cases: readonly ExportCase[]): string {
  if (cases.length === 0) return 'You have no export requests. Type `/gdpr-export` to start one.';
  const sorted = newestFirst(cases);
  const lines = ['*Your GDPR export requests*, newest first:'];
  let length = lines[0]?.length ?? 0;
  let shown = 0;
  for (const c of sorted) {
    const line =
      `• ${caseIdCode(c)} ${caseReference(c, 60)}: ${caseStateLabel(c.state)} · ` +
      `${countSubjects(c, 'completed')} of ${plural(c.subjects.length, 'person', 'people')} ready${dueSuffix(c, dueDate(c))}`;
    if (length + line.length + 1 > STATUS_TEXT_BUDGET) break;
    lines.push(line);
    length += line.length + 1;
    shown += 1;
  }
  if (shown < sorted.length) lines.push(`…and ${sorted.length - shown} older requests.`);
  return lines.join('\n');
}

export function notAllowedText(): string {
  return 'Only the configured GDPR requesters can request exports. If your role needs it, ask the app’s administrator to add you to GDPR_REQUESTERS.';
}

export interface MentionedPerson {
  id: string;
  /** false when Slack does not know the user (e.g. from another workspace) */
  exists: boolean;
  isBot: boolean;
  deleted: boolean;
}

/** Why people mentioned in the command cannot be exported, or undefined when all can. */
export function mentionedPeopleRefusal(people: readonly MentionedPerson[]): string | undefined {
  const problems = people.flatMap((p) => {
    if (!p.exists) {
      return [`The bot cannot see ${userMention(p.id)} in this workspace. Give their email address or Genesys user ID instead.`];
    }
    if (p.isBot) return [subjectResolutionError('bot', userMention(p.id))];
    if (p.deleted) return [subjectResolutionError('deactivated', userMention(p.id))];
    return [];
  });
  return problems.length > 0 ? problems.join('\n') : undefined;
}
