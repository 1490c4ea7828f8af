/** Small builders for store tests: a valid case, notification or audit entry with overridable fields. */
import type { AuditEntry, ExportCase, Notification } from '../../../src/workflow/model.js';

let sequence = 0;

export function buildCase(overrides: Partial<ExportCase> = {}): ExportCase {
  sequence += 1;
  const createdAt = overrides.createdAt ?? new Date(Date.UTC(2025, 0, 1, 0, 0, sequence)).toISOString();
  return {
    id: `GX-TEST${String(sequence).padStart(4, '0')}`,
    version: 1,
    teamId: 'T0001',
    requesterId: 'U0REQUESTER',
    subjects: [
      {
        id: 's1',
        slackUserId: 'U0SUBJECT',
        genesysUserId: '7c1f0b3e-0000-4000-8000-000000000001',
        name: 'Subject One',
        resolvedVia: 'slack_profile_email',
        state: 'pending',
        checks: 0,
        attempts: 0,
      },
    ],
    legalBasis: 'data_subject_access_request',
    caseReference: 'DSAR-1',
    justification: 'Subject asked for their data',
    receivedAt: createdAt,
    dueAt: '2025-02-01T00:00:00.000Z',
    approval: { required: true, approverIds: ['U0APPROVER'] },
    state: 'awaiting_approval',
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  };
}

export function buildNotification(overrides: Partial<Notification> = {}): Notification {
  sequence += 1;
  return {
    id: `GX-N${sequence}:case_status`,
    kind: 'case_status',
    caseId: 'GX-N',
    createdAt: '2025-01-01T00:00:00.000Z',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  };
}

export function buildAudit(at: Date, overrides: Partial<AuditEntry> = {}): AuditEntry {
  sequence += 1;
  return {
    id: `${at.getTime().toString(36).padStart(10, '0')}-${String(sequence).padStart(6, '0')}`,
    at: at.toISOString(),
    action: 'status_changed',
    actor: 'system',
    caseId: 'GX-AUDIT',
    ...overrides,
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
