/** App Home: "My requests", for approvers "Waiting for my approval", for auditors "Oversight". */
import type { App } from '@slack/bolt';
import type { CaseListFilter } from '../../../workflow/oversight.js';
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

/** `filter`: what an auditor chose to see (default: all cases); ignored for everyone else */
export async function publishHome(client: App['client'], deps: ListenerDeps, userId: string, filter: CaseListFilter = 'all'): Promise<void> {
  // the Home tab is published per person: it reads in their own language and time zone
  const [home, isAuditor, reader] = await Promise.all([deps.workflow.homeFor(userId), deps.workflow.canOversee(userId), deps.readers.forUser(userId)]);
  const listing = isAuditor ? await deps.workflow.listCasesFor(userId, filter) : undefined;
  const { isRequester, isApprover, myCases, awaitingMyApproval } = home;
  await client.views.publish({
    user_id: userId,
    view: homeView({ myCases, awaitingMyApproval, isRequester, isApprover, now: deps.clock.now(), oversight: listing?.ok ? listing.value : undefined }, reader),
  });
}
