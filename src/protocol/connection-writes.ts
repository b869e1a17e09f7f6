// The typed write API of a connection: values, program select/start, commands, raw requests.
import { HomeConnectError, errorMessage } from '../errors';
import type { WireItem } from '../profile/types';
import type { ConnectionProfile } from './appliance-connection';
import { remoteSelectRefusal, remoteStartRefusal } from './program-command';
import type { Session } from './session';
import type { OptionValues, RawResponse, ValueChange, WriteResult } from './types';
import type { ValueStore } from './value-store';

const REMOTE_START_ALLOWED = 'BSH.Common.Status.RemoteControlStartAllowed';

/** What the writes need of the connection. */
export interface WriteHost {
  readonly profile: ConnectionProfile;
  readonly label: string;
  readonly valueStore: ValueStore;
  /** The live session, or a 'not-connected' error naming the state. */
  requireConnected(): Session;
}

export class ConnectionWrites {
  constructor(private readonly host: WriteHost) {}

  async setValues(values: Record<string, unknown>): Promise<WriteResult> {
    const session = this.host.requireConnected();
    const entries = Object.entries(values ?? {});
    if (entries.length === 0) throw new HomeConnectError('validation', 'Nothing to set: give at least one key and value.');
    const items = entries.map(([k, v]) => wireItem(this.host.profile.encodeValue(k, v)));
    return this.post(session, '/ro/values', items);
  }

  async selectProgram(program: string | number, options?: OptionValues): Promise<WriteResult> {
    const never = this.profileRefusal(remoteSelectRefusal, program);
    if (never) throw never;
    const session = this.host.requireConnected();
    this.checkRoot('selectedProgram', 'select a program');
    const uid = this.host.profile.encodeProgram(program);
    return this.post(session, '/ro/selectedProgram', [this.programItem(uid, options)]);
  }

  async startProgram(program?: string | number, options?: OptionValues): Promise<WriteResult> {
    // What the profile rules out is refused before anything else, connected or not.
    const never = this.profileRefusal(remoteStartRefusal, program);
    if (never) throw never;
    const session = this.host.requireConnected();
    const allowed = this.knownValue(REMOTE_START_ALLOWED);
    if (allowed && (allowed.value === false || allowed.raw === false)) {
      throw new HomeConnectError('validation', 'Remote start is not allowed on the appliance: enable Remote Start on it.', {
        details: { key: REMOTE_START_ALLOWED },
      });
    }
    this.checkRoot('activeProgram', 'start a program');
    let uid: number;
    if (program === undefined || program === null || program === '') {
      const sel = this.host.profile.roots.selectedProgram;
      const raw = sel ? this.host.valueStore.get(sel.uid)?.raw : undefined;
      if (typeof raw !== 'number' || raw === 0) {
        throw new HomeConnectError('validation', `No program is selected on ${this.host.label}: name the program to start.`);
      }
      uid = raw;
    } else {
      uid = this.host.profile.encodeProgram(program);
    }
    const refused = remoteStartRefusal(this.host.profile, this.host.label, uid);
    if (refused) throw refused;
    return this.post(session, '/ro/activeProgram', [this.programItem(uid, options)], true);
  }

  /**
   * A start (or selection) the profile rules out for the whole appliance or for the named program, checked
   * before the live state so "never" wins over "not now"; undefined also when the profile is
   * unusable or the program unknown (the later checks name those).
   */
  private profileRefusal(rule: typeof remoteStartRefusal, program: string | number | undefined): HomeConnectError | undefined {
    try {
      const appliance = rule(this.host.profile, this.host.label);
      if (appliance || program === undefined || program === null || program === '') return appliance;
      return rule(this.host.profile, this.host.label, this.host.profile.encodeProgram(program));
    } catch {
      return undefined;
    }
  }

  async command(key: string | number, value: unknown = true): Promise<WriteResult> {
    const session = this.host.requireConnected();
    const feature = this.host.profile.resolve(key);
    let item: WireItem;
    if (feature.kind === 'command' && typeof value === 'boolean' && (feature.protocolType ?? 'Boolean') === 'Boolean') {
      // Commands are often access="none" in the static profile yet accepted while relevant
      // (protocol.md §3.7): let the appliance decide instead of refusing here.
      item = { uid: feature.uid, value };
    } else {
      item = this.host.profile.encodeValue(key, value);
    }
    return this.post(session, '/ro/values', [wireItem(item)]);
  }

  async request(resource: string, action: 'GET' | 'POST' | 'NOTIFY', data?: unknown[]): Promise<RawResponse> {
    const session = this.host.requireConnected();
    if (typeof resource !== 'string' || !/^\/[a-z]{2}\/\S+$/i.test(resource)) {
      throw new HomeConnectError('validation', `"${String(resource)}" is not a resource like /ro/values.`);
    }
    if (action !== 'GET' && action !== 'POST' && action !== 'NOTIFY') {
      throw new HomeConnectError('validation', `Action must be GET, POST or NOTIFY, not "${String(action)}".`);
    }
    if (data !== undefined && !Array.isArray(data)) {
      throw new HomeConnectError('validation', 'Request data must be an array of objects.');
    }
    if (action === 'NOTIFY') {
      await session.send(resource, 'NOTIFY', data);
      return { action: 'NOTIFY', resource };
    }
    const res = await session.exchange(resource, action, data);
    const out: RawResponse = { action: res.action, resource: res.resource };
    if (res.code !== undefined) {
      out.code = res.code;
      // Named only; turning it into an error is the command model's job (src/appliance/commands).
      const name = this.host.profile.errorName(res.code);
      if (name) out.codeName = name;
    }
    if (res.data) out.data = res.data;
    return out;
  }

  private programItem(uid: number, options: OptionValues | undefined): Record<string, unknown> {
    const opts = Object.entries(options ?? {}).map(([k, v]) => wireItem(this.host.profile.encodeOption(uid, k, v)));
    return opts.length ? { program: uid, options: opts } : { program: uid };
  }

  private checkRoot(root: 'activeProgram' | 'selectedProgram', what: string): void {
    const feature = this.host.profile.roots[root];
    if (!feature) return;
    const access = this.host.valueStore.accessOf(feature.uid) ?? feature.access;
    if (blockedAccess(access)) {
      throw new HomeConnectError(
        'validation',
        `${this.host.label} does not accept a request to ${what} right now (${feature.key} is ${access}); try again when the appliance is ready.`,
        { details: { key: feature.key, access } },
      );
    }
  }

  private knownValue(key: string): ValueChange | undefined {
    const f = this.host.profile.find(key);
    return f ? this.host.valueStore.get(f.uid) : undefined;
  }

  private async post(session: Session, resource: string, data: unknown[], isStart = false): Promise<WriteResult> {
    try {
      const res = await session.request(resource, 'POST', data);
      const result: WriteResult = { ok: true, resource, sent: data };
      if (res.data) result.data = res.data;
      return result;
    } catch (e) {
      const err = e instanceof HomeConnectError ? e : new HomeConnectError('protocol', errorMessage(e));
      const notSent = err.kind === 'not-connected' && err.details?.sent === false;
      if (isStart && err.kind !== 'appliance-error' && err.kind !== 'validation' && !notSent) {
        // The start may have reached the appliance: never resend, let the person check.
        throw new HomeConnectError(
          'unknown-outcome',
          `No answer to the program start on ${this.host.label} (${err.message}). The program may or may not have started: check the appliance before trying again.`,
          { cause: err, details: { resource } },
        );
      }
      throw err;
    }
  }
}

function blockedAccess(access: string | undefined): boolean {
  if (access === undefined) return false;
  const a = access.toLowerCase();
  return a === 'read' || a === 'none' || a === 'readstatic';
}

/** uid first, as the firmware wants (§3.7). */
function wireItem(item: WireItem): WireItem {
  return { uid: item.uid, value: item.value };
}
