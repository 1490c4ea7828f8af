/**
 * `npm run demo [-- --keep-alive <seconds>]`: the whole flow with no credentials (see
 * dev/demo/run-demo.ts). With --keep-alive the Genesys simulator stays up so the printed link
 * can be tried.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runDemo } from './demo/run-demo.js';

const USAGE = 'Usage: npm run demo [-- --keep-alive <seconds>]   (keep the simulator up after the flow; default 0)';

const argsSchema = z.object({
  'keep-alive': z.coerce
    .number({ error: '--keep-alive must be a number of seconds' })
    .int({ error: '--keep-alive must be a whole number of seconds' })
    .min(0, { error: '--keep-alive must be 0 or more' })
    .max(3600, { error: '--keep-alive can be at most 3600 (the longest link the bot mints lasts an hour)' })
    .default(0),
  help: z.boolean().optional(),
});

function readArgs(): z.infer<typeof argsSchema> | undefined {
  try {
    const { values } = parseArgs({ options: { 'keep-alive': { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true });
    const parsed = argsSchema.safeParse(values);
    if (parsed.success) return parsed.data;
    console.error(parsed.error.issues.map((i) => i.message).join('\n'));
  } catch (e) {
    console.error((e as Error).message);
  }
  console.error(USAGE);
  return undefined;
}

const args = readArgs();
if (!args) process.exitCode = 2;
else if (args.help) console.log(USAGE);
else {
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  runDemo({ write: (text) => process.stdout.write(text), keepAliveSeconds: args['keep-alive'], signal: stop.signal }).then(
    (summary) => {
      process.exitCode = summary.ok ? 0 : 1;
    },
    (e: unknown) => {
      console.error(`The demo stopped: ${e instanceof Error ? e.message : String(e)}`);
      process.exitCode = 1;
    },
  );
}
