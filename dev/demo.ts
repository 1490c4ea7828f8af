/**
 * `npm run demo [-- --locale <en|fr>] [--keep-alive <seconds>]`: the whole flow with no
 * credentials (see dev/demo/run-demo.ts), in English or in French. With --keep-alive the Genesys
 * simulator stays up so the printed link can be tried.
 */
import { DEMO_USAGE, parseDemoArgs } from './demo/demo-args.js';
import { DEMO_WORDS } from './demo/demo-words.js';
import { runDemo } from './demo/run-demo.js';

const parsed = parseDemoArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.message);
  process.exitCode = 2;
} else if (parsed.args.help) console.log(DEMO_USAGE);
else {
  const { locale, keepAliveSeconds } = parsed.args;
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  runDemo({ write: (text) => process.stdout.write(text), locale, keepAliveSeconds, signal: stop.signal }).then(
    (summary) => {
      process.exitCode = summary.ok ? 0 : 1;
    },
    (e: unknown) => {
      console.error(DEMO_WORDS[locale].failures.stopped({ reason: e instanceof Error ? e.message : String(e) }));
      process.exitCode = 1;
    },
  );
}
