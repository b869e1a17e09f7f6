/**
 * Client side of the appliance websocket (protocol.md §1, §2): `wss://…/homeconnect` with
 * TLS 1.2 PSK and text frames, or `ws://…/homeconnect` with binary frames through the AES
 * frame codec. Speaks text in and out; every failure ends in exactly one 'close' event whose
 * `error.kind` says what went wrong (offline, auth-failed, protocol).
 */
import { EventEmitter } from 'events';
import * as net from 'net';
import * as tls from 'tls';
import WebSocket from 'ws';
import type { ClientRequest, IncomingMessage } from 'http';
import { HomeConnectError, errorMessage } from '../errors';
import { AesFrameCodec, CodecError, padLength } from './aes-frame-codec';
import { parseHost } from './host-address';
import { safeEmit, warnProcess } from './safe-emit';
import type { ConnectionType } from '../profile/types';

// ---- shared with server-transport.ts -------------------------------------------------------

/** Largest frame sent or accepted, either direction. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/** §1.3: the suite appliances use; PSK suites must be named explicitly in Node. */
export const PSK_CIPHERS = 'ECDHE-PSK-CHACHA20-POLY1305';
export const PSK_IDENTITY = 'HCCOM_Local_App';
export const WS_PATH = '/homeconnect';

/** Throws HomeConnectError('validation') for keys of the wrong size; never echoes them. */
export function validateKeys(connectionType: ConnectionType, key: unknown, iv: unknown): void {
  if (!Buffer.isBuffer(key) || key.length !== 32) {
    throw new HomeConnectError('validation', 'The appliance key must be 32 bytes (43 base64url characters).');
  }
  if (connectionType === 'AES' && (!Buffer.isBuffer(iv) || iv.length !== 16)) {
    throw new HomeConnectError('validation', 'An AES appliance needs an iv of 16 bytes (22 base64url characters).');
  }
}

export function asBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
/** UTF-8 text, or undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(data: Buffer): string | undefined {
  try {
    return utf8.decode(data);
  } catch {
    return undefined;
  }
}

/** The error for a message whose frame would exceed MAX_FRAME_BYTES, or undefined when it fits. */
export function oversizeError(text: string, aes: boolean): HomeConnectError | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  const frameBytes = aes ? bytes + padLength(bytes) + 16 : bytes;
  if (frameBytes <= MAX_FRAME_BYTES) return undefined;
  return new HomeConnectError('protocol', `Message too large to send (${frameBytes} bytes, limit ${MAX_FRAME_BYTES}).`, {
    details: { bytes: frameBytes, limit: MAX_FRAME_BYTES },
  });
}

// ---------------------------------------------------------------------------------------------

export interface ConnectTransportOptions {
  /** IP, host name, optionally with port; IPv6 with or without brackets. */
  host: string;
  connectionType: ConnectionType;
  /** 32 raw bytes: the PSK (TLS) or the AES key. */
  key: Buffer;
  /** 16 raw bytes, AES only. */
  iv?: Buffer;
  /** Time allowed for TCP + TLS + websocket upgrade. Default 15000. */
  connectTimeoutMs?: number;
}

export interface TransportClose {
  code?: number;
  /** A sentence for a person. */
  reason: string;
  /** Absent for a clean close (by us, or a normal close by the appliance). */
  error?: HomeConnectError;
}

export interface ClientTransportEvents {
  open: () => void;
  message: (text: string) => void;
  pong: () => void;
  close: (info: TransportClose) => void;
}

export interface ClientTransport extends EventEmitter {
  readonly isOpen: boolean;
  /** Sends one message; sends are written in call order. */
  send(text: string): Promise<void>;
  ping(): void;
  /** Graceful websocket close. */
  close(): void;
  /** Drops the socket at once. */
  terminate(): void;
  on<E extends keyof ClientTransportEvents>(event: E, listener: ClientTransportEvents[E]): this;
  once<E extends keyof ClientTransportEvents>(event: E, listener: ClientTransportEvents[E]): this;
  off<E extends keyof ClientTransportEvents>(event: E, listener: ClientTransportEvents[E]): this;
}

/** Network errors that mean "the appliance is not there right now" (§7.1: treat as offline). */
const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTDOWN',
  'ENETDOWN',
  'EADDRNOTAVAIL',
]);
const DEFAULT_CONNECT_TIMEOUT_MS = 15000;
const CLOSE_HANDSHAKE_MS = 5000;

/**
 * Opens a connection. Throws HomeConnectError('validation') synchronously for a bad host,
 * key or iv; everything later is reported through events.
 */
export function connectTransport(opts: ConnectTransportOptions): ClientTransport {
  return new WebSocketClientTransport(opts);
}

class WebSocketClientTransport extends EventEmitter implements ClientTransport {
  private readonly ws: WebSocket;
  private readonly isTls: boolean;
  private readonly hostLabel: string;
  private readonly codec: AesFrameCodec | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private tcpConnected = false;
  private tlsEstablished = false;
  /** The server chose a PSK suite and asked for our key (a Home Connect appliance does). */
  private pskRequested = false;
  private opened = false;
  private closedByUs = false;
  private finished = false;
  private inbound = 0;
  private error: HomeConnectError | undefined;

  constructor(opts: ConnectTransportOptions) {
    super();
    if (opts.connectionType !== 'TLS' && opts.connectionType !== 'AES') {
      throw new HomeConnectError('validation', 'connectionType must be "TLS" or "AES".');
    }
    this.isTls = opts.connectionType === 'TLS';
    validateKeys(opts.connectionType, opts.key, opts.iv);
    const addr = parseHost(opts.host, this.isTls ? 443 : 80);
    this.hostLabel = addr.authority;
    this.codec = this.isTls ? undefined : new AesFrameCodec(opts.key, opts.iv!, 'client');

    // WHATWG URLs cannot hold an IPv6 zone id; the real host goes to createConnection below.
    const urlAuthority = addr.authority.replace(/%[^\]]*\]/, ']');
    const url = `${this.isTls ? 'wss' : 'ws'}://${urlAuthority}${WS_PATH}`;
    const key = opts.key;
    const wsOptions: WebSocket.ClientOptions = {
      perMessageDeflate: false,
      followRedirects: false,
      maxPayload: MAX_FRAME_BYTES,
      closeTimeout: CLOSE_HANDSHAKE_MS,
      createConnection: (o) => this.openSocket(o as net.NetConnectOpts & tls.ConnectionOptions, addr.hostname),
    } as WebSocket.ClientOptions;
    if (this.isTls) {
      Object.assign(wsOptions, {
        minVersion: 'TLSv1.2',
        maxVersion: 'TLSv1.2',
        ciphers: PSK_CIPHERS,
        pskCallback: () => {
          this.pskRequested = true;
          return { identity: PSK_IDENTITY, psk: key };
        },
        checkServerIdentity: () => undefined,
        rejectUnauthorized: false,
      });
    }

    this.ws = new WebSocket(url, wsOptions);
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', () => this.onOpen());
    this.ws.on('message', (data, isBinary) => this.onMessage(asBuffer(data), isBinary));
    this.ws.on('pong', () => safeEmit(this, warnProcess, 'pong'));
    this.ws.on('unexpected-response', (req: ClientRequest, res: IncomingMessage) => this.onHttpStatus(req, res));
    this.ws.on('error', (err) => this.noteError(this.classify(err)));
    this.ws.on('close', (code, reason) => this.finish(code, reason.toString('utf8')));

    const timeoutMs = opts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    this.connectTimer = setTimeout(() => this.onConnectTimeout(timeoutMs), timeoutMs);
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN && !this.error && !this.closedByUs;
  }

  send(text: string): Promise<void> {
    if (!this.isOpen) {
      return Promise.reject(new HomeConnectError('not-connected', 'Not connected to the appliance.', { details: { sent: false } }));
    }
    if (typeof text !== 'string') {
      return Promise.reject(new HomeConnectError('validation', 'Only text messages can be sent.'));
    }
    const tooLarge = oversizeError(text, !!this.codec);
    if (tooLarge) return Promise.reject(tooLarge);
    // Encrypting here, synchronously, and handing the frame straight to ws (which writes in
    // call order) keeps the CBC/MAC chain in the same order as the frames on the wire.
    let payload: Buffer | string;
    try {
      payload = this.codec ? this.codec.encrypt(text) : text;
    } catch (e) {
      return Promise.reject(new HomeConnectError('protocol', `Could not encrypt the message: ${errorMessage(e)}`));
    }
    return new Promise<void>((resolve, reject) => {
      try {
        this.ws.send(payload, { binary: !!this.codec }, (err) => {
          if (err) reject(new HomeConnectError('not-connected', `The message could not be sent: ${err.message}`));
          else resolve();
        });
      } catch (e) {
        reject(new HomeConnectError('not-connected', `The message could not be sent: ${errorMessage(e)}`));
      }
    });
  }

  ping(): void {
    if (!this.isOpen) return;
    try {
      this.ws.ping();
    } catch {
      // a dying socket will report through 'close'
    }
  }

  close(): void {
    if (this.finished) return;
    this.closedByUs = true;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000);
    else if (this.ws.readyState === WebSocket.CONNECTING) this.ws.terminate();
    // CLOSING: the closing handshake is already under way (ws ends it after closeTimeout)
  }

  terminate(): void {
    if (this.finished) return;
    this.closedByUs = true;
    this.ws.terminate();
  }

  private openSocket(o: net.NetConnectOpts & tls.ConnectionOptions, hostname: string): net.Socket {
    const base = { ...o, host: hostname, path: undefined } as net.NetConnectOpts & tls.ConnectionOptions;
    let socket: net.Socket;
    if (this.isTls) {
      socket = tls.connect({ ...base, servername: net.isIP(hostname) ? '' : hostname });
      socket.once('secureConnect', () => (this.tlsEstablished = true));
    } else {
      socket = net.connect(base);
    }
    socket.once('connect', () => (this.tcpConnected = true));
    return socket;
  }

  private onOpen(): void {
    this.clearTimer();
    this.opened = true;
    safeEmit(this, warnProcess, 'open');
  }

  private onMessage(data: Buffer, isBinary: boolean): void {
    if (this.error || this.closedByUs) return;
    let text: string;
    if (!this.codec) {
      const t = decodeUtf8(data);
      if (t === undefined) return this.fail(new HomeConnectError('protocol', 'The appliance sent a frame that is not valid UTF-8.'));
      text = t;
    } else {
      if (!isBinary) {
        return this.fail(
          new HomeConnectError('protocol', 'The appliance sent a text frame on an AES connection (binary frames expected).'),
        );
      }
      let t: string | undefined;
      try {
        t = this.codec.decryptToString(data);
      } catch (e) {
        return this.fail(this.decryptError(e));
      }
      if (t === undefined) {
        return this.fail(new HomeConnectError('protocol', 'A decrypted frame from the appliance is not valid UTF-8.'));
      }
      text = t;
    }
    this.inbound++;
    safeEmit(this, warnProcess, 'message', text);
  }

  private decryptError(e: unknown): HomeConnectError {
    const reason = e instanceof CodecError ? e.reason : 'unknown';
    if (this.inbound === 0 && (reason === 'mac' || reason === 'padding')) {
      return new HomeConnectError('auth-failed', 'The first frame from the appliance could not be decrypted: the key or iv is wrong.', {
        details: { reason },
      });
    }
    return new HomeConnectError('protocol', `A frame from the appliance could not be decrypted (${reason}); the connection is closed.`, {
      details: { reason },
    });
  }

  private onHttpStatus(req: ClientRequest, res: IncomingMessage): void {
    const status = res.statusCode ?? 0;
    res.resume();
    const details = { status, host: this.hostLabel };
    // An appliance whose local server is wedged answers 404 until it is power-cycled; any web
    // server that took over the address (router, NAS, printer) answers 404 too.
    const err =
      status === 404
        ? new HomeConnectError(
            'protocol',
            `The appliance at ${this.hostLabel} is not accepting connections (HTTP 404 on ${WS_PATH}). Either this address is not the appliance (check its IP address), or the appliance's local server is stuck, which lasts until it is power-cycled (switch it off at the mains for a minute).`,
            { details },
          )
        : new HomeConnectError(
            'protocol',
            `The appliance at ${this.hostLabel} answered the websocket upgrade with HTTP ${status}; if this persists, check that the address is the appliance's.`,
            { details },
          );
    this.fail(err);
    req.destroy();
  }

  private onConnectTimeout(ms: number): void {
    this.connectTimer = undefined;
    if (this.opened || this.finished) return;
    const stage = this.isTls && this.tcpConnected && !this.tlsEstablished ? ' (the TLS handshake did not complete)' : '';
    this.fail(
      new HomeConnectError('offline', `The appliance at ${this.hostLabel} did not accept a connection within ${ms} ms${stage}.`, {
        details: { host: this.hostLabel, timeoutMs: ms },
      }),
    );
  }

  private classify(err: Error & { code?: string }): HomeConnectError {
    const code = err.code;
    const details: Record<string, unknown> = { host: this.hostLabel };
    if (code) details.code = code;
    if (code && OFFLINE_CODES.has(code)) {
      return new HomeConnectError('offline', `The appliance at ${this.hostLabel} is not reachable (${code}).`, { details, cause: err });
    }
    if (this.isTls && this.tcpConnected && !this.tlsEstablished && /wrong version number|http request/i.test(err.message)) {
      return new HomeConnectError(
        'protocol',
        `The appliance at ${this.hostLabel} did not answer with TLS: check the connection type (TLS/AES) and port.`,
        {
          details,
          cause: err,
        },
      );
    }
    const tlsAlert = code === 'EPROTO' || !!code?.startsWith('ERR_SSL_') || /\bSSL routines\b|\balert\b/i.test(err.message);
    if (this.isTls && this.tcpConnected && !this.tlsEstablished && !this.pskRequested && tlsAlert) {
      // A TLS server that refused the PSK handshake before asking for a key (handshake failure,
      // protocol version, no shared cipher): an ordinary certificate server, not an appliance.
      return new HomeConnectError(
        'protocol',
        `The address ${this.hostLabel} is not a Home Connect appliance: it answered with an ordinary TLS server, without the pre-shared-key (PSK) handshake appliances use (perhaps a router or NAS now has this address). Check the appliance's IP address.`,
        { details: { ...details, reason: 'not-an-appliance' }, cause: err },
      );
    }
    if (this.isTls && this.tcpConnected && !this.tlsEstablished && this.pskRequested) {
      return new HomeConnectError('auth-failed', 'The appliance refused the TLS-PSK handshake with the stored key: the key is wrong.', {
        details,
        cause: err,
      });
    }
    if (this.isTls && this.tcpConnected && !this.tlsEstablished) {
      return new HomeConnectError(
        'offline',
        `The connection to the appliance at ${this.hostLabel} closed during the TLS handshake (${code ?? 'no reason given'}).`,
        {
          details,
          cause: err,
        },
      );
    }
    if (code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      return new HomeConnectError('protocol', `The appliance sent a frame larger than ${MAX_FRAME_BYTES} bytes.`, { details, cause: err });
    }
    if (code && code.startsWith('WS_ERR_')) {
      return new HomeConnectError('protocol', `Websocket protocol error: ${err.message}`, { details, cause: err });
    }
    if (!this.opened && !this.tcpConnected) {
      return new HomeConnectError('offline', `The appliance at ${this.hostLabel} is not reachable: ${err.message}`, {
        details,
        cause: err,
      });
    }
    if (!this.opened) {
      return new HomeConnectError('protocol', `The websocket upgrade failed: ${err.message}`, { details, cause: err });
    }
    return new HomeConnectError('offline', `The connection to the appliance at ${this.hostLabel} was lost: ${err.message}`, {
      details,
      cause: err,
    });
  }

  /** Remembers the first error only: later ones are consequences of it. */
  private noteError(err: HomeConnectError): void {
    if (!this.error && !this.closedByUs) this.error = err;
  }

  private fail(err: HomeConnectError): void {
    this.noteError(err);
    this.clearTimer();
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.terminate();
  }

  private finish(code: number, remoteReason: string): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimer();
    let error = this.error;
    if (!error && !this.closedByUs && (code === 1006 || !this.opened)) {
      error = new HomeConnectError('offline', `The connection to the appliance at ${this.hostLabel} was lost.`, {
        details: { host: this.hostLabel, code },
      });
    }
    const reason = error
      ? error.message
      : this.closedByUs
        ? 'Closed by the client.'
        : `Closed by the appliance (code ${code}${remoteReason ? `: ${remoteReason}` : ''}).`;
    const info: TransportClose = { reason };
    if (code) info.code = code;
    if (error) info.error = error;
    safeEmit(this, warnProcess, 'close', info);
  }

  private clearTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
  }
}
