/**
 * The logic of the error sections, written once for every language: which sentence fits a Genesys
 * operation, a subject's failure stage, a timeline limit or a download status, and how bytes scale
 * to units. A language gives only the words (see `en/index.ts`, `fr/errors.ts`).
 */
import type { ArchivePosition } from '../../timeline/errors.js';
import { GENESYS_ERROR_CODES, type GenesysErrorCode } from '../../workflow/genesys-error.js';
import { escapeSentence, inlineCode } from '../views/format.js';
import type { Catalog, GenesysOperation, TimelineFailureParams } from './catalog.js';

/** The sentence for this operation, or `other` when the caller did not say or the operation has none. */
export function byOperation<T>(operation: GenesysOperation | undefined, words: Partial<Record<GenesysOperation, T>> & { other: T }): T {
  const chosen = operation === undefined ? undefined : words[operation];
  return chosen ?? words.other;
}

export interface SubjectFailureWords {
  /** Genesys did not answer properly; the bot keeps trying on its own */
  retrying: () => string;
  /** the export ended in ERROR, and Genesys gives no reason */
  exportError: () => string;
  /** a code without words of its own */
  unknownCode: () => string;
  /** what to press after the Genesys advice: the export was being requested (submit) or checked (poll) */
  thenRetry: Record<'submit' | 'poll', () => string>;
}

const isGenesysCode = (code: string): code is GenesysErrorCode => (GENESYS_ERROR_CODES as readonly string[]).includes(code);

/** Why one subject failed or waits: the language's Genesys advice for the stage, then what to press. */
export function subjectFailureWords(genesysError: Catalog['genesysError'], words: SubjectFailureWords): Catalog['subjectFailure'] {
  return (p) => {
    if (p.stage === 'retrying') return words.retrying();
    if (p.code === 'export_error') return words.exportError();
    if (!isGenesysCode(p.code)) return words.unknownCode();
    const stage = p.stage === 'poll' ? 'poll' : 'submit';
    const advice = genesysError[p.code]({ permission: p.permission, operation: stage === 'poll' ? 'export_status' : 'create_export' });
    return `${advice} ${words.thenRetry[stage]()}`;
  };
}

/** How a language writes an amount of bytes. */
export interface ByteNotation {
  /** bytes and its multiples of 1024, smallest first */
  units: readonly [string, ...string[]];
  /** a whole amount, or one written with one decimal */
  amount: (value: number, whole: boolean) => string;
  /** between the amount and its unit */
  space: string;
}

/** 52428800 → "50 MiB" / « 50 Mio »: the largest unit under which the amount stays at least 1. */
export function formatBytes(bytes: number, notation: ByteNotation): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < notation.units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${notation.amount(value, Number.isInteger(value))}${notation.space}${notation.units[unit]}`;
}

/** The setting that sets each timeline limit, as the person's administrator will look for it. */
export const TIMELINE_LIMIT_SETTINGS = {
  archive_bytes: 'TIMELINE_MAX_ARCHIVE_BYTES',
  uncompressed_bytes: 'TIMELINE_MAX_UNCOMPRESSED_BYTES',
  archive_entries: 'TIMELINE_MAX_ARCHIVE_ENTRIES',
  messages: 'TIMELINE_MAX_MESSAGES',
} as const;
export type TimelineLimit = keyof typeof TIMELINE_LIMIT_SETTINGS;

const BYTE_LIMITS: ReadonlySet<TimelineLimit> = new Set(['archive_bytes', 'uncompressed_bytes']);

export interface TimelineErrorWords {
  /** appended to a failure (with a leading space): no timeline was delivered, and where it stopped when known */
  notDelivered: (where: ArchivePosition | undefined) => string;
  corruptArchive: (p: { notDelivered: string }) => string;
  invalidRange: () => string;
  /** the download links were refused; `refusal` is the workflow's refusal, already escaped words */
  linksRefused: (p: { refusal?: string }) => string;
  archiveMissing: () => string;
  /** the download failed: a network error (no status) or an HTTP status */
  downloadFailed: (p: { status?: number }) => string;
  /** after a failed download: the export may have expired (HTTP 404 or 410), or try again later */
  afterDownload: Record<'expired' | 'later', () => string>;
  /** one chat entry is larger than `max` bytes (the raw number; undefined when unknown) */
  entryTooLarge: (p: { max?: number; notDelivered: string }) => string;
  /** a configured limit for one timeline was passed; `max` is written (bytes in units), `setting` in code */
  overLimit: (p: { limit: TimelineLimit; max: string; setting: string; where?: ArchivePosition }) => string;
  bytes: ByteNotation;
  /** a count, with the language's grouping */
  number: (n: number) => string;
}

/** Why a timeline was not delivered, by code, in the words of one language. */
export function timelineErrorWords(w: TimelineErrorWords): Catalog['timelineError'] {
  const tooLarge = (p: TimelineFailureParams): string => {
    const { limit, max, where } = p;
    if (!limit || limit === 'entry_bytes' || max === undefined) return w.entryTooLarge({ max, notDelivered: w.notDelivered(where) });
    return w.overLimit({
      limit,
      max: BYTE_LIMITS.has(limit) ? formatBytes(max, w.bytes) : w.number(max),
      setting: inlineCode(TIMELINE_LIMIT_SETTINGS[limit], 40),
      where,
    });
  };
  const downloadFailed = (p: TimelineFailureParams): string => {
    if (p.reason === 'links_refused') return w.linksRefused({ refusal: p.refusal ? escapeSentence(p.refusal) : undefined });
    if (p.reason === 'archive_missing') return w.archiveMissing();
    const expired = p.status === 404 || p.status === 410;
    return `${w.downloadFailed({ status: p.status })}${w.notDelivered(p.where)} ${w.afterDownload[expired ? 'expired' : 'later']()}`;
  };
  return {
    corrupt_archive: (p) => w.corruptArchive({ notDelivered: w.notDelivered(p.where) }),
    download_failed: downloadFailed,
    too_large: tooLarge,
    invalid_range: () => w.invalidRange(),
  };
}

/** "archive" → "Archive", for a phrase that starts a sentence */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
