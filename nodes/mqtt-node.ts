import { commandErrorFields, parseCommand, runCommand } from '../src/appliance/commands';
import { errorMessage, isHomeConnectError } from '../src/errors';
import { MqttBridge } from '../src/mqtt/mqtt-bridge';
import type { BridgeAppliance, MqttMessage } from '../src/mqtt/mqtt-bridge';
import type { ApplianceCommand } from '../src/mqtt/command-types';
import type { DescriptionChangeItem } from '../src/profile/types';
import type { ConnectionState, StateChange, ValueChange } from '../src/protocol/types';
import { findAccount } from './account-node';
import type { ConnectionUser, SharedConnection } from './account-node';
import type { DoneFunction, NodeMessage, NodeStatus, RedAPI, RedNode, SendFunction } from './red-types';
import { connectionStatus, setupProblemStatus } from './status';
import type { SetupProblem } from './status';

export const MQTT_TYPE = 'homeconnect-local-mqtt';
/** `appliance` value meaning every appliance of the account. */
export const ALL_APPLIANCES = '*';

interface MqttConfig {
  id: string;
  name?: string;
  account?: string;
  appliance?: string;
  baseTopic?: string;
  discovery?: boolean | string;
  discoveryPrefix?: string;
  booleans?: string;
  allowDangerous?: boolean | string;
}

/** Status text core `mqtt out` shows when its broker connects (what a Status node reports). */
const BROKER_CONNECTED = 'node-red:common.status.connected';

function flag(v: unknown, fallback: boolean): boolean {
  if (v === undefined || v === null || v === '') return fallback;
  return v === true || v === 'true';
}

/** The command model's error fields (message, kind, code, codeName), as the result topic carries them. */
function errorFields(e: unknown): Record<string, unknown> {
  return { ok: false, ...commandErrorFields(e) };
}

const ALLOW_HINT = 'Tick "allow dangerous commands" in the appliance mqtt node to send it.';

function toRed(messages: MqttMessage[]): NodeMessage[] {
  return messages.map((m) => ({ topic: m.topic, payload: m.payload, retain: m.retain, qos: 1 }));
}

/**
 * Bridges one or all appliances of an account to MQTT through core `mqtt out` (output 1) and a
 * dynamic `mqtt in` (output 2 subscribes it; its messages come back as input). The topic
 * layout, discovery and command reading live in src/mqtt; this node only connects sessions,
 * runs commands and sends.
 */
export function registerMqttNode(RED: RedAPI): void {
  function HomeConnectMqttNode(this: RedNode, config: MqttConfig) {
    RED.nodes.createNode(this, config);
    const node = this;
    const account = findAccount(RED, config.account);
    if (!account) {
      node.status(setupProblemStatus('no-config'));
      return;
    }
    const allowDangerous = flag(config.allowDangerous, false);
    const wanted = !config.appliance || config.appliance === ALL_APPLIANCES ? account.appliances.map((a) => a.haId) : [config.appliance];
    const sessions = new Map<string, SharedConnection>();
    const users: Array<{ user: ConnectionUser; haId: string }> = [];
    const detach: Array<() => void> = [];
    let bridge: MqttBridge | undefined;
    let started = false;
    let problem: SetupProblem = 'no-appliance';

    const publish = (messages: MqttMessage[]) => {
      if (!started || messages.length === 0) return;
      node.send([toRed(messages), null]);
    };

    const showStatus = () => {
      const states = [...sessions.values()].map((s) => s.client.state);
      if (states.length === 0) return;
      let status: NodeStatus;
      if (states.every((s) => s === 'connected')) status = connectionStatus('connected');
      else if (states.some((s) => s === 'auth-failed' || s === 'error'))
        status = connectionStatus(states.find((s) => s === 'auth-failed' || s === 'error')!);
      else if (states.some((s) => s === 'offline')) status = connectionStatus('offline');
      else status = connectionStatus(states.find((s) => s !== 'connected') as ConnectionState);
      node.status(status);
    };

    for (const haId of wanted) {
      const user: ConnectionUser = {
        node,
        connectionChanged(_change: StateChange) {
          showStatus();
          if (bridge) publish(bridge.connectionChanged(haId));
        },
        valuesChanged(changes: ValueChange[]) {
          if (bridge) publish(bridge.valuesChanged(haId, changes));
        },
      };
      try {
        const session = account.register(user, haId);
        sessions.set(haId, session);
        users.push({ user, haId });
        const onDescription = (_items: DescriptionChangeItem[]) => {
          try {
            if (bridge) publish(bridge.descriptionChanged(haId));
          } catch (e) {
            node.warn(errorMessage(e));
          }
        };
        session.client.on('description', onDescription);
        detach.push(() => session.client.off('description', onDescription));
      } catch (e) {
        problem = (isHomeConnectError(e) && (e.details?.problem as SetupProblem | undefined)) || 'no-appliance';
        node.warn(errorMessage(e));
      }
    }
    if (sessions.size === 0) {
      node.status(setupProblemStatus(problem));
    } else {
      showStatus();
    }

    const sources: BridgeAppliance[] = [...sessions.values()].map((s) => {
      const entry = account.appliances.find((a) => a.haId === s.haId);
      return {
        haId: s.haId,
        name: s.name,
        brand: entry?.brand || s.profile.description.brand || '',
        vib: entry?.vib || s.profile.description.model || '',
        profile: s.profile,
        state: () => s.client.state,
        snapshot: () => s.client.snapshot(),
      };
    });
    try {
      bridge = new MqttBridge(
        {
          baseTopic: config.baseTopic,
          discovery: flag(config.discovery, true),
          discoveryPrefix: config.discoveryPrefix,
          // Node ids survive redeploys: the entries this node published are the ones it may clear.
          nodeId: `hcl_${node.id}`,
          booleans: config.booleans === 'hcpy' ? 'hcpy' : 'json',
          allowDangerous,
        },
        sources,
      );
    } catch (e) {
      node.warn(errorMessage(e));
    }

    // Once every node of the deploy exists: subscribe the mqtt in, publish what is known.
    const onStarted = () => {
      RED.events.removeListener('flows:started', onStarted);
      if (!bridge || started) return;
      started = true;
      try {
        node.send([null, { action: 'subscribe', topic: bridge.subscriptions().map((t) => ({ topic: t, qos: 1 })) }]);
        publish(bridge.republish());
      } catch (e) {
        node.warn(errorMessage(e));
      }
    };
    RED.events.on('flows:started', onStarted);

    const perform = (haId: string, command: ApplianceCommand): Promise<Record<string, unknown>> =>
      runCommand(sessions.get(haId)!, command, { allowDangerous, allowHint: ALLOW_HINT });

    node.on('input', (msg: NodeMessage, _send: SendFunction, done: DoneFunction) => {
      try {
        if (!bridge) return done();
        const status = msg.status as { text?: unknown } | undefined;
        if ((status && status.text === BROKER_CONNECTED) || msg.action === 'republish') {
          started = true;
          publish(bridge.republish());
          return done();
        }
        if (typeof msg.topic !== 'string') return done();
        const discovery = bridge.discoverySeen(msg.topic, msg.payload);
        if (discovery.length) {
          publish(discovery);
          return done();
        }
        const route = bridge.route(msg.topic);
        if (!route) return done();
        if (route.topic === 'startIn') {
          try {
            publish(bridge.setStartIn(route, msg.payload));
          } catch (e) {
            publish(bridge.result(route.haId, errorFields(e)));
          }
          return done();
        }
        let command: ApplianceCommand;
        try {
          command = bridge.command(route, msg.payload, (payload) => parseCommand(payload));
        } catch (e) {
          publish(bridge.result(route.haId, errorFields(e)));
          return done();
        }
        const b = bridge;
        perform(route.haId, command).then(
          (result) => {
            publish(b.result(route.haId, { ...result, ok: true }));
            done();
          },
          (e: unknown) => {
            publish(b.result(route.haId, errorFields(e)));
            done();
          },
        );
      } catch (e) {
        done(new Error(errorMessage(e)));
      }
    });

    node.on('close', (removed: boolean, done: () => void) => {
      let pending: Promise<unknown> = Promise.resolve();
      try {
        RED.events.removeListener('flows:started', onStarted);
        for (const d of detach) d();
        pending = Promise.all(users.map(({ user, haId }) => account.deregister(user, haId, removed).catch(() => undefined)));
      } finally {
        pending.catch(() => undefined).finally(() => done());
      }
    });
  }

  RED.nodes.registerType(MQTT_TYPE, HomeConnectMqttNode);
}
