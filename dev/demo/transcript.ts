/** The demo's printed transcript: numbered sections named after who acts, and indented lines. */
import { readerFor, type Locale, type Reader } from '../../src/slack/catalog/index.js';
import { DEMO_WORDS, type DemoWords, type Role } from './demo-words.js';

export interface Transcript {
  /** the narrator's words in the transcript's language */
  words: DemoWords;
  /** numbers, counts and lists in that language, and the bot's own catalog (e.g. legal bases) */
  reader: Reader;
  /** "━━ 3. Approver · Adam Approver decides ━━" */
  section(role: Role, title: string): void;
  /** one or more lines, indented under the current section */
  say(...lines: string[]): void;
  /** lines further indented, e.g. a rendered message */
  show(lines: readonly string[]): void;
  blank(): void;
}

export function createTranscript(write: (text: string) => void, locale: Locale = 'en'): Transcript {
  const words = DEMO_WORDS[locale];
  let step = 0;
  return {
    words,
    reader: readerFor(locale),
    section(role, title) {
      step += 1;
      write(`\n━━ ${step}. ${words.roles[role]} · ${title} ━━\n`);
    },
    say(...lines) {
      for (const line of lines) write(`  ${line}\n`);
    },
    show(lines) {
      for (const line of lines) write(`      ${line}\n`);
    },
    blank() {
      write('\n');
    },
  };
}
