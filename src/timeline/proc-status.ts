/**
 * Memory figures of a process from Linux's /proc/<pid>/status: the build worker samples its own
 * (timeline-worker.ts), the benchmarks the bot's, the launcher's and the worker's.
 */
import { readFileSync } from 'node:fs';

/** the whole resident set, the Node code it shares with other processes included */
export const WHOLE_RSS = ['VmRSS'];
/** only its own pages: what the machine spends on it beyond the pages it shares */
export const OWN_PAGES = ['RssAnon', 'RssShmem'];

/** The sum of these status fields, in KiB; undefined where the process or a field cannot be read (not Linux). */
export function procStatusKb(pid: number | 'self' | undefined, fields: readonly string[]): number | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  let kb = 0;
  for (const field of fields) {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    if (!match) return undefined;
    kb += Number(match[1]);
  }
  return kb;
}
