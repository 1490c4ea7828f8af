/**
 * Interactivity payloads shaped like Slack's (see /work/shared/slack/fixtures): block_actions and
 * view_submission. Each gets a fresh trigger_id unless the test passes one.
 */
import { DEFAULT_BOT_ID, DEFAULT_TEAM_ID, FAKE_APP_ID } from './defaults.js';
import { newTriggerId } from './interaction-ids.js';

/** Slack still sends the deprecated verification token; Bolt ignores it. */
const VERIFICATION_TOKEN = 'fake-verification-token';

export type ActionContainer = { type: 'message'; channelId: string; messageTs: string; isEphemeral?: boolean } | { type: 'view'; viewId: string };

export interface BlockActionInput {
  userId: string;
  teamId?: string;
  actionId: string;
  value?: string;
  blockId?: string;
  container?: ActionContainer;
  triggerId?: string;
  /** left out for message containers, the signed client fills in one naming that message */
  responseUrl?: string;
  /** the message clicked, e.g. from fake.messages(); a bare {type, ts} otherwise */
  message?: Record<string, unknown>;
  /** the view clicked in, e.g. fake.views().get(id).view; a bare modal otherwise */
  view?: Record<string, unknown>;
}

export function blockActionPayload(input: BlockActionInput): object {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const payload: Record<string, unknown> = {
    type: 'block_actions',
    user: slackUser(input.userId, teamId),
    api_app_id: FAKE_APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? newTriggerId(input.userId),
    team: slackTeam(teamId),
    enterprise: null,
    is_enterprise_install: false,
    state: { values: {} },
  };
  const container = input.container;
  if (container?.type === 'message') {
    payload.container = { type: 'message', message_ts: container.messageTs, channel_id: container.channelId, is_ephemeral: container.isEphemeral ?? false };
    payload.channel = { id: container.channelId, name: container.channelId.startsWith('D') ? 'directmessage' : container.channelId.toLowerCase() };
    payload.message = { type: 'message', text: '', ...input.message, ts: container.messageTs };
  } else if (container?.type === 'view') {
    payload.container = { type: 'view', view_id: container.viewId };
    payload.view = { type: 'modal', callback_id: '', private_metadata: '', state: { values: {} }, hash: '', blocks: [], ...input.view, id: container.viewId };
  }
  if (input.responseUrl) payload.response_url = input.responseUrl;
  payload.actions = [
    {
      action_id: input.actionId,
      block_id: input.blockId ?? 'actions',
      text: { type: 'plain_text', text: input.actionId, emoji: true },
      ...(input.value !== undefined ? { value: input.value } : {}),
      type: 'button',
      action_ts: slackTimestamp(),
    },
  ];
  return payload;
}

export interface ViewSubmissionInput {
  userId: string;
  teamId?: string;
  /** the submitted view; extra fields (blocks, title, external_id, …) are passed through */
  view: {
    id: string;
    callback_id: string;
    private_metadata?: string;
    state_values: Record<string, Record<string, unknown>>;
    hash?: string;
    [field: string]: unknown;
  };
  triggerId?: string;
}

export function viewSubmissionPayload(input: ViewSubmissionInput): object {
  const teamId = input.teamId ?? DEFAULT_TEAM_ID;
  const { state_values: stateValues, ...viewFields } = input.view;
  return {
    type: 'view_submission',
    team: slackTeam(teamId),
    user: slackUser(input.userId, teamId),
    api_app_id: FAKE_APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: input.triggerId ?? newTriggerId(input.userId),
    view: {
      team_id: teamId,
      type: 'modal',
      blocks: [],
      private_metadata: '',
      title: { type: 'plain_text', text: 'Modal', emoji: true },
      close: null,
      submit: null,
      clear_on_close: false,
      notify_on_close: false,
      previous_view_id: null,
      root_view_id: input.view.id,
      app_id: FAKE_APP_ID,
      external_id: '',
      app_installed_team_id: teamId,
      bot_id: DEFAULT_BOT_ID,
      hash: `${Math.floor(Date.now() / 1000)}.fakehash`,
      ...viewFields,
      state: { values: stateValues },
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

function slackUser(userId: string, teamId: string): Record<string, string> {
  const handle = userId.toLowerCase();
  return { id: userId, username: handle, name: handle, team_id: teamId };
}

export function slackTeam(teamId: string): { id: string; domain: string } {
  return { id: teamId, domain: `fake-${teamId.toLowerCase()}` };
}

/** "seconds.micros", the shape of Slack's action_ts and message ts */
function slackTimestamp(): string {
  return (Date.now() / 1000).toFixed(6);
}
