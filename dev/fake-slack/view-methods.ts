/** views.open, views.push, views.update, views.publish: modals and Home tabs with Slack's checks. */
import { checkView } from './block-checks.js';
import type { MethodHandler, MethodResult, SlackArgs } from './method-result.js';
import { fail, invalidArguments, isRecord, stringArg, succeed } from './method-result.js';
import { readTriggerId } from './interaction-ids.js';
import type { StoredView, Workspace } from './workspace.js';

export interface ViewMethodOptions {
  /** how long a trigger id stays usable after it was issued; Slack's is 3 s */
  triggerTtlMs: number;
}

export function createViewMethods(ws: Workspace, options: ViewMethodOptions): Record<string, MethodHandler> {
  /** Opens or pushes a modal: the trigger is spent only when the view is accepted. */
  function showModal(args: SlackArgs): MethodResult {
    const trigger = checkTrigger(ws, stringArg(args, 'trigger_id'), options.triggerTtlMs);
    if (typeof trigger !== 'string') return trigger;
    const refused = checkView('modal', args.view) ?? checkExternalIdFree(ws, args.view);
    if (refused) return refused;
    ws.usedTriggers.add(trigger);
    const id = ws.nextId('V');
    const stored: StoredView = { id, kind: 'modal', view: completeView(ws, id, args.view as Record<string, unknown>) };
    const user = readTriggerId(trigger)?.userId;
    if (user) stored.user = user;
    ws.views.set(id, stored);
    return succeed({ view: stored.view });
  }

  return {
    'views.open': showModal,
    // The fake does not know which modal a trigger came from, so it neither stacks nor counts pushes.
    'views.push': showModal,

    'views.update': (args) => {
      const viewId = stringArg(args, 'view_id');
      const externalId = stringArg(args, 'external_id');
      if (!viewId && !externalId) return invalidArguments('[ERROR] either view_id or external_id is required');
      const stored = viewId ? ws.views.get(viewId) : findByExternalId(ws, externalId as string);
      if (!stored) return fail('not_found');
      const hash = stringArg(args, 'hash');
      if (hash && hash !== stored.view.hash) return fail('hash_conflict');
      const refused = checkView(stored.kind, args.view);
      if (refused) return refused;
      stored.view = completeView(ws, stored.id, args.view as Record<string, unknown>, stored.view);
      return succeed({ view: stored.view });
    },

    'views.publish': (args) => {
      const userId = stringArg(args, 'user_id');
      if (!userId) return invalidArguments('[ERROR] missing required field: user_id');
      if (!ws.users.has(userId)) return fail('user_not_found');
      const refused = checkView('home', args.view);
      if (refused) return refused;
      const existingId = ws.homeViewByUser.get(userId);
      const existing = existingId ? ws.views.get(existingId) : undefined;
      const hash = stringArg(args, 'hash');
      if (hash && existing && hash !== existing.view.hash) return fail('hash_conflict');
      const id = existing?.id ?? ws.nextId('V');
      const stored: StoredView = { id, kind: 'home', user: userId, view: completeView(ws, id, args.view as Record<string, unknown>, existing?.view) };
      ws.views.set(id, stored);
      ws.homeViewByUser.set(userId, id);
      return succeed({ view: stored.view });
    },
  };
}

function checkTrigger(ws: Workspace, triggerId: string | undefined, ttlMs: number): string | MethodResult {
  if (!triggerId) return fail('invalid_trigger_id');
  if (ws.usedTriggers.has(triggerId)) return fail('exchanged_trigger_id');
  const issued = readTriggerId(triggerId);
  if (issued && Date.now() - issued.issuedAt > ttlMs) return fail('expired_trigger_id');
  return triggerId;
}

function checkExternalIdFree(ws: Workspace, view: unknown): MethodResult | undefined {
  const externalId = isRecord(view) ? view.external_id : undefined;
  if (typeof externalId !== 'string' || externalId === '') return undefined;
  return findByExternalId(ws, externalId) ? fail('duplicate_external_id') : undefined;
}

function findByExternalId(ws: Workspace, externalId: string): StoredView | undefined {
  return [...ws.views.values()].find((v) => v.view.external_id === externalId);
}

/** The view as Slack returns it: every field present, a fresh hash, ids Slack owns not overridable. */
function completeView(ws: Workspace, id: string, view: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown> {
  return {
    type: view.type,
    blocks: [],
    private_metadata: '',
    callback_id: '',
    state: { values: {} },
    title: null,
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: null,
    external_id: '',
    ...view,
    id,
    team_id: ws.identity.teamId,
    hash: ws.nextViewHash(),
    previous_view_id: previous?.previous_view_id ?? null,
    root_view_id: previous?.root_view_id ?? id,
    app_id: ws.identity.appId,
    app_installed_team_id: ws.identity.teamId,
    bot_id: ws.identity.botId,
  };
}
