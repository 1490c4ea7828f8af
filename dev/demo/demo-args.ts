/**
 * The command line of `npm run demo`, parsed and checked apart from running it, so a wrong value
 * gets a clear message (and can be tested).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LOCALES, type Locale } from '../../src/slack/catalog/index.js';

export const DEMO_USAGE = [
  'Usage: npm run demo [-- --locale <en|fr>] [--keep-alive <seconds>]',
  `  --locale      the language of the transcript, of the people's Slack and of the bot (${LOCALES.join(' or ')}; default en)`,
  '  --keep-alive  keep the simulator up after the flow, so the printed link can be tried (default 0)',
].join('\n');

const argsSchema = z.object({
  'keep-alive': z.coerce
    .number({ error: '--keep-alive must be a number of seconds' })
    .int({ error: '--keep-alive must be a whole number of seconds' })
    .min(0, { error: '--keep-alive must be 0 or more' })
    .max(3600, { error: '--keep-alive can be at most 3600 (the longest link the bot mints lasts an hour)' })
    .default(0),
  locale: z.enum(LOCALES, { error: (issue) => `--locale must be ${LOCALES.join(' or ')}, not ${JSON.stringify(issue.input)}` }).default('en'),
  help: z.boolean().default(false),
});

export interface DemoArgs {
  keepAliveSeconds: number;
  locale: Locale;
  help: boolean;
}

/** The demo's options from its command line (without `node` and the script), or why they are wrong followed by the usage. */
export function parseDemoArgs(argv: string[]): { ok: true; args: DemoArgs } | { ok: false; message: string } {
  let problems: string[];
  try {
    const { values } = parseArgs({
      args: argv,
      options: { 'keep-alive': { type: 'string' }, locale: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    const parsed = argsSchema.safeParse(values);
    if (parsed.success) return { ok: true, args: { keepAliveSeconds: parsed.data['keep-alive'], locale: parsed.data.locale, help: parsed.data.help } };
    problems = parsed.error.issues.map((i) => i.message);
  } catch (e) {
    problems = [(e as Error).message];
  }
  return { ok: false, message: [...problems, DEMO_USAGE].join('\n') };
}
