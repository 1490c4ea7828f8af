/**
 * The HTTP operations the client makes, with the permission each needs (reference §5) and a phrase
 * for error messages. Names follow the GenesysPort methods so metrics and logs read the same.
 */
export interface OperationInfo {
  /** completes "could not …" in an error message */
  readonly does: string;
  /** the permission a 403 means is missing */
  readonly permission?: string;
}

export const OPERATIONS = {
  login: { does: 'log in to Genesys Cloud' },
  findSubjectsByEmail: { does: 'search GDPR subjects', permission: 'gdpr:subject:view' },
  createExport: { does: 'create a GDPR export request', permission: 'gdpr:request:add' },
  getRequest: { does: 'read a GDPR request', permission: 'gdpr:request:view' },
  listRequests: { does: 'list GDPR requests', permission: 'gdpr:request:view' },
  resolveDownload: { does: 'get a download link for an export', permission: 'gdpr:request:view' },
  getChatRetentionDays: { does: 'read the Collaborate chat settings', permission: 'chat:setting:view' },
  getUserName: { does: 'read a Genesys Cloud user', permission: 'directory:user:view' },
} as const satisfies Record<string, OperationInfo>;

export type Operation = keyof typeof OPERATIONS;
