/**
 * What must never appear in a log line or a stored record: tokens and secrets, signed links,
 * results URLs, email addresses, and the chat text of the simulator's users. `findLeaks` names what
 * it found without repeating the value (a report must not leak either).
 */
import { defaultSimUsers } from '../../../dev/genesys-simulator/index.js';

const PATTERNS: Array<[string, RegExp]> = [
  ['a Slack bot token (xoxb-)', /xoxb-/],
  ['a Slack app token (xapp-)', /xapp-/],
  ['a signed download link (/signed/)', /\/signed\//],
  ['a link signature (sig=)', /sig=/],
  ['a Genesys results URL (/platform/api/v2/downloads/)', /\/platform\/api\/v2\/downloads\//],
  ['an email address', /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  ['a bearer token', /Bearer [A-Za-z0-9._~+/-]{8,}/i],
];

/** every line of every chat message the simulator's default users wrote (short lines are too common to check) */
export const SIMULATED_MESSAGE_TEXTS: string[] = defaultSimUsers().flatMap((u) =>
  (u.messages ?? []).flatMap((m) => [m.text, ...m.text.split('\n')]).filter((t) => t.trim().length >= 12),
);

export function findLeaks(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const [what, pattern] of PATTERNS) {
    const m = pattern.exec(text);
    if (m) found.push(`${what} near “${context(text, m.index)}”`);
  }
  for (const secret of secrets) {
    if (secret.length >= 6 && text.includes(secret)) found.push(`a secret value (${secret.length} characters) near “${context(text, text.indexOf(secret), secret)}”`);
  }
  for (const message of SIMULATED_MESSAGE_TEXTS) {
    if (text.includes(message)) found.push(`chat text of a simulated user near “${context(text, text.indexOf(message), message)}”`);
  }
  return found;
}

/** a little surrounding text with the match itself masked */
function context(text: string, index: number, hide?: string): string {
  const before = text.slice(Math.max(0, index - 40), index);
  const lineEnd = text.indexOf('\n', index);
  const after = text.slice(index + (hide?.length ?? 12), Math.min(lineEnd === -1 ? text.length : lineEnd, index + 60));
  return `${before}[…]${after}`.replace(/\s+/g, ' ');
}
