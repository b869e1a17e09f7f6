import { createHash } from 'crypto';
import { HomeConnectError, errorMessage } from '../src/errors';
import { profileFromRecord } from '../src/profile';
import type { ApplianceProfile } from '../src/profile';
import { ApplianceConnection } from '../src/protocol/appliance-connection';
import type { ConnectionTiming } from '../src/protocol/appliance-connection';
import type { ApplianceClient, StateChange, ValueChange } from '../src/protocol/types';
import type { ApplianceRecord } from '../src/profile/types';
import { buildRecord, followsAddress, parseAppliances, parseProfiles } from './account-records';
import { findAppliance, hostPortOf } from '../src/discovery';
import type { ApplianceEntry, ProfileSecret } from './account-records';
import type { RedAPI, RedNode } from './red-types';

export const ACCOUNT_TYPE = 'homeconnect-local-account';

/** An in/out node using one appliance. Callbacks are wrapped: a throwing user cannot hurt others. */
export interface SessionUser {
  readonly node: RedNode;
  connectionChanged(change: StateChange): void;
  valuesChanged?(changes: ValueChange[]): void;
}

/** One shared connection per appliance, with the nodes currently using it. */
export interface ApplianceSession {
  readonly haId: string;
  readonly name: string;
  readonly client: ApplianceClient;
  readonly profile: ApplianceProfile;
}

interface SessionEntry extends ApplianceSession {
  users: Set<SessionUser>;
  detach(): void;
}

/** The public face of a deployed account node, as in/out nodes see it through RED.nodes.getNode. */
export interface AccountNode extends RedNode {
  readonly appliances: ApplianceEntry[];
  /** Opens the appliance's connection for the first user. Throws HomeConnectError if unusable. */
  register(user: SessionUser, haId: string): ApplianceSession;
  /** The last user out closes the connection (at once when removed, else after the deploy). */
  deregister(user: SessionUser, haId: string, removed: boolean): Promise<void>;
  /** Ids of appliances whose connection is open (diagnostics and tests). */
  openSessions(): string[];
  /** The open shared session of an appliance, if any (admin live view, diagnostics). */
  session(haId: string): ApplianceSession | undefined;
  /** Full records, keys included, of every appliance with a stored profile. SECRET: admin runtime use only. */
  storedRecords(): ApplianceRecord[];
  /** Region chosen in the dialog (EU, NA, CN). */
  readonly region?: string;
}

/** Stable per installation: derived from the config node id, so a redeploy keeps it. */
export function deviceIdFor(configId: string): string {
  return createHash('sha256').update(`homeconnect-local/${configId}`).digest('hex').slice(0, 16);
}

interface AccountConfig {
  id: string;
  name?: string;
  region?: string;
  appliances?: unknown;
  /** Follow address changes over mDNS (default on; each appliance may opt out or in). */
  follow?: boolean | string;
}

/** settings.homeconnectLocalDiscovery: where address lookups ask (tests: the loopback interface). */
interface DiscoverySettings {
  interface?: string;
  port?: number;
  timeoutMs?: number;
}

export function registerAccountNode(RED: RedAPI): void {
  function HomeConnectAccountNode(this: AccountNode, config: AccountConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const sessions = new Map<string, SessionEntry>();
    const appliances = parseAppliances(config.appliances);
    let profiles = new Map<string, ProfileSecret>();
    let profilesProblem: string | undefined;
    try {
      profiles = mergePending(RED, node.id, node.credentials, appliances);
    } catch (e) {
      profilesProblem = errorMessage(e);
      node.warn(profilesProblem);
    }
    const settings = (RED as unknown as { settings?: Record<string, unknown> }).settings;
    const timing = settings?.homeconnectLocalAccountTiming;
    const discovery = (settings?.homeconnectLocalDiscovery ?? {}) as DiscoverySettings;
    const accountFollows = config.follow !== false && config.follow !== 'false';
    (node as { follow?: boolean }).follow = accountFollows;

    Object.defineProperty(node, 'appliances', { value: appliances, enumerable: true });
    (node as { name?: string }).name = config.name;
    (node as { region?: string }).region = typeof config.region === 'string' ? config.region : undefined;

    function fanOut(entry: SessionEntry, call: (user: SessionUser) => void): void {
      for (const user of [...entry.users]) {
        try {
          call(user);
        } catch (e) {
          user.node.warn(`Internal error while handling an appliance update: ${errorMessage(e)}`);
        }
      }
    }

    function openSession(haId: string): SessionEntry {
      const entry = appliances.find((a) => a.haId === haId);
      if (!entry) {
        throw new HomeConnectError('validation', `The account has no appliance "${haId}"; pick one in the node.`, {
          details: { problem: 'no-appliance' },
        });
      }
      const secret = profiles.get(haId);
      if (!secret) {
        throw new HomeConnectError(
          'profile',
          profilesProblem ?? `The account holds no key and profile for "${entry.name}"; import or log in again.`,
          { details: { problem: 'no-profile' } },
        );
      }
      const record = buildRecord(entry, secret);
      let profile: ApplianceProfile;
      try {
        profile = profileFromRecord(record);
      } catch (e) {
        throw new HomeConnectError('profile', `The profile of "${entry.name}" cannot be read: ${errorMessage(e)}`, {
          details: { problem: 'no-profile' },
        });
      }
      const client = new ApplianceConnection({
        record,
        profile,
        deviceName: 'Node-RED',
        deviceId: deviceIdFor(node.id),
        logger: {
          debug: (text: string) => node.debug(text),
          info: (text: string) => node.log(text),
          // node.error would reach Catch nodes with no message; connection trouble is a warning
          warn: (text: string) => node.warn(text),
          error: (text: string) => node.warn(text),
        },
        ...(timing && typeof timing === 'object' ? { timing: timing as Partial<ConnectionTiming> } : {}),
        ...(followsAddress(entry, accountFollows)
          ? {
              addressLookup: async (id: string) => {
                const found = await findAppliance(id, {
                  timeoutMs: discovery.timeoutMs ?? 3000,
                  ...(discovery.interface ? { interface: discovery.interface } : {}),
                  ...(discovery.port ? { port: discovery.port } : {}),
                });
                return found ? hostPortOf(found) : undefined;
              },
            }
          : {}),
      });
      const session: SessionEntry = {
        haId,
        name: entry.name,
        client,
        profile,
        users: new Set(),
        detach: () => {
          client.off('state', onState);
          client.off('values', onValues);
        },
      };
      const onState = (change: StateChange) => fanOut(session, (u) => u.connectionChanged(change));
      const onValues = (changes: ValueChange[]) => fanOut(session, (u) => u.valuesChanged?.(changes));
      client.on('state', onState);
      client.on('values', onValues);
      sessions.set(haId, session);
      client.start();
      return session;
    }

    async function closeSession(entry: SessionEntry): Promise<void> {
      if (sessions.get(entry.haId) === entry) sessions.delete(entry.haId);
      entry.detach();
      try {
        await entry.client.stop();
      } catch (e) {
        node.debug(`Closing ${entry.name} failed: ${errorMessage(e)}`);
      }
    }

    // After a deploy, close connections that lost their last user to a restart and got no new one.
    const sweep = () => {
      for (const entry of [...sessions.values()]) {
        if (entry.users.size === 0) void closeSession(entry);
      }
    };
    RED.events.on('flows:started', sweep);

    node.register = (user: SessionUser, haId: string): ApplianceSession => {
      const entry = sessions.get(haId) ?? openSession(haId);
      entry.users.add(user);
      return entry;
    };

    node.deregister = async (user: SessionUser, haId: string, removed: boolean): Promise<void> => {
      const entry = sessions.get(haId);
      if (!entry) return;
      entry.users.delete(user);
      if (entry.users.size === 0 && removed) await closeSession(entry);
    };

    node.openSessions = () => [...sessions.keys()];

    node.session = (haId: string): ApplianceSession | undefined => sessions.get(haId);

    node.storedRecords = (): ApplianceRecord[] =>
      appliances.flatMap((entry) => {
        const secret = profiles.get(entry.haId);
        return secret ? [buildRecord(entry, secret)] : [];
      });

    node.on('close', (_removed: boolean, done: () => void) => {
      let closing: Promise<unknown> = Promise.resolve();
      try {
        RED.events.removeListener('flows:started', sweep);
        const all = [...sessions.values()];
        sessions.clear();
        closing = Promise.all(all.map((entry) => closeSession(entry)));
      } finally {
        closing.catch(() => undefined).finally(() => done());
      }
    });
  }

  RED.nodes.registerType(ACCOUNT_TYPE, HomeConnectAccountNode, {
    // profiles: what the runtime stores (the editor never reads or writes it);
    // pending: secrets the editor obtained in its session, merged in on deploy.
    credentials: { profiles: { type: 'password' }, pending: { type: 'password' } },
  });
}

/**
 * The secrets in use: the stored `profiles`, overridden by the editor's `pending` ones, kept
 * only for appliances still in the account. The editor never needs the stored secrets: it sends
 * new ones (from an import or login in its session) and the list of appliances; removing an
 * appliance from the list drops its secret. The result is handed back to Node-RED as the new
 * `profiles` (pending cleared), saved with the next deploy; until then the stored pair still
 * holds both parts, and merging them again after a restart gives the same result.
 */
function mergePending(
  RED: RedAPI,
  id: string,
  credentials: Record<string, unknown> | undefined,
  appliances: ApplianceEntry[],
): Map<string, ProfileSecret> {
  const stored = parseProfiles(credentials?.profiles);
  const pending = parseProfiles(credentials?.pending);
  const kept = new Set(appliances.map((a) => a.haId));
  const merged = new Map<string, ProfileSecret>();
  for (const [haId, secret] of [...stored, ...pending]) if (kept.has(haId)) merged.set(haId, secret);
  const changed = pending.size > 0 || [...stored.keys()].some((haId) => !kept.has(haId)) || credentials?.pending !== undefined;
  const nodes = RED.nodes as { addCredentials?: (id: string, creds: Record<string, unknown>) => unknown };
  if (changed && typeof nodes.addCredentials === 'function') {
    const text = JSON.stringify(Object.fromEntries(merged));
    void Promise.resolve(nodes.addCredentials(id, merged.size > 0 ? { profiles: text } : {})).catch(() => undefined);
  }
  return merged;
}

/** The account node behind a user's `account` property, or undefined when missing/disabled. */
export function findAccount(RED: RedAPI, id: unknown): AccountNode | undefined {
  if (typeof id !== 'string' || id === '') return undefined;
  const n = RED.nodes.getNode(id) as AccountNode | null;
  return n && typeof n.register === 'function' ? n : undefined;
}
