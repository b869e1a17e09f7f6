/**
 * One appliance, kept connected: state machine, liveness, reconnect with backoff, the value
 * store that survives reconnects, and the typed writes of ApplianceClient (protocol.md §3,
 * §7.1). Each (re)connect gets a fresh transport and Session; nothing is retried
 * automatically except the connection itself.
 */
import { createHash } from 'crypto';
import { EventEmitter } from 'events';
import * as os from 'os';
import { HomeConnectError, errorMessage } from '../errors';
import { profileFromRecord } from '../profile';
import { decodeKey } from '../profile/import';
import type { ApplianceRecord, DescriptionChangeItem, DecodedValue, Feature, WireItem, ConnectionType } from '../profile/types';
import { Backoff } from './backoff';
import { connectTransport, type TransportClose } from './client-transport';
import { safeEmit } from './safe-emit';
import { Session, formatSeconds, type SessionLogger, type SessionProfile, type SessionTransport } from './session';
import { TrafficLog } from './traffic-log';
import { ValueStore } from './value-store';
import { ConnectionWrites } from './connection-writes';
import type {
  ApplianceClient,
  ConnectionEvents,
  ConnectionState,
  DeviceInfo,
  OptionValues,
  RawResponse,
  StateChange,
  TrafficEntry,
  ValueChange,
  WriteResult,
} from './types';

/** What the connection needs of the profile (ApplianceProfile satisfies it). */
export interface ConnectionProfile extends SessionProfile {
  /** Never throws: undefined when unknown or ambiguous. */
  find(ref: string | number): Feature | undefined;
  resolve(ref: string | number): Feature;
  encodeValue(ref: string | number, value: unknown): WireItem;
  encodeProgram(ref: string | number): number;
  encodeOption(program: string | number | undefined, ref: string | number, value: unknown): WireItem;
  readonly roots: { activeProgram?: Feature; selectedProgram?: Feature };
  /** For the remote-start rules of the profile (ApplianceProfile has them; test doubles may not). */
  programs?(): Feature[];
  byUid?(uid: number): Feature | undefined;
}

/** What the connection needs of a client transport (ClientTransport satisfies it). */
export interface ClientTransportLike extends SessionTransport {
  ping(): void;
  close(): void;
  terminate(): void;
  on(event: 'open' | 'pong', listener: () => void): unknown;
  on(event: 'message', listener: (text: string) => void): unknown;
  on(event: 'close', listener: (info: TransportClose) => void): unknown;
  off(event: 'message', listener: (text: string) => void): unknown;
}

export interface TransportFactoryOptions {
  host: string;
  connectionType: ConnectionType;
  key: Buffer;
  iv?: Buffer;
  connectTimeoutMs?: number;
}

export interface ConnectionTiming {
  connectTimeoutMs: number;
  /** The whole handshake, from the socket opening to 'connected'. */
  handshakeTimeoutMs: number;
  /**
   * The appliance's opening POST /ei/initialValues, from the socket opening (default 15 s). A
   * stalled appliance otherwise holds the attempt for the whole handshakeTimeoutMs. Optional
   * so timing objects written before it existed stay valid.
   */
  initialMessageTimeoutMs?: number;
  requestTimeoutMs: number;
  pingIntervalMs: number;
  deadAfterMs: number;
  backoffMinMs: number;
  backoffMaxMs: number;
  refreshIntervalMs: number;
  /** With an addressLookup: how long an appliance may stay offline before it is looked up (default 60 s). */
  followAfterMs?: number;
}

export const DEFAULT_TIMING: Required<ConnectionTiming> = {
  connectTimeoutMs: 15_000,
  handshakeTimeoutMs: 60_000,
  initialMessageTimeoutMs: 15_000,
  requestTimeoutMs: 20_000,
  pingIntervalMs: 25_000,
  deadAfterMs: 60_000,
  backoffMinMs: 1_000,
  backoffMaxMs: 300_000,
  refreshIntervalMs: 3_600_000,
  followAfterMs: 60_000,
};

export interface ApplianceConnectionOptions {
  record: ApplianceRecord;
  /** Default: profileFromRecord(record). */
  profile?: ConnectionProfile;
  /** Default 'homeconnect-local'. */
  deviceName?: string;
  /** Stable per installation; default derived from the host name. */
  deviceId?: string;
  logger?: SessionLogger;
  timing?: Partial<ConnectionTiming>;
  /** Default connectTransport (src/protocol/client-transport). */
  transportFactory?: (opts: TransportFactoryOptions) => ClientTransportLike;
  /** Uniform [0,1) for backoff jitter (tests). */
  random?: () => number;
  /**
   * Follows address changes: called with the haId when the appliance has been offline for
   * timing.followAfterMs or its host name does not resolve; answers its current "host:port"
   * (e.g. found over mDNS by haId) or undefined. The key still proves it is the same appliance.
   */
  addressLookup?: (haId: string) => Promise<string | undefined>;
}

const STOP_GRACE_MS = 1_000;
const NOOP_LOGGER: SessionLogger = { debug() {}, info() {}, warn() {}, error() {} };

/** Device id used in /ei/initialValues: same for every connection of this installation. */
export function defaultDeviceId(hostname: string = os.hostname()): string {
  return createHash('sha256').update(`homeconnect-local\0${hostname}`).digest('hex').slice(0, 16);
}

interface Link {
  gen: number;
  transport: ClientTransportLike;
  closed: boolean;
  session?: Session;
  /**
   * Values read during the handshake (the initial read), latest per uid: held back until
   * 'connected' is announced, so listeners always see connected first, then the values.
   */
  early?: Map<number, DecodedValue>;
}

export class ApplianceConnection extends EventEmitter implements ApplianceClient {
  readonly haId: string;
  private readonly record: ApplianceRecord;
  private readonly timing: Required<ConnectionTiming>;
  private readonly logger: SessionLogger;
  private readonly deviceName: string;
  private readonly deviceId: string;
  private readonly backoff: Backoff;
  /** Last 100 messages in and out (diagnostics); redacts inbound NOTIFY/POST only when read. */
  private readonly trafficLog = new TrafficLog();
  /** Values, dynamic access and state history. */
  private readonly valueStore = new ValueStore();
  /** The typed write API; asks this connection for the live session. */
  private readonly writes = ((conn: ApplianceConnection) =>
    new ConnectionWrites({
      get profile() {
        return conn.profile;
      },
      get label() {
        return conn.label;
      },
      valueStore: conn.valueStore,
      requireConnected: () => conn.requireConnected(),
    }))(this);
  private readonly factoryOverride: ApplianceConnectionOptions['transportFactory'];
  private profileValue: ConnectionProfile | undefined;
  private stateValue: ConnectionState = 'disconnected';
  private reasonValue: string | undefined;
  private infoValue: DeviceInfo | undefined;
  private running = false;
  private gen = 0;
  private link: Link | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private pingTimer: NodeJS.Timeout | undefined;
  private deadTimer: NodeJS.Timeout | undefined;
  private handshakeTimer: NodeJS.Timeout | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Offline / auth-failed are logged once per streak, not once per retry. */
  private streakLogged: ConnectionState | undefined;
  /** Where it connects: the record's host until an address lookup finds the appliance elsewhere. */
  private hostValue: string;
  private readonly addressLookup: ApplianceConnectionOptions['addressLookup'];
  /** Start of the current failure streak, and of the last lookup (one lookup per followAfterMs). */
  private failingSince: number | undefined;
  private lastLookupAt = 0;
  private lookupRunning = false;

  constructor(opts: ApplianceConnectionOptions) {
    super();
    this.record = opts.record;
    this.haId = opts.record.haId;
    this.hostValue = opts.record.host;
    this.addressLookup = opts.addressLookup;
    this.profileValue = opts.profile;
    this.deviceName = opts.deviceName ?? 'homeconnect-local';
    this.deviceId = opts.deviceId ?? defaultDeviceId();
    this.logger = opts.logger ?? NOOP_LOGGER;
    this.timing = { ...DEFAULT_TIMING, ...definedOnly(opts.timing ?? {}) };
    this.factoryOverride = opts.transportFactory;
    this.backoff = new Backoff({
      minMs: this.timing.backoffMinMs,
      maxMs: this.timing.backoffMaxMs,
      ...(opts.random ? { random: opts.random } : {}),
    });
  }

  override on<E extends keyof ConnectionEvents>(event: E, listener: ConnectionEvents[E]): this {
    return super.on(event, listener);
  }

  override off<E extends keyof ConnectionEvents>(event: E, listener: ConnectionEvents[E]): this {
    return super.off(event, listener);
  }

  get state(): ConnectionState {
    return this.stateValue;
  }

  get lastReason(): string | undefined {
    return this.reasonValue;
  }

  get info(): DeviceInfo | undefined {
    return this.infoValue;
  }

  /** The address in use ("host" or "host:port"); differs from the record after an address change was followed. */
  get host(): string {
    return this.hostValue;
  }

  /** The profile in use (built from the record on first use when none was given). */
  get profile(): ConnectionProfile {
    // Built on first use so a bad record surfaces as an 'error' state from start(), not a throw.
    if (!this.profileValue) this.profileValue = profileFromRecord(this.record);
    return this.profileValue;
  }

  private get label(): string {
    return this.record.name ? `${this.record.name} (${this.haId})` : this.haId;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoff.reset();
    this.streakLogged = undefined;
    try {
      void this.profile;
    } catch (e) {
      this.running = false;
      this.setState('error', `The profile of ${this.label} cannot be used: ${errorMessage(e)}`);
      return;
    }
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    const link = this.link;
    this.teardown(undefined, false);
    if (this.stateValue !== 'disconnected') this.setState('disconnected', 'stopped');
    if (link && !link.closed) await this.waitClosed(link);
  }

  snapshot(): Record<string, unknown> {
    return this.valueStore.snapshot();
  }

  currentValues(): ValueChange[] {
    return this.valueStore.currentValues();
  }

  history(): StateChange[] {
    return this.valueStore.history();
  }

  traffic(): TrafficEntry[] {
    return this.trafficLog.entries();
  }

  // ---- writes ---------------------------------------------------------------------------

  setValues(values: Record<string, unknown>): Promise<WriteResult> {
    return this.writes.setValues(values);
  }

  selectProgram(program: string | number, options?: OptionValues): Promise<WriteResult> {
    return this.writes.selectProgram(program, options);
  }

  startProgram(program?: string | number, options?: OptionValues): Promise<WriteResult> {
    return this.writes.startProgram(program, options);
  }

  stopProgram(): Promise<WriteResult> {
    return this.writes.command('BSH.Common.Command.AbortProgram', true);
  }

  pauseProgram(): Promise<WriteResult> {
    return this.writes.command('BSH.Common.Command.PauseProgram', true);
  }

  resumeProgram(): Promise<WriteResult> {
    return this.writes.command('BSH.Common.Command.ResumeProgram', true);
  }

  command(key: string | number, value: unknown = true): Promise<WriteResult> {
    return this.writes.command(key, value);
  }

  request(resource: string, action: 'GET' | 'POST' | 'NOTIFY', data?: unknown[]): Promise<RawResponse> {
    return this.writes.request(resource, action, data);
  }

  private requireConnected(): Session {
    const session = this.link?.session;
    if (this.stateValue !== 'connected' || !session) {
      const why = this.reasonValue ? `: ${this.reasonValue}` : '';
      throw new HomeConnectError('not-connected', `${this.label} is not connected (${this.stateValue}${why}); nothing was sent.`);
    }
    return session;
  }

  // ---- connection lifecycle --------------------------------------------------------------

  private factory(opts: TransportFactoryOptions): ClientTransportLike {
    return this.factoryOverride ? this.factoryOverride(opts) : connectTransport(opts);
  }

  private connect(reason?: string): void {
    if (!this.running) return;
    const gen = ++this.gen;
    let key: Buffer;
    let iv: Buffer | undefined;
    try {
      key = decodeKey(this.record.key, 'key', this.label);
      if (this.record.connectionType === 'AES') iv = decodeKey(this.record.iv, 'iv', this.label);
    } catch (e) {
      // A broken key will not fix itself: report it once instead of retrying.
      this.running = false;
      this.setState('error', `${errorMessage(e)} Import the appliance again.`);
      return;
    }
    if (reason !== undefined) this.setState('connecting', reason);
    else if (this.stateValue !== 'offline' && this.stateValue !== 'auth-failed') {
      this.setState('connecting', `connecting to ${this.hostValue}`);
    }
    let transport: ClientTransportLike;
    try {
      const fo: TransportFactoryOptions = {
        host: this.hostValue,
        connectionType: this.record.connectionType,
        key,
        connectTimeoutMs: this.timing.connectTimeoutMs,
      };
      if (iv) fo.iv = iv;
      transport = this.factory(fo);
    } catch (e) {
      const err = e instanceof HomeConnectError ? e : new HomeConnectError('protocol', errorMessage(e));
      if (err.kind === 'validation') {
        // A bad host or key will not fix itself: report it once instead of retrying.
        this.running = false;
        this.setState('error', err.message);
      } else this.fail(err);
      return;
    }
    const link: Link = { gen, transport, closed: false };
    this.link = link;
    transport.on('open', () => this.guard(gen, () => this.onOpen(link)));
    transport.on('message', () => this.guard(gen, () => this.deadTimer?.refresh()));
    transport.on('pong', () => this.guard(gen, () => this.deadTimer?.refresh()));
    transport.on('close', (info: TransportClose) => {
      link.closed = true;
      this.guard(gen, () => this.onTransportClosed(info));
    });
  }

  /** Runs fn only for events of the current link; never lets an exception escape a callback. */
  private guard(gen: number, fn: () => void): void {
    if (gen !== this.gen || !this.running) return;
    try {
      fn();
    } catch (e) {
      this.logger.error(`${this.label}: internal error: ${errorMessage(e)}`);
    }
  }

  private onOpen(link: Link): void {
    if (this.stateValue === 'offline' || this.stateValue === 'auth-failed') {
      // A retry inside an offline / auth-failed streak stays quiet until it connects or fails
      // differently: AES only finds a wrong key at the first frame, after the socket opened, so
      // announcing 'handshaking' here would flap auth-failed → handshaking → auth-failed per retry.
      this.logger.debug(`${this.label}: socket open, waiting for the appliance to open the session (still ${this.stateValue})`);
    } else {
      this.setState('handshaking', 'connected to the appliance, waiting for it to open the session');
    }
    const session = new Session({
      transport: link.transport,
      profile: this.profile,
      deviceName: this.deviceName,
      deviceId: this.deviceId,
      requestTimeoutMs: this.timing.requestTimeoutMs,
      initialTimeoutMs: this.timing.initialMessageTimeoutMs,
      logger: this.logger,
    });
    link.session = session;
    link.early = new Map();
    const gen = link.gen;
    session.on('traffic', (direction, message, text) => this.trafficLog.record(direction, message, text));
    session.on('values', (values) =>
      this.guard(gen, () => {
        if (link.early) for (const v of values) link.early.set(v.uid, v);
        else this.onValues(values);
      }),
    );
    session.on('description', (items) => this.guard(gen, () => this.onDescription(items)));
    session.on('failure', (err) => this.guard(gen, () => this.fail(err)));
    this.pingTimer = setInterval(() => this.guard(gen, () => link.transport.ping()), this.timing.pingIntervalMs);
    this.deadTimer = setTimeout(
      () =>
        this.guard(gen, () =>
          this.fail(
            new HomeConnectError('timeout', `No frame from the appliance for ${formatSeconds(this.timing.deadAfterMs)}: the link is dead.`),
            'disconnected',
          ),
        ),
      this.timing.deadAfterMs,
    );
    this.handshakeTimer = setTimeout(
      () =>
        this.guard(gen, () =>
          this.fail(
            new HomeConnectError('timeout', `The handshake did not finish within ${formatSeconds(this.timing.handshakeTimeoutMs)}.`),
          ),
        ),
      this.timing.handshakeTimeoutMs,
    );
    session.handshake().then(
      (result) =>
        this.guard(gen, () => {
          clearTimeout(this.handshakeTimer);
          this.handshakeTimer = undefined;
          if (result.info) this.infoValue = result.info;
          this.backoff.reset();
          this.streakLogged = undefined;
          this.failingSince = undefined;
          this.setState('connected', 'handshake complete');
          const early = link.early;
          link.early = undefined;
          // A 'state' listener may have stopped the connection meanwhile.
          if (early?.size && gen === this.gen && this.running) this.onValues([...early.values()]);
          this.refreshTimer = setInterval(() => this.guard(gen, () => this.refresh(session)), this.timing.refreshIntervalMs);
        }),
      (e: unknown) =>
        this.guard(gen, () => this.fail(e instanceof HomeConnectError ? e : new HomeConnectError('protocol', errorMessage(e)))),
    );
  }

  private refresh(session: Session): void {
    session
      .request('/ro/allMandatoryValues', 'GET')
      .catch((e: unknown) => this.logger.warn(`${this.label}: hourly value refresh failed: ${errorMessage(e)}`));
  }

  private onValues(values: DecodedValue[]): void {
    const changes = this.valueStore.apply(values);
    if (changes.length) this.emitSafe('values', changes);
  }

  private onDescription(items: DescriptionChangeItem[]): void {
    this.valueStore.noteDescription(items);
    this.emitSafe('description', items);
  }

  private onTransportClosed(info: TransportClose): void {
    const err = info.error;
    if (err?.kind === 'offline') this.fail(err, 'offline');
    else if (err?.kind === 'auth-failed') {
      // Said once: the transport's own sentence names the key; the label is added where shown.
      const said = /\bkey\b/i.test(err.message);
      this.fail(
        said
          ? err
          : new HomeConnectError('auth-failed', `The appliance rejected the connection: the key (or iv) is wrong (${err.message})`),
        'auth-failed',
      );
    } else if (err) this.fail(err, 'error');
    else {
      const code = info.code !== undefined ? ` (code ${info.code})` : '';
      this.fail(new HomeConnectError('not-connected', `The appliance closed the connection${code}: ${info.reason}`), 'disconnected');
    }
  }

  /** Ends the current link for `err`, moves to `state` and schedules the next attempt. */
  private fail(err: HomeConnectError, state?: ConnectionState): void {
    const target: ConnectionState = state ?? (err.kind === 'offline' ? 'offline' : err.kind === 'auth-failed' ? 'auth-failed' : 'error');
    this.teardown(err, true);
    this.setState(target, err.message);
    this.scheduleReconnect();
    this.maybeFollow(err);
  }

  /**
   * Looks the appliance up by haId when it has been failing for followAfterMs, or at once when its
   * host name does not resolve; a new address is used right away (the pending retry is replaced).
   */
  private maybeFollow(err: HomeConnectError): void {
    const lookup = this.addressLookup;
    if (!lookup || this.lookupRunning || !this.running) return;
    const now = Date.now();
    this.failingSince ??= now;
    const unresolved = err.kind === 'offline' && ['ENOTFOUND', 'EAI_AGAIN'].includes(String(err.details?.code));
    const every = this.timing.followAfterMs;
    if (!unresolved && now - this.failingSince < every) return;
    if (now - this.lastLookupAt < every) return;
    this.lastLookupAt = now;
    this.lookupRunning = true;
    lookup(this.haId)
      .then((found) => {
        if (!found || !this.running || found === this.hostValue) return;
        if (this.stateValue === 'connected' || this.stateValue === 'handshaking') return;
        const from = this.hostValue;
        this.hostValue = found;
        this.logger.info(`${this.label}: address changed to ${found} (was ${from}); connecting there`);
        // Drop a pending attempt on the old address and its retry timer, then connect at once.
        this.teardown(undefined, true);
        this.connect(`address changed to ${found}`);
      })
      .catch((e: unknown) => this.logger.debug(`${this.label}: address lookup failed: ${errorMessage(e)}`))
      .finally(() => {
        this.lookupRunning = false;
      });
  }

  /** Drops the link and every per-link timer; later events of that link are ignored. */
  private teardown(err: HomeConnectError | undefined, abrupt: boolean): void {
    this.gen++;
    for (const t of [this.reconnectTimer, this.handshakeTimer, this.deadTimer]) clearTimeout(t);
    for (const t of [this.pingTimer, this.refreshTimer]) clearInterval(t);
    this.reconnectTimer = this.handshakeTimer = this.deadTimer = this.pingTimer = this.refreshTimer = undefined;
    const link = this.link;
    this.link = undefined;
    if (!link) return;
    link.session?.dispose(
      new HomeConnectError(
        'not-connected',
        `The connection to ${this.label} closed before the appliance answered${err ? ` (${err.message})` : ''}.`,
      ),
    );
    if (!link.closed) {
      try {
        if (abrupt) link.transport.terminate();
        else link.transport.close();
      } catch (e) {
        this.logger.debug(`${this.label}: closing the socket failed: ${errorMessage(e)}`);
      }
    }
  }

  private waitClosed(link: Link): Promise<void> {
    return new Promise<void>((resolve) => {
      const guardTimer = setTimeout(() => {
        try {
          link.transport.terminate();
        } catch {
          /* already gone */
        }
        resolve();
      }, STOP_GRACE_MS);
      link.transport.on('close', () => {
        clearTimeout(guardTimer);
        resolve();
      });
      if (link.closed) {
        clearTimeout(guardTimer);
        resolve();
      }
    });
  }

  private scheduleReconnect(): void {
    if (!this.running) return;
    const delay = this.backoff.next();
    this.logger.debug(`${this.label}: next connection attempt in ${formatSeconds(delay)}`);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      try {
        this.connect();
      } catch (e) {
        this.logger.error(`${this.label}: reconnect failed: ${errorMessage(e)}`);
      }
    }, delay);
  }

  private setState(state: ConnectionState, reason?: string): void {
    if (state === this.stateValue && reason === this.reasonValue) return;
    this.stateValue = state;
    this.reasonValue = reason;
    const change: StateChange = { state, at: Date.now() };
    if (reason !== undefined) change.reason = reason;
    this.valueStore.pushHistory(change);
    this.log(state, reason);
    this.emitSafe('state', { ...change });
  }

  private log(state: ConnectionState, reason: string | undefined): void {
    const msg = `${this.label}: ${state}${reason ? ` (${reason})` : ''}`;
    if (state === 'offline' || state === 'auth-failed') {
      if (this.streakLogged === state) return this.logger.debug(msg);
      this.streakLogged = state;
      if (state === 'offline') this.logger.info(`${msg}; retrying quietly`);
      else this.logger.error(msg);
      return;
    }
    if (state === 'error') this.logger.warn(msg);
    else if (state === 'connected') this.logger.info(msg);
    else this.logger.debug(msg);
  }

  private emitSafe(event: string, ...args: unknown[]): void {
    safeEmit(this, this.reportListenerError, event, ...args);
  }

  private readonly reportListenerError = (sentence: string): void => this.logger.error(`${this.label}: ${sentence}`);
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => typeof v === 'number' && Number.isFinite(v))) as Partial<T>;
}
