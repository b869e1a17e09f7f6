/**
 * Checks a real appliance applies to what a client sends (protocol.md §3.1, §3.3, §3.4, §3.7).
 * Pure functions: each returns a sentence describing the problem, or undefined when the
 * input is acceptable. The simulator decides how to answer (close, 400, 403).
 */
import type { Action, Message } from '../protocol/message';
import { expectedDeviceType } from './service-sets';
import { isPlainObject } from '../guards';

/** Envelope keys in the order the firmware expects them. */
export const ENVELOPE_ORDER = ['sID', 'msgID', 'resource', 'version', 'action', 'data', 'code'] as const;
const REQUIRED = ['sID', 'msgID', 'resource', 'version', 'action'];
const ACTIONS: ReadonlySet<string> = new Set<Action>(['GET', 'POST', 'NOTIFY', 'RESPONSE']);

/** Reply keys of the /ei/initialValues answer, in this exact order: another order gets 403 (protocol.md §3.1). */
export const INITIAL_REPLY_KEYS = ['deviceType', 'deviceName', 'deviceID'] as const;

export type EnvelopeProblem =
  /** Not a JSON object at all: the appliance closes the socket. */
  | { kind: 'fatal'; problem: string }
  /** An action the firmware does not know (e.g. DELETE): never answered. */
  | { kind: 'unknown-action'; problem: string; message: Message }
  /** Keys/type problems: answered with 400 when msgID is usable. */
  | { kind: 'bad'; problem: string; message: Partial<Message> };

/**
 * `note`: a deviation that is recorded as a violation but still served. Envelope key order is
 * such a case: the spec asks clients to keep it, but no appliance is known to refuse other orders,
 * and clients built on sorted maps (e.g. Go's encoding/json) should still work.
 */
export type EnvelopeCheck = { kind: 'ok'; message: Message; note?: string } | EnvelopeProblem;

function isUint(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

/** First key out of canonical order, or an unknown key, as a sentence. */
export function keyOrderProblem(keys: string[], order: readonly string[], what: string): string | undefined {
  let last = -1;
  for (const k of keys) {
    const i = order.indexOf(k);
    if (i < 0) return `${what} has the unknown key "${k}"`;
    if (i < last) return `${what} keys are out of order (${keys.join(', ')}); expected order ${order.join(', ')}`;
    last = i;
  }
  return undefined;
}

/** Parse and check one client frame's text. */
export function checkEnvelope(text: string): EnvelopeCheck {
  let obj: unknown;
  try {
    obj = JSON.parse(text);
  } catch {
    return { kind: 'fatal', problem: 'frame is not valid JSON' };
  }
  if (!isPlainObject(obj)) return { kind: 'fatal', problem: 'frame is not a JSON object' };
  const partial = obj as Partial<Message>;
  const keys = Object.keys(obj);
  const missing = REQUIRED.filter((k) => !(k in obj));
  if (missing.length > 0) return { kind: 'bad', problem: `envelope misses ${missing.join(', ')}`, message: partial };
  const unknown = keys.find((k) => !(ENVELOPE_ORDER as readonly string[]).includes(k));
  if (unknown !== undefined) return { kind: 'bad', problem: `envelope has the unknown key "${unknown}"`, message: partial };
  const note = keyOrderProblem(keys, ENVELOPE_ORDER, 'envelope');
  if (!isUint(obj.sID)) return { kind: 'bad', problem: 'sID is not a non-negative integer', message: partial };
  if (!isUint(obj.msgID)) return { kind: 'bad', problem: 'msgID is not a non-negative integer', message: partial };
  if (!isUint(obj.version)) return { kind: 'bad', problem: 'version is not a non-negative integer', message: partial };
  if (typeof obj.resource !== 'string' || !/^\/[a-z]{2}\/[A-Za-z0-9]+$/.test(obj.resource)) {
    return { kind: 'bad', problem: `resource ${JSON.stringify(obj.resource)} is not of the form /xx/name`, message: partial };
  }
  if (typeof obj.action !== 'string') return { kind: 'bad', problem: 'action is not a string', message: partial };
  if (!ACTIONS.has(obj.action)) {
    return { kind: 'unknown-action', problem: `action "${obj.action}" is not part of the protocol`, message: obj as unknown as Message };
  }
  if ('data' in obj && !Array.isArray(obj.data)) return { kind: 'bad', problem: 'data is not an array', message: partial };
  if ('code' in obj) return { kind: 'bad', problem: 'clients never send "code"', message: partial };
  return note ? { kind: 'ok', message: obj as unknown as Message, note } : { kind: 'ok', message: obj as unknown as Message };
}

export interface InitialReplyExpectation {
  sID: number;
  msgID: number;
  eiVersion: number;
}

export type InitialReplyCheck =
  | { kind: 'ok' }
  /** Not the reply at all: the appliance closes with 1008 "Header Error". */
  | { kind: 'fatal'; problem: string }
  /** The reply, but with a payload the appliance does not accept: later /ci/services gets 403. */
  | { kind: 'unregistered'; problem: string };

/** Check the client's answer to POST /ei/initialValues. */
export function checkInitialValuesReply(msg: Message, exp: InitialReplyExpectation): InitialReplyCheck {
  if (msg.action !== 'RESPONSE' || msg.resource !== '/ei/initialValues') {
    return { kind: 'fatal', problem: `first message was ${msg.action} ${msg.resource}, not the RESPONSE to /ei/initialValues` };
  }
  if (msg.msgID !== exp.msgID) return { kind: 'fatal', problem: `initialValues reply has msgID ${msg.msgID}, expected ${exp.msgID}` };
  if (msg.sID !== exp.sID) return { kind: 'fatal', problem: `initialValues reply has sID ${msg.sID}, expected ${exp.sID}` };
  if (msg.version !== exp.eiVersion) {
    return { kind: 'fatal', problem: `initialValues reply has version ${msg.version}, expected ${exp.eiVersion}` };
  }
  const data = msg.data;
  if (!data || data.length === 0) return { kind: 'unregistered', problem: 'initialValues reply has no data' };
  if (data.length !== 1 || !isPlainObject(data[0])) {
    return { kind: 'unregistered', problem: 'initialValues reply data must be exactly one object' };
  }
  const item = data[0];
  const keys = Object.keys(item);
  if (keys.join(',') !== INITIAL_REPLY_KEYS.join(',')) {
    return {
      kind: 'unregistered',
      problem: `initialValues reply keys are [${keys.join(', ')}], expected exactly [${INITIAL_REPLY_KEYS.join(', ')}]`,
    };
  }
  const wantType = expectedDeviceType(exp.eiVersion);
  if (item.deviceType !== wantType) {
    return {
      kind: 'unregistered',
      problem: `initialValues reply deviceType ${JSON.stringify(item.deviceType)} is wrong for ei version ${exp.eiVersion} (expected ${JSON.stringify(wantType)})`,
    };
  }
  if (typeof item.deviceName !== 'string' || typeof item.deviceID !== 'string') {
    return { kind: 'unregistered', problem: 'initialValues reply deviceName and deviceID must be strings' };
  }
  return { kind: 'ok' };
}

/** `/ro/values` items: objects with `uid` as FIRST key (integer), then `value` (protocol.md §3.7). */
export function valueItemsProblem(data: unknown[] | undefined, what = '/ro/values'): string | undefined {
  if (!data || data.length === 0) return `${what} write has no items`;
  for (const item of data) {
    if (!isPlainObject(item)) return `${what} item is not an object`;
    const keys = Object.keys(item);
    if (keys[0] !== 'uid') return `${what} item keys [${keys.join(', ')}] do not start with uid`;
    if (!isUint(item.uid)) return `${what} item uid ${JSON.stringify(item.uid)} is not an integer`;
    if (!('value' in item)) return `${what} item for uid ${item.uid} has no value`;
    if (keys.length !== 2) return `${what} item for uid ${item.uid} has keys [${keys.join(', ')}], expected [uid, value]`;
  }
  return undefined;
}

export interface ProgramRequest {
  program: number;
  options: Array<{ uid: number; value: unknown }>;
}

/** `/ro/selectedProgram`, `/ro/activeProgram`: `[{program, options?}]` (§3.7). */
export function parseProgramRequest(data: unknown[] | undefined, resource: string): ProgramRequest | string {
  if (!data || data.length !== 1 || !isPlainObject(data[0])) return `${resource} needs exactly one {program, options} object`;
  const item = data[0];
  const problem = keyOrderProblem(Object.keys(item), ['program', 'options'], `${resource} item`);
  if (problem) return problem;
  if (!isUint(item.program)) return `${resource} program ${JSON.stringify(item.program)} is not an integer uid`;
  if (item.options === undefined) return { program: item.program, options: [] };
  if (!Array.isArray(item.options)) return `${resource} options is not an array`;
  if (item.options.length > 0) {
    const p = valueItemsProblem(item.options, `${resource} option`);
    if (p) return p;
  }
  return { program: item.program, options: item.options as Array<{ uid: number; value: unknown }> };
}
