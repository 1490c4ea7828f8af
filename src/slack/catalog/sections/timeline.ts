/**
 * The conversation timeline: the date-range modal, the messages of its delivery in the DM, and the
 * words of the files themselves (`files`), which the timeline engine receives as plain data because
 * it runs in a worker process without the catalog. Parameters arrive already formatted.
 */
import type { TimelineLabels } from '../../../timeline/labels.js';

export interface TimelineWords {
  /** the files' words, locale and plural forms, handed to the engine as they are */
  files: TimelineLabels;
  off: () => string;
  modal: {
    title: () => string;
    submit: () => string;
    close: () => string;
    /** `caseId` and `reference` in mrkdwn; `names` already a list in words */
    intro: (p: { caseId: string; reference: string; people: number; names: string }) => string;
    from: () => string;
    fromHint: () => string;
    to: () => string;
    toHint: () => string;
    anyDate: () => string;
    privacy: () => string;
    pickWithCalendar: () => string;
    endBeforeStart: () => string;
  };
  delivery: {
    notAllComplete: (p: { caseId: string; unfinished: number }) => string;
    alreadyBuilding: (p: { caseId: string }) => string;
    building: (p: { caseId: string; exports: number }) => string;
    /** the files' title (plain text: the engine escapes it) */
    fileTitle: (p: { caseId: string; reference: string }) => string;
    /** `summary`: the summary line, already escaped */
    comment: (p: { caseId: string; summary: string }) => string;
    csvTitle: (p: { caseId: string }) => string;
    htmlTitle: (p: { caseId: string }) => string;
    /** the HTML of a large timeline: a ZIP of pages */
    htmlZipTitle: (p: { caseId: string }) => string;
    custodyTitle: (p: { caseId: string }) => string;
    /** the value of `howToVerify` in the custody JSON */
    howToVerify: () => string;
    failed: () => string;
  };
}
