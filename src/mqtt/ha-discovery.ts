/**
 * Home Assistant MQTT discovery entries for one appliance, chosen from its profile: one entry
 * per feature (statuses as sensors, settings as switch/select/number, commands as buttons,
 * events as event entities, programs as a select plus a start button, delayed start as a
 * number). Pure: topics and payload objects only, nothing is published here.
 */
import { normalizeAccess } from '../profile/appliance-profile';
import type { ApplianceProfile } from '../profile/appliance-profile';
import type { Feature } from '../profile/types';
import { isDangerousCommand } from '../protocol/program-command';
import { booleanText } from './state-values';
import type { BooleanStyle } from './state-values';
import { featureId, topicSegment } from './topics';

export type Component = 'sensor' | 'binary_sensor' | 'switch' | 'select' | 'number' | 'button' | 'event';
export const COMPONENTS: readonly Component[] = ['sensor', 'binary_sensor', 'switch', 'select', 'number', 'button', 'event'];

/** Keys of the bridge's own entities (not features of the profile). */
export const SELECTED_PROGRAM = 'BSH.Common.Root.SelectedProgram';
export const ACTIVE_PROGRAM = 'BSH.Common.Root.ActiveProgram';
export const START_BUTTON = 'BSH.Common.Root.SelectedProgram.Start';
const DELAY_KEYS = ['BSH.Common.Option.StartInRelative', 'BSH.Common.Option.FinishInRelative'];
/** Longest delayed start offered when the profile gives no maximum (a day). */
const DEFAULT_MAX_DELAY = 86400;
/** Longest discovery object id (haId and feature id). */
const MAX_OBJECT_ID = 400;
/** HA drops states longer than 255 characters: structured values are not entities. */
const SKIPPED_PROTOCOL = 'Object';

export interface DiscoveryAppliance {
  haId: string;
  /** Display name (device name in HA). */
  name: string;
  /** The appliance's topic level (topicSegment of its name). */
  topicName: string;
  brand: string;
  vib: string;
  profile: ApplianceProfile;
}

export interface DiscoveryOptions {
  /** State topic root, e.g. `homeconnect`. */
  baseTopic: string;
  /** HA discovery prefix, e.g. `homeassistant`. */
  discoveryPrefix: string;
  /** Node id level of the discovery topics: whose entries these are (cleanup touches only these). */
  nodeId: string;
  booleans: BooleanStyle;
  /** Offer buttons for commands that reset the appliance or cut its network. */
  allowDangerous: boolean;
}

export interface DiscoveryEntry {
  /** `<prefix>/<component>/<nodeId>/<objectId>/config` */
  topic: string;
  component: Component;
  /** The feature key the entity is for (or one of the bridge's own keys above). */
  key: string;
  /** Topic of the entity's own availability (controls only): `online` while the live description allows it. */
  availabilityTopic?: string;
  payload: Record<string, unknown>;
}

/** Topics of one appliance under the base topic (hcpy2-0's layout plus the bridge's own). */
export function applianceTopics(baseTopic: string, topicName: string) {
  const base = `${baseTopic}/${topicName}`;
  return {
    base,
    lwt: `${base}/LWT`,
    set: `${base}/set`,
    activeProgram: `${base}/activeProgram`,
    selectedProgram: `${base}/selectedProgram`,
    start: `${base}/start`,
    startIn: `${base}/startIn`,
    startInState: `${base}/state/start_in`,
    result: `${base}/result`,
    state: (key: string) => `${base}/state/${featureId(key)}`,
    event: (key: string) => `${base}/event/${featureId(key)}`,
    available: (key: string) => `${base}/available/${featureId(key)}`,
  };
}

function writable(f: Feature): boolean {
  return f.access === 'readWrite' || f.access === 'writeOnly';
}

/**
 * Access as the profile files give it: the component of an entity must not follow the live
 * description (a setting is read-only while a program runs), or HA would lose the entity and its
 * history on the next deploy. The live access only switches the entity's availability.
 */
function staticAccess(f: Feature): Feature['access'] {
  return normalizeAccess(f.attributes?.access) ?? f.access;
}

function isBoolean(f: Feature): boolean {
  return f.protocolType === 'Boolean' || f.contentType === 'boolean';
}

function enumMembers(f: Feature): string[] | undefined {
  const members = f.enumeration?.members;
  if (!members) return undefined;
  const list = Object.values(members);
  return list.length > 0 ? list : undefined;
}

function isNumber(f: Feature): boolean {
  return (f.protocolType === 'Integer' || f.protocolType === 'Float') && !f.enumeration && !isBoolean(f);
}

/** Device classes only where the unit makes them certain. */
function numericClass(f: Feature): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.unit) out.unit_of_measurement = f.unit;
  if (f.unit === '°C' || f.unit === '°F') out.device_class = 'temperature';
  else if (f.unit === 's') out.device_class = 'duration';
  else if (f.unit === 'dBm') {
    out.device_class = 'signal_strength';
    out.entity_category = 'diagnostic';
  } else if (f.unit === 'g') out.device_class = 'weight';
  return out;
}

/** Program label shown in HA: the short name when no other program shares it, else the full key. */
function programLabels(profile: ApplianceProfile): Map<string, string> {
  // By the profile files, as for the components: a program unavailable for a while stays an option.
  const programs = profile
    .programs()
    .filter((p) => String(p.attributes?.available ?? p.available).toLowerCase() !== 'false' && p.execution !== 'none');
  const counts = new Map<string, number>();
  for (const p of programs) counts.set(p.shortKey, (counts.get(p.shortKey) ?? 0) + 1);
  return new Map(programs.map((p) => [p.key, counts.get(p.shortKey) === 1 ? p.shortKey : p.key]));
}

/**
 * Every discovery entry of one appliance. The component of a feature follows its access in the
 * profile files; changes of the live description (available, access) only switch the entity's
 * own availability topic, so HA keeps the entity and its history.
 */
export function discoveryEntries(a: DiscoveryAppliance, o: DiscoveryOptions): DiscoveryEntry[] {
  const t = applianceTopics(o.baseTopic, a.topicName);
  const on = booleanText(true, o.booleans);
  const off = booleanText(false, o.booleans);
  const device = { identifiers: [a.haId], manufacturer: a.brand, model: a.vib, name: a.name };
  const lwt = { topic: t.lwt, payload_available: 'online', payload_not_available: 'offline' };
  const entries: DiscoveryEntry[] = [];

  const add = (component: Component, key: string, name: string, fields: Record<string, unknown>, control: boolean, hidden = false) => {
    const entry: DiscoveryEntry = {
      // Long enough to keep real keys whole, so object ids of one appliance never collide.
      topic: `${o.discoveryPrefix}/${component}/${o.nodeId}/${topicSegment(`${a.haId}_${featureId(key)}`, MAX_OBJECT_ID)}/config`,
      component,
      key,
      payload: {},
    };
    const availability: Array<Record<string, string>> = [lwt];
    if (control) {
      entry.availabilityTopic = t.available(key);
      availability.push({ topic: entry.availabilityTopic, payload_available: 'online', payload_not_available: 'offline' });
    }
    entry.payload = {
      name,
      unique_id: `${a.haId}_${key}`,
      device,
      origin: { name: 'homeconnect-local' },
      availability,
      availability_mode: 'all',
      ...(hidden ? { enabled_by_default: false } : {}),
      ...fields,
    };
    entries.push(entry);
  };

  // The delayed start is offered as a number (below) with the same key, not also as a sensor.
  const delayNumber = a.profile.roots.selectedProgram !== undefined && programLabels(a.profile).size > 0;
  const readOnlyEntity = (f: Feature) => {
    if (f.protocolType === SKIPPED_PROTOCOL) return;
    if (delayNumber && DELAY_KEYS.includes(f.key)) return;
    const hidden = staticAccess(f) === 'none';
    const state_topic = t.state(f.key);
    if (f.key === 'BSH.Common.Status.DoorState') {
      // Open and Ajar are open; Closed and Locked are closed.
      add(
        'binary_sensor',
        f.key,
        f.shortKey,
        {
          state_topic,
          device_class: 'door',
          payload_on: 'Open',
          payload_off: 'Closed',
          value_template: "{{ 'Open' if value in ['Open', 'Ajar'] else 'Closed' }}",
        },
        false,
        hidden,
      );
      return;
    }
    if (isBoolean(f)) {
      add('binary_sensor', f.key, f.shortKey, { state_topic, payload_on: on, payload_off: off }, false, hidden);
      return;
    }
    const members = enumMembers(f);
    if (members) {
      add('sensor', f.key, f.shortKey, { state_topic, device_class: 'enum', options: members }, false, hidden);
      return;
    }
    add('sensor', f.key, f.shortKey, { state_topic, ...(isNumber(f) ? numericClass(f) : {}) }, false, hidden);
  };

  for (const f of a.profile.statuses()) readOnlyEntity(f);
  // Read-only options are program state (progress, remaining time); writable ones belong to a program start.
  for (const f of a.profile.options()) {
    const access = staticAccess(f);
    if (access === 'read' || access === 'readStatic') readOnlyEntity(f);
  }

  for (const f of a.profile.settings()) {
    const access = staticAccess(f);
    if (access !== 'readWrite') {
      if (access !== 'writeOnly') readOnlyEntity(f);
      continue;
    }
    const state_topic = t.state(f.key);
    const members = enumMembers(f);
    if (isBoolean(f)) {
      add(
        'switch',
        f.key,
        f.shortKey,
        {
          state_topic,
          command_topic: t.set,
          payload_on: JSON.stringify({ uid: f.uid, value: true }),
          payload_off: JSON.stringify({ uid: f.uid, value: false }),
          state_on: on,
          state_off: off,
        },
        true,
      );
    } else if (members) {
      add(
        'select',
        f.key,
        f.shortKey,
        {
          state_topic,
          command_topic: t.set,
          command_template: `{"uid":${f.uid},"value":"{{ value }}"}`,
          options: members,
        },
        true,
      );
    } else if (isNumber(f) && f.min !== undefined && f.max !== undefined && f.max > f.min) {
      const cls = numericClass(f);
      delete cls.entity_category;
      add(
        'number',
        f.key,
        f.shortKey,
        {
          state_topic,
          command_topic: t.set,
          command_template: `{"uid":${f.uid},"value":{{ value }}}`,
          min: f.min,
          max: f.max,
          step: f.stepSize !== undefined && f.stepSize > 0 ? f.stepSize : 1,
          mode: 'box',
          ...cls,
        },
        true,
      );
    } else {
      readOnlyEntity(f);
    }
  }

  for (const f of a.profile.commands()) {
    const access = staticAccess(f);
    if (!isBoolean(f) || !(access === 'readWrite' || access === 'writeOnly')) continue;
    if (!o.allowDangerous && isDangerousCommand(f.key)) continue;
    add('button', f.key, f.shortKey, { command_topic: t.set, payload_press: JSON.stringify({ uid: f.uid, value: true }) }, true);
  }

  for (const f of a.profile.events()) {
    const members = enumMembers(f);
    if (!members) continue;
    add('event', f.key, f.shortKey, { state_topic: t.event(f.key), event_types: members }, false);
  }

  const labels = programLabels(a.profile);
  if (labels.size > 0) {
    const shortOnly = [...labels.entries()].every(([key, label]) => key !== label);
    const template = shortOnly ? { value_template: "{{ value.split('.')[-1] }}" } : {};
    const roots = a.profile.roots;
    if (roots.selectedProgram) {
      add(
        'select',
        SELECTED_PROGRAM,
        'SelectedProgram',
        {
          state_topic: t.state(SELECTED_PROGRAM),
          command_topic: t.selectedProgram,
          command_template: '{"program":"{{ value }}"}',
          options: [...labels.values()],
          ...template,
        },
        true,
      );
      add('button', START_BUTTON, 'Start program', { command_topic: t.start, payload_press: 'PRESS' }, true);
    }
    if (roots.activeProgram) {
      add('sensor', ACTIVE_PROGRAM, 'ActiveProgram', { state_topic: t.state(ACTIVE_PROGRAM), ...template }, false);
    }
    const delay = DELAY_KEYS.map((k) => a.profile.find(k)).find((f): f is Feature => f !== undefined);
    if (delay && roots.selectedProgram) {
      add(
        'number',
        delay.key,
        'Start in',
        {
          state_topic: t.startInState,
          command_topic: t.startIn,
          min: 0,
          max: delay.max !== undefined && delay.max > 0 ? delay.max : DEFAULT_MAX_DELAY,
          step: delay.stepSize !== undefined && delay.stepSize > 0 ? delay.stepSize : 60,
          mode: 'box',
          unit_of_measurement: 's',
          device_class: 'duration',
        },
        false,
      );
    }
  }
  return entries;
}

/** Whether a control entity can be used now, by the live description (available, access). */
export function entityAvailable(profile: ApplianceProfile, entry: DiscoveryEntry): boolean {
  const key = entry.key === START_BUTTON ? SELECTED_PROGRAM : entry.key;
  const f = key === SELECTED_PROGRAM ? profile.roots.selectedProgram : profile.find(key);
  if (!f) return false;
  if (f.available === false) return false;
  return f.access === undefined || writable(f);
}
