/**
 * Builds the merged conversation timeline of a case and uploads it privately into the requester's
 * DM (files.uploadV2). Links are minted per archive just before each download; nothing is delivered
 * unless every archive was read.
 */
import { Readable } from 'node:stream';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import { buildTimelineInWorker } from '../timeline/build-in-worker.js';
import type { WorkerLauncher } from '../timeline/worker-launcher.js';
import { openSealedFile, removeBuiltFiles, openUrlStream, TimelineError, type BuiltTimelineFiles, type TimelineLimits } from '../timeline/index.js';
import type { ExportWorkflow } from '../workflow/export-workflow.js';
import { messageForTimelineError } from './messages.js';
import type { SlackDirectory } from './slack-directory.js';
import type { SlackCleanup } from './slack-cleanup.js';
import { escapeDisplayText } from './views/index.js';
import { uploadStreamed } from './stream-upload.js';
import { custodyFile, custodyOf } from './timeline-custody.js';
import { refusalText, type Reader } from './catalog/index.js';

export interface TimelineStart {
  caseId: string;
  userId: string;
  /** the requester's language and time zone */
  reader: Reader;
  client: WebClient;
  reply: (text: string) => Promise<void>;
  range?: { from?: Date; to?: Date };
}

export interface TimelineDelivery {
  start(input: TimelineStart): Promise<void>;
}

export interface TimelineDeliveryDeps {
  workflow: ExportWorkflow;
  directory: SlackDirectory;
  logger: Logger;
  /** caps per build (defaults: DEFAULT_TIMELINE_LIMITS) */
  limits?: Partial<TimelineLimits>;
  /** records the uploaded file ids, so purging the case deletes them from Slack */
  cleanup?: Pick<SlackCleanup, 'recordUploadedFiles'>;
  /** starts the build workers (the bot's worker launcher); without one, this process forks them */
  launcher?: WorkerLauncher;
}

export function createTimelineDelivery(deps: TimelineDeliveryDeps): TimelineDelivery {
  const running = new Set<string>();
  return {
    async start({ caseId, userId, reader, client, reply, range }) {
      const checked = await deps.workflow.checkCaseOwner(caseId.toUpperCase(), userId, 'timeline');
      if (!checked.ok) {
        await reply(refusalText(checked.refusal, reader));
        return;
      }
      const c = checked.value;
      const words = reader.t.timeline.delivery;
      const unfinished = c.subjects.filter((s) => s.state !== 'completed');
      if (unfinished.length > 0) {
        await reply(words.notAllComplete({ caseId: c.id, unfinished: unfinished.length }));
        return;
      }
      if (running.has(c.id)) {
        await reply(words.alreadyBuilding({ caseId: c.id }));
        return;
      }
      running.add(c.id);
      let built: BuiltTimelineFiles | undefined;
      await reply(words.building({ caseId: c.id, exports: c.subjects.length }));
      try {
        const person = await deps.directory.person(userId);
        const requestIds: string[] = [];
        const subjects = [];
        for (const s of c.subjects) {
          if (s.requestId) requestIds.push(s.requestId);
          // Links are short-lived: mint a subject's links only when its first archive is read.
          let minted: Promise<string[]> | undefined;
          const links = () =>
            (minted ??= deps.workflow.issueDownloadLinks(c.id, s.id, userId).then((issued) => {
              if (!issued.ok) {
                throw new TimelineError('download_failed', `download links refused: ${issued.refusal.code}`, {
                  params: { reason: 'links_refused', refusal: refusalText(issued.refusal, reader) },
                });
              }
              return issued.value.links.map((l) => l.url);
            }));
          const archiveCount = Math.max(1, s.downloadIds?.length ?? 1);
          subjects.push({
            subjectId: s.id,
            name: s.name ?? s.genesysUserId,
            genesysUserId: s.genesysUserId,
            requestId: s.requestId,
            completedAt: s.completedAt,
            archives: Array.from({ length: archiveCount }, (_, i) => async () => {
              const url = (await links())[i];
              if (!url) throw new TimelineError('download_failed', 'fewer archives than the export listed', { params: { reason: 'archive_missing' } });
              return openUrlStream(url, { maxBytes: deps.limits?.maxArchiveBytes });
            }),
          });
        }
        built = await buildTimelineInWorker(
          {
            subjects,
            range,
            // the profile's own zone, so that one Intl does not know is named in the files
            timeZone: person?.tz ?? reader.timeZone,
            title: words.fileTitle({ caseId: c.id, reference: c.caseReference }),
            labels: reader.t.timeline.files,
          },
          { logger: deps.logger, limits: deps.limits, launcher: deps.launcher },
        );
        const dm = await client.conversations.open({ users: userId });
        const channelId = dm.channel?.id ?? userId;
        const { csv, html } = built.files as Required<BuiltTimelineFiles['files']>;
        // a large timeline's HTML is a ZIP of pages with a table of contents (index.html)
        const names = { csv: `${c.id}-timeline.csv`, html: built.htmlParts ? `${c.id}-timeline-html.zip` : `${c.id}-timeline.html`, custody: `${c.id}-timeline-custody.json` };
        const custody = custodyFile(
          c.id,
          new Date(),
          custodyOf(built, [{ name: names.csv, file: csv }, { name: names.html, file: html }]),
          { name: names.custody, howToVerify: words.howToVerify() },
        );
        const fileIds = await uploadStreamed(client, {
          channel_id: channelId,
          // the summary names the people: their names are text, not mrkdwn
          initial_comment: words.comment({ caseId: c.id, summary: escapeDisplayText(built.summaryLine) }),
          file_uploads: [
            { open: () => openSealedFile(csv), length: csv.size, filename: names.csv, title: words.csvTitle({ caseId: c.id }) },
            {
              open: () => openSealedFile(html),
              length: html.size,
              filename: names.html,
              title: built.htmlParts ? words.htmlZipTitle({ caseId: c.id }) : words.htmlTitle({ caseId: c.id }),
            },
            { open: () => Readable.from([custody.bytes]), length: custody.bytes.length, filename: names.custody, title: words.custodyTitle({ caseId: c.id }) },
          ],
        });
        await deps.cleanup?.recordUploadedFiles(c.id, fileIds).catch((e: unknown) => {
          // the files are delivered; only their removal at purge time is at risk, so say so in the log
          deps.logger.error({ caseId: c.id, err: (e as Error).message }, 'timeline files not recorded: they will not be deleted when the case is purged');
        });
        await deps.workflow.recordTimelineBuilt(c.id, userId, requestIds, custody.audit);
        deps.logger.info({ caseId: c.id, userId, subjects: subjects.length }, 'conversation timeline delivered');
      } catch (e) {
        const text = e instanceof TimelineError ? messageForTimelineError(e, reader) : words.failed();
        deps.logger.warn({ caseId: c.id, err: e instanceof TimelineError ? e.code : (e as Error).message, limit: e instanceof TimelineError ? e.params.limit : undefined }, 'timeline build failed');
        if (e instanceof TimelineError && e.code === 'too_large') await deps.workflow.recordDenied(userId, c.teamId, `timeline:limit_${e.params.limit ?? 'entry_bytes'}`);
        await reply(text);
      } finally {
        running.delete(c.id);
        if (built) await removeBuiltFiles(built).catch(() => undefined);
      }
    },
  };
}
