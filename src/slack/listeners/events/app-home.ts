/** App Home: "My requests" and, for approvers, "Waiting for my approval". */
import type { App } from '@slack/bolt';
import { homeView } from '../../views/index.js';
import type { ListenerDeps } from '../context.js';

export function registerAppHome(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const userId = event.user;
    try {
      await publishHome(client, deps, userId);
    } catch (e) {
      deps.logger.warn({ userId, err: (e as Error).message }, 'could not publish App Home');
    }
  });
}

export async function publishHome(client: App['client'], deps: ListenerDeps, userId: string): Promise<void> {
  const { isRequester, isApprover, myCases, awaitingMyApproval } = await deps.workflow.homeFor(userId);
  await client.views.publish({
    user_id: userId,
    view: homeView({ myCases, awaitingMyApproval, isRequester, isApprover, now: deps.clock.now() }),
  });
}
