/** The demo's printed transcript: numbered sections named after who acts, and indented lines. */

export interface Transcript {
  /** "━━ 3. Approver · Adam Approver ━━" */
  section(actor: 'Requester' | 'Approver' | 'Bot' | 'Demo', title: string): void;
  /** one or more lines, indented under the current section */
  say(...lines: string[]): void;
  /** lines further indented, e.g. a rendered message */
  show(lines: readonly string[]): void;
  blank(): void;
}

export function createTranscript(write: (text: string) => void): Transcript {
  let step = 0;
  return {
    section(actor, title) {
      step += 1;
      write(`\n━━ ${step}. ${actor} · ${title} ━━\n`);
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
