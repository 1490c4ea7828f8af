/** What replaces the bot's messages about a case once its record is purged: ids and a date only. */
import type { SlackMessage } from './block-kit.js';
import { context, section } from './block-kit.js';
import { inlineCode, slackDate } from './format.js';

export function purgedCaseTombstone(caseId: string, purgedAt: Date): SlackMessage {
  return {
    text: `GDPR export ${caseId} — record purged on ${purgedAt.toISOString().slice(0, 10)}.`,
    blocks: [
      section(`GDPR export ${inlineCode(caseId, 40)} — record purged on ${slackDate(purgedAt)}.`),
      context('Its details, approval and files were removed after the record retention period. The audit trail keeps who did what.'),
    ],
  };
}
