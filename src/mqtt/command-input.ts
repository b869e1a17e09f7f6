/**
 * Commands arriving over MQTT, in hcpy2-0's forms and as out-node payloads, read into the one
 * command model. Everything here is hostile input: sizes, counts and depths are bounded before
 * any work, and every refusal is a HomeConnectError('validation') with a sentence for a person.
 */
import { HomeConnectError } from '../errors';
import type { ApplianceProfile } from '../profile/appliance-profile';
import type { Feature } from '../profile/types';
import { showValue } from '../profile/value-codec';
import type { ApplianceCommand, PayloadParser } from './command-types';

/** Largest command payload read (bytes of text). */
export const MAX_COMMAND_BYTES = 64 * 1024;
/** Most `{uid|name, value}` items in one message. */
export const MAX_COMMAND_ITEMS = 100;
/** Deepest JSON nesting accepted in a command. */
export const MAX_COMMAND_DEPTH = 8;
/** Candidates named when a name matches several features. */
const MAX_CANDIDATES = 5;

/** The command topics of one appliance (last topic level). */
export type CommandTopic = 'set' | 'activeProgram' | 'selectedProgram' | 'start' | 'startIn';
export const COMMAND_TOPICS: readonly CommandTopic[] = ['set', 'activeProgram', 'selectedProgram', 'start', 'startIn'];

function invalid(message: string, details?: Record<string, unknown>): HomeConnectError {
  return new HomeConnectError('validation', message, details ? { details } : undefined);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}

function depthOf(v: unknown, limit: number, depth = 0): number {
  if (depth > limit) return depth;
  if (Array.isArray(v)) return v.reduce<number>((m, x) => Math.max(m, depthOf(x, limit, depth + 1)), depth + 1);
  if (isPlainObject(v)) return Object.values(v).reduce<number>((m, x) => Math.max(m, depthOf(x, limit, depth + 1)), depth + 1);
  return depth;
}

/** The payload as text (Buffer or string) or as the value a JSON-parsing mqtt in already made. */
function payloadText(payload: unknown): string | undefined {
  if (Buffer.isBuffer(payload)) {
    if (payload.length > MAX_COMMAND_BYTES)
      throw invalid(`The command is too large (${payload.length} bytes; at most ${MAX_COMMAND_BYTES}).`);
    return payload.toString('utf8');
  }
  if (typeof payload === 'string') {
    if (payload.length > MAX_COMMAND_BYTES)
      throw invalid(`The command is too large (${payload.length} characters; at most ${MAX_COMMAND_BYTES}).`);
    return payload;
  }
  return undefined;
}

/**
 * JSON text to a value; objects already parsed (an mqtt in set to "parsed JSON") pass. Plain text
 * that is not JSON stays text for the topics that accept it, else it is refused by the caller.
 */
export function readPayload(payload: unknown): { value: unknown; json: boolean } {
  const text = payloadText(payload);
  let value: unknown = payload;
  let json = true;
  if (text !== undefined) {
    const t = text.trim();
    try {
      value = JSON.parse(t);
    } catch {
      value = t;
      json = false;
    }
  }
  if (depthOf(value, MAX_COMMAND_DEPTH) > MAX_COMMAND_DEPTH)
    throw invalid(`The command is nested too deeply (at most ${MAX_COMMAND_DEPTH} levels).`);
  return { value, json };
}

/** hcpy2-0's item form: `{"uid":539,"value":2}` or `{"name":"PowerState","value":"On"}`. */
function isHcpyItem(v: unknown): v is Record<string, unknown> {
  if (!isPlainObject(v) || !('value' in v)) return false;
  const keys = Object.keys(v);
  return ('uid' in v || 'name' in v) && keys.every((k) => k === 'uid' || k === 'name' || k === 'value');
}

/**
 * A feature named the hcpy2-0 way: a uid (number or digits), a full key, a unique short key, or
 * a piece of a key that only one feature contains (hcpy2-0 takes the first match; we refuse to
 * guess and name the candidates).
 */
export function featureByName(profile: ApplianceProfile, ref: unknown): Feature {
  if (typeof ref === 'number' && Number.isInteger(ref)) return profile.resolve(ref);
  if (typeof ref !== 'string' || ref.trim() === '' || ref.length > 200) {
    throw invalid(`"uid" or "name" must name a feature (a uid or a key), got ${showValue(ref)}.`);
  }
  const found = profile.find(ref);
  if (found) return found;
  const t = ref.trim();
  const matches = /^\d+$/.test(t) ? [] : profile.allFeatures().filter((f) => f.key.includes(t));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const keys = matches.slice(0, MAX_CANDIDATES).map((f) => f.key);
    throw invalid(
      `The name ${showValue(ref)} matches ${matches.length} features; use one of the full keys: ${keys.join(', ')}${matches.length > MAX_CANDIDATES ? ', …' : ''}.`,
      {
        ref,
        candidates: keys,
      },
    );
  }
  return profile.resolve(ref);
}

/** hcpy2-0 sends enum values as wire integers too (`{"uid":539,"value":2}`): map them to member names. */
function userValue(feature: Feature, value: unknown): unknown {
  const members = feature.enumeration?.members;
  if (members && (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value)))) {
    const name = members[String(value)];
    if (name !== undefined) return name;
  }
  return value;
}

function hcpyItemsToValues(profile: ApplianceProfile, items: unknown[], what: string): Record<string, unknown> {
  if (items.length === 0) throw invalid(`${what} is an empty list: nothing to send.`);
  if (items.length > MAX_COMMAND_ITEMS) throw invalid(`${what} has ${items.length} items; at most ${MAX_COMMAND_ITEMS}.`);
  const values: Record<string, unknown> = {};
  for (const item of items) {
    if (!isHcpyItem(item)) {
      throw invalid(`Every item of ${what} must be {"uid":…,"value":…} or {"name":…,"value":…}, got ${showValue(item)}.`);
    }
    const feature = featureByName(profile, 'uid' in item ? item.uid : item.name);
    values[feature.key] = userValue(feature, item.value);
  }
  return values;
}

/** A program reference as hcpy2-0 takes it: a uid, digits, a full key or a short name. */
function programRef(profile: ApplianceProfile, ref: unknown): string | number {
  if (typeof ref === 'number' && Number.isInteger(ref)) return ref;
  if (typeof ref !== 'string' || ref.trim() === '' || ref.length > 200) {
    throw invalid(`"program" must be a program key, short name or uid, got ${showValue(ref)}.`);
  }
  const t = ref.trim();
  // A program whose key ends in the text first: favourites like "001" are names in hcpy2-0, not uids.
  const programs = profile.programs().filter((p) => p.key === t || p.key.endsWith(`.${t}`));
  if (programs.length === 1) return programs[0].key;
  const found = profile.find(t);
  if (found && found.kind === 'program') return found.key;
  return t;
}

/** `/activeProgram` and `/selectedProgram`: hcpy2-0's `{"program":…,"options":[{"uid","value"}]}`, a list of one, or a bare name. */
function programCommand(profile: ApplianceProfile, value: unknown, json: boolean, action: 'start' | 'select'): ApplianceCommand {
  let body = value;
  if (Array.isArray(body)) {
    if (body.length !== 1) throw invalid(`A program command is one object, got a list of ${body.length}.`);
    body = body[0];
  }
  if (!json || typeof body === 'string' || typeof body === 'number') {
    return { type: 'program', action, program: programRef(profile, body) };
  }
  if (!isPlainObject(body) || !('program' in body)) {
    throw invalid(`A program command must be {"program":…,"options":[{"uid":…,"value":…}]} or a program name, got ${showValue(body)}.`);
  }
  const cmd: ApplianceCommand = { type: 'program', action, program: programRef(profile, body.program) };
  const options = body.options;
  if (options !== undefined && options !== null) {
    if (Array.isArray(options)) {
      if (options.length > 0) cmd.options = hcpyItemsToValues(profile, options, '"options"');
    } else if (isPlainObject(options)) {
      if (Object.keys(options).length > MAX_COMMAND_ITEMS) throw invalid(`"options" has more than ${MAX_COMMAND_ITEMS} entries.`);
      cmd.options = { ...options };
    } else {
      throw invalid('"options" must be a list of {"uid":…,"value":…} or an object of option keys and values.');
    }
  }
  for (const name of ['startIn', 'finishIn'] as const) {
    const v = body[name];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw invalid(`"${name}" must be a number of seconds (0 or more), got ${showValue(v)}.`);
    if (action !== 'start') throw invalid(`"${name}" only applies when starting a program.`);
    cmd[name] = v;
  }
  return cmd;
}

/** Seconds for the delayed-start number (`/startIn`): a number or digits, 0 clears it. */
export function readStartIn(payload: unknown, max = 86400): number {
  const { value } = readPayload(payload);
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < 0 || n > max) {
    throw invalid(`The delayed start must be a number of seconds from 0 to ${max}, got ${showValue(value)}.`);
  }
  return Math.round(n);
}

/**
 * One MQTT command message to a command. `/set` takes hcpy2-0's item forms (one object or a
 * list) and every out-node payload (given to `parseOutPayload`); `/activeProgram` starts and
 * `/selectedProgram` selects a program; `/start` starts the selected program (with the pending
 * delay given by the caller).
 */
export function readCommand(
  topic: Exclude<CommandTopic, 'startIn'>,
  payload: unknown,
  profile: ApplianceProfile,
  parseOutPayload: PayloadParser,
  startIn?: number,
): ApplianceCommand {
  if (topic === 'start') {
    const cmd: ApplianceCommand = { type: 'program', action: 'start' };
    if (startIn !== undefined && startIn > 0) cmd.startIn = startIn;
    return cmd;
  }
  const { value, json } = readPayload(payload);
  if (topic === 'activeProgram' || topic === 'selectedProgram') {
    return programCommand(profile, value, json, topic === 'activeProgram' ? 'start' : 'select');
  }
  if (!json || !(isPlainObject(value) || Array.isArray(value))) {
    const shown = typeof value === 'string' ? value.slice(0, 60) : showValue(value);
    throw invalid(
      `The /set payload must be a JSON object or list, e.g. {"uid":539,"value":"On"}, {"name":"ChildLock","value":true} or {"action":"stop"}; got ${JSON.stringify(shown)}.`,
    );
  }
  if (Array.isArray(value)) return { type: 'values', values: hcpyItemsToValues(profile, value, 'The /set list') };
  if (isHcpyItem(value)) return { type: 'values', values: hcpyItemsToValues(profile, [value], 'The /set item') };
  return parseOutPayload(value);
}
