/**
 * What the bot did since the last look, in words: its audit entries (the same trail
 * `npm run audit` exports) and the messages it posted or updated in the requester's DM.
 */
import type { FakeSlack } from '../fake-slack/index.js';
import type { AuditEntry } from '../../src/workflow/model.js';
import type { WorkflowStore } from '../../src/workflow/ports.js';
import { renderBlocks, renderMrkdwn, type NameOf } from './render-blocks.js';

export interface FeedEvent {
  /** real epoch ms */
  atMs: number;
  line: string;
}

export interface ActivityFeed {
  /** events not returned before, oldest first */
  drain(): Promise<FeedEvent[]>;
}

export function createActivityFeed(deps: { store: WorkflowStore; slack: FakeSlack; requesterId: string; nameOf: NameOf }): ActivityFeed {
  const { store, slack, requesterId, nameOf } = deps;
  const seenAudit = new Set<string>();
  let auditSince = new Date(0);
  let slackCallsSeen = 0;
  let lastStatus = '';
  const name = (id: string) => nameOf(id) ?? id;

  async function auditEvents(): Promise<FeedEvent[]> {
    const events: FeedEvent[] = [];
    for await (const entry of store.readAudit(auditSince)) {
      if (seenAudit.has(entry.id)) continue;
      seenAudit.add(entry.id);
      auditSince = new Date(entry.at);
      events.push({ atMs: Date.parse(entry.at), line: describeAudit(entry, name) });
    }
    return events;
  }

  function slackEvents(): FeedEvent[] {
    const calls = slack.calls.slice(slackCallsSeen);
    slackCallsSeen += calls.length;
    const dm = slack.dmChannelOf(requesterId);
    const who = name(requesterId);
    return calls.flatMap((call): FeedEvent[] => {
      const args = call.args as { channel?: string; text?: string; thread_ts?: string; blocks?: unknown[] };
      if (!call.ok || !dm || args.channel !== dm) return [];
      const text = renderMrkdwn(args.text ?? '', nameOf);
      if (call.method === 'chat.update') {
        // the status message is rewritten on every change; say what changed, once
        const status = `${text} ${peopleLines(args.blocks ?? [], nameOf)}`;
        if (status === lastStatus) return [];
        lastStatus = status;
        return [{ atMs: call.at, line: `Slack: bot updates ${who}'s status message: “${status}”` }];
      }
      if (call.method !== 'chat.postMessage') return [];
      if (!args.thread_ts) lastStatus = text;
      const where = args.thread_ts ? 'replies in the case thread' : 'posts';
      return [{ atMs: call.at, line: `Slack: bot ${where} in ${who}'s DM: “${text}”` }];
    });
  }

  return {
    async drain() {
      const events = [...(await auditEvents()), ...slackEvents()];
      return events.sort((a, b) => a.atMs - b.atMs);
    },
  };
}

/** "Alice Martin: searching · Bob Nguyen: ready" from the status message's bullet lines. */
function peopleLines(blocks: unknown[], nameOf: NameOf): string {
  const people = renderBlocks(blocks, nameOf).flatMap((l) => l.split('\n')).filter((l) => l.startsWith('• '));
  return people.length ? `(${people.map((l) => l.slice(2)).join('; ')})` : '';
}

function describeAudit(e: AuditEntry, name: (id: string) => string): string {
  const subjects = (e.subjectIds ?? []).map(name).join(', ');
  const request = e.requestIds?.[0] ? ` (request ${e.requestIds[0].slice(0, 8)}…)` : '';
  const tag = `   [audit: ${e.action}]`;
  switch (e.action) {
    case 'requested':
      return `bot records the request of @${name(e.actor)}: case ${e.caseId}, ${subjects}${tag}`;
    case 'approved':
      return `bot records the approval by @${name(e.actor)}${tag}`;
    case 'submitted':
      return `bot → Genesys: export of ${subjects} submitted${request}${tag}`;
    case 'status_changed':
      return `Genesys: ${subjects}'s export ${(e.detail ?? '').replace(' -> ', ' → ')}${tag}`;
    case 'completed':
      return `Genesys: ${subjects}'s export is complete, ${e.detail ?? 'its files'} to download${tag}`;
    case 'link_issued':
      return `bot → Genesys: fresh download link for ${subjects}, shown only to @${name(e.actor)}${tag}`;
    default:
      return `bot: ${e.action} by ${e.actor === 'system' ? 'the bot' : `@${name(e.actor)}`}${e.detail ? ` (${e.detail})` : ''}${tag}`;
  }
}
