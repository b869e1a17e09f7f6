/**
 * Appliance side of the websocket (for the simulator and tests): a TLS 1.2 PSK (no
 * certificate) or plain HTTP server with a websocket endpoint at /homeconnect; AES
 * connections use the frame codec in the appliance role. Offers the faults a real appliance
 * shows: rejected upgrades, garbage and mis-tagged frames, unanswered pings.
 */
import { EventEmitter } from 'events';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import { WebSocketServer, WebSocket } from 'ws';
import { HomeConnectError, errorMessage } from '../errors';
import { AesFrameCodec } from './aes-frame-codec';
import { MAX_FRAME_BYTES, PSK_CIPHERS, PSK_IDENTITY, WS_PATH, asBuffer, decodeUtf8, oversizeError, validateKeys } from './client-transport';
import { safeEmit, warnProcess } from './safe-emit';
import type { ConnectionType } from '../profile/types';

export interface ApplianceServerOptions {
  connectionType: ConnectionType;
  key: Buffer;
  iv?: Buffer;
  /** Default 127.0.0.1. */
  host?: string;
  /** 0 (default) = a free port. */
  port?: number;
  onConnection: (conn: ServerConnection) => void;
  /** Return an HTTP status (404, 503 ...) to refuse a websocket upgrade. */
  onUpgrade?: () => number | undefined;
}

export interface ApplianceServer {
  url: string;
  port: number;
  host: string;
  connections: Set<ServerConnection>;
  /** Terminates every connection and stops listening. */
  close(): Promise<void>;
}

export async function startApplianceServer(opts: ApplianceServerOptions): Promise<ApplianceServer> {
  if (opts.connectionType !== 'TLS' && opts.connectionType !== 'AES') {
    throw new HomeConnectError('validation', 'connectionType must be "TLS" or "AES".');
  }
  validateKeys(opts.connectionType, opts.key, opts.iv);
  const isTls = opts.connectionType === 'TLS';
  const key = opts.key;
  const iv = opts.iv;
  const host = opts.host ?? '127.0.0.1';

  const server: http.Server = isTls
    ? https.createServer({
        // Pure PSK: no certificate. The identity the client sends is not checked (protocol.md §1.3).
        pskCallback: () => key,
        pskIdentityHint: PSK_IDENTITY,
        ciphers: PSK_CIPHERS,
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
      })
    : http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false, autoPong: false });
  const connections = new Set<ServerConnection>();
  const sockets = new Set<net.Socket>();

  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.once('close', () => sockets.delete(s));
  });
  server.on('tlsClientError', () => undefined); // wrong PSK: the client sees the alert
  // No 'clientError' handler: Node's default answers garbage (e.g. a TLS hello on the AES port) with 400.
  server.on('request', (_req, res: http.ServerResponse) => {
    res.writeHead(404, { 'Content-Type': 'text/plain', Connection: 'close' }).end('Not Found');
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.on('error', () => undefined);
    let status: number | undefined;
    if (pathOf(req.url) !== WS_PATH) status = 404;
    else {
      try {
        status = opts.onUpgrade?.();
      } catch {
        status = 500;
      }
    }
    if (status !== undefined) {
      const text = http.STATUS_CODES[status] ?? 'Error';
      socket.end(
        `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${text.length}\r\n\r\n${text}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const codec = isTls ? undefined : new AesFrameCodec(key, iv!, 'appliance');
      const conn = new ServerConnection(ws, req.socket.remoteAddress ?? '', codec);
      connections.add(conn);
      conn.once('close', () => connections.delete(conn));
      try {
        opts.onConnection(conn);
      } catch (e) {
        process.emitWarning(`onConnection threw: ${errorMessage(e)}`, 'HomeConnectListenerError');
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) =>
      reject(new HomeConnectError('validation', `Cannot listen on ${host}:${opts.port ?? 0}: ${e.message}`, { cause: e }));
    server.once('error', onError);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', onError);
      server.on('error', () => undefined);
      resolve();
    });
  });

  const port = (server.address() as net.AddressInfo).port;
  const authority = `${net.isIPv6(host) ? `[${host}]` : host}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    url: `${isTls ? 'wss' : 'ws'}://${authority}${WS_PATH}`,
    port,
    host,
    connections,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        for (const c of connections) c.terminate();
        for (const s of sockets) s.destroy();
        wss.close();
        server.close(() => resolve());
      });
      return closing;
    },
  };
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://appliance').pathname;
  } catch {
    return '';
  }
}

export interface ServerConnectionEvents {
  message: (text: string) => void;
  close: (info: { code: number; reason: string }) => void;
  /** A frame the appliance side cannot accept; the connection is closed right after. */
  error: (err: HomeConnectError) => void;
}

export class ServerConnection extends EventEmitter {
  readonly remoteAddress: string;
  /** False: pings are not answered (a stalled appliance). */
  autoPong = true;
  private readonly ws: WebSocket;
  private readonly codec: AesFrameCodec | undefined;

  constructor(ws: WebSocket, remoteAddress: string, codec: AesFrameCodec | undefined) {
    super();
    this.ws = ws;
    this.remoteAddress = remoteAddress;
    this.codec = codec;
    ws.on('message', (data, isBinary) => this.onMessage(asBuffer(data), isBinary));
    ws.on('ping', (data: Buffer) => {
      if (!this.autoPong || ws.readyState !== WebSocket.OPEN) return;
      try {
        ws.pong(data);
      } catch {
        // closing
      }
    });
    ws.on('error', (e: Error) => this.fault(new HomeConnectError('protocol', `Websocket error: ${e.message}`, { cause: e })));
    ws.on('close', (code: number, reason: Buffer) => safeEmit(this, warnProcess, 'close', { code, reason: reason.toString('utf8') }));
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends one message (encrypted on AES); sends go out in call order. */
  send(text: string): Promise<void> {
    if (!this.isOpen) return Promise.reject(new HomeConnectError('not-connected', 'The client connection is closed.'));
    const tooLarge = oversizeError(text, !!this.codec);
    if (tooLarge) return Promise.reject(tooLarge);
    return this.write(this.codec ? this.codec.encrypt(text) : text, !!this.codec);
  }

  /** Sends bytes or text exactly as given, bypassing encryption (garbage-frame faults). */
  sendRawFrame(data: Buffer | string, binary: boolean = typeof data !== 'string'): void {
    this.write(data, binary).catch(() => undefined);
  }

  /** AES: a correctly encrypted frame whose tag is corrupted. TLS has no tags: sends binary garbage. */
  sendMisTagged(text: string): void {
    if (!this.codec) {
      this.sendRawFrame(Buffer.from(text, 'utf8').reverse(), true);
      return;
    }
    if (!this.isOpen) return;
    const frame = Buffer.from(this.codec.encrypt(text));
    frame[frame.length - 1] = frame[frame.length - 1] ^ 0xff;
    this.sendRawFrame(frame, true);
  }

  close(code = 1000, reason = ''): void {
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate(); // invalid close code given by a test
    }
  }

  terminate(): void {
    this.ws.terminate();
  }

  private write(data: Buffer | string, binary: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.ws.readyState !== WebSocket.OPEN) {
        reject(new HomeConnectError('not-connected', 'The client connection is closed.'));
        return;
      }
      try {
        this.ws.send(data, { binary }, (err) =>
          err ? reject(new HomeConnectError('not-connected', `Send failed: ${err.message}`)) : resolve(),
        );
      } catch (e) {
        reject(new HomeConnectError('not-connected', `Send failed: ${errorMessage(e)}`));
      }
    });
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (!this.isOpen) return;
    let text: string | undefined;
    if (this.codec) {
      if (!isBinary) return this.fault(new HomeConnectError('protocol', 'The client sent a text frame on an AES connection.'));
      try {
        text = this.codec.decryptToString(data);
      } catch (e) {
        return this.fault(e instanceof HomeConnectError ? e : new HomeConnectError('protocol', errorMessage(e)));
      }
    } else {
      text = decodeUtf8(data);
    }
    if (text === undefined) return this.fault(new HomeConnectError('protocol', 'The client sent a frame that is not valid UTF-8.'));
    safeEmit(this, warnProcess, 'message', text);
  }

  /** Reports the fault (only if someone listens: an unheard 'error' would throw) and drops the socket. */
  private fault(err: HomeConnectError): void {
    if (this.listenerCount('error') > 0) safeEmit(this, warnProcess, 'error', err);
    this.ws.terminate();
  }
}
