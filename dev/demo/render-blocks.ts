/**
 * Block Kit to readable text for the demo transcript: headers, sections (with fields), context,
 * dividers, inputs and buttons as `[ Button ]`. Mentions become names, dates their fallback text,
 * links `label (url)`. Lenient on purpose: it renders what the bot sent, whatever it is. Its own
 * few words (an empty field, "optional"…) come in the transcript's language, English by default.
 */
import { en, type RenderWords } from './demo-words.js';

/** Display names for user, group and channel ids. */
export type NameOf = (id: string) => string | undefined;

interface TextObject {
  type?: string;
  text?: string;
}

interface Element {
  type?: string;
  text?: TextObject | string;
  action_id?: string;
  initial_users?: string[];
  initial_value?: string;
  initial_option?: { text?: TextObject };
  initial_options?: Array<{ text?: TextObject }>;
  initial_date?: string;
  options?: Array<{ text?: TextObject }>;
  placeholder?: TextObject;
  style?: string;
}

interface Block {
  type?: string;
  text?: TextObject;
  fields?: TextObject[];
  accessory?: Element;
  elements?: Element[];
  element?: Element;
  label?: TextObject;
  hint?: TextObject;
  optional?: boolean;
}

interface View {
  title?: TextObject;
  submit?: TextObject;
  close?: TextObject;
  blocks?: unknown[];
}

const EMOJI: Record<string, string> = {
  large_green_circle: '🟢',
  white_circle: '⚪',
  white_check_mark: '✅',
  x: '❌',
  warning: '⚠️',
  hourglass_flowing_sand: '⏳',
  hourglass: '⌛',
  package: '📦',
  lock: '🔒',
  bust_in_silhouette: '👤',
  busts_in_silhouette: '👥',
  calendar: '📅',
  scales: '⚖️',
  no_entry_sign: '🚫',
  bell: '🔔',
  outbox_tray: '📤',
  arrows_counterclockwise: '🔄',
};

/** mrkdwn (or plain text) as a person reads it in Slack. */
export function renderMrkdwn(text: string, nameOf: NameOf, words: RenderWords = en.render): string {
  return text
    .replace(/<([^<>]+)>/g, (_all, inner: string) => renderAngle(inner, nameOf, words))
    .replace(/\*([^*\n]+)\*/g, '$1')
    .replace(/:([a-z_]+):/g, (all, code: string) => EMOJI[code] ?? all)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

function renderAngle(inner: string, nameOf: NameOf, words: RenderWords): string {
  const [target = '', label] = splitOnce(inner, '|');
  if (target.startsWith('@')) return `@${nameOf(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith('#')) return `#${label ?? nameOf(target.slice(1)) ?? target.slice(1)}`;
  if (target.startsWith('!subteam^')) return `@${nameOf(target.slice('!subteam^'.length)) ?? label ?? words.group()}`;
  if (target.startsWith('!date^')) return label ?? words.aDate();
  if (target.startsWith('!')) return `@${target.slice(1)}`;
  return label ? `${label} (${target})` : target;
}

function splitOnce(s: string, separator: string): [string, string?] {
  const at = s.indexOf(separator);
  return at < 0 ? [s] : [s.slice(0, at), s.slice(at + 1)];
}

function textOf(t: TextObject | string | undefined, nameOf: NameOf, words: RenderWords): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  return t.type === 'plain_text' ? (t.text ?? '') : renderMrkdwn(t.text ?? '', nameOf, words);
}

export function renderBlocks(blocks: readonly unknown[], nameOf: NameOf, words: RenderWords = en.render): string[] {
  return (blocks as Block[]).flatMap((block) => renderBlock(block, nameOf, words));
}

function renderBlock(block: Block, nameOf: NameOf, words: RenderWords): string[] {
  switch (block.type) {
    case 'header':
      return [`# ${textOf(block.text, nameOf, words)}`];
    case 'section': {
      const lines = block.text ? textOf(block.text, nameOf, words).split('\n') : [];
      for (const field of block.fields ?? []) {
        const [label = '', ...value] = textOf(field, nameOf, words).split('\n');
        lines.push(value.length ? words.labelled(label, value.join(' ')) : label);
      }
      if (block.accessory) lines.push(renderElement(block.accessory, nameOf, words));
      return lines;
    }
    case 'context':
      return [`· ${(block.elements ?? []).map((e) => textOf(e as TextObject, nameOf, words)).join(' · ')}`];
    case 'divider':
      return ['──────────'];
    case 'actions':
      return [(block.elements ?? []).map((e) => renderElement(e, nameOf, words)).join('  ')];
    case 'input': {
      const label = `${textOf(block.label, nameOf, words)}${block.optional ? words.optional() : ''}`;
      const lines = [words.labelled(label, block.element ? renderInputValue(block.element, nameOf, words) : '')];
      if (block.hint) lines.push(`  · ${textOf(block.hint, nameOf, words)}`);
      return lines;
    }
    default:
      return [`[${block.type ?? 'block'}]`];
  }
}

function renderElement(element: Element, nameOf: NameOf, words: RenderWords): string {
  if (element.type === 'button') return `[ ${textOf(element.text, nameOf, words)} ]`;
  return `[ ${textOf(element.placeholder, nameOf, words) || element.type || 'element'} ▾ ]`;
}

function renderInputValue(element: Element, nameOf: NameOf, words: RenderWords): string {
  switch (element.type) {
    case 'multi_users_select': {
      const people = (element.initial_users ?? []).map((id) => `@${nameOf(id) ?? id}`);
      return people.length ? people.join(', ') : `(${textOf(element.placeholder, nameOf, words) || words.choosePeople()})`;
    }
    case 'plain_text_input':
      return element.initial_value ? element.initial_value.split('\n').join(' / ') : words.empty();
    case 'static_select': {
      if (element.initial_option) return textOf(element.initial_option.text, nameOf, words);
      const options = (element.options ?? []).map((o) => textOf(o.text, nameOf, words));
      return words.chooseOne(options.join(' | '));
    }
    case 'checkboxes':
      return (element.options ?? []).map((o) => `[ ] ${textOf(o.text, nameOf, words)}`).join('  ');
    case 'datepicker':
      return element.initial_date ? words.pickedDate(element.initial_date) : words.pickDate();
    default:
      return `(${element.type ?? 'input'})`;
  }
}

/** A modal: its title, its blocks and its buttons, in a box. */
export function renderModal(view: unknown, nameOf: NameOf, words: RenderWords = en.render): string[] {
  const v = (view ?? {}) as View;
  const buttons = [v.submit, v.close].filter((b): b is TextObject => b !== undefined).map((b) => `[ ${textOf(b, nameOf, words)} ]`);
  return boxed(textOf(v.title, nameOf, words), [...renderBlocks(v.blocks ?? [], nameOf, words), ...(buttons.length ? ['', buttons.join('  ')] : [])]);
}

/** A message: its blocks, or its text when it has none. */
export function renderMessage(message: { text?: string; blocks?: unknown[] }, nameOf: NameOf, title = '', words: RenderWords = en.render): string[] {
  const body = message.blocks?.length ? renderBlocks(message.blocks, nameOf, words) : renderMrkdwn(message.text ?? '', nameOf, words).split('\n');
  return boxed(title, body);
}

function boxed(title: string, lines: string[]): string[] {
  return [`┌─ ${title}`.trimEnd(), ...lines.map((l) => `│ ${l}`.trimEnd()), '└─'];
}
