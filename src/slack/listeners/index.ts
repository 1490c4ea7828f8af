import type { App } from '@slack/bolt';
import { registerApprovalActions } from './actions/approval.js';
import { registerDeadlineActions } from './actions/deadline.js';
import { registerResultActions } from './actions/results.js';
import { registerGdprExportCommand } from './commands/gdpr-export.js';
import type { ListenerDeps } from './context.js';
import { registerAppHome } from './events/app-home.js';
import { registerOversightActions } from './oversight.js';
import { registerRequestSubmission } from './request-flow.js';
import { registerTimelineSubmission } from './timeline-flow.js';
import { replayGuard } from './replay-guard.js';
import { workspaceGuard } from './workspace-guard.js';

export type { ListenerDeps } from './context.js';

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.use(replayGuard(deps));
  app.use(workspaceGuard(deps));
  registerGdprExportCommand(app, deps);
  registerRequestSubmission(app, deps);
  registerApprovalActions(app, deps);
  registerResultActions(app, deps);
  registerDeadlineActions(app, deps);
  registerTimelineSubmission(app, deps);
  registerAppHome(app, deps);
  registerOversightActions(app, deps);
}
