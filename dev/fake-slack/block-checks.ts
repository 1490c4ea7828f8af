/**
 * Refuses what Slack would refuse (Block Kit limits, platform.md §3–4) so the bot's tests fail here
 * instead of in a real workspace. Error shapes follow Slack: `invalid_blocks` for messages,
 * `invalid_arguments` with response_metadata.messages for views.
 */
import { findBlockKitViolations } from './block-kit-limits.js';
import type { MethodResult, SlackArgs } from './method-result.js';
import { fail, invalidArguments, isRecord } from './method-result.js';

/** views.open/push/update answer view_too_large above this many bytes of JSON */
export const MAX_VIEW_BYTES = 250_000;

export function hasText(args: SlackArgs): boolean {
  return typeof args.text === 'string' && args.text.trim() !== '';
}

export function checkMessageBlocks(args: SlackArgs): MethodResult | undefined {
  if (args.blocks === undefined) return undefined;
  if (!Array.isArray(args.blocks)) return fail('invalid_blocks_format');
  // Slack accepts blocks without a text fallback, so that is a warning (below), not a refusal:
  // the limits check sees a stand-in text and judges only the blocks.
  const text = hasText(args) ? args.text : 'fallback text';
  const errors = findBlockKitViolations('message', { text, blocks: args.blocks });
  return errors.length > 0 ? fail('invalid_blocks', { errors }) : undefined;
}

/** Slack takes blocks without `text`, but notifications and screen readers then get nothing. */
export function missingTextWarning(args: SlackArgs): string | undefined {
  return Array.isArray(args.blocks) && !hasText(args) ? 'missing_text' : undefined;
}

export function checkView(kind: 'modal' | 'home', view: unknown): MethodResult | undefined {
  if (!isRecord(view)) return invalidArguments('view: missing, or not a JSON object');
  if (Buffer.byteLength(JSON.stringify(view)) > MAX_VIEW_BYTES) return fail('view_too_large');
  const errors = findBlockKitViolations(kind, view);
  return errors.length > 0 ? invalidArguments(...errors) : undefined;
}
