/**
 * The bot's own version, read from package.json at start: the file sits one level above both
 * `src/` (tsx, tests) and `dist/` (the Docker image copies it next to dist/), so one path serves both.
 */
import { readFileSync } from 'node:fs';

export const APP_VERSION: string = readAppVersion();

function readAppVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  const pkg = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || pkg.version === '') throw new Error(`${file.pathname} has no "version"`);
  return pkg.version;
}
