/**
 * POSTs to a response_url (Bolt's respond()). Slack answers 200 when it takes the message and 404
 * for an unusable URL; Bolt v5 turns any non-2xx into a RespondError (platform.md §5).
 */
import { checkMessageBlocks, missingTextWarning } from './block-checks.js';
import { readResponseUrlId } from './interaction-ids.js';
import type { MethodResult, SlackArgs } from './method-result.js';
import { booleanArg, succeed } from './method-result.js';
import type { Workspace } from './workspace.js';

export function answerResponseUrl(ws: Workspace, id: string, args: SlackArgs): MethodResult {
  const refused = checkMessageBlocks(args);
  if (refused) return refused;
  applyToOriginal(ws, id, args);
  const deleting = booleanArg(args, 'delete_original');
  return succeed({}, deleting ? undefined : missingTextWarning(args));
}

/** Ephemeral originals are not kept by the fake, so only channel messages change here. */
function applyToOriginal(ws: Workspace, id: string, args: SlackArgs): void {
  const origin = readResponseUrlId(id);
  if (!origin) return;
  const index = ws.messages.findIndex((m) => m.channel === origin.channelId && m.ts === origin.messageTs);
  const original = ws.messages[index];
  if (!original) return;
  if (booleanArg(args, 'delete_original')) {
    ws.messages.splice(index, 1);
    return;
  }
  if (!booleanArg(args, 'replace_original')) return;
  // A replacement is a whole new message body: blocks the reply leaves out are gone.
  original.text = typeof args.text === 'string' ? args.text : '';
  if (Array.isArray(args.blocks)) original.blocks = args.blocks;
  else delete original.blocks;
}
