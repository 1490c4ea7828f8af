/**
 * Short-lived download links, shown only to the person who asked (ephemeral message or modal) and
 * never stored. Genesys can split one export into several archives: one link each.
 */
import type { ExportCase, SubjectExport } from '../../workflow/model.js';
import type { SignedDownload } from '../../workflow/ports.js';
import type { Reader } from '../catalog/index.js';
import type { KnownBlock, ModalView, SlackMessage } from './block-kit.js';
import { actions, button, context, packLines, plain, section, MESSAGE_BLOCKS_MAX, SECTION_TEXT_MAX } from './block-kit.js';
import { LOADING_MODAL, REQUEST_AGAIN, subjectButtonValue } from './block-kit-ids.js';
import { caseIdCode, findSubject, subjectName } from './labels.js';

const LINK_SECTIONS_MAX = MESSAGE_BLOCKS_MAX - 5;

export function downloadLinksMessage(subject: SubjectExport, links: SignedDownload[], now: Date, reader: Reader): SlackMessage {
  return {
    text: reader.t.results.linksText({ name: subjectName(subject, reader, { bold: false }), archives: links.length }),
    blocks: linkBlocks(subject, links, now, reader),
  };
}

/** The same content as a modal, for a button pressed where an ephemeral message cannot go. */
export function downloadLinksModal(subject: SubjectExport, links: SignedDownload[], now: Date, reader: Reader): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(reader.t.results.linksTitle(), 24),
    close: plain(reader.t.results.close(), 24),
    blocks: linkBlocks(subject, links, now, reader),
  };
}

function linkBlocks(subject: SubjectExport, links: SignedDownload[], now: Date, reader: Reader): KnownBlock[] {
  const words = reader.t.results;
  if (links.length === 0) return [section(words.noArchive({ name: subjectName(subject, reader) }))];
  const lines = links.map((link, i) => linkLine(link, i + 1, links.length, now, reader));
  const packed = packLines(lines);
  const shown = packed.slice(0, LINK_SECTIONS_MAX);
  return [
    section(`:package: ${words.archivesIntro({ name: subjectName(subject, reader), archives: links.length })}`),
    ...shown.map((text) => section(text)),
    ...(packed.length > shown.length ? [section(words.someNotListed())] : []),
    context(`:lock: ${words.personalData()}`),
  ];
}

function linkLine(link: SignedDownload, n: number, total: number, now: Date, reader: Reader): string {
  const words = reader.t.results;
  const label = words.archiveLabel({ n, total });
  const line = `• ${words.linkLine({ link: `<${escapeUrl(link.url)}|${label}>`, lifetime: lifetime(link.expiresAt, now, reader) })}`;
  // A link cut short would be broken; say so rather than send a dead link.
  return line.length <= SECTION_TEXT_MAX ? line : `• ${words.linkTooLong({ label })}`;
}

/** Inside `<url|label>` Slack reads `|` and `>` as delimiters and `&` as an entity start. */
function escapeUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/** "works until 14:05 UTC, about 5 minutes" */
export function lifetime(expiresAt: string, now: Date, reader: Reader): string {
  const words = reader.t.results.lifetime;
  const expires = new Date(expiresAt);
  const ms = expires.getTime() - now.getTime();
  if (Number.isNaN(ms)) return words.unknown();
  if (ms <= 0) return words.expired();
  const minutes = Math.round(ms / 60_000);
  const about =
    ms < 60_000 ? words.lessThanAMinute() : minutes < 120 ? words.aboutMinutes({ minutes }) : words.aboutHours({ hours: Math.round(minutes / 60) });
  return words.until({ time: reader.timeOfDay(expires), about });
}

export function exportExpiredMessage(c: ExportCase, subjectId: string, reader: Reader): SlackMessage {
  const s = findSubject(c, subjectId);
  return {
    text: reader.t.results.expired.text({ name: subjectName(s, reader, { bold: false }), caseId: c.id }),
    blocks: expiredBlocks(c, s, reader),
  };
}

export function exportExpiredModal(c: ExportCase, subjectId: string, reader: Reader): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain(reader.t.results.expired.title(), 24),
    close: plain(reader.t.results.close(), 24),
    blocks: expiredBlocks(c, findSubject(c, subjectId), reader),
  };
}

function expiredBlocks(c: ExportCase, s: SubjectExport, reader: Reader): KnownBlock[] {
  const words = reader.t.results.expired;
  return [
    section(`:hourglass: ${words.body({ name: subjectName(s, reader), caseId: caseIdCode(c) })}`),
    section(words.next()),
    actions(`expired_${s.id}`, [
      button({ text: words.requestAgain(), actionId: REQUEST_AGAIN, value: subjectButtonValue(c.id, s.id), style: 'primary' }),
    ]),
  ];
}
