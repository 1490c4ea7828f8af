/**
 * Fakes at the workflow's port boundary: a Genesys that records calls and lets a test choose
 * statuses and failures, a notifier that records deliveries, static membership, a clock you move.
 */
import { GenesysError } from '../../../src/workflow/genesys-error.js';
import { createLogger, type Logger } from '../../../src/logger.js';
import type { ExportCase, Notification } from '../../../src/workflow/model.js';
import type {
  Clock,
  GdprRequestInfo,
  GenesysPort,
  GenesysSubjectMatch,
  MembershipPort,
  NotifierPort,
  SignedDownload,
} from '../../../src/workflow/ports.js';
import type { WorkflowConfig } from '../../../src/workflow/deps.js';

export class FakeClock implements Clock {
  private ms: number;
  constructor(start = '2025-03-03T09:00:00.000Z') {
    this.ms = Date.parse(start);
  }
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
  set(at: Date | number): void {
    this.ms = typeof at === 'number' ? at : at.getTime();
  }
}

interface FakeExport {
  id: string;
  userId: string;
  createdMs: number;
  status: string;
  downloadIds: string[];
}

type Operation = 'createExport' | 'getRequest' | 'findExportSince' | 'resolveDownload';

export class FakeGenesys implements GenesysPort {
  readonly calls: Array<{ op: Operation; arg: string }> = [];
  readonly exports = new Map<string, FakeExport>();
  /** errors thrown by the next calls of an operation, in order */
  readonly failures: Partial<Record<Operation, Error[]>> = {};
  /** when set, an export reports COMPLETED once this long has passed since it was created */
  completeAfterMs: number | undefined;
  /** when set, createExport creates the export and then throws this (a lost answer) */
  loseAnswerWith: Error | undefined;
  private seq = 0;

  constructor(private readonly clock: Clock) {}

  callsOf(op: Operation): string[] {
    return this.calls.filter((c) => c.op === op).map((c) => c.arg);
  }

  setStatus(requestId: string, status: string, downloadIds: string[] = []): void {
    const e = this.exports.get(requestId);
    if (!e) throw new Error(`no export ${requestId}`);
    e.status = status;
    e.downloadIds = downloadIds;
  }

  exportFor(userId: string): FakeExport | undefined {
    return [...this.exports.values()].filter((e) => e.userId === userId).at(-1);
  }

  private failIfAsked(op: Operation): void {
    const e = this.failures[op]?.shift();
    if (e) throw e;
  }

  private info(e: FakeExport): GdprRequestInfo {
    if (this.completeAfterMs !== undefined && e.status !== 'COMPLETED' && e.status !== 'ERROR') {
      if (this.clock.now().getTime() - e.createdMs >= this.completeAfterMs) {
        e.status = 'COMPLETED';
        e.downloadIds = [`dl-${e.id}`];
      } else if (this.clock.now().getTime() > e.createdMs) {
        e.status = 'SEARCHING';
      }
    }
    return {
      id: e.id,
      requestType: 'GDPR_EXPORT',
      status: e.status,
      createdDate: new Date(e.createdMs).toISOString(),
      subjectUserId: e.userId,
      downloadIds: e.status === 'COMPLETED' ? [...e.downloadIds] : [],
    };
  }

  async findSubjectsByEmail(): Promise<GenesysSubjectMatch[]> {
    return [];
  }

  async createExport(userId: string): Promise<GdprRequestInfo> {
    this.calls.push({ op: 'createExport', arg: userId });
    this.failIfAsked('createExport');
    this.seq += 1;
    const e: FakeExport = { id: `req-${this.seq}`, userId, createdMs: this.clock.now().getTime(), status: 'INITIATED', downloadIds: [] };
    this.exports.set(e.id, e);
    if (this.loseAnswerWith) {
      const lost = this.loseAnswerWith;
      this.loseAnswerWith = undefined;
      throw lost;
    }
    return this.info(e);
  }

  async getRequest(requestId: string): Promise<GdprRequestInfo> {
    this.calls.push({ op: 'getRequest', arg: requestId });
    this.failIfAsked('getRequest');
    const e = this.exports.get(requestId);
    if (!e) throw new GenesysError('not_found', 'no such request', { status: 404 });
    return this.info(e);
  }

  async findExportSince(userId: string, since: Date): Promise<GdprRequestInfo | undefined> {
    this.calls.push({ op: 'findExportSince', arg: userId });
    this.failIfAsked('findExportSince');
    const found = [...this.exports.values()].filter((e) => e.userId === userId && e.createdMs >= since.getTime()).at(-1);
    return found && this.info(found);
  }

  async resolveDownload(downloadId: string): Promise<SignedDownload> {
    this.calls.push({ op: 'resolveDownload', arg: downloadId });
    this.failIfAsked('resolveDownload');
    return { url: `https://files.example/${downloadId}?signature=SECRET-SIG`, expiresAt: new Date(this.clock.now().getTime() + 300_000).toISOString() };
  }

  async getChatRetentionDays(): Promise<number | undefined> {
    return 3650;
  }

  async getUserName(): Promise<string | undefined> {
    return undefined;
  }
}

export class RecordingNotifier implements NotifierPort {
  readonly delivered: Array<{ id: string; kind: Notification['kind']; caseId: string; subjectId?: string; possiblyDelivered: boolean; caseState: string }> = [];
  failures: Error[] = [];
  /** when set, only this notification id fails */
  failOnly: string | undefined;

  async deliver(n: Notification, c: ExportCase, opts: { possiblyDelivered: boolean }): Promise<void> {
    const e = this.failOnly === undefined || this.failOnly === n.id ? this.failures.shift() : undefined;
    if (e) throw e;
    this.delivered.push({ id: n.id, kind: n.kind, caseId: n.caseId, subjectId: n.subjectId, possiblyDelivered: opts.possiblyDelivered, caseState: c.state });
  }

  /** the clean-up after a purge: its case is gone, so the state recorded is 'purged' */
  async deliverAfterPurge(n: Notification, opts: { possiblyDelivered: boolean }): Promise<void> {
    const e = this.failOnly === undefined || this.failOnly === n.id ? this.failures.shift() : undefined;
    if (e) throw e;
    this.delivered.push({ id: n.id, kind: n.kind, caseId: n.caseId, possiblyDelivered: opts.possiblyDelivered, caseState: 'purged' });
  }

  kinds(): string[] {
    return this.delivered.map((d) => d.kind);
  }

  count(kind: Notification['kind']): number {
    return this.delivered.filter((d) => d.kind === kind).length;
  }
}

/** members listed directly or through a group id in `groups` */
export class StaticMembership implements MembershipPort {
  constructor(private readonly groups: Record<string, string[]> = {}) {}

  async isMember(userId: string, ids: readonly string[]): Promise<boolean> {
    return (await this.expand(ids)).includes(userId);
  }

  async expand(ids: readonly string[]): Promise<string[]> {
    return [...new Set(ids.flatMap((id) => this.groups[id] ?? [id]))];
  }
}

/** a pino logger writing JSON lines into an array, so tests can read what was logged */
export function captureLogger(): { logger: Logger; lines: string[]; entries: () => Array<Record<string, unknown>> } {
  const lines: string[] = [];
  const destination = { write: (msg: string) => void lines.push(...msg.split('\n').filter(Boolean)) };
  const logger = createLogger({ level: 'debug', destination });
  return { logger, lines, entries: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

export const REQUESTER = 'UREQUESTER';
export const APPROVER = 'UAPPROVER1';
export const APPROVER_2 = 'UAPPROVER2';
export const OUTSIDER = 'UOUTSIDER';

export function workflowConfig(overrides: Partial<WorkflowConfig> = {}): WorkflowConfig {
  return {
    requesters: [REQUESTER, APPROVER, 'SREQGROUP'],
    approvers: [APPROVER, APPROVER_2],
    requireApproval: true,
    maxSubjects: 5,
    approvalTtlHours: 72,
    pollIntervalSeconds: 60,
    pollMaxIntervalSeconds: 1800,
    recordRetentionDays: 90,
    auditRetentionDays: 400,
    ...overrides,
  };
}
