/**
 * Slack's Socket Mode, as @slack/socket-mode 3 talks to it: `apps.connections.open` (app-level
 * token) answers a single-use `ws://…/link/?ticket=…` URL; on connecting, the server sends `hello`;
 * envelopes (`slash_commands`, `interactive`, `events_api`) carry an `envelope_id` that the app acks
 * with `{envelope_id, payload}`; `{"type":"disconnect"}` asks the app to reconnect.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { MethodResult } from './method-result.js';
import { fail, isRecord, succeed } from './method-result.js';
import { acceptWebSocket, type ServerWebSocket } from './websocket.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketAck {
  envelope_id: string;
  /** what the app put in its ack: a view_submission's response_action, a command's ephemeral reply */
  payload: Record<string, unknown>;
}

export interface DeliveredEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  /** undefined until the app acked */
  ack?: SocketAck;
}

export interface FakeSocketMode {
  /** the app-level token apps.connections.open accepts */
  readonly appToken: string;
  /** every envelope sent, with its ack once it came */
  readonly envelopes: DeliveredEnvelope[];
  /** sockets that got hello and are still open */
  connectionCount(): number;
  /** resolves once a socket has been greeted with hello (at once if one is open) */
  waitForConnection(timeoutMs?: number): Promise<void>;
  /**
   * Sends an envelope to the first open socket (waiting for one, as Slack routes to a live connection) and
   * resolves with the app's ack; rejects when no ack comes within timeoutMs (Slack's 3 s, by default).
   */
  deliver(type: EnvelopeType, payload: Record<string, unknown>, timeoutMs?: number): Promise<SocketAck>;
  /** sends {"type":"disconnect","reason"} on every open socket: the app closes it and connects again */
  disconnect(reason?: string): void;
  /** drops every open socket without a close frame */
  drop(): void;
  /** holds back `hello` (the app stays "connecting") until resumeHello() */
  pauseHello(): void;
  resumeHello(): void;
}

export interface SocketModeServer extends FakeSocketMode {
  /** the apps.connections.open method, checked against the app token */
  openConnection(token: string | undefined): MethodResult;
  /** the HTTP server's `upgrade` listener */
  upgrade(req: IncomingMessage, socket: Duplex): void;
  close(): void;
}

export const DEFAULT_APP_TOKEN = 'xapp-1-A0FAKESLACK-1-test';
const ACK_TIMEOUT_MS = 3_000;

interface Connection {
  socket: ServerWebSocket;
  greeted: boolean;
}

export function createSocketModeServer(options: { appToken: string; botToken: string; appId: string; baseUrl: () => string }): SocketModeServer {
  const tickets = new Set<string>();
  const connections = new Set<Connection>();
  const envelopes: DeliveredEnvelope[] = [];
  const pendingAcks = new Map<string, { resolve: (ack: SocketAck) => void; reject: (e: Error) => void }>();
  let connectionWaiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  let helloPaused = false;

  const greeted = () => [...connections].filter((c) => c.greeted && c.socket.open);

  function greet(connection: Connection): void {
    if (!connection.socket.open) return;
    connection.greeted = true;
    connection.socket.send(
      JSON.stringify({
        type: 'hello',
        num_connections: greeted().length,
        debug_info: { host: 'fake-slack', build_number: 1, approximate_connection_time: 3600 },
        connection_info: { app_id: options.appId },
      }),
    );
    const waiters = connectionWaiters;
    connectionWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  function onText(text: string): void {
    let message: { envelope_id?: unknown; payload?: unknown };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return; // Slack ignores what it cannot parse
    }
    if (typeof message.envelope_id !== 'string') return;
    const ack: SocketAck = { envelope_id: message.envelope_id, payload: isRecord(message.payload) ? message.payload : {} };
    const envelope = envelopes.find((e) => e.envelope_id === ack.envelope_id);
    if (envelope && !envelope.ack) envelope.ack = ack;
    pendingAcks.get(ack.envelope_id)?.resolve(ack);
  }

  function waitForConnection(timeoutMs = 10_000): Promise<void> {
    if (greeted().length > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: () => (clearTimeout(timer), resolve()),
        reject: (e: Error) => (clearTimeout(timer), reject(e)),
      };
      const timer = setTimeout(() => {
        connectionWaiters = connectionWaiters.filter((w) => w !== waiter);
        reject(new Error(`fake Slack: no Socket Mode connection within ${timeoutMs} ms`));
      }, timeoutMs);
      connectionWaiters.push(waiter);
    });
  }

  return {
    appToken: options.appToken,
    envelopes,
    connectionCount: () => greeted().length,
    waitForConnection,

    openConnection(token) {
      if (token === options.botToken) return fail('not_allowed_token_type');
      if (token !== options.appToken) return fail('invalid_auth');
      const ticket = randomUUID();
      tickets.add(ticket);
      const base = options.baseUrl().replace(/^http:/, 'ws:');
      return succeed({ url: `${base}link/?ticket=${ticket}&app_id=${options.appId}` });
    },

    upgrade(req, socket) {
      const url = new URL(req.url ?? '/', 'http://fake-slack');
      const ticket = url.searchParams.get('ticket') ?? '';
      // A ticket is good for one connection, as on Slack.
      if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
        return;
      }
      const connection: Connection = { greeted: false, socket: undefined as unknown as ServerWebSocket };
      const accepted = acceptWebSocket(req, socket, { onText, onClosed: () => connections.delete(connection) });
      if (!accepted) return;
      connection.socket = accepted;
      connections.add(connection);
      if (!helloPaused) greet(connection);
    },

    async deliver(type, payload, timeoutMs = ACK_TIMEOUT_MS) {
      await waitForConnection();
      const target = greeted()[0]!;
      const envelope: DeliveredEnvelope = { envelope_id: randomUUID(), type, payload };
      envelopes.push(envelope);
      const acked = new Promise<SocketAck>((resolve, reject) => {
        const timer = setTimeout(() => {
          pendingAcks.delete(envelope.envelope_id);
          reject(new Error(`fake Slack: ${type} envelope not acknowledged within ${timeoutMs} ms`));
        }, timeoutMs);
        const settle = () => {
          clearTimeout(timer);
          pendingAcks.delete(envelope.envelope_id);
        };
        pendingAcks.set(envelope.envelope_id, {
          resolve: (ack) => (settle(), resolve(ack)),
          reject: (e) => (settle(), reject(e)),
        });
      });
      target.socket.send(
        JSON.stringify({
          envelope_id: envelope.envelope_id,
          payload,
          type,
          accepts_response_payload: type === 'slash_commands' || payload.type === 'view_submission',
          ...(type === 'events_api' ? { retry_attempt: 0, retry_reason: '' } : {}),
        }),
      );
      return acked;
    },

    disconnect(reason = 'refresh_requested') {
      for (const c of greeted()) c.socket.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake-slack' } }));
    },
    drop() {
      for (const c of [...connections]) c.socket.drop();
    },
    pauseHello() {
      helloPaused = true;
    },
    resumeHello() {
      helloPaused = false;
      for (const c of connections) if (!c.greeted) greet(c);
    },
    close() {
      for (const c of [...connections]) c.socket.drop();
      for (const pending of [...pendingAcks.values()]) pending.reject(new Error('fake Slack closed while waiting for an ack'));
      for (const waiter of connectionWaiters) waiter.reject(new Error('fake Slack closed while waiting for a Socket Mode connection'));
      connectionWaiters = [];
    },
  };
}
