/**
 * The MQTT bridge as a pure state machine: appliances in, MQTT messages out. It knows the
 * topic layout (hcpy2-0's `homeconnect/<name>/state/<feature id>`, `/LWT`, `/event/<id>`,
 * `/set`, `/activeProgram`, `/selectedProgram`), Home Assistant discovery and its cleanup, and
 * reads command messages into the one command model. Publishing, subscribing and running
 * commands are the caller's (the Node-RED node wires it to core mqtt nodes).
 */
import type { ApplianceProfile } from '../profile/appliance-profile';
import type { ConnectionState } from '../protocol/types';
import { COMMAND_TOPICS, readCommand, readStartIn } from './command-input';
import type { CommandTopic } from './command-input';
import type { ApplianceCommand, PayloadParser } from './command-types';
import { applianceTopics, discoveryEntries, entityAvailable } from './ha-discovery';
import type { DiscoveryEntry } from './ha-discovery';
import { stateText } from './state-values';
import type { BooleanStyle } from './state-values';
import { cleanPrefix, topicSegment } from './topics';

export interface BridgeOptions {
  /** State and command topic root; default `homeconnect`. */
  baseTopic?: string;
  /** Publish Home Assistant discovery; default true. */
  discovery?: boolean;
  /** Discovery prefix; default `homeassistant`. */
  discoveryPrefix?: string;
  /** Node id level of the discovery topics: names whose entries this bridge owns and may clear. */
  nodeId: string;
  booleans?: BooleanStyle;
  allowDangerous?: boolean;
}

/** What the bridge reads of one appliance (an account session provides it). */
export interface BridgeAppliance {
  haId: string;
  name: string;
  brand: string;
  vib: string;
  profile: ApplianceProfile;
  state(): ConnectionState;
  snapshot(): Record<string, unknown>;
}

/** One message for core `mqtt out`. */
export interface MqttMessage {
  topic: string;
  payload: string;
  retain: boolean;
}

export interface CommandRoute {
  haId: string;
  topic: CommandTopic;
}

/** A decoded value as the bridge needs it (a ValueChange fits). */
export interface BridgeValue {
  key: string;
  kind: string;
  value: unknown;
}

interface Entry {
  source: BridgeAppliance;
  topicName: string;
  topics: ReturnType<typeof applianceTopics>;
  discovery: DiscoveryEntry[];
  /** Last availability published per control entity (topic -> online). */
  available: Map<string, boolean>;
  lwt?: 'online' | 'offline';
  startIn: number;
}

/** Sentence-free result of a command: `{ok:true, …}` or the command model's error fields. */
export type ResultPayload = Record<string, unknown>;

const OWN_SUFFIXES = new Set<string>(COMMAND_TOPICS);

export class MqttBridge {
  readonly baseTopic: string;
  readonly discoveryPrefix: string;
  readonly discovery: boolean;
  readonly nodeId: string;
  private readonly booleans: BooleanStyle;
  private readonly allowDangerous: boolean;
  private readonly entries = new Map<string, Entry>();
  private readonly byTopicName = new Map<string, Entry>();
  private readonly ownDiscovery = new Set<string>();

  constructor(options: BridgeOptions, appliances: BridgeAppliance[]) {
    this.baseTopic = cleanPrefix(options.baseTopic, 'homeconnect');
    this.discoveryPrefix = cleanPrefix(options.discoveryPrefix, 'homeassistant');
    this.discovery = options.discovery !== false;
    this.nodeId = topicSegment(options.nodeId);
    this.booleans = options.booleans === 'hcpy' ? 'hcpy' : 'json';
    this.allowDangerous = options.allowDangerous === true;
    for (const source of appliances) this.add(source);
  }

  private add(source: BridgeAppliance): void {
    if (this.entries.has(source.haId)) return;
    // Two appliances with the same name get distinct topic levels (the second one's haId is appended).
    let topicName = topicSegment(source.name);
    if (this.byTopicName.has(topicName)) topicName = topicSegment(`${source.name}_${source.haId}`);
    const entry: Entry = {
      source,
      topicName,
      topics: applianceTopics(this.baseTopic, topicName),
      discovery: [],
      available: new Map(),
      startIn: 0,
    };
    if (this.discovery) {
      entry.discovery = discoveryEntries(
        { haId: source.haId, name: source.name, topicName, brand: source.brand, vib: source.vib, profile: source.profile },
        {
          baseTopic: this.baseTopic,
          discoveryPrefix: this.discoveryPrefix,
          nodeId: this.nodeId,
          booleans: this.booleans,
          allowDangerous: this.allowDangerous,
        },
      );
      for (const d of entry.discovery) this.ownDiscovery.add(d.topic);
    }
    this.entries.set(source.haId, entry);
    this.byTopicName.set(topicName, entry);
  }

  /** The topic level of an appliance (its name, made topic-safe). */
  topicName(haId: string): string | undefined {
    return this.entries.get(haId)?.topicName;
  }

  /** Discovery entries of an appliance (tests and diagnostics). */
  discoveryOf(haId: string): DiscoveryEntry[] {
    return this.entries.get(haId)?.discovery.slice() ?? [];
  }

  /** What the bridge listens to: command topics of every appliance and its own discovery entries (for cleanup). */
  subscriptions(): string[] {
    const topics = COMMAND_TOPICS.map((t) => `${this.baseTopic}/+/${t}`);
    topics.push(`${this.discoveryPrefix}/+/${this.nodeId}/+/config`);
    return topics;
  }

  /**
   * Everything, for a broker that just connected (core mqtt out dropped what came while it was
   * away, and a restarted broker without persistence lost every retained message): LWT,
   * discovery, entity availability, the current state and the pending delayed start.
   */
  republish(): MqttMessage[] {
    const out: MqttMessage[] = [];
    for (const e of this.entries.values()) {
      out.push(this.lwtMessage(e, true)!);
      for (const d of e.discovery) out.push({ topic: d.topic, payload: JSON.stringify(d.payload), retain: true });
      out.push(...this.availabilityMessages(e, true));
      const snapshot = e.source.snapshot();
      for (const key of Object.keys(snapshot).sort()) {
        const f = e.source.profile.find(key);
        if (f?.kind === 'event') continue;
        out.push({ topic: e.topics.state(key), payload: stateText(snapshot[key], this.booleans), retain: true });
      }
      out.push({ topic: e.topics.startInState, payload: String(e.startIn), retain: true });
    }
    return out;
  }

  private lwtMessage(e: Entry, always: boolean): MqttMessage | undefined {
    const state = e.source.state();
    // Connecting is neither: keep the last word until it is decided.
    let lwt: 'online' | 'offline' = state === 'connected' ? 'online' : 'offline';
    if ((state === 'connecting' || state === 'handshaking') && e.lwt) lwt = e.lwt;
    if (!always && lwt === e.lwt) return undefined;
    e.lwt = lwt;
    return { topic: e.topics.lwt, payload: lwt, retain: true };
  }

  private availabilityMessages(e: Entry, always: boolean): MqttMessage[] {
    const out: MqttMessage[] = [];
    for (const d of e.discovery) {
      if (!d.availabilityTopic) continue;
      const now = entityAvailable(e.source.profile, d);
      if (!always && e.available.get(d.availabilityTopic) === now) continue;
      e.available.set(d.availabilityTopic, now);
      out.push({ topic: d.availabilityTopic, payload: now ? 'online' : 'offline', retain: true });
    }
    return out;
  }

  /** The appliance's connection changed: LWT `online`/`offline` when it changed. */
  connectionChanged(haId: string): MqttMessage[] {
    const e = this.entries.get(haId);
    if (!e) return [];
    const m = this.lwtMessage(e, false);
    return m ? [m] : [];
  }

  /** Decoded values: state topics (retained) and events (`{"event_type":…}`, not retained). */
  valuesChanged(haId: string, changes: readonly BridgeValue[]): MqttMessage[] {
    const e = this.entries.get(haId);
    if (!e) return [];
    const out: MqttMessage[] = [];
    for (const c of changes) {
      if (c.kind === 'event') {
        out.push({
          topic: e.topics.event(c.key),
          payload: JSON.stringify({ event_type: stateText(c.value, this.booleans) }),
          retain: false,
        });
      } else {
        out.push({ topic: e.topics.state(c.key), payload: stateText(c.value, this.booleans), retain: true });
      }
    }
    return out;
  }

  /** The live description changed (the profile already holds it): entity availability that changed. */
  descriptionChanged(haId: string): MqttMessage[] {
    const e = this.entries.get(haId);
    return e ? this.availabilityMessages(e, false) : [];
  }

  /**
   * A retained discovery entry under this bridge's node id arrived (subscribed for this): when
   * it is not one of ours any more (appliance removed from the account, feature gone, discovery
   * turned off), it is cleared with an empty retained payload.
   */
  discoverySeen(topic: string, payload: unknown): MqttMessage[] {
    const parts = topic.split('/');
    const prefixLevels = this.discoveryPrefix.split('/').length;
    if (parts.length !== prefixLevels + 4) return [];
    if (parts.slice(0, prefixLevels).join('/') !== this.discoveryPrefix) return [];
    if (parts[prefixLevels + 1] !== this.nodeId || parts[prefixLevels + 3] !== 'config') return [];
    const empty = payload === undefined || payload === null || payload === '' || (Buffer.isBuffer(payload) && payload.length === 0);
    if (empty || this.ownDiscovery.has(topic)) return [];
    return [{ topic, payload: '', retain: true }];
  }

  /** Which appliance and command a topic is, if it is a command topic of this bridge. */
  route(topic: string): CommandRoute | undefined {
    if (!topic.startsWith(`${this.baseTopic}/`)) return undefined;
    const rest = topic.slice(this.baseTopic.length + 1).split('/');
    if (rest.length !== 2 || !OWN_SUFFIXES.has(rest[1])) return undefined;
    const e = this.byTopicName.get(rest[0]);
    return e ? { haId: e.source.haId, topic: rest[1] as CommandTopic } : undefined;
  }

  /** A command message to a command (throws HomeConnectError('validation')). Not for `startIn`. */
  command(route: CommandRoute, payload: unknown, parseOutPayload: PayloadParser): ApplianceCommand {
    const e = this.entries.get(route.haId)!;
    if (route.topic === 'startIn') throw new Error('startIn is not a command');
    return readCommand(route.topic, payload, e.source.profile, parseOutPayload, e.startIn);
  }

  /** The delayed start the start button uses (seconds, 0 = none); answers with its retained state. */
  setStartIn(route: CommandRoute, payload: unknown): MqttMessage[] {
    const e = this.entries.get(route.haId)!;
    const delay = ['BSH.Common.Option.StartInRelative', 'BSH.Common.Option.FinishInRelative']
      .map((k) => e.source.profile.find(k))
      .find((f) => f !== undefined);
    e.startIn = readStartIn(payload, delay?.max !== undefined && delay.max > 0 ? delay.max : 86400);
    return [{ topic: e.topics.startInState, payload: String(e.startIn), retain: true }];
  }

  /** `<base>/<name>/result`, not retained. */
  result(haId: string, payload: ResultPayload): MqttMessage[] {
    const e = this.entries.get(haId);
    if (!e) return [];
    let text: string;
    try {
      text = JSON.stringify(payload);
    } catch {
      text = JSON.stringify({ ok: payload.ok === true });
    }
    return [{ topic: e.topics.result, payload: text, retain: false }];
  }
}
