import { derivedTimes } from '../src/appliance/absolute-times';
import { endOfProgramCompletions, programEnded } from '../src/appliance/end-of-program';
import { describe } from '../src/appliance/labels';
import type { LabelCatalogue } from '../src/appliance/labels';
import { errorMessage } from '../src/errors';
import type { ApplianceClient, ConnectionState, StateChange, ValueChange } from '../src/protocol/types';
import type { ConnectionUser, SharedConnection } from './account-node';
import { attachToAccount } from './appliance-user';
import type { UserConfig } from './appliance-user';
import { isEmptyFilter, parseKeyFilter } from './key-filter';
import { runtimeLabels } from './labels-catalogue';
import { changeMessage, connectionMessage, stateMessage } from './message-builder';
import type { ApplianceRef, ChangeExtras } from './message-builder';
import type { RedAPI, RedNode } from './red-types';
import { connectionStatus } from './status';

export const IN_TYPE = 'homeconnect-local-in';

interface InConfig extends UserConfig {
  output?: string;
  filter?: string;
  initial?: boolean | string;
  connection?: string;
}

/** Where `<name>/connection` messages go: the value output, a second output, or nowhere. */
export type ConnectionOutput = 'same' | 'second' | 'off';

/**
 * The `connection` property. `auto` (the default, also for flows saved before the property
 * existed): on the value output when there is no key filter, none when there is one, so a
 * filter yields only its keys.
 */
export function connectionOutput(connection: unknown, filter: unknown): ConnectionOutput {
  if (connection === 'same' || connection === 'second' || connection === 'off') return connection;
  return isEmptyFilter(filter) ? 'same' : 'off';
}

export function registerInNode(RED: RedAPI): void {
  function HomeConnectInNode(this: RedNode, config: InConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const accept = parseKeyFilter(config.filter);
    const output = config.output === 'state' ? 'state' : 'changes';
    const initial = config.initial !== false && config.initial !== 'false';
    const connectionTo = connectionOutput(config.connection, config.filter);
    let appliance: ApplianceRef = { haId: config.appliance ?? '', name: config.appliance ?? '' };
    let lastState: ConnectionState | undefined;
    // Until the first batch, values are the initial read (complete state), not changes.
    let primed = false;
    // Set once attached; callbacks that fire earlier have nothing to read yet.
    let client: ApplianceClient | undefined;
    let session: SharedConnection | undefined;
    // Read once, in Node-RED's language setting.
    let labels: LabelCatalogue | undefined;
    const completedKeys = new Map<string, number>();

    const extras = (key: string, value: unknown, values: Record<string, unknown>, now: number): ChangeExtras => {
      labels ??= runtimeLabels(RED);
      const out: ChangeExtras = session ? describe(session.profile, values, labels, key, value) : {};
      return { ...out, ...derivedTimes(key, value, now) };
    };

    const emitValues = (changes: ValueChange[], initialRead = false) => {
      if (!client) return;
      const values = client.snapshot();
      // A program that ended with a stale countdown gets it completed (derived values).
      const completions = !initialRead && programEnded(changes) ? endOfProgramCompletions(values) : [];
      const wanted = changes.filter((c) => accept(c.key));
      const derived = completions.filter((c) => accept(c.key));
      if (wanted.length === 0 && derived.length === 0) return;
      if (output === 'state') {
        // Completed values stay until the appliance reports those keys again.
        for (const c of changes) completedKeys.delete(c.key);
        for (const c of completions) completedKeys.set(c.key, c.value);
        const completed = { ...values };
        for (const [k, v] of completedKeys) completed[k] = v;
        node.send(stateMessage(appliance, completed, accept, new Set(completedKeys.keys())));
        return;
      }
      const now = Date.now();
      const messages = wanted.map((c) => changeMessage(appliance, c, extras(c.key, c.value, values, now)));
      for (const c of derived) {
        const feature = session?.profile.find(c.key);
        const change: ValueChange = {
          uid: feature?.uid ?? 0,
          key: c.key,
          kind: feature?.kind ?? 'option',
          value: c.value,
          raw: c.value,
          previous: c.previous,
        };
        if (feature?.unit !== undefined) change.unit = feature.unit;
        messages.push(changeMessage(appliance, change, { ...extras(c.key, c.value, values, now), derived: true }));
      }
      node.send([messages]);
    };

    const user: ConnectionUser = {
      node,
      connectionChanged(change: StateChange) {
        node.status(connectionStatus(change.state));
        // handshaking is part of connecting for the user
        const state: ConnectionState = change.state === 'handshaking' ? 'connecting' : change.state;
        if (state === lastState) return;
        lastState = state;
        if (connectionTo === 'off') return;
        const msg = connectionMessage(appliance, state, change.reason);
        node.send(connectionTo === 'second' ? [null, msg] : msg);
      },
      valuesChanged(changes: ValueChange[]) {
        let initialRead = false;
        if (!primed) {
          primed = true;
          initialRead = true;
          if (!initial) return;
        }
        emitValues(changes, initialRead);
      },
    };

    const attached = attachToAccount(RED, node, config, user);
    if (!attached) return;
    appliance = { haId: attached.connection.haId, name: attached.connection.name };
    client = attached.connection.client;
    session = attached.connection;
    lastState = client.state === 'handshaking' ? 'connecting' : client.state;

    // Joined a connection that is already up (e.g. after a partial deploy): its initial read is over.
    // This node still starts like any other: its connection message, then the current values.
    if (client.state === 'connected') {
      primed = true;
      const up = client;
      const emitInitial = () => {
        RED.events.removeListener('flows:started', emitInitial);
        // Dropped meanwhile: connectionChanged has told already, and the values follow the reconnect.
        if (up.state !== 'connected') return;
        try {
          if (connectionTo !== 'off') {
            const msg = connectionMessage(appliance, 'connected', up.lastReason);
            node.send(connectionTo === 'second' ? [null, msg] : msg);
          }
          if (initial) emitValues(up.currentValues(), true);
        } catch (e) {
          node.warn(errorMessage(e));
        }
      };
      // Wait until every node of the deploy exists, so the first messages reach their wires.
      RED.events.on('flows:started', emitInitial);
      node.on('close', (_removed: boolean, done: () => void) => {
        try {
          RED.events.removeListener('flows:started', emitInitial);
        } finally {
          done();
        }
      });
    }
  }

  RED.nodes.registerType(IN_TYPE, HomeConnectInNode);
}
