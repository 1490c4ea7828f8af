/** Prints figures as an aligned text table (terminal) or a Markdown table (docs/benchmarks.md). */

export type Cell = string | number;

export function textTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const cells = [headers, ...rows].map((row) => row.map(String));
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  const line = (row: readonly string[]) => row.map((cell, col) => cell.padEnd(widths[col]!)).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const [head, ...body] = cells;
  return [line(head!), rule, ...body.map(line)].join('\n');
}

export function markdownTable(headers: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const escape = (cell: Cell) => String(cell).replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [
    `| ${headers.map(escape).join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** One line of the figures table: what was measured, its value, and the goal when there is one. */
export interface FigureRow {
  bench: string;
  figure: string;
  value: string;
  goal?: string;
  /** whether the goal is met; absent when the figure has no goal */
  met?: boolean;
}

export const FIGURE_HEADERS = ['Benchmark', 'Figure', 'Value', 'Goal', 'Verdict'] as const;

export function figureCells(row: FigureRow): Cell[] {
  return [row.bench, row.figure, row.value, row.goal ?? '—', row.met === undefined ? '—' : row.met ? 'met' : 'MISSED'];
}

export function formatMs(ms: number): string {
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  return `${Number(ms.toFixed(1))} ms`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en');
}
