/**
 * Sends Slack requests to a Bolt app in Socket Mode, through the fake's WebSocket: the same payloads
 * the signed HTTP client posts, as envelopes. The result is the app's ack: a view_submission's
 * response_action, a slash command's ephemeral reply. Nothing is signed; the socket is authenticated.
 */
import { DEFAULT_BOT_USER_ID, DEFAULT_TEAM_ID, FAKE_APP_ID } from './defaults.js';
import { slashCommandFields, withInteractionIds, type SentResult, type SlackSender } from './signed-client.js';
import type { FakeSocketMode, SocketAck } from './socket-mode.js';

export interface SocketModeSender extends SlackSender {
  /** an Events API event (e.g. app_home_opened), wrapped in its event_callback */
  event(event: Record<string, unknown>, teamId?: string): Promise<SentResult>;
}

export function createSocketModeSender(opts: { socketMode: FakeSocketMode; responseUrlBase: string; teamId?: string }): SocketModeSender {
  const defaultTeamId = opts.teamId ?? DEFAULT_TEAM_ID;

  async function send(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, triggerId?: string): Promise<SentResult> {
    const started = performance.now();
    const result = asSentResult(await opts.socketMode.deliver(type, payload), Math.round(performance.now() - started));
    return triggerId === undefined ? result : { ...result, triggerId };
  }

  return {
    command(input) {
      const fields = slashCommandFields(input, defaultTeamId, opts.responseUrlBase);
      return send('slash_commands', fields, fields.trigger_id);
    },
    interactive(payload) {
      const filled = withInteractionIds(payload as Record<string, unknown>, opts.responseUrlBase);
      return send('interactive', filled, typeof filled.trigger_id === 'string' ? filled.trigger_id : undefined);
    },
    event(event, teamId = defaultTeamId) {
      const eventTime = Math.floor(Date.now() / 1000);
      return send('events_api', {
        token: 'fake-verification-token',
        team_id: teamId,
        api_app_id: FAKE_APP_ID,
        event,
        type: 'event_callback',
        event_id: `Ev${eventTime}${Math.floor(Math.random() * 1e6)}`,
        event_time: eventTime,
        authorizations: [{ enterprise_id: null, team_id: teamId, user_id: DEFAULT_BOT_USER_ID, is_bot: true, is_enterprise_install: false }],
        is_ext_shared_channel: false,
      });
    },
    raw() {
      return Promise.reject(new Error('Socket Mode has no raw HTTP requests: payloads travel as envelopes over the socket'));
    },
  };
}

/** An ack read like an HTTP answer: 200, and the ack payload as the body (none when it is empty). */
function asSentResult(ack: SocketAck, ms: number): SentResult {
  const hasBody = Object.keys(ack.payload).length > 0;
  return { status: 200, body: hasBody ? JSON.stringify(ack.payload) : '', ...(hasBody ? { json: ack.payload } : {}), ms };
}
