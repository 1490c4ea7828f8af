/**
 * Entry point: read the configuration, start the bot, stop gracefully on SIGTERM/SIGINT.
 * A bad configuration prints one readable message and exits 1, never a stack trace.
 */
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startApp } from './app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.log);
  let app;
  try {
    app = await startApp({ config, logger });
  } catch (e) {
    logger.fatal({ err: { name: (e as Error).name, message: (e as Error).message } }, 'the bot could not start');
    console.error(`The bot could not start: ${(e as Error).message}`);
    process.exit(1);
  }

  let signals = 0;
  const shutdown = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took longer than 25 s; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (e: Error) => {
        logger.error({ err: e.message }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

void main();
