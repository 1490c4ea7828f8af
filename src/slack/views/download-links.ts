/**
 * Short-lived download links, shown only to the person who asked (ephemeral message or modal) and
 * never stored. Genesys can split one export into several archives: one link each.
 */
import type { ExportCase, SubjectExport } from '../../workflow/model.js';
import type { SignedDownload } from '../../workflow/ports.js';
import type { KnownBlock, ModalView, SlackMessage } from './block-kit.js';
import { actions, button, context, packLines, plain, section, MESSAGE_BLOCKS_MAX, SECTION_TEXT_MAX } from './block-kit.js';
import { plural, utcTime } from './format.js';
import { LOADING_MODAL, REQUEST_AGAIN, subjectButtonValue } from './block-kit-ids.js';
import { caseIdCode, findSubject, subjectName } from './labels.js';

const LINK_SECTIONS_MAX = MESSAGE_BLOCKS_MAX - 5;

export function downloadLinksMessage(subject: SubjectExport, links: SignedDownload[], now: Date): SlackMessage {
  return {
    text: `Download ${links.length === 1 ? 'link' : 'links'} for the chat export of ${subjectName(subject, undefined, { bold: false })}: ${plural(links.length, 'archive', 'archives')}, each link working for a few minutes.`,
    blocks: linkBlocks(subject, links, now),
  };
}

/** The same content as a modal, for a button pressed where an ephemeral message cannot go. */
export function downloadLinksModal(subject: SubjectExport, links: SignedDownload[], now: Date): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain('Download link', 24),
    close: plain('Close', 24),
    blocks: linkBlocks(subject, links, now),
  };
}

function linkBlocks(subject: SubjectExport, links: SignedDownload[], now: Date): KnownBlock[] {
  if (links.length === 0) {
    return [section(`Genesys Cloud returned no archive for the export of ${subjectName(subject)}. Try again in a minute.`)];
  }
  const lines = links.map((link, i) => linkLine(link, i + 1, links.length, now));
  const packed = packLines(lines);
  const shown = packed.slice(0, LINK_SECTIONS_MAX);
  return [
    section(`:package: The chat export of ${subjectName(subject)} has ${plural(links.length, 'archive', 'archives')}:`),
    ...shown.map((text) => section(text)),
    ...(packed.length > shown.length
      ? [section(`Some archives could not be listed here. Press *Get download link* again for fresh links.`)]
      : []),
    context(
      ':lock: The archive holds personal data. Handle it only under the legal basis recorded for this case, store it where your GDPR process says, and delete local copies when you are done.',
    ),
  ];
}

function linkLine(link: SignedDownload, n: number, total: number, now: Date): string {
  const label = `Archive ${n} of ${total}`;
  const line = `• <${escapeUrl(link.url)}|${label}>: ${lifetime(link.expiresAt, now)}`;
  // A link cut short would be broken; say so rather than send a dead link.
  return line.length <= SECTION_TEXT_MAX ? line : `• ${label}: its link is too long to show in Slack. Ask an administrator to download it from Genesys Cloud.`;
}

/** Inside `<url|label>` Slack reads `|` and `>` as delimiters and `&` as an entity start. */
function escapeUrl(url: string): string {
  return url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
}

/** "works until 14:05 UTC, about 5 minutes" */
export function lifetime(expiresAt: string, now: Date): string {
  const ms = new Date(expiresAt).getTime() - now.getTime();
  if (Number.isNaN(ms)) return 'works for a few minutes';
  if (ms <= 0) return 'has already expired: press *Get download link* again';
  const minutes = Math.round(ms / 60_000);
  const about =
    ms < 60_000
      ? 'less than a minute'
      : minutes < 120
        ? `about ${plural(minutes, 'minute', 'minutes')}`
        : `about ${plural(Math.round(minutes / 60), 'hour', 'hours')}`;
  return `works until ${utcTime(expiresAt)}, ${about}`;
}

export function exportExpiredMessage(c: ExportCase, subjectId: string): SlackMessage {
  const s = findSubject(c, subjectId);
  return {
    text: `The export of ${subjectName(s, undefined, { bold: false })} for GDPR export ${c.id} has expired in Genesys Cloud. Request it again to get a fresh export.`,
    blocks: expiredBlocks(c, s),
  };
}

export function exportExpiredModal(c: ExportCase, subjectId: string): ModalView {
  return {
    type: 'modal',
    callback_id: LOADING_MODAL,
    title: plain('Export expired', 24),
    close: plain('Close', 24),
    blocks: expiredBlocks(c, findSubject(c, subjectId)),
  };
}

function expiredBlocks(c: ExportCase, s: SubjectExport): KnownBlock[] {
  return [
    section(
      `:hourglass: The export of ${subjectName(s)} (case ${caseIdCode(c)}) can no longer be downloaded: Genesys Cloud keeps export results for a limited time only.`,
    ),
    section('Request it again to get a fresh export. The new request needs a legal basis and, if your workspace requires it, approval.'),
    actions(`expired_${s.id}`, [
      button({ text: 'Request again', actionId: REQUEST_AGAIN, value: subjectButtonValue(c.id, s.id), style: 'primary' }),
    ]),
  ];
}
