/**
 * A schema check of Home Assistant MQTT discovery payloads: for every component the bridge
 * uses, the keys Home Assistant requires, the types of every key we send, and no key outside
 * what that component accepts (a typo would be ignored by HA and go unnoticed). Field names
 * and value sets follow the HA MQTT integration's documented options for each platform.
 */

type Check = (v: unknown) => string | undefined;

const str: Check = (v) => (typeof v === 'string' ? undefined : 'a string');
const nonEmptyStr: Check = (v) => (typeof v === 'string' && v !== '' ? undefined : 'a non-empty string');
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'a boolean');
const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : 'a finite number');
const strOrNull: Check = (v) => (v === null || typeof v === 'string' ? undefined : 'a string or null');
const oneOf =
  (...values: string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? undefined : `one of ${values.join(', ')}`;
const strList =
  (min = 1): Check =>
  (v) =>
    Array.isArray(v) && v.length >= min && v.every((x) => typeof x === 'string' && x !== '') && new Set(v).size === v.length
      ? undefined
      : `a list of ${min}+ distinct non-empty strings`;
const topic: Check = (v) => (typeof v === 'string' && v !== '' && !/[+#]/.test(v) ? undefined : 'a topic without wildcards');
const object =
  (fields: Record<string, Check>, required: string[]): Check =>
  (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'an object';
    const o = v as Record<string, unknown>;
    for (const r of required) if (!(r in o)) return `an object with "${r}"`;
    for (const [k, x] of Object.entries(o)) {
      const c = fields[k];
      if (!c) return `an object without "${k}"`;
      const p = c(x);
      if (p) return `an object whose "${k}" is ${p}`;
    }
    return undefined;
  };

const availabilityItem = object({ topic, payload_available: str, payload_not_available: str, value_template: str }, ['topic']);

const SENSOR_CLASSES = ['enum', 'temperature', 'duration', 'signal_strength', 'weight', 'power', 'energy', 'water', 'volume'];

const COMMON: Record<string, Check> = {
  name: strOrNull,
  unique_id: nonEmptyStr,
  device: object(
    { identifiers: strList(1), manufacturer: str, model: str, name: str, sw_version: str, hw_version: str, serial_number: str },
    ['identifiers'],
  ),
  origin: object({ name: nonEmptyStr, sw_version: str, support_url: str }, ['name']),
  availability: (v) => (Array.isArray(v) && v.length > 0 ? v.map(availabilityItem).find((p) => p) : 'a non-empty list'),
  availability_mode: oneOf('all', 'any', 'latest'),
  enabled_by_default: bool,
  entity_category: oneOf('config', 'diagnostic'),
  icon: str,
  value_template: str,
};

interface ComponentSchema {
  required: string[];
  fields: Record<string, Check>;
  /** Cross-field rules. */
  rules?: (p: Record<string, unknown>) => string | undefined;
}

export const HA_COMPONENTS: Record<string, ComponentSchema> = {
  sensor: {
    required: ['state_topic'],
    fields: {
      state_topic: topic,
      device_class: oneOf(...SENSOR_CLASSES),
      unit_of_measurement: str,
      options: strList(1),
      state_class: oneOf('measurement', 'total', 'total_increasing'),
    },
    rules: (p) =>
      'options' in p && p.device_class !== 'enum'
        ? 'options need device_class enum'
        : p.device_class === 'enum' && !('options' in p)
          ? 'an enum sensor needs options'
          : undefined,
  },
  binary_sensor: {
    required: ['state_topic'],
    fields: {
      state_topic: topic,
      device_class: oneOf('door', 'problem', 'running', 'power', 'connectivity'),
      payload_on: str,
      payload_off: str,
    },
  },
  switch: {
    required: ['command_topic'],
    fields: {
      command_topic: topic,
      state_topic: topic,
      payload_on: str,
      payload_off: str,
      state_on: str,
      state_off: str,
      device_class: oneOf('switch', 'outlet'),
    },
  },
  select: {
    required: ['command_topic', 'options'],
    fields: { command_topic: topic, state_topic: topic, command_template: str, options: strList(1) },
  },
  number: {
    required: ['command_topic'],
    fields: {
      command_topic: topic,
      state_topic: topic,
      command_template: str,
      min: num,
      max: num,
      step: num,
      mode: oneOf('auto', 'box', 'slider'),
      unit_of_measurement: str,
      device_class: oneOf('temperature', 'duration', 'weight'),
    },
    rules: (p) =>
      typeof p.min === 'number' && typeof p.max === 'number' && p.min >= p.max
        ? 'min must be below max'
        : typeof p.step === 'number' && p.step <= 0
          ? 'step must be positive'
          : undefined,
  },
  button: {
    required: ['command_topic'],
    fields: { command_topic: topic, payload_press: str, device_class: oneOf('restart', 'update', 'identify') },
  },
  event: {
    required: ['state_topic', 'event_types'],
    fields: { state_topic: topic, event_types: strList(1), device_class: oneOf('button', 'doorbell', 'motion') },
  },
};

const TOPIC = /^(.+)\/([a-z_]+)\/([A-Za-z0-9_-]+)\/([A-Za-z0-9_-]+)\/config$/;

/** Problems of one discovery message (topic + payload text); empty when valid. */
export function discoveryProblems(topicText: string, payloadText: string): string[] {
  const problems: string[] = [];
  const m = TOPIC.exec(topicText);
  if (!m) return [`${topicText}: not <prefix>/<component>/<node_id>/<object_id>/config`];
  const component = m[2];
  const schema = HA_COMPONENTS[component];
  if (!schema) return [`${topicText}: component "${component}" is not one the schema knows`];
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return [`${topicText}: payload is not JSON`];
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return [`${topicText}: payload is not an object`];
  const p = payload as Record<string, unknown>;
  for (const r of ['unique_id', 'device', 'availability', ...schema.required]) {
    if (!(r in p)) problems.push(`${topicText}: "${r}" missing`);
  }
  for (const [k, v] of Object.entries(p)) {
    const check = schema.fields[k] ?? COMMON[k];
    if (!check) {
      problems.push(`${topicText}: "${k}" is not a ${component} option`);
      continue;
    }
    const want = check(v);
    if (want) problems.push(`${topicText}: "${k}" must be ${want}, is ${JSON.stringify(v)}`);
  }
  const rule = schema.rules?.(p);
  if (rule) problems.push(`${topicText}: ${rule}`);
  return problems;
}
