/**
 * Small typed constructors over `@slack/types` (re-exported by Bolt as `types`). They clip text
 * to Slack's limits so a long input degrades into a shorter message, never into `invalid_blocks`.
 */
import type { types } from '@slack/bolt';
import { clip, escapeMrkdwn } from './format.js';

export type KnownBlock = types.KnownBlock;
export type ModalView = types.ModalView;
export type HomeView = types.HomeView;
export type Button = types.Button;
export type PlainTextElement = types.PlainTextElement;
export type MrkdwnElement = types.MrkdwnElement;
export type SectionBlock = types.SectionBlock;
export type ActionsBlock = types.ActionsBlock;
export type ContextBlock = types.ContextBlock;
export type InputBlock = types.InputBlock;

/** A message for chat.postMessage / postEphemeral / chat.update. `text` is the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const SECTION_TEXT_MAX = 3000;
export const MESSAGE_BLOCKS_MAX = 50;
export const VIEW_BLOCKS_MAX = 100;

export function plain(text: string, max = 3000): PlainTextElement {
  return { type: 'plain_text', text: clip(text, max), emoji: true };
}

export function mrkdwn(text: string): MrkdwnElement {
  return { type: 'mrkdwn', text: clip(text, SECTION_TEXT_MAX) };
}

/** Expects mrkdwn that is already escaped; clips as a last resort. */
export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', text: mrkdwn(text || ' '), ...(blockId ? { block_id: blockId } : {}) };
}

export function header(text: string): KnownBlock {
  return { type: 'header', text: plain(text, 150) };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** Up to 10 mrkdwn elements (Slack's limit); extras are dropped. */
export function context(...texts: string[]): ContextBlock {
  return { type: 'context', elements: texts.slice(0, 10).map((t) => mrkdwn(t || ' ')) };
}

export function button(opts: {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
  accessibilityLabel?: string;
}): Button {
  return {
    type: 'button',
    text: plain(opts.text, 75),
    action_id: opts.actionId,
    ...(opts.value !== undefined ? { value: opts.value } : {}),
    ...(opts.style ? { style: opts.style } : {}),
    ...(opts.accessibilityLabel ? { accessibility_label: clip(opts.accessibilityLabel, 75) } : {}),
  };
}

export function actions(blockId: string, elements: Button[]): ActionsBlock {
  return { type: 'actions', block_id: blockId, elements: elements.slice(0, 25) };
}

/**
 * Escapes free text and splits it into section-sized pieces, breaking at a newline or space where
 * possible and never inside an escape sequence. Escaping can grow text fivefold, so a 2000-char
 * justification may need several sections.
 */
export function escapedChunks(raw: string, max = SECTION_TEXT_MAX): string[] {
  const chunks: string[] = [];
  let pieces: string[] = [];
  let length = 0;
  let lastBreak = -1; // index in `pieces` just after the last whitespace
  for (const ch of raw) {
    const piece = escapeMrkdwn(ch);
    if (length + piece.length > max && pieces.length > 0) {
      const cut = lastBreak > pieces.length / 2 ? lastBreak : pieces.length;
      chunks.push(pieces.slice(0, cut).join(''));
      pieces = pieces.slice(cut);
      length = pieces.reduce((n, p) => n + p.length, 0);
      lastBreak = -1;
    }
    pieces.push(piece);
    length += piece.length;
    if (/\s/.test(ch)) lastBreak = pieces.length;
  }
  if (pieces.length > 0) chunks.push(pieces.join(''));
  return chunks;
}

/** Groups pre-rendered mrkdwn lines into as few section texts as fit. */
export function packLines(lines: readonly string[], max = SECTION_TEXT_MAX): string[] {
  const packed: string[] = [];
  let current = '';
  for (const rawLine of lines) {
    const line = clip(rawLine, max);
    const next = current ? `${current}\n${line}` : line;
    if (next.length > max) {
      packed.push(current);
      current = line;
    } else current = next;
  }
  if (current) packed.push(current);
  return packed;
}

/** A bold label followed by lines, split across sections when long. */
export function labelledSections(label: string, lines: readonly string[]): SectionBlock[] {
  return packLines([`*${label}*`, ...lines]).map((text) => section(text));
}

/** A bold label followed by escaped free text, split across sections when long. */
export function labelledFreeText(label: string, raw: string): SectionBlock[] {
  const heading = `*${label}*\n`;
  const chunks = escapedChunks(raw.trim() || '(empty)', SECTION_TEXT_MAX - heading.length);
  return chunks.map((chunk, i) => section(i === 0 ? heading + chunk : chunk));
}
