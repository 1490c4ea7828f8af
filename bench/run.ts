/**
 * `npm run bench`: every benchmark in one go. Prints the figures as a table and writes the same
 * table into docs/benchmarks.md (between its bench:begin/bench:end markers, so the hand-written
 * analysis around it stays), with the command, the machine, its load and the date.
 * `npm run bench -- ack scale` runs only the named benchmarks and leaves the docs alone.
 * Benchmarks print figures; nothing here passes or fails on speed.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ackLatencyFigures, benchAckLatency } from './ack-latency-bench.js';
import { benchGenesysCalls, genesysCallsFigures } from './genesys-calls-bench.js';
import { benchPendingScale, pendingScaleFigures } from './pending-scale-bench.js';
import { benchSlackCalls, slackCallsFigures } from './slack-calls-bench.js';
import { benchStartupMemory, startupMemoryFigures } from './startup-memory-bench.js';
import { benchTimeline, timelineFigures } from './timeline-bench.js';
import { loadAverage, machineInfo } from './support/machine.js';
import { FIGURE_HEADERS, figureCells, formatMs, markdownTable, textTable, type FigureRow } from './support/table.js';

const DOC = fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));
const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

interface Benchmark {
  name: string;
  title: string;
  run(): Promise<FigureRow[]>;
}

const BENCHMARKS: Benchmark[] = [
  // first, while the process is fresh: its memory figures are the cleanest
  { name: 'timeline', title: 'conversation timeline at size', run: async () => timelineFigures(await benchTimeline()) },
  { name: 'calls', title: 'Genesys calls per export', run: async () => genesysCallsFigures(await benchGenesysCalls()) },
  { name: 'scale', title: 'pending work in Redis', run: async () => pendingScaleFigures(await benchPendingScale()) },
  { name: 'slack', title: 'Slack calls per case', run: async () => slackCallsFigures(await benchSlackCalls()) },
  { name: 'ack', title: 'slash-command ack latency', run: async () => ackLatencyFigures(await benchAckLatency()) },
  { name: 'startup', title: 'process start-up and memory', run: async () => startupMemoryFigures(await benchStartupMemory()) },
];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose from: ${BENCHMARKS.map((b) => b.name).join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  const selected = wanted.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => wanted.includes(b.name));
  const machine = machineInfo();
  const loadBefore = loadAverage();
  const startedAt = new Date();
  const started = performance.now();
  console.log(`Benchmarks on ${machine.cores} cores (${machine.cpuModel}), node ${machine.node}; load average ${loadBefore}`);

  const rows: FigureRow[] = [];
  for (const b of selected) {
    const t = performance.now();
    console.log(`▶ ${b.title}…`);
    rows.push(...(await b.run()));
    console.log(`  done in ${formatMs(performance.now() - t)}`);
  }
  const tookMs = performance.now() - started;
  const loadAfter = loadAverage();
  const cells = rows.map(figureCells);
  console.log(`\n${textTable(FIGURE_HEADERS, cells)}\n`);
  console.log(`Took ${formatMs(tookMs)}; load average before ${loadBefore}, after ${loadAfter}.`);

  if (selected !== BENCHMARKS) {
    console.log('Only some benchmarks ran: docs/benchmarks.md left unchanged.');
    return;
  }
  const block = [
    BEGIN,
    `Produced by \`npm run bench\` on ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, in ${formatMs(tookMs)}.`,
    `Machine: ${machine.cores} cores (${machine.cpuModel}), ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}.`,
    `Load average (1 / 5 / 15 min): ${loadBefore} before, ${loadAfter} after (the machine is shared: other test runs add noise).`,
    '',
    markdownTable(FIGURE_HEADERS, cells),
    END,
  ].join('\n');
  await writeDoc(block);
  console.log('Figures written to docs/benchmarks.md.');
}

/** replaces the generated block, keeping what is written around it; a missing file gets a stub */
async function writeDoc(block: string): Promise<void> {
  const existing = await readFile(DOC, 'utf8').catch(() => undefined);
  const begin = existing?.indexOf(BEGIN) ?? -1;
  const end = existing?.indexOf(END) ?? -1;
  const next =
    existing !== undefined && begin >= 0 && end > begin
      ? existing.slice(0, begin) + block + existing.slice(end + END.length)
      : `# Benchmarks\n\nFigures from \`npm run bench\` (bench/run.ts).\n\n${block}\n`;
  await writeFile(DOC, next);
}

await main();
