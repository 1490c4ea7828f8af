/**
 * The server side of a WebSocket (RFC 6455), just enough for Slack's Socket Mode: the opening
 * handshake, text frames, ping/pong, the close handshake and an abrupt drop. @slack/socket-mode 3
 * connects with undici's WebSocket client, so no WebSocket package is needed for the server.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

const HANDSHAKE_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OPCODE = { continuation: 0x0, text: 0x1, binary: 0x2, close: 0x8, ping: 0x9, pong: 0xa } as const;

export interface ServerWebSocket {
  send(text: string): void;
  /** the close handshake: a close frame now, the TCP connection ends once the client answers */
  close(code?: number): void;
  /** the connection vanishes without a close frame, as when a Slack host dies */
  drop(): void;
  readonly open: boolean;
}

export interface WebSocketHandlers {
  onText(text: string): void;
  onClosed(): void;
}

/** Completes the handshake on an `upgrade` request, or answers 400 when it is not a WebSocket one. */
export function acceptWebSocket(req: IncomingMessage, socket: Duplex, handlers: WebSocketHandlers): ServerWebSocket | undefined {
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || req.headers.upgrade?.toLowerCase() !== 'websocket') {
    socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    return undefined;
  }
  const accept = createHash('sha1').update(key + HANDSHAKE_GUID).digest('base64');
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);

  let open = true;
  let closeSent = false;
  let buffered = Buffer.alloc(0);
  let fragments: Buffer[] = [];

  const writeFrame = (opcode: number, payload: Buffer) => {
    if (socket.destroyed) return;
    socket.write(Buffer.concat([frameHeader(opcode, payload.length), payload]));
  };
  const finish = () => {
    if (!open) return;
    open = false;
    handlers.onClosed();
  };
  const sendClose = (code: number) => {
    if (closeSent) return;
    closeSent = true;
    const body = Buffer.alloc(2);
    body.writeUInt16BE(code);
    writeFrame(OPCODE.close, body);
  };

  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let frame = readFrame(buffered); frame; frame = readFrame(buffered)) {
      buffered = buffered.subarray(frame.size);
      if (frame.opcode === OPCODE.ping) writeFrame(OPCODE.pong, frame.payload);
      else if (frame.opcode === OPCODE.close) {
        sendClose(frame.payload.length >= 2 ? frame.payload.readUInt16BE(0) : 1000);
        socket.end();
        finish();
      } else if (frame.opcode === OPCODE.text || frame.opcode === OPCODE.continuation) {
        fragments.push(frame.payload);
        if (frame.fin) {
          const text = Buffer.concat(fragments).toString('utf8');
          fragments = [];
          handlers.onText(text);
        }
      }
    }
  });
  socket.on('close', finish);
  socket.on('error', finish);

  return {
    send: (text) => {
      if (open && !closeSent) writeFrame(OPCODE.text, Buffer.from(text, 'utf8'));
    },
    close: (code = 1000) => sendClose(code),
    drop: () => {
      socket.destroy();
      finish();
    },
    get open() {
      return open;
    },
  };
}

/** A frame the server sends: final, unmasked. */
function frameHeader(opcode: number, length: number): Buffer {
  if (length < 126) return Buffer.from([0x80 | opcode, length]);
  if (length < 65_536) {
    const header = Buffer.from([0x80 | opcode, 126, 0, 0]);
    header.writeUInt16BE(length, 2);
    return header;
  }
  const header = Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  header[1] = 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** A whole frame from the start of `data` (clients always mask), or undefined until it has all arrived. */
function readFrame(data: Buffer): { fin: boolean; opcode: number; payload: Buffer; size: number } | undefined {
  if (data.length < 2) return undefined;
  const fin = (data[0]! & 0x80) !== 0;
  const opcode = data[0]! & 0x0f;
  const masked = (data[1]! & 0x80) !== 0;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return undefined;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return undefined;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (data.length < offset + length) return undefined;
  const payload = Buffer.from(data.subarray(offset, offset + length));
  if (masked) for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ data[maskOffset + (i % 4)]!;
  return { fin, opcode, payload, size: offset + length };
}
