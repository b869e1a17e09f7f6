/**
 * The account node's registry of shared connections: one connection per appliance, opened
 * for its first user, fanned out to every user, closed when the last user leaves (at once
 * when removed, else by the sweep after a deploy). No Node-RED here, so it is unit-testable.
 */
import { errorMessage } from '../src/errors';
import type { StartPathMemory } from '../src/appliance/start-path-memory';
import type { ApplianceProfile } from '../src/profile';
import type { ApplianceClient, StateChange, ValueChange } from '../src/protocol/types';

/** An in/out node using one appliance. Callbacks are wrapped: a throwing user cannot hurt others. */
export interface ConnectionUser {
  readonly node: { warn(message: string): void };
  connectionChanged(change: StateChange): void;
  valuesChanged?(changes: ValueChange[]): void;
}

/** One appliance's connection, shared by the nodes using it. */
export interface SharedConnection {
  readonly haId: string;
  readonly name: string;
  readonly client: ApplianceClient;
  readonly profile: ApplianceProfile;
  /** The account's memory of the start path that worked per appliance (outlives the connection). */
  readonly startPaths?: StartPathMemory;
}

/** What the registry needs to open a connection: a client not yet started, and its profile. */
export type OpenConnection = (haId: string) => {
  name: string;
  client: ApplianceClient;
  profile: ApplianceProfile;
  startPaths?: StartPathMemory;
};

interface Entry extends SharedConnection {
  readonly users: Set<ConnectionUser>;
  detach(): void;
}

export class ConnectionRegistry {
  private readonly entries = new Map<string, Entry>();

  /**
   * @param open builds the connection for an appliance; throws (HomeConnectError) when the
   *   appliance cannot be used, and register passes that on.
   * @param debug where a failed close is noted.
   */
  constructor(
    private readonly open: OpenConnection,
    private readonly debug: (message: string) => void = () => undefined,
  ) {}

  /** The appliance's shared connection, opened and started for the first user. */
  register(user: ConnectionUser, haId: string): SharedConnection {
    const entry = this.entries.get(haId) ?? this.openEntry(haId);
    entry.users.add(user);
    return entry;
  }

  /** The last user out closes the connection when `removed`; otherwise the next sweep does. */
  async deregister(user: ConnectionUser, haId: string, removed: boolean): Promise<void> {
    const entry = this.entries.get(haId);
    if (!entry) return;
    entry.users.delete(user);
    if (entry.users.size === 0 && removed) await this.closeEntry(entry);
  }

  /** Ids of appliances whose connection is open. */
  ids(): string[] {
    return [...this.entries.keys()];
  }

  get(haId: string): SharedConnection | undefined {
    return this.entries.get(haId);
  }

  /** After a deploy: closes connections that lost their last user to a restart and got no new one. */
  sweep(): void {
    for (const entry of [...this.entries.values()]) {
      if (entry.users.size === 0) void this.closeEntry(entry);
    }
  }

  /** Closes every connection (the account node is closing). */
  async closeAll(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((entry) => this.closeEntry(entry)));
  }

  private openEntry(haId: string): Entry {
    const { name, client, profile, startPaths } = this.open(haId);
    const users = new Set<ConnectionUser>();
    const fanOut = (call: (user: ConnectionUser) => void): void => {
      for (const user of [...users]) {
        try {
          call(user);
        } catch (e) {
          user.node.warn(`Internal error while handling an appliance update: ${errorMessage(e)}`);
        }
      }
    };
    const onState = (change: StateChange): void => fanOut((u) => u.connectionChanged(change));
    const onValues = (changes: ValueChange[]): void => fanOut((u) => u.valuesChanged?.(changes));
    const entry: Entry = {
      haId,
      name,
      client,
      profile,
      ...(startPaths ? { startPaths } : {}),
      users,
      detach: () => {
        client.off('state', onState);
        client.off('values', onValues);
      },
    };
    client.on('state', onState);
    client.on('values', onValues);
    this.entries.set(haId, entry);
    client.start();
    return entry;
  }

  private async closeEntry(entry: Entry): Promise<void> {
    if (this.entries.get(entry.haId) === entry) this.entries.delete(entry.haId);
    entry.detach();
    try {
      await entry.client.stop();
    } catch (e) {
      this.debug(`Closing ${entry.name} failed: ${errorMessage(e)}`);
    }
  }
}
