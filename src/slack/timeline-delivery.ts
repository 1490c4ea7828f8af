/**
 * Builds the merged conversation timeline of a case and uploads it privately into the requester's
 * DM (files.uploadV2). Links are minted per archive just before each download; nothing is delivered
 * unless every archive was read.
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.js';
import { buildTimeline, openUrlStream, TimelineError } from '../timeline/index.js';
import { CASE_ID_PATTERN } from '../workflow/ids.js';
import type { ExportWorkflow } from '../workflow/service.js';
import type { SlackDirectory } from './slack-directory.js';
import { uploadedFileIds, type SlackCleanup } from './slack-cleanup.js';
import { escapeDisplayText, escapeSentence } from './views/index.js';

export interface TimelineStart {
  caseId: string;
  userId: string;
  client: WebClient;
  reply: (text: string) => Promise<void>;
  range?: { from?: Date; to?: Date };
}

export interface TimelineDelivery {
  start(input: TimelineStart): Promise<void>;
}

export function createTimelineDelivery(deps: {
  workflow: ExportWorkflow;
  directory: SlackDirectory;
  logger: Logger;
  /** records the uploaded file ids, so purging the case deletes them from Slack */
  cleanup?: Pick<SlackCleanup, 'recordUploadedFiles'>;
}): TimelineDelivery {
  const running = new Set<string>();
  return {
    async start({ caseId, userId, client, reply, range }) {
      const id = caseId.toUpperCase();
      const c = CASE_ID_PATTERN.test(id) ? await deps.workflow.getCase(id) : undefined;
      if (!c || c.requesterId !== userId) {
        await deps.workflow.recordDenied(userId, undefined, 'timeline_not_allowed');
        await reply('Only the person who made the request can build its conversation timeline.');
        return;
      }
      const unfinished = c.subjects.filter((s) => s.state !== 'completed');
      if (unfinished.length > 0) {
        await reply(`The timeline needs every export of ${c.id} to be complete; ${unfinished.length} ${unfinished.length === 1 ? 'is' : 'are'} not yet.`);
        return;
      }
      if (running.has(c.id)) {
        await reply(`The timeline of ${c.id} is already being built.`);
        return;
      }
      running.add(c.id);
      await reply(`Building the conversation timeline of ${c.id}: reading ${c.subjects.length} ${c.subjects.length === 1 ? 'export' : 'exports'}. I'll post it here.`);
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
              if (!issued.ok) throw new TimelineError('download_failed', `I could not build the timeline: ${escapeSentence(issued.refusal.message)}`);
              return issued.value.links.map((l) => l.url);
            }));
          const archiveCount = Math.max(1, s.downloadIds?.length ?? 1);
          subjects.push({
            subjectId: s.id,
            name: s.name ?? s.genesysUserId,
            genesysUserId: s.genesysUserId,
            archives: Array.from({ length: archiveCount }, (_, i) => async () => {
              const url = (await links())[i];
              if (!url) throw new TimelineError('download_failed', 'Genesys Cloud returned fewer archives than the export listed; try again.');
              return openUrlStream(url);
            }),
          });
        }
        const built = await buildTimeline(
          { subjects, range, timeZone: person?.tz ?? 'UTC', title: `Conversation timeline — ${c.id} (${c.caseReference})` },
          { logger: deps.logger },
        );
        const dm = await client.conversations.open({ users: userId });
        const channelId = dm.channel?.id ?? userId;
        const uploaded = await client.filesUploadV2({
          channel_id: channelId,
          // the summary names the people: their names are text, not mrkdwn
          initial_comment: `Conversation timeline of ${c.id}. ${escapeDisplayText(built.summaryLine)}\nThese files hold personal data: handle them under the case's legal basis.`,
          file_uploads: [
            { file: Buffer.from(built.csv, 'utf8'), filename: `${c.id}-timeline.csv`, title: `${c.id} timeline (CSV)` },
            { file: Buffer.from(built.html, 'utf8'), filename: `${c.id}-timeline.html`, title: `${c.id} timeline (readable)` },
          ],
        });
        await deps.cleanup?.recordUploadedFiles(c.id, uploadedFileIds(uploaded)).catch((e: unknown) => {
          // the files are delivered; only their removal at purge time is at risk, so say so in the log
          deps.logger.error({ caseId: c.id, err: (e as Error).message }, 'timeline files not recorded: they will not be deleted when the case is purged');
        });
        await deps.workflow.recordTimelineBuilt(c.id, userId, requestIds);
        deps.logger.info({ caseId: c.id, userId, subjects: subjects.length }, 'conversation timeline delivered');
      } catch (e) {
        const text = e instanceof TimelineError ? e.message : 'Something went wrong while building the timeline; nothing was delivered. Try again later.';
        deps.logger.warn({ caseId: c.id, err: e instanceof TimelineError ? e.code : (e as Error).message }, 'timeline build failed');
        await reply(text);
      } finally {
        running.delete(c.id);
      }
    },
  };
}
