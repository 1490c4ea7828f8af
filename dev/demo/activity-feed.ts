/**
 * What the bot did since the last look, in words: its audit entries (the same trail
 * `npm run audit` exports) and the messages it posted or updated in the requester's DM.
 */
import type { FakeSlack } from '../fake-slack/index.js';
import type { AuditEntry } from '../../src/workflow/model.js';
import type { WorkflowStore } from '../../src/workflow/ports.js';
import type { DemoWords } from './demo-words.js';
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

export function createActivityFeed(deps: { store: WorkflowStore; slack: FakeSlack; requesterId: string; nameOf: NameOf; words: DemoWords }): ActivityFeed {
  const { store, slack, requesterId, nameOf, words } = deps;
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
      events.push({ atMs: Date.parse(entry.at), line: describeAudit(entry, name, words.feed) });
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
      const text = renderMrkdwn(args.text ?? '', nameOf, words.render);
      if (call.method === 'chat.update') {
        // the status message is rewritten on every change; say what changed, once
        const status = `${text} ${peopleLines(args.blocks ?? [], nameOf, words)}`;
        if (status === lastStatus) return [];
        lastStatus = status;
        return [{ atMs: call.at, line: words.feed.statusUpdated({ who, status }) }];
      }
      if (call.method !== 'chat.postMessage') return [];
      if (!args.thread_ts) lastStatus = text;
      return [{ atMs: call.at, line: words.feed.posted({ who, text, inThread: args.thread_ts !== undefined }) }];
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
function peopleLines(blocks: unknown[], nameOf: NameOf, words: DemoWords): string {
  const people = renderBlocks(blocks, nameOf, words.render).flatMap((l) => l.split('\n')).filter((l) => l.startsWith('• '));
  return people.length ? `(${people.map((l) => l.slice(2)).join('; ')})` : '';
}

/** The number of files in a `completed` entry's detail ("2 file(s)"), when it says so. */
function fileCount(detail: string | undefined): number | undefined {
  const match = /^(\d+) file\(s\)$/.exec(detail ?? '');
  return match ? Number(match[1]) : undefined;
}

function describeAudit(e: AuditEntry, name: (id: string) => string, words: DemoWords['feed']): string {
  const subjects = (e.subjectIds ?? []).map(name).join(', ');
  const actor = name(e.actor);
  const tag = words.auditTag({ action: e.action });
  switch (e.action) {
    case 'requested':
      return `${words.requested({ actor, caseId: e.caseId ?? '?', subjects })}${tag}`;
    case 'approved':
      return `${words.approved({ actor })}${tag}`;
    case 'submitted':
      return `${words.submitted({ subjects, requestId: e.requestIds?.[0]?.slice(0, 8) })}${tag}`;
    case 'status_changed':
      return `${words.statusChanged({ subjects, change: (e.detail ?? '').replace(' -> ', ' → ') })}${tag}`;
    case 'completed':
      return `${words.completed({ subjects, detail: e.detail, files: fileCount(e.detail) })}${tag}`;
    case 'link_issued':
      return `${words.linkIssued({ subjects, actor })}${tag}`;
    default:
      return `${words.other({ action: e.action, actor: e.actor === 'system' ? undefined : actor, detail: e.detail })}${tag}`;
  }
}
