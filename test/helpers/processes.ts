/**
 * Linux's /proc, read by the tests that check which processes run, who forked them and at what
 * priority (the timeline's worker launcher and build workers), and by the start-up bench, which
 * finds the launcher beside the bot.
 */
import { readdir, readFile } from 'node:fs/promises';

export interface ProcessEntry {
  pid: number;
  ppid: number;
  /** its command line, arguments separated by spaces */
  command: string;
}

/** Every process on this machine. */
export async function processes(): Promise<ProcessEntry[]> {
  const found: ProcessEntry[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (stat) found.push({ pid: Number(entry), ppid: Number(statFields(stat)[1]), command: command.replaceAll('\0', ' ') });
  }
  return found;
}

/** Its state letter ('S', 'R', 'Z' for a zombie not reaped yet…), undefined once it is gone. */
export async function processState(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return stat ? statFields(stat)[0] : undefined;
}

/** A field of /proc/<pid>/task/<tid>/stat (numbered as in proc(5): 19 nice, 41 policy) for every thread of a process. */
export async function statOfThreads(pid: number, field: number): Promise<number[]> {
  const values: number[] = [];
  for (const task of await readdir(`/proc/${pid}/task`).catch(() => [])) {
    const stat = await readFile(`/proc/${pid}/task/${task}/stat`, 'utf8').catch(() => '');
    if (stat) values.push(Number(statFields(stat)[field - 3]));
  }
  return values;
}

/** The fields after the command name (which may hold spaces and parentheses): field 3, the state, first. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}
