/**
 * A minimal protocol client for tests: opens the real client transport and lets a test send
 * exact frames (right or deliberately wrong) and wait for specific appliance messages.
 * It only helps with bookkeeping (sID, msgID counter, service versions); it never fixes
 * what a test sends.
 */
import * as fs from 'fs';
import type { ApplianceRecord, ConnectionType } from '../../src/profile/types';
import { readDescriptionInfo } from '../../src/profile/import';
import { rawProfilePairs } from './paths';
import { connectTransport, type ClientTransport, type TransportClose } from '../../src/protocol/client-transport';
import type { Action, Message } from '../../src/protocol/message';

export interface RawClientOptions {
  host: string;
  connectionType: ConnectionType;
  key: Buffer;
  iv?: Buffer;
  /** Default 3000 ms for every wait. */
  timeoutMs?: number;
}

export type CloseInfo = TransportClose;

interface Waiter {
  match: (m: Message) => boolean;
  resolve: (m: Message) => void;
}

export class RawClient {
  /** Every parsed appliance message, in arrival order. */
  readonly inbox: Message[] = [];
  /** Frames that were not JSON. */
  readonly garbage: string[] = [];
  sID = 0;
  /** Next client msgID (starts at edMsgID). */
  nextMsgId = 0;
  readonly versions = new Map<string, number>();
  closeInfo: CloseInfo | undefined;
  private readonly consumed = new Set<Message>();
  private readonly waiters: Waiter[] = [];
  private readonly closeWaiters: Array<(c: CloseInfo) => void> = [];
  private readonly timeoutMs: number;

  private constructor(
    readonly transport: ClientTransport,
    timeoutMs: number,
  ) {
    this.timeoutMs = timeoutMs;
    transport.on('message', (text: string) => this.onMessage(text));
    transport.on('close', (info: TransportClose) => {
      this.closeInfo = info;
      for (const w of this.closeWaiters.splice(0)) w(this.closeInfo);
    });
  }

  /** Connects; resolves on open, rejects with the close info when the connection fails. */
  static connect(opts: RawClientOptions): Promise<RawClient> {
    const t = connectTransport({
      host: opts.host,
      connectionType: opts.connectionType,
      key: opts.key,
      ...(opts.iv ? { iv: opts.iv } : {}),
    });
    const client = new RawClient(t, opts.timeoutMs ?? 3000);
    return new Promise((resolve, reject) => {
      t.once('open', () => resolve(client));
      t.once('close', (info: CloseInfo) => reject(Object.assign(new Error(`connection closed: ${info.reason}`), { info })));
    });
  }

  private onMessage(text: string): void {
    let m: Message;
    try {
      m = JSON.parse(text) as Message;
    } catch {
      this.garbage.push(text);
      return;
    }
    this.inbox.push(m);
    const i = this.waiters.findIndex((w) => w.match(m));
    if (i >= 0) {
      const [w] = this.waiters.splice(i, 1);
      this.consumed.add(m);
      w.resolve(m);
    }
  }

  /** The first not yet consumed appliance message matching `match` (already received or future). */
  waitFor(match: (m: Message) => boolean, what = 'a matching message', timeoutMs = this.timeoutMs): Promise<Message> {
    const have = this.inbox.find((m) => !this.consumed.has(m) && match(m));
    if (have) {
      this.consumed.add(have);
      return Promise.resolve(have);
    }
    return new Promise((resolve, reject) => {
      const w: Waiter = {
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(w);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** Resolves when the connection closes (immediately if it already has). */
  closed(timeoutMs = this.timeoutMs): Promise<CloseInfo> {
    if (this.closeInfo) return Promise.resolve(this.closeInfo);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for the connection to close')), timeoutMs);
      this.closeWaiters.push((c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
  }

  sendText(text: string): Promise<void> {
    return this.transport.send(text);
  }

  send(obj: unknown): Promise<void> {
    return this.transport.send(JSON.stringify(obj));
  }

  /** Waits for POST /ei/initialValues and takes sID/edMsgID from it. */
  async initialValues(): Promise<Message> {
    const m = await this.waitFor((x) => x.resource === '/ei/initialValues' && x.action === 'POST', 'POST /ei/initialValues');
    this.sID = m.sID;
    this.nextMsgId = (m.data?.[0] as { edMsgID: number }).edMsgID;
    this.versions.set('ei', m.version);
    return m;
  }

  /** The correct reply to initialValues (or a variant with `data` replaced). */
  replyInitialValues(init: Message, data?: unknown[]): Promise<void> {
    const deviceType = init.version >= 2 ? 'Application' : 2;
    return this.send({
      sID: init.sID,
      msgID: init.msgID,
      resource: '/ei/initialValues',
      version: init.version,
      action: 'RESPONSE',
      data: data ?? [{ deviceType, deviceName: 'raw-client', deviceID: '0badcafe' }],
    });
  }

  /** Envelope for the next client request (consumes a msgID). */
  envelope(resource: string, action: Action, data?: unknown[]): Message {
    const service = resource.split('/')[1] ?? '';
    const m: Message = {
      sID: this.sID,
      msgID: this.nextMsgId++,
      resource,
      version: resource === '/ci/services' ? 1 : (this.versions.get(service) ?? 1),
      action,
    };
    if (data !== undefined) m.data = data;
    return m;
  }

  /** Sends a request and waits for the RESPONSE with its msgID (NOTIFY: resolves after sending). */
  async request(resource: string, action: Action = 'GET', data?: unknown[]): Promise<Message | undefined> {
    const m = this.envelope(resource, action, data);
    return this.sendEnvelope(m);
  }

  /** Sends a prepared envelope and waits for its RESPONSE. */
  async sendEnvelope(m: Message | Record<string, unknown>): Promise<Message | undefined> {
    await this.send(m);
    if (m.action === 'NOTIFY') return undefined;
    return this.waitFor((x) => x.action === 'RESPONSE' && x.msgID === m.msgID, `RESPONSE to ${String(m.resource)} #${String(m.msgID)}`);
  }

  /** The whole correct handshake for the advertised services; returns the collected answers. */
  async handshake(): Promise<{ services: Message; info?: Message; values: Message; descriptions: Message }> {
    const init = await this.initialValues();
    await this.replyInitialValues(init);
    const services = (await this.request('/ci/services'))!;
    for (const s of (services.data ?? []) as Array<{ service: string; version: number }>) this.versions.set(s.service, s.version);
    let info: Message | undefined;
    if (this.versions.has('iz')) {
      info = await this.request('/iz/info');
    } else {
      await this.request('/ci/authentication', 'GET', [{ nonce: 'A'.repeat(43) }]);
      info = await this.request('/ci/info');
    }
    if ((this.versions.get('ei') ?? 1) >= 2) await this.request('/ei/deviceReady', 'NOTIFY');
    if (this.versions.has('ni')) await this.request('/ni/info');
    const descriptions = (await this.request('/ro/allDescriptionChanges'))!;
    const values = (await this.request('/ro/allMandatoryValues'))!;
    return { services, info, values, descriptions };
  }

  /** Appliance NOTIFY /ro/values items received so far, flattened. */
  notifiedValues(): Array<{ uid: number; value: unknown }> {
    return this.inbox
      .filter((m) => m.action === 'NOTIFY' && m.resource === '/ro/values')
      .flatMap((m) => (m.data ?? []) as Array<{ uid: number; value: unknown }>);
  }

  close(): void {
    this.transport.terminate();
  }
}

/** Connection options for a simulator built from `record` (keys decoded from the record). */
export function clientOptionsFor(
  record: { key: string; iv?: string; connectionType: ConnectionType },
  host: string,
  transport: ConnectionType = record.connectionType,
): RawClientOptions {
  const opts: RawClientOptions = { host, connectionType: transport, key: Buffer.from(record.key, 'base64url') };
  if (transport === 'AES' && record.iv) opts.iv = Buffer.from(record.iv, 'base64url');
  return opts;
}

const FIXED_KEY = Buffer.from(Array.from({ length: 32 }, (_, i) => i)).toString('base64url');
const FIXED_IV = Buffer.from(Array.from({ length: 16 }, (_, i) => 16 + i)).toString('base64url');

/** A record around a real profile pair from test/fixtures/profiles/raw, with a fixed test key. */
export function realRecord(name: string, connectionType: ConnectionType): ApplianceRecord {
  const pair = rawProfilePairs().find((p) => p.name === name);
  if (!pair) throw new Error(`profile ${name} not found`);
  const [brand, vib] = name.split('-');
  const deviceDescription = fs.readFileSync(pair.description, 'utf8');
  return {
    haId: name,
    name: vib,
    brand,
    type: readDescriptionInfo(deviceDescription).type ?? 'Unknown',
    vib,
    host: '127.0.0.1',
    connectionType,
    key: FIXED_KEY,
    ...(connectionType === 'AES' ? { iv: FIXED_IV } : {}),
    deviceDescription,
    featureMapping: fs.readFileSync(pair.featureMapping, 'utf8'),
  };
}
