import type { WorkspaceWords } from '../sections/workspace.js';

export const enWorkspace: WorkspaceWords = {
  refusalTitle: () => 'GDPR chat export',
  otherWorkspace: () => 'This GDPR export bot serves another Slack workspace, so it cannot take requests from here.',
};
