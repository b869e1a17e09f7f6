/**
 * In-memory stand-in for ClientTransport: records every text the client sends and lets a
 * test push appliance messages, open, drop or stall the link. ScriptedAppliance plays the
 * appliance side of the handshake on top of it (answers per resource, overridable).
 */
import { EventEmitter } from 'events';
import { HomeConnectError } from '../../src/errors';
import type { DecodedValue, DescriptionChangeItem } from '../../src/profile/types';
import { profileFromRecord } from '../../src/profile';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection, type ConnectionTiming } from '../../src/protocol/appliance-connection';
import type { TransportClose } from '../../src/protocol/client-transport';
import type { SessionProfile } from '../../src/protocol/session';
import type { ConnectionState, ValueChange } from '../../src/protocol/types';
import { demoDishwasher } from '../../src/simulator/demo-profiles';

export class FakeTransport extends EventEmitter {
  /** Every text the client sent, in order. */
  readonly sent: string[] = [];
  pings = 0;
  isOpen = false;
  closed = false;
  /** What the factory was called with (host, connectionType, ... ; secrets included, test-only). */
  readonly options: Record<string, unknown>;
  /** When false, ping() gets no 'pong' (a stalled link). */
  answerPings = true;
  private waiters: Array<(text: string) => void> = [];
  private taken = 0;

  constructor(options: Record<string, unknown> = {}) {
    super();
    this.options = options;
  }

  /** The link came up (emits 'open' asynchronously, like a socket). */
  open(): this {
    setImmediate(() => {
      if (this.closed) return;
      this.isOpen = true;
      this.emit('open');
    });
    return this;
  }

  async send(text: string): Promise<void> {
    if (!this.isOpen) throw new HomeConnectError('not-connected', 'fake transport is not open');
    this.sent.push(text);
    const w = this.waiters.shift();
    if (w) w(this.sent[this.taken++]);
    this.emit('sent', text);
  }

  ping(): void {
    this.pings++;
    if (this.answerPings && this.isOpen) setImmediate(() => this.isOpen && this.emit('pong'));
  }

  close(): void {
    this.finish({ code: 1000, reason: 'closed by the client' });
  }

  terminate(): void {
    this.finish({ reason: 'terminated by the client' });
  }

  /** The appliance side drops the link (optionally with a transport error). */
  drop(info: TransportClose = { code: 1006, reason: 'connection lost' }): void {
    this.finish(info);
  }

  /** Pushes one appliance frame (object → JSON text; strings as given). */
  push(message: unknown): void {
    const text = typeof message === 'string' ? message : JSON.stringify(message);
    setImmediate(() => this.isOpen && this.emit('message', text));
  }

  /** Resolves with the next text the client sends (or one already sent but not yet taken). */
  nextSent(): Promise<string> {
    if (this.taken < this.sent.length) return Promise.resolve(this.sent[this.taken++]);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Resolves with sent[index] once the client has sent that many texts. */
  nextSentAfter(index: number): Promise<string> {
    if (this.sent.length > index) return Promise.resolve(this.sent[index]);
    return new Promise((resolve) => {
      const check = (): void => {
        if (this.sent.length > index) {
          this.off('sent', check);
          resolve(this.sent[index]);
        }
      };
      this.on('sent', check);
    });
  }

  private finish(info: TransportClose): void {
    if (this.closed) return;
    this.closed = true;
    this.isOpen = false;
    setImmediate(() => this.emit('close', info));
  }
}

export interface ScriptedReply {
  code?: number;
  data?: unknown[];
  /** Never answer this request. */
  silent?: boolean;
}

export type ServiceSet = Array<{ service: string; version: number }>;

export const IZ_SERVICES: ServiceSet = [
  { service: 'ci', version: 3 },
  { service: 'ei', version: 2 },
  { service: 'iz', version: 1 },
  { service: 'ni', version: 1 },
  { service: 'ro', version: 1 },
];
export const CI2_SERVICES: ServiceSet = [
  { service: 'ci', version: 2 },
  { service: 'ei', version: 2 },
  { service: 'ni', version: 1 },
  { service: 'ro', version: 1 },
];
export const LEGACY_SERVICES: ServiceSet = [
  { service: 'ci', version: 1 },
  { service: 'ei', version: 1 },
  { service: 'ro', version: 1 },
];

export interface ScriptOptions {
  services?: ServiceSet;
  sID?: number;
  edMsgID?: number;
  /** Version of the appliance's POST /ei/initialValues (2 → deviceType "Application"). */
  eiVersion?: number;
  /** Replies by resource; a function gets the parsed request. */
  replies?: Record<string, ScriptedReply | ((req: Record<string, unknown>) => ScriptedReply)>;
  /** /ro/allMandatoryValues data. */
  values?: Array<{ uid: number; value: unknown }>;
  /** /ro/allDescriptionChanges data. */
  descriptions?: unknown[];
  /** Do not send initialValues on open. */
  silentStart?: boolean;
}

/** Plays the appliance on a FakeTransport: opens the session and answers requests. */
export class ScriptedAppliance {
  /** Parsed client messages except the initialValues reply. */
  readonly requests: Array<Record<string, unknown>> = [];
  readonly sID: number;
  private applianceMsgId = 9000;

  constructor(
    readonly transport: FakeTransport,
    readonly opts: ScriptOptions = {},
  ) {
    this.sID = opts.sID ?? 1234567890;
    transport.on('open', () => {
      if (!opts.silentStart) this.sendInitialValues();
    });
    transport.on('sent', (text: string) => this.onRequest(text));
  }

  sendInitialValues(): void {
    this.transport.push({
      sID: this.sID,
      msgID: this.applianceMsgId++,
      resource: '/ei/initialValues',
      version: this.opts.eiVersion ?? 2,
      action: 'POST',
      data: [{ edMsgID: this.opts.edMsgID ?? 4131394487 }],
    });
  }

  /** Appliance NOTIFY (e.g. /ro/values). */
  notify(resource: string, data: unknown[]): void {
    this.transport.push({ sID: this.sID, msgID: this.applianceMsgId++, resource, version: 1, action: 'NOTIFY', data });
  }

  private onRequest(text: string): void {
    const req = JSON.parse(text) as Record<string, unknown>;
    if (req.action === 'RESPONSE') return;
    this.requests.push(req);
    if (req.action === 'NOTIFY') return;
    const resource = String(req.resource);
    const override = this.opts.replies?.[resource];
    const reply = typeof override === 'function' ? override(req) : (override ?? this.defaultReply(resource));
    if (reply.silent) return;
    const msg: Record<string, unknown> = {
      sID: this.sID,
      msgID: req.msgID,
      resource,
      version: req.version,
      action: 'RESPONSE',
    };
    if (reply.data) msg.data = reply.data;
    if (reply.code !== undefined) msg.code = reply.code;
    this.transport.push(msg);
  }

  private defaultReply(resource: string): ScriptedReply {
    const services = this.opts.services ?? IZ_SERVICES;
    const has = (s: string): boolean => services.some((x) => x.service === s);
    switch (resource) {
      case '/ci/services':
        return { data: services };
      case '/ci/authentication':
        return has('iz') ? { code: 404 } : { data: [{ response: 'x'.repeat(43) }] };
      case '/ci/info':
      case '/iz/info':
        return has(resource.slice(1, 3)) ? { data: [{ deviceID: 'FAKE-1', deviceType: 'Dishwasher' }] } : { code: 404 };
      case '/ni/info':
        return { data: [{ interfaceID: 0, type: 'WiFi' }] };
      case '/ro/allDescriptionChanges':
        return { data: this.opts.descriptions ?? [] };
      case '/ro/allMandatoryValues':
        return { data: this.opts.values ?? [] };
      default:
        return {};
    }
  }
}

/** A tiny profile: DoorState (527) and a boolean (517); everything else unknown. */
export function stubProfile(): SessionProfile & { applied: DescriptionChangeItem[] } {
  const applied: DescriptionChangeItem[] = [];
  return {
    applied,
    decode(uid: number, raw: unknown): DecodedValue | undefined {
      if (uid === 527) return { uid, key: 'BSH.Common.Status.DoorState', kind: 'status', raw, value: raw === 0 ? 'Open' : 'Closed' };
      if (uid === 517) return { uid, key: 'BSH.Common.Status.RemoteControlStartAllowed', kind: 'status', raw, value: raw === true };
      return undefined;
    },
    applyDescriptionChange(item: DescriptionChangeItem): void {
      applied.push(item);
    },
    errorName(code: number): string | undefined {
      return code === 531 ? 'BSH.Common.Error.ValueOutOfRange' : code === 500 ? 'BSH.Common.Error.500.InternalServerError' : undefined;
    },
  };
}

// ---- ApplianceConnection over fake transports ------------------------------------------

export interface Attempt extends ScriptOptions {
  /** The link never opens: close with this (e.g. an 'offline' error). */
  refuse?: TransportClose;
  /** Pongs are not answered (stalled link). */
  stall?: boolean;
}

export interface Harness {
  conn: ApplianceConnection;
  transports: FakeTransport[];
  apps: ScriptedAppliance[];
  logs: Array<[string, string]>;
  factoryOptions: Array<Record<string, unknown>>;
}

/** A connection over fake transports; attempt i uses attempts[min(i, last)]. */
export function harness(attempts: Attempt[], timing: Partial<ConnectionTiming> = {}, record: ApplianceRecord = demoDishwasher): Harness {
  const transports: FakeTransport[] = [];
  const apps: ScriptedAppliance[] = [];
  const logs: Array<[string, string]> = [];
  const factoryOptions: Array<Record<string, unknown>> = [];
  const log = (level: string) => (m: string) => logs.push([level, m]);
  const conn = new ApplianceConnection({
    record,
    profile: profileFromRecord(record),
    deviceId: 'test-device-id',
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    timing: {
      requestTimeoutMs: 500,
      handshakeTimeoutMs: 2000,
      pingIntervalMs: 1000,
      deadAfterMs: 5000,
      backoffMinMs: 5,
      backoffMaxMs: 40,
      ...timing,
    },
    transportFactory: (opts) => {
      factoryOptions.push({ ...opts });
      const a = attempts[Math.min(transports.length, attempts.length - 1)] ?? {};
      const t = new FakeTransport({ ...opts });
      transports.push(t);
      apps.push(new ScriptedAppliance(t, a));
      if (a.stall) t.answerPings = false;
      if (a.refuse) {
        const info = a.refuse;
        setImmediate(() => t.drop(info));
      } else t.open();
      return t;
    },
  });
  return { conn, transports, apps, logs, factoryOptions };
}

export function waitState(conn: ApplianceConnection, state: ConnectionState, count = 1): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const l = (c: { state: ConnectionState }): void => {
      if (c.state === state && ++seen >= count) {
        conn.off('state', l);
        resolve();
      }
    };
    conn.on('state', l);
  });
}

export function nextValues(conn: ApplianceConnection): Promise<ValueChange[]> {
  return new Promise((resolve) => {
    const l = (v: ValueChange[]): void => {
      conn.off('values', l);
      resolve(v);
    };
    conn.on('values', l);
  });
}
