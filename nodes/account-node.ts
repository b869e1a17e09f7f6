import { createHash } from 'crypto';
import { HomeConnectError, errorMessage } from '../src/errors';
import { StartPathMemory } from '../src/appliance/start-path-memory';
import { profileFromRecord } from '../src/profile';
import type { ApplianceProfile } from '../src/profile';
import { ApplianceConnection } from '../src/protocol/appliance-connection';
import type { ApplianceRecord } from '../src/profile/types';
import { buildRecord, followsAddress, parseAppliances, parseProfiles } from './account-records';
import { findAppliance, hostPortOf } from '../src/discovery';
import type { ApplianceEntry, ProfileSecret } from './account-records';
import { ConnectionRegistry } from './connection-registry';
import type { ConnectionUser, OpenConnection, SharedConnection } from './connection-registry';
import type { RedAPI, RedNode } from './red-types';

export const ACCOUNT_TYPE = 'homeconnect-local-account';

export type { ConnectionUser, SharedConnection } from './connection-registry';

/** The public face of a deployed account node, as in/out nodes see it through RED.nodes.getNode. */
export interface AccountNode extends RedNode {
  readonly appliances: ApplianceEntry[];
  /** Opens the appliance's connection for the first user. Throws HomeConnectError if unusable. */
  register(user: ConnectionUser, haId: string): SharedConnection;
  /** The last user out closes the connection (at once when removed, else after the deploy). */
  deregister(user: ConnectionUser, haId: string, removed: boolean): Promise<void>;
  /** Ids of appliances whose connection is open (diagnostics and tests). */
  openConnections(): string[];
  /** The open shared connection of an appliance, if any (admin live view, diagnostics). */
  connection(haId: string): SharedConnection | undefined;
  /** Full records, keys included, of every appliance with a stored profile. SECRET: admin runtime use only. */
  storedRecords(): ApplianceRecord[];
  /** Region chosen in the dialog (EU, NA, CN). */
  readonly region?: string;
  /** The start path that worked last per appliance, tried first next time by every out node. */
  readonly startPaths: StartPathMemory;
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
    const startPaths = new StartPathMemory();
    Object.defineProperty(node, 'startPaths', { value: startPaths, enumerable: true });
    (node as { name?: string }).name = config.name;
    (node as { region?: string }).region = typeof config.region === 'string' ? config.region : undefined;

    function openConnection(haId: string): ReturnType<OpenConnection> {
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
        ...(timing && typeof timing === 'object' ? { timing: timing } : {}),
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
      return { name: entry.name, client, profile, startPaths };
    }

    const registry = new ConnectionRegistry(openConnection, (text) => node.debug(text));
    const sweep = () => registry.sweep();
    RED.events.on('flows:started', sweep);

    node.register = (user: ConnectionUser, haId: string): SharedConnection => registry.register(user, haId);
    node.deregister = (user: ConnectionUser, haId: string, removed: boolean): Promise<void> => registry.deregister(user, haId, removed);
    node.openConnections = () => registry.ids();
    node.connection = (haId: string): SharedConnection | undefined => registry.get(haId);

    node.storedRecords = (): ApplianceRecord[] =>
      appliances.flatMap((entry) => {
        const secret = profiles.get(entry.haId);
        return secret ? [buildRecord(entry, secret)] : [];
      });

    node.on('close', (_removed: boolean, done: () => void) => {
      let closing: Promise<unknown> = Promise.resolve();
      try {
        RED.events.removeListener('flows:started', sweep);
        closing = registry.closeAll();
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
