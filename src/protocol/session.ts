/**
 * One websocket session with an appliance (protocol.md §3): the ids, the handshake, request /
 * response correlation and the decoding of appliance NOTIFYs. Pure message logic over a
 * transport-like object (text in, text out), so unit tests can script it; sockets, liveness
 * and reconnects belong to ApplianceConnection. Nothing here survives a reconnect.
 */
import { randomBytes as cryptoRandomBytes } from 'crypto';
import { EventEmitter } from 'events';
import { HomeConnectError, errorMessage } from '../errors';
import type { DecodedValue, DescriptionChangeItem } from '../profile/types';
import type { Action, Message } from './message';
import { safeEmit } from './safe-emit';
import type { DeviceInfo } from './types';
import { isPlainObject } from '../guards';

/** What the session needs of a transport: send text, and 'message' events with text. */
export interface SessionTransport {
  send(text: string): Promise<void>;
  on(event: 'message', listener: (text: string) => void): unknown;
  off(event: 'message', listener: (text: string) => void): unknown;
}

/**
 * What the session needs of the appliance profile (ApplianceProfile satisfies it). None of
 * these may throw, for any input: the session calls them on what the appliance sent.
 */
export interface SessionProfile {
  /** Undefined for unknown uids and unusable values. */
  decode(uid: number, raw: unknown): DecodedValue | undefined;
  /** Unknown uids and malformed fields are ignored. */
  applyDescriptionChange(item: DescriptionChangeItem): void;
  errorName(code: number): string | undefined;
}

export interface SessionLogger {
  debug(m: string): void;
  info(m: string): void;
  warn(m: string): void;
  error(m: string): void;
}

export interface SessionOptions {
  transport: SessionTransport;
  profile: SessionProfile;
  /** Free text shown by the appliance's registered-device list. */
  deviceName: string;
  /** Stable per installation (protocol.md §3.4). */
  deviceId: string;
  /** Per request; default 20 s (§3.4 timing guidance). */
  requestTimeoutMs?: number;
  /** How long to wait for the appliance's POST /ei/initialValues; default 30 s. */
  initialTimeoutMs?: number;
  logger?: SessionLogger;
  /** Injectable for tests; default crypto.randomBytes. */
  randomBytes?: (n: number) => Buffer;
}

export interface HandshakeResult {
  sID: number;
  /** service → version from GET /ci/services. */
  services: Record<string, number>;
  /** /iz/info or /ci/info data[0], when the appliance answered it. */
  info?: DeviceInfo;
}

export interface SessionEvents {
  /** Values decoded through the profile (unknown uids dropped), one batch per message. */
  values: (values: DecodedValue[]) => void;
  /** Description-change items, after profile.applyDescriptionChange. */
  description: (items: DescriptionChangeItem[]) => void;
  /** Every parsed message in or out (unparsable inbound text as `{ unparsed }`). */
  /** `text`: the frame as sent or received (the traffic log keeps a truncated copy of it). */
  traffic: (direction: 'in' | 'out', message: unknown, text?: string) => void;
  /** The session cannot continue (malformed frame, wrong first message): close and retry. */
  failure: (error: HomeConnectError) => void;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 20_000;
export const DEFAULT_INITIAL_TIMEOUT_MS = 30_000;
/** Items of one frame that are used (README "Limits"); the rest is dropped with a warning. */
export const MAX_ITEMS_PER_FRAME = 1000;

interface Pending {
  resolve: (m: Message) => void;
  reject: (e: HomeConnectError) => void;
  timer: NodeJS.Timeout;
}

/** Service of a resource: its first path segment (`/ro/values` → `ro`). */
export function serviceOf(resource: string): string {
  return resource.split('/')[1] ?? '';
}

/** Envelope as text with the key order the firmware expects (§3.1). */
export function serializeMessage(m: Message): string {
  const ordered: Record<string, unknown> = {
    sID: m.sID,
    msgID: m.msgID,
    resource: m.resource,
    version: m.version,
    action: m.action,
  };
  if (m.data !== undefined) ordered.data = m.data;
  if (m.code !== undefined) ordered.code = m.code;
  return JSON.stringify(ordered);
}

/** Parses one frame defensively (§3.1); throws HomeConnectError('protocol') when unusable. */
export function parseMessage(text: string): Message {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new HomeConnectError('protocol', 'The appliance sent a frame that is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HomeConnectError('protocol', 'The appliance sent a frame that is not a JSON object.');
  }
  const o = parsed as Record<string, unknown>;
  if (typeof o.action !== 'string' || typeof o.resource !== 'string') {
    throw new HomeConnectError('protocol', 'The appliance sent a message without action or resource.');
  }
  const m: Message = {
    sID: toInt(o.sID),
    msgID: toInt(o.msgID),
    resource: o.resource,
    version: toInt(o.version, 1),
    action: o.action as Action,
  };
  if (Array.isArray(o.data)) m.data = o.data;
  if (o.code !== undefined && o.code !== null) m.code = toInt(o.code);
  return m;
}

function toInt(v: unknown, fallback = 0): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

export class Session extends EventEmitter {
  private readonly transport: SessionTransport;
  private readonly profile: SessionProfile;
  private readonly opts: SessionOptions;
  private readonly requestTimeoutMs: number;
  private readonly pending = new Map<number, Pending>();
  private readonly services = new Map<string, number>();
  private readonly listener = (text: string): void => this.onText(text);
  private sID: number | undefined;
  private warnedItems = false;
  private nextMsgId = 0;
  private initialWaiter: { resolve: () => void; reject: (e: HomeConnectError) => void; timer: NodeJS.Timeout } | undefined;
  private closed = false;
  private failed: HomeConnectError | undefined;

  constructor(opts: SessionOptions) {
    super();
    this.opts = opts;
    this.transport = opts.transport;
    this.profile = opts.profile;
    this.requestTimeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.transport.on('message', this.listener);
  }

  override on<E extends keyof SessionEvents>(event: E, listener: SessionEvents[E]): this {
    return super.on(event, listener);
  }

  /** Session id from /ei/initialValues (undefined before it arrived). */
  get sessionId(): number | undefined {
    return this.sID;
  }

  /** Version a request to `resource` uses: the advertised one of its service, default 1. */
  versionFor(resource: string): number {
    return this.services.get(serviceOf(resource)) ?? 1;
  }

  /** Runs the handshake of §3.4; resolves once both ro reads succeeded. */
  async handshake(): Promise<HandshakeResult> {
    await this.waitForInitialValues();
    const services = await this.request('/ci/services', 'GET', undefined, { version: 1 });
    for (const item of services.data ?? []) {
      if (isPlainObject(item) && typeof item.service === 'string') {
        const v = toInt(item.version, 1);
        this.services.set(item.service, v > 0 ? v : 1);
      }
    }
    let info: DeviceInfo | undefined;
    if (!this.services.has('iz')) {
      const nonce = (this.opts.randomBytes ?? cryptoRandomBytes)(32).toString('base64url').replace(/=+$/, '');
      await this.optional('/ci/authentication', [{ nonce }]);
      info = firstObject(await this.optional('/ci/info'));
    } else {
      info = firstObject(await this.optional('/iz/info'));
    }
    if ((this.services.get('ei') ?? 1) >= 2) await this.send('/ei/deviceReady', 'NOTIFY');
    if (this.services.has('ni')) await this.optional('/ni/info');
    // Both answers are applied to the profile/values as they arrive (see dispatch).
    await this.request('/ro/allDescriptionChanges', 'GET');
    await this.request('/ro/allMandatoryValues', 'GET');
    const result: HandshakeResult = { sID: this.sID!, services: Object.fromEntries(this.services) };
    if (info) result.info = info;
    return result;
  }

  /**
   * Sends a GET/POST and resolves with the RESPONSE; rejects with HomeConnectError
   * 'appliance-error' when it carries a code, 'timeout' when none arrives in time.
   */
  async request(
    resource: string,
    action: 'GET' | 'POST',
    data?: unknown[],
    opts: { timeoutMs?: number; version?: number } = {},
  ): Promise<Message> {
    const response = await this.exchange(resource, action, data, opts);
    if (response.code !== undefined) throw this.applianceError(action, resource, response.code);
    return response;
  }

  /** Like request() but resolves with error RESPONSEs too (for raw requests). */
  exchange(
    resource: string,
    action: 'GET' | 'POST',
    data?: unknown[],
    opts: { timeoutMs?: number; version?: number } = {},
  ): Promise<Message> {
    if (this.closed || this.failed) return Promise.reject(this.notConnected());
    if (this.sID === undefined) {
      return Promise.reject(new HomeConnectError('not-connected', 'The appliance has not opened the session yet.'));
    }
    const msg = this.envelope(resource, action, data, opts.version);
    const timeoutMs = opts.timeoutMs ?? this.requestTimeoutMs;
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(msg.msgID);
        reject(
          new HomeConnectError('timeout', `The appliance did not answer ${action} ${resource} within ${formatSeconds(timeoutMs)}.`, {
            details: { resource, action },
          }),
        );
      }, timeoutMs);
      this.pending.set(msg.msgID, { resolve, reject, timer });
      this.write(msg).catch((e: unknown) => {
        const p = this.pending.get(msg.msgID);
        if (!p) return;
        clearTimeout(p.timer);
        this.pending.delete(msg.msgID);
        p.reject(asConnectionError(e, `${action} ${resource}`));
      });
    });
  }

  /** Sends a NOTIFY (consumes a msgID; no answer expected). */
  async send(resource: string, action: 'NOTIFY', data?: unknown[]): Promise<void> {
    if (this.closed || this.failed) throw this.notConnected();
    if (this.sID === undefined) throw new HomeConnectError('not-connected', 'The appliance has not opened the session yet.');
    try {
      await this.write(this.envelope(resource, action, data));
    } catch (e) {
      throw asConnectionError(e, `${action} ${resource}`);
    }
  }

  /** The HomeConnectError for an error RESPONSE, named through the profile (§3.9). */
  applianceError(action: string, resource: string, code: number): HomeConnectError {
    const codeName = this.profile.errorName(code);
    const named = codeName ? `${code} (${codeName})` : `${code}`;
    return new HomeConnectError('appliance-error', `The appliance refused ${action} ${resource} with error ${named}.`, {
      code,
      ...(codeName ? { codeName } : {}),
      details: { resource, action },
    });
  }

  /** Stops listening and rejects everything pending; idempotent. */
  dispose(reason?: HomeConnectError): void {
    if (this.closed) return;
    this.closed = true;
    this.transport.off('message', this.listener);
    const err = reason ?? this.notConnected();
    this.rejectAll(err);
  }

  private notConnected(): HomeConnectError {
    return this.failed ?? new HomeConnectError('not-connected', 'The connection to the appliance is closed.');
  }

  private rejectAll(err: HomeConnectError): void {
    if (this.initialWaiter) {
      clearTimeout(this.initialWaiter.timer);
      const w = this.initialWaiter;
      this.initialWaiter = undefined;
      w.reject(err);
    }
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(err);
    }
  }

  private async optional(resource: string, data?: unknown[]): Promise<unknown[] | undefined> {
    try {
      return (await this.request(resource, 'GET', data)).data;
    } catch (e) {
      if (e instanceof HomeConnectError && e.kind === 'appliance-error') {
        this.opts.logger?.debug(`handshake: ${e.message} (optional step, continuing)`);
        return undefined;
      }
      throw e;
    }
  }

  private waitForInitialValues(): Promise<void> {
    if (this.sID !== undefined) return Promise.resolve();
    if (this.closed || this.failed) return Promise.reject(this.notConnected());
    const timeoutMs = this.opts.initialTimeoutMs ?? DEFAULT_INITIAL_TIMEOUT_MS;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.initialWaiter = undefined;
        reject(
          new HomeConnectError(
            'timeout',
            `The appliance did not open the session (no /ei/initialValues within ${formatSeconds(timeoutMs)}).`,
          ),
        );
      }, timeoutMs);
      this.initialWaiter = { resolve, reject, timer };
    });
  }

  private envelope(resource: string, action: Action, data?: unknown[], version?: number): Message {
    const msg: Message = {
      sID: this.sID!,
      msgID: this.nextMsgId++,
      resource,
      version: version ?? this.versionFor(resource),
      action,
    };
    if (data !== undefined) msg.data = data;
    return msg;
  }

  private write(msg: Message): Promise<void> {
    const text = serializeMessage(msg);
    this.emitSafe('traffic', 'out', msg, text);
    return this.transport.send(text);
  }

  private onText(text: string): void {
    if (this.closed || this.failed) return;
    let msg: Message;
    try {
      msg = parseMessage(text);
    } catch (e) {
      this.emitSafe('traffic', 'in', { unparsed: String(text).slice(0, 200) });
      this.fail(e instanceof HomeConnectError ? e : new HomeConnectError('protocol', errorMessage(e)));
      return;
    }
    this.emitSafe('traffic', 'in', msg, text);
    try {
      this.dispatch(msg);
    } catch (e) {
      // Decoding must never break the session; anything unexpected is logged and dropped.
      this.opts.logger?.warn(`ignored a message the library could not handle (${msg.action} ${msg.resource}): ${errorMessage(e)}`);
    }
  }

  private dispatch(msg: Message): void {
    if (msg.action === 'POST' && msg.resource === '/ei/initialValues') {
      this.onInitialValues(msg);
      return;
    }
    if (this.sID === undefined) {
      this.fail(
        new HomeConnectError(
          'protocol',
          `The appliance did not start the session with /ei/initialValues (got ${msg.action} ${msg.resource}).`,
        ),
      );
      return;
    }
    switch (msg.action) {
      case 'RESPONSE': {
        const p = this.pending.get(msg.msgID);
        if (!p) {
          this.opts.logger?.debug(`ignored RESPONSE ${msg.resource} with unknown msgID ${msg.msgID}`);
          return;
        }
        clearTimeout(p.timer);
        this.pending.delete(msg.msgID);
        // Full reads update state whoever asked (handshake, hourly refresh, raw request).
        if (msg.code === undefined && msg.resource === '/ro/allMandatoryValues') this.applyValueItems(msg.data, msg.resource);
        if (msg.code === undefined && msg.resource === '/ro/allDescriptionChanges') this.applyDescriptionItems(msg.data, msg.resource);
        p.resolve(msg);
        return;
      }
      case 'NOTIFY':
        if (msg.resource === '/ro/values') this.applyValueItems(msg.data);
        else if (msg.resource === '/ro/descriptionChange') this.applyDescriptionItems(msg.data);
        else this.opts.logger?.debug(`ignored NOTIFY ${msg.resource}`);
        return;
      case 'POST':
        // Unanswered appliance POSTs reportedly stall the stream; acknowledge with [{}] (protocol.md §3.2).
        this.reply(msg, [{}]);
        return;
      default:
        this.opts.logger?.debug(`ignored ${msg.action} ${msg.resource} from the appliance`);
    }
  }

  private onInitialValues(msg: Message): void {
    const first = firstObject(msg.data);
    const ed = first ? toInt(first.edMsgID, NaN) : NaN;
    if (!Number.isFinite(ed)) {
      this.fail(new HomeConnectError('protocol', 'The appliance sent /ei/initialValues without edMsgID.'));
      return;
    }
    // A repeated initialValues means the appliance restarted its side: follow its new ids.
    this.sID = msg.sID;
    this.nextMsgId = ed;
    const deviceType: string | number = msg.version >= 2 ? 'Application' : 2;
    this.reply(msg, [{ deviceType, deviceName: this.opts.deviceName, deviceID: this.opts.deviceId }]);
    if (this.initialWaiter) {
      clearTimeout(this.initialWaiter.timer);
      const w = this.initialWaiter;
      this.initialWaiter = undefined;
      w.resolve();
    }
  }

  private reply(to: Message, data: unknown[]): void {
    const msg: Message = { sID: to.sID, msgID: to.msgID, resource: to.resource, version: to.version, action: 'RESPONSE', data };
    this.write(msg).catch((e: unknown) => this.opts.logger?.debug(`could not answer ${to.resource}: ${errorMessage(e)}`));
  }

  private applyDescriptionItems(data: unknown[] | undefined, resource = '/ro/descriptionChange'): void {
    const items: DescriptionChangeItem[] = [];
    for (const entry of this.bounded(data, resource)) {
      if (!isPlainObject(entry)) continue;
      const uid = toInt(entry.uid, NaN);
      if (!Number.isFinite(uid)) continue;
      const item = { ...entry, uid } as DescriptionChangeItem;
      this.profile.applyDescriptionChange(item);
      items.push(item);
    }
    // Values only after every change of the batch is applied: a change may swap a decoder.
    const decoded: DecodedValue[] = [];
    for (const item of items) if ('value' in item) this.decodeInto(decoded, item.uid, item.value);
    if (items.length) this.emitSafe('description', items);
    if (decoded.length) this.emitSafe('values', decoded);
  }

  /** The /ro/values hot path: one pass, decoded straight into the batch. */
  /**
   * At most MAX_ITEMS_PER_FRAME items of a frame are used (real appliances send a few dozen per
   * NOTIFY and a few hundred in a full read); the excess is dropped with one warning per
   * session, so a hostile frame cannot become tens of thousands of messages in the flows.
   */
  private bounded(data: unknown[] | undefined, resource: string): unknown[] {
    if (!data) return [];
    if (data.length <= MAX_ITEMS_PER_FRAME) return data;
    const text = `the appliance sent ${data.length} items in one ${resource} frame; only the first ${MAX_ITEMS_PER_FRAME} are used`;
    if (this.warnedItems) this.opts.logger?.debug(text);
    else this.opts.logger?.warn(`${text} (further such frames are logged at debug level)`);
    this.warnedItems = true;
    return data.slice(0, MAX_ITEMS_PER_FRAME);
  }

  private applyValueItems(data: unknown[] | undefined, resource = '/ro/values'): void {
    const decoded: DecodedValue[] = [];
    for (const entry of this.bounded(data, resource)) {
      if (!isPlainObject(entry) || !('value' in entry)) continue;
      const uid = toInt(entry.uid, NaN);
      if (Number.isFinite(uid)) this.decodeInto(decoded, uid, entry.value);
    }
    if (decoded.length) this.emitSafe('values', decoded);
  }

  private decodeInto(decoded: DecodedValue[], uid: number, value: unknown): void {
    const d = this.profile.decode(uid, value);
    if (d) decoded.push(d);
    else this.opts.logger?.debug(`ignored value for uid ${uid}, which the profile does not know`);
  }

  private fail(err: HomeConnectError): void {
    if (this.failed || this.closed) return;
    this.failed = err;
    this.rejectAll(err);
    this.emitSafe('failure', err);
  }

  /** Listener exceptions must not escape into socket callbacks. */
  private emitSafe(event: string, ...args: unknown[]): void {
    safeEmit(this, this.reportListenerError, event, ...args);
  }

  private readonly reportListenerError = (sentence: string): void => this.opts.logger?.error(sentence);
}

function firstObject(data: unknown[] | undefined): Record<string, unknown> | undefined {
  const first = data?.[0];
  return isPlainObject(first) ? first : undefined;
}

/** A duration for a message: "2.5 s", or "800 ms" below a second. */
export function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/** A send that failed: nothing reached the appliance (details.sent = false). */
function asConnectionError(e: unknown, what: string): HomeConnectError {
  return new HomeConnectError('not-connected', `Could not send ${what}: ${errorMessage(e)}`, {
    cause: e,
    details: { sent: false },
  });
}
