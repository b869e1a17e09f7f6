/**
 * A simulated Home Connect appliance: the server side of protocol.md §3 over the real
 * transports (TLS-PSK or AES websocket), built from any ApplianceRecord. It speaks first,
 * checks what clients send as strictly as real firmware does (recording every violation),
 * answers with the real error codes, runs programs in scaled time and can inject faults.
 */
import { ApplianceAdvertiser, type AdvertisedAppliance } from '../discovery/advertiser';
import * as crypto from 'crypto';
import { EventEmitter } from 'events';
import * as net from 'net';
import { HomeConnectError, errorMessage } from '../errors';
import { decodeKey } from '../profile/import/key-material';
import { profileFromRecord, type ApplianceProfile } from '../profile';
import type { ApplianceRecord, DescriptionChangeItem, WireItem, ConnectionType } from '../profile/types';
import type { Message } from '../protocol/message';
import { serializeMessage } from '../protocol/session';
import { startApplianceServer, type ApplianceServer, type ServerConnection } from '../protocol/server-transport';
import { deviceInfo, macHex, networkInfo } from './canned-payloads';
import { ApplianceBehaviour, numberOr0 } from './appliance-behaviour';
import type { Answer, ClientLink } from './client-link';
import { DoorAlarms } from './door-alarms';
import { makeFaults, type FaultSwitches, type SimulatorFaults } from './faults';
import { zoneLevelChanged } from './hob-zones';
import { ProgramRunner, type RunPhase } from './program-runner';
import { serviceList, serviceVersions, type ServiceSetName } from './service-sets';
import { SimulatorQuirks, type SimulatorQuirkOptions } from './quirks';
import { ErrorCode, SimulatedState } from './simulated-state';
import { checkEnvelope, checkInitialValuesReply, parseProgramRequest } from './strict-checks';

export type { SimulatorFaults } from './faults';

export interface ApplianceSimulatorOptions {
  record: ApplianceRecord;
  /** Default: record.connectionType. */
  transport?: ConnectionType;
  /** Advertised service set (protocol.md §3.4). Default 'iz'. */
  services?: ServiceSetName;
  host?: string;
  port?: number;
  /** Program seconds per real second. Default 1. */
  timeScale?: number;
  sID?: number;
  edMsgID?: number;
  log?: (line: string) => void;
  /** Start refusals of fussy appliances (see SimulatorQuirkOptions); changeable later through `quirks.set`. */
  quirks?: SimulatorQuirkOptions;
  /** Announce the appliance over mDNS like a real one (README "Finding appliances"); interface: e.g. 127.0.0.1. */
  advertise?: { interface?: string; port?: number };
}

const HIGH_BIT = 2 ** 31;

function random32Above2p31(): number {
  return HIGH_BIT + crypto.randomInt(0, 2 ** 30);
}

/** How many client messages `received` keeps; a long `simulate` run must not grow without bound. */
export const RECEIVED_LIMIT = 10_000;

export class ApplianceSimulator extends EventEmitter {
  /** The most recent client messages, oldest first: at most `receivedLimit` (older ones are dropped). */
  readonly received: Message[] = [];
  /** Cap of `received`; tests may lower it. */
  receivedLimit = RECEIVED_LIMIT;
  readonly violations: string[] = [];
  connectionCount = 0;
  readonly faults: SimulatorFaults;
  /** Start refusals of fussy appliances, switchable while running. */
  readonly quirks: SimulatorQuirks;
  readonly state: SimulatedState;
  readonly record: ApplianceRecord;
  /** Writes, commands, power and program select/start as the appliance answers them. */
  private readonly behaviour: ApplianceBehaviour;

  private readonly transport: ConnectionType;
  private readonly serviceSet: ServiceSetName;
  private readonly versions: Map<string, number>;
  private readonly timeScaleValue: number;
  private readonly runner: ProgramRunner;
  private readonly doorAlarms: DoorAlarms;
  private readonly links = new Map<ServerConnection, ClientLink>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly logLine: (line: string) => void;
  private server: ApplianceServer | undefined;
  private advertiser: ApplianceAdvertiser | undefined;
  /** Where it listens; moveTo() changes it while the haId and the state stay. */
  private listenHost: string;
  private listenPort: number;
  private sID: number;
  private edMsgID: number;
  private applianceMsgId: number;
  private linkSeq = 0;
  private stopped = false;
  /** Fault switches, shared with `faults`. */
  private readonly sw: FaultSwitches = {
    stalled: false,
    upgradeStatus: undefined,
    refuseSecond: true,
    failMandatory: false,
    silentResource: null,
    delayMs: 0,
  };

  constructor(private readonly opts: ApplianceSimulatorOptions) {
    super();
    this.record = opts.record;
    this.listenHost = opts.host ?? '127.0.0.1';
    this.listenPort = opts.port ?? 0;
    this.transport = opts.transport ?? opts.record.connectionType;
    this.serviceSet = opts.services ?? 'iz';
    this.versions = serviceVersions(this.serviceSet);
    this.timeScaleValue = opts.timeScale !== undefined && opts.timeScale > 0 ? opts.timeScale : 1;
    this.sID = opts.sID ?? random32Above2p31();
    this.edMsgID = opts.edMsgID ?? random32Above2p31();
    this.applianceMsgId = random32Above2p31();
    this.logLine = opts.log ?? (() => undefined);
    // Validate secrets up front so start() fails with a clear sentence.
    decodeKey(opts.record.key, 'key', 'The simulator', 'profile');
    if (this.transport === 'AES') decodeKey(opts.record.iv, 'iv', 'The simulator', 'profile');
    this.state = new SimulatedState(profileFromRecord(opts.record));
    this.runner = new ProgramRunner({
      state: this.state,
      timeScale: () => this.timeScaleValue,
      notify: (items) => this.notifyValues(items),
      describe: (items) => this.notifyDescription(items),
      log: (line) => this.log(line),
    });
    this.doorAlarms = new DoorAlarms({
      state: this.state,
      timeScale: () => this.timeScaleValue,
      notify: (items) => this.notifyValues(items),
      log: (line) => this.log(line),
    });
    this.faults = makeFaults({
      switches: this.sw,
      transport: this.transport,
      links: () => [...this.links.values()],
      forget: (l) => this.links.delete(l.conn),
      notifiableLinks: () => this.notifiableLinks(),
      valuesNotify: (data) => ({
        sID: this.sID,
        msgID: this.nextApplianceMsgId(),
        resource: '/ro/values',
        version: this.versions.get('ro') ?? 1,
        action: 'NOTIFY',
        data,
      }),
      state: this.state,
      profile: this.profile,
      newSession: () => {
        this.sID = random32Above2p31();
        this.edMsgID = random32Above2p31();
        this.applianceMsgId = random32Above2p31();
      },
      log: (line) => this.log(line),
    });
    this.quirks = new SimulatorQuirks(
      {
        profile: this.state.profile,
        selectedProgram: () => numberOr0(this.profile.roots.selectedProgram && this.state.get(this.profile.roots.selectedProgram.uid)),
        describe: (items) => this.notifyDescription(items),
        log: (line) => this.log(line),
      },
      opts.quirks,
    );
    this.behaviour = new ApplianceBehaviour({
      profile: this.profile,
      state: this.state,
      runner: this.runner,
      quirks: this.quirks,
      notifyValues: (items) => this.notifyValues(items),
      violation: (text) => this.violation(text),
    });
  }

  // ---- lifecycle ------------------------------------------------------------------------

  async start(): Promise<{ url: string; port: number }> {
    if (this.server) return { url: this.server.url, port: this.server.port };
    this.stopped = false;
    const key = decodeKey(this.record.key, 'key', 'The simulator', 'profile');
    const iv = this.transport === 'AES' ? decodeKey(this.record.iv, 'iv', 'The simulator', 'profile') : undefined;
    this.server = await startApplianceServer({
      connectionType: this.transport,
      key,
      ...(iv ? { iv } : {}),
      host: this.listenHost,
      port: this.listenPort,
      onConnection: (conn) => this.onConnection(conn),
      onUpgrade: () => this.onUpgrade(),
    });
    this.log(`listening on ${this.server.url} (${this.transport}, services ${this.serviceSet})`);
    this.quirks.start();
    if (this.opts.advertise && !this.advertiser) {
      this.advertiser = new ApplianceAdvertiser(this.advertisedAs(), this.opts.advertise);
      await this.advertiser.start();
    } else this.advertiser?.move({ address: this.listenHost, port: this.server.port });
    return { url: this.server.url, port: this.server.port };
  }

  /** What the mDNS records say: haId, brand, type, vib, a MAC like real appliances, TLS flag, address, port. */
  private advertisedAs(): AdvertisedAppliance {
    const r = this.record;
    return {
      haId: r.haId,
      ...(r.brand ? { brand: r.brand } : {}),
      ...(r.type ? { type: r.type } : {}),
      ...(r.vib ? { vib: r.vib } : {}),
      mac: macHex(this.record).match(/../g)!.join('-'),
      tls: this.transport === 'TLS',
      address: this.listenHost === '0.0.0.0' ? '127.0.0.1' : this.listenHost,
      port: this.server?.port ?? this.listenPort,
    };
  }

  /**
   * Moves to another port (and/or address) keeping the haId and every value, as an appliance does
   * after a DHCP change: clients are dropped, the old port closes, the new one listens and is announced.
   */
  async moveTo(to: { port?: number; host?: string }): Promise<{ url: string; port: number }> {
    await this.closeServer();
    if (to.host !== undefined) this.listenHost = to.host;
    this.listenPort = to.port ?? 0;
    return this.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.runner.dispose();
    this.quirks.stop();
    this.doorAlarms.dispose();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.closeServer();
    const advertiser = this.advertiser;
    this.advertiser = undefined;
    if (advertiser) await advertiser.stop();
  }

  /** Drops every client and closes the listening port (stop, moveTo). */
  private async closeServer(): Promise<void> {
    for (const s of this.links.values()) {
      s.closed = true;
      try {
        s.conn.terminate();
      } catch {
        // already gone
      }
    }
    this.links.clear();
    const server = this.server;
    this.server = undefined;
    if (server) await server.close();
  }

  get url(): string {
    return this.server?.url ?? '';
  }

  get port(): number {
    return this.server?.port ?? 0;
  }

  /** "127.0.0.1:port", to put into a record's host. */
  get hostPort(): string {
    const host = this.listenHost;
    return `${net.isIPv6(host) ? `[${host}]` : host}:${this.port}`;
  }

  get profile(): ApplianceProfile {
    return this.state.profile;
  }

  get activeConnections(): number {
    return this.links.size;
  }

  get services(): ServiceSetName {
    return this.serviceSet;
  }

  /** Current program phase (idle, delayed, running, paused, aborting). */
  get programPhase(): RunPhase {
    return this.runner.phase;
  }

  get sessionId(): number {
    return this.sID;
  }

  get firstClientMsgId(): number {
    return this.edMsgID;
  }

  // ---- local appliance side ---------------------------------------------------------------

  /** Current user value (enum member name, program key, number ...). */
  getValue(ref: string | number): unknown {
    const f = this.profile.resolve(ref);
    const raw = this.state.get(f.uid);
    if (raw === undefined) return undefined;
    const decoded = this.profile.decode(f.uid, raw);
    return decoded ? decoded.value : raw;
  }

  /** A change made on the appliance itself (door opened, remote start enabled ...): NOTIFY /ro/values. */
  setValue(ref: string | number, value: unknown): void {
    const f = this.profile.resolve(ref);
    const raw = this.state.toRaw(f, value);
    if (f.enumeration && (typeof raw !== 'number' || this.state.memberName(f, raw) === undefined)) {
      const names = Object.values(f.enumeration.members);
      throw new HomeConnectError('validation', `${f.key} has no member ${JSON.stringify(value)}; members: ${names.join(', ')}.`);
    }
    const item = this.state.set(f.uid, raw);
    if (item) this.notifyValues([item]);
    if (f.shortKey === 'DoorState') this.runner.doorChanged(this.state.memberName(f, raw) === 'Open');
    this.doorAlarms.doorChanged(f, this.state.memberName(f, raw) === 'Open');
    const follow = zoneLevelChanged(this.state, f, raw);
    if (follow.length > 0) this.notifyValues(follow);
  }

  /** A description change made by the appliance (access, available, min/max ...): NOTIFY /ro/descriptionChange. */
  setDescription(ref: string | number, change: Omit<DescriptionChangeItem, 'uid'>): void {
    const f = this.profile.resolve(ref);
    const item: DescriptionChangeItem = { uid: f.uid, ...change };
    if (typeof item.access === 'string') item.access = item.access.toUpperCase();
    if (typeof item.execution === 'string') item.execution = item.execution.toUpperCase();
    this.profile.applyDescriptionChange(item);
    if ('value' in change) this.state.set(f.uid, change.value);
    this.notifyDescription([item]);
  }

  // ---- connections ------------------------------------------------------------------------

  private onUpgrade(): number | undefined {
    if (this.stopped) return 503;
    if (this.sw.upgradeStatus !== undefined) return this.sw.upgradeStatus;
    if (this.sw.refuseSecond && this.liveLinks() > 0) {
      this.violation('a second concurrent connection was refused with 503');
      return 503;
    }
    return undefined;
  }

  private liveLinks(): number {
    let n = 0;
    for (const s of this.links.values()) if (!s.closed) n++;
    return n;
  }

  private onConnection(conn: ServerConnection): void {
    if (this.stopped) {
      conn.terminate();
      return;
    }
    if (this.sw.refuseSecond && this.liveLinks() > 0) {
      // onUpgrade normally refuses already; a race between two upgrades ends here.
      this.violation('a second concurrent connection was closed');
      conn.close(1013, 'Try Again Later');
      return;
    }
    this.connectionCount++;
    const link: ClientLink = {
      id: ++this.linkSeq,
      conn,
      initialMsgID: this.nextApplianceMsgId(),
      replied: false,
      registered: false,
      deviceReady: false,
      nextMsgId: this.edMsgID,
      closed: false,
    };
    this.links.set(conn, link);
    conn.on('message', (text: string) => {
      try {
        this.onText(link, text);
      } catch (e) {
        this.log(`message handling failed: ${errorMessage(e)}`);
      }
    });
    conn.on('close', () => {
      link.closed = true;
      this.links.delete(conn);
      this.log(`connection ${link.id} closed`);
    });
    conn.on('error', (e: unknown) => this.log(`connection ${link.id} error: ${errorMessage(e)}`));
    if (this.sw.stalled) conn.autoPong = false;
    this.log(`connection ${link.id} accepted`);
    this.emit('connection', { id: link.id, remoteAddress: conn.remoteAddress });
    this.sendTo(link, {
      sID: this.sID,
      msgID: link.initialMsgID,
      resource: '/ei/initialValues',
      version: this.versions.get('ei') ?? 1,
      action: 'POST',
      data: [{ edMsgID: this.edMsgID }],
    });
  }

  private closeLink(s: ClientLink, code: number, reason: string): void {
    s.closed = true;
    this.links.delete(s.conn);
    try {
      s.conn.close(code, reason);
    } catch {
      // already closed
    }
  }

  // ---- inbound -------------------------------------------------------------------------------

  private onText(s: ClientLink, text: string): void {
    if (s.closed) return;
    const check = checkEnvelope(text);
    if (check.kind === 'fatal') {
      this.violation(`connection ${s.id}: ${check.problem}; closed with 1008`);
      this.closeLink(s, 1008, 'Header Error');
      return;
    }
    if (check.kind === 'ok' && check.note) this.violation(`connection ${s.id}: ${check.note} (tolerated)`);
    const msg = check.message as Message;
    this.received.push(msg);
    while (this.received.length > this.receivedLimit) this.received.shift();
    this.emit('message', msg);

    if (!s.replied) {
      if (check.kind !== 'ok') {
        this.violation(`connection ${s.id}: ${check.problem} (before the initialValues reply); closed with 1008`);
        this.closeLink(s, 1008, 'Header Error');
        return;
      }
      const r = checkInitialValuesReply(check.message, {
        sID: this.sID,
        msgID: s.initialMsgID,
        eiVersion: this.versions.get('ei') ?? 1,
      });
      if (r.kind === 'fatal') {
        this.violation(`connection ${s.id}: ${r.problem}; closed with 1008`);
        this.closeLink(s, 1008, 'Header Error');
        return;
      }
      s.replied = true;
      if (r.kind === 'unregistered') {
        this.violation(`connection ${s.id}: ${r.problem}; requests will be answered with 403`);
        return;
      }
      s.registered = true;
      const d = check.message.data?.[0] as ClientLink['client'];
      s.client = d;
      return;
    }

    if (check.kind === 'unknown-action') {
      // The header is fine, so the id counts; the firmware just never answers (protocol.md §3.2: no DELETE).
      if (msg.msgID === s.nextMsgId) s.nextMsgId++;
      this.violation(`connection ${s.id}: ${check.problem}; not answered`);
      return;
    }
    if (check.kind === 'bad') {
      this.violation(`connection ${s.id}: ${check.problem}; answered 400`);
      this.answerRaw(s, msg, { code: ErrorCode.BadRequest });
      return;
    }
    if (msg.action === 'RESPONSE') return; // acknowledgements of appliance messages are harmless
    if (msg.sID !== this.sID) {
      this.violation(`connection ${s.id}: sID ${msg.sID} is not the session's ${this.sID}; answered 400`);
      this.answer(s, msg, { code: ErrorCode.BadRequest });
      return;
    }
    if (msg.msgID !== s.nextMsgId) {
      this.violation(`connection ${s.id}: msgID ${msg.msgID} where ${s.nextMsgId} was expected; answered 400`);
      s.nextMsgId = Math.max(s.nextMsgId, msg.msgID + 1);
      this.answer(s, msg, { code: ErrorCode.BadRequest });
      return;
    }
    s.nextMsgId++;
    const service = msg.resource.split('/')[1] ?? '';
    const version = msg.resource === '/ci/services' ? 1 : this.versions.get(service);
    if (version === undefined) {
      this.answer(s, msg, { code: ErrorCode.NotFound });
      return;
    }
    if (msg.version !== version) {
      this.violation(
        `connection ${s.id}: ${msg.resource} sent with version ${msg.version}, the appliance has ${service} ${version}; answered 400`,
      );
      this.answer(s, msg, { code: ErrorCode.BadRequest });
      return;
    }
    if (!s.registered) {
      this.answer(s, msg, { code: ErrorCode.Forbidden });
      return;
    }
    this.answer(s, msg, this.dispatch(s, msg));
  }

  private dispatch(s: ClientLink, msg: Message): Answer {
    const ver = (svc: string): number => this.versions.get(svc) ?? 1;
    const key = `${msg.action} ${msg.resource}`;
    switch (key) {
      case 'NOTIFY /ei/deviceReady':
        s.deviceReady = true;
        return undefined;
      case 'GET /ci/services':
        return { data: serviceList(this.serviceSet) };
      case 'GET /ci/authentication': {
        if (ver('ci') >= 3) return { code: ErrorCode.NotFound };
        const item = msg.data?.[0] as { nonce?: unknown } | undefined;
        if (!item || typeof item.nonce !== 'string' || item.nonce.length === 0) {
          this.violation(`connection ${s.id}: /ci/authentication without a nonce; answered 400`);
          return { code: ErrorCode.BadRequest };
        }
        return { data: [{ response: crypto.randomBytes(32).toString('base64url') }] };
      }
      case 'GET /ci/info':
        return { data: [deviceInfo(this.record, this.profile, ver('ci') <= 1 ? 'ci1' : 'ci')] };
      case 'GET /ci/tzInfo':
        return { data: [{ tz: '' }] };
      case 'GET /ci/registeredDevices':
        if (ver('ci') < 3) return { code: ErrorCode.NotFound };
        return {
          data: [
            {
              deviceType: 'Application',
              deviceName: s.client?.deviceName ?? '',
              deviceID: s.client?.deviceID ?? '',
              connected: true,
              protected: false,
            },
          ],
        };
      case 'GET /iz/info':
        return { data: [deviceInfo(this.record, this.profile, 'iz')] };
      case 'GET /ni/info':
        if (!s.deviceReady) return { code: ErrorCode.Forbidden };
        return { data: [networkInfo(this.record, this.listenHost)] };
      case 'GET /ni/config':
        if (!s.deviceReady) return { code: ErrorCode.Forbidden };
        return { data: [{ interfaceID: 0, ssid: 'HomeNetwork', automaticIPv4: true, automaticIPv6: true }] };
      case 'GET /ro/allDescriptionChanges':
        return { data: this.state.descriptionItems() };
      case 'GET /ro/allMandatoryValues':
        if (this.sw.failMandatory) return { code: ErrorCode.InternalServerError };
        return { data: this.state.mandatoryValues() };
      case 'GET /ro/values':
      case 'GET /ro/activeProgram':
      case 'GET /ro/selectedProgram':
        return { code: ErrorCode.BadRequest };
      case 'POST /ro/values':
        return this.behaviour.writeValues(s, msg);
      case 'POST /ro/selectedProgram':
      case 'POST /ro/activeProgram': {
        const req = parseProgramRequest(msg.data, msg.resource);
        if (typeof req === 'string') {
          this.violation(`connection ${s.id}: ${req}; answered 400`);
          return { code: ErrorCode.BadRequest };
        }
        return msg.resource === '/ro/activeProgram' ? this.behaviour.startProgram(req) : this.behaviour.selectProgram(req);
      }
      default:
        if (msg.action === 'NOTIFY') {
          this.violation(`connection ${s.id}: unexpected NOTIFY ${msg.resource}; ignored`);
          return undefined;
        }
        return { code: ErrorCode.NotFound };
    }
  }

  // ---- outbound ------------------------------------------------------------------------------

  private nextApplianceMsgId(): number {
    const id = this.applianceMsgId;
    this.applianceMsgId = this.applianceMsgId >= 2 ** 32 - 1 ? 1 : this.applianceMsgId + 1;
    return id;
  }

  /** Answer a checked request (honours stall, neverRespond and responseDelayMs). */
  private answer(s: ClientLink, msg: Message, a: Answer): void {
    if (msg.action === 'NOTIFY') {
      a?.after?.();
      return;
    }
    this.answerRaw(s, msg, a ?? {});
  }

  private answerRaw(s: ClientLink, msg: Partial<Message>, a: NonNullable<Answer>): void {
    const run = (): void => {
      if (this.sw.silentResource !== null && msg.resource === this.sw.silentResource) return;
      if (!s.closed && !a.silent) {
        this.sendTo(s, {
          sID: this.sID,
          msgID: typeof msg.msgID === 'number' ? msg.msgID : 0,
          resource: typeof msg.resource === 'string' ? msg.resource : '',
          version: typeof msg.version === 'number' ? msg.version : 1,
          action: 'RESPONSE',
          data: a.data,
          code: a.code,
        });
      }
      try {
        a.after?.();
      } catch (e) {
        this.log(`applying a write failed: ${errorMessage(e)}`);
      }
    };
    if (this.sw.stalled) return;
    if (this.sw.delayMs > 0) this.later(this.sw.delayMs, run);
    else run();
  }

  private later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      try {
        fn();
      } catch (e) {
        this.log(`timer failed: ${errorMessage(e)}`);
      }
    }, ms);
    this.timers.add(t);
  }

  /** Every envelope goes through the session's serializer, so key order matches the client's. */
  private sendTo(s: ClientLink, msg: Message): void {
    if (this.sw.stalled || s.closed) return;
    s.conn.send(serializeMessage(msg)).catch((e: unknown) => this.log(`send failed: ${errorMessage(e)}`));
  }

  /** Links that may receive NOTIFYs: handshake answered and accepted. */
  private notifiableLinks(): ClientLink[] {
    return [...this.links.values()].filter((s) => !s.closed && s.replied && s.registered);
  }

  private notifyValues(items: WireItem[]): void {
    this.notify('/ro/values', items);
  }

  private notifyDescription(items: DescriptionChangeItem[]): void {
    this.notify('/ro/descriptionChange', items);
  }

  private notify(resource: string, data: unknown[]): void {
    for (const s of this.notifiableLinks()) {
      this.sendTo(s, {
        sID: this.sID,
        msgID: this.nextApplianceMsgId(),
        resource,
        version: this.versions.get('ro') ?? 1,
        action: 'NOTIFY',
        data,
      });
    }
  }

  // ---- misc ----------------------------------------------------------------------------------

  private violation(text: string): void {
    this.violations.push(text);
    this.log(`violation: ${text}`);
    this.emit('violation', text);
  }

  private log(line: string): void {
    try {
      this.logLine(`[simulator ${this.record.haId}] ${line}`);
    } catch {
      // a logger must never break the simulator
    }
  }
}
