/** What replaces the bot's messages about a case once its record is purged: ids and a date only. */
import type { Reader } from '../catalog/index.js';
import type { SlackMessage } from './block-kit.js';
import { context, section } from './block-kit.js';
import { inlineCode } from './format.js';

export function purgedCaseTombstone(caseId: string, purgedAt: Date, reader: Reader): SlackMessage {
  const words = reader.t.tombstone;
  return {
    // the notification text shows the plain ISO day: a `<!date>` token is not rendered there
    text: words.purged({ caseId, day: purgedAt.toISOString().slice(0, 10) }),
    blocks: [section(words.purged({ caseId: inlineCode(caseId, 40), day: reader.slackDate(purgedAt) })), context(words.whatRemains())],
  };
}
