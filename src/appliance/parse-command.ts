/**
 * Reads an out-node style payload (and topic) into one typed command. Shared by every front
 * end that accepts such objects (the out node, the MQTT example through it).
 */
import { HomeConnectError } from '../errors';
import { toRelativeTimes } from './absolute-times';
import { showValue } from '../profile/value-codec';
import { isPlainObject } from '../guards';

/** What a front end asks an appliance to do, before any key is resolved against the profile. */
export type ApplianceCommand =
  | { type: 'values'; values: Record<string, unknown> }
  | {
      type: 'program';
      action: 'start' | 'select';
      program?: string | number;
      options?: Record<string, unknown>;
      startIn?: number;
      finishIn?: number;
      /** ISO date-time or "HH:MM" (the next such time): converted to the delayed-start option when sent. */
      startAt?: string;
      finishAt?: string;
    }
  | { type: 'stop' | 'pause' | 'resume' }
  | { type: 'command'; key: string | number; value?: unknown }
  | { type: 'raw'; resource: string; action: 'GET' | 'POST' | 'NOTIFY'; data?: unknown[] };

const PROGRAM_ACTIONS = new Set(['start', 'select']);
const CONTROL_ACTIONS = new Set(['stop', 'pause', 'resume']);
const RAW_ACTIONS = new Set(['GET', 'POST', 'NOTIFY']);

function invalid(message: string): HomeConnectError {
  return new HomeConnectError('validation', message);
}

/** An absolute time, checked now (so a typo fails before anything is sent) and converted when sent. */
function optionalTime(obj: Record<string, unknown>, name: 'startAt' | 'finishAt'): string | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string' || v.length > 64) {
    throw invalid(`"${name}" must be an ISO date-time or "HH:MM", got ${showValue(v)}.`);
  }
  toRelativeTimes({ [name]: v }, { now: Date.now() });
  return v;
}

function optionalSeconds(obj: Record<string, unknown>, name: 'startIn' | 'finishIn'): number | undefined {
  const v = obj[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) {
    throw invalid(`"${name}" must be a number of seconds (0 or more), got ${showValue(v)}.`);
  }
  return v;
}

function programRef(v: unknown): string | number | undefined {
  if (v === undefined || v === null) return undefined;
  if ((typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isInteger(v))) return v;
  throw invalid(`"program" must be a program key (e.g. "Dishcare.Dishwasher.Program.Eco50") or a uid, got ${showValue(v)}.`);
}

/**
 * Reads a payload (and topic) into one command. Throws HomeConnectError('validation') with a
 * sentence naming what was wrong, so the user sees it before anything is sent.
 */
export function parseCommand(payload: unknown, topic?: unknown): ApplianceCommand {
  if (!isPlainObject(payload)) {
    if (typeof topic === 'string' && topic.trim() !== '' && payload !== undefined) {
      return { type: 'values', values: { [topic.trim()]: payload } };
    }
    throw invalid(
      'msg.payload must be an object (settings, program, action, command or raw request), ' +
        'or msg.topic must name a setting and msg.payload hold its value.',
    );
  }

  if ('resource' in payload) {
    const resource = payload.resource;
    if (typeof resource !== 'string' || !resource.startsWith('/')) {
      throw invalid(`"resource" must be a path such as "/ro/values", got ${showValue(resource)}.`);
    }
    const action = payload.action === undefined ? 'GET' : typeof payload.action === 'string' ? payload.action.toUpperCase() : '';
    if (!RAW_ACTIONS.has(action)) throw invalid(`Raw "action" must be GET, POST or NOTIFY, got ${showValue(payload.action)}.`);
    const data = payload.data;
    if (data !== undefined && !Array.isArray(data)) throw invalid('Raw "data" must be an array.');
    return { type: 'raw', resource, action: action as 'GET' | 'POST' | 'NOTIFY', ...(data ? { data } : {}) };
  }

  if ('command' in payload) {
    const key = payload.command;
    if (!((typeof key === 'string' && key.trim() !== '') || (typeof key === 'number' && Number.isInteger(key)))) {
      throw invalid(`"command" must be a command key such as "BSH.Common.Command.AbortProgram", got ${showValue(key)}.`);
    }
    return { type: 'command', key, ...('value' in payload ? { value: payload.value } : {}) };
  }

  const action = payload.action;
  if ('program' in payload || (typeof action === 'string' && PROGRAM_ACTIONS.has(action))) {
    const act = action === undefined ? 'start' : action;
    if (typeof act !== 'string' || !PROGRAM_ACTIONS.has(act)) {
      throw invalid(`A program "action" must be "start" or "select", got ${showValue(action)}.`);
    }
    const options = payload.options;
    if (options !== undefined && !isPlainObject(options)) {
      throw invalid('"options" must be an object of option keys and values.');
    }
    const cmd: ApplianceCommand = { type: 'program', action: act as 'start' | 'select' };
    const program = programRef(payload.program);
    if (program !== undefined) cmd.program = program;
    if (options !== undefined) cmd.options = options;
    const startIn = optionalSeconds(payload, 'startIn');
    const finishIn = optionalSeconds(payload, 'finishIn');
    if (startIn !== undefined && finishIn !== undefined) throw invalid('Give either "startIn" or "finishIn", not both.');
    if ((startIn !== undefined || finishIn !== undefined) && cmd.action !== 'start') {
      throw invalid('"startIn" and "finishIn" only apply when starting a program (action "start").');
    }
    const startAt = optionalTime(payload, 'startAt');
    const finishAt = optionalTime(payload, 'finishAt');
    const given = [
      startIn !== undefined && 'startIn',
      finishIn !== undefined && 'finishIn',
      startAt !== undefined && 'startAt',
      finishAt !== undefined && 'finishAt',
    ].filter((n): n is string => typeof n === 'string');
    if (given.length > 1) throw invalid(`Give only one of "startIn", "finishIn", "startAt" or "finishAt", got ${given.join(' and ')}.`);
    if (given.length > 0 && cmd.action !== 'start') {
      throw invalid(`"${given[0]}" only applies when starting a program (action "start").`);
    }
    if (startIn !== undefined) cmd.startIn = startIn;
    if (finishIn !== undefined) cmd.finishIn = finishIn;
    if (startAt !== undefined) cmd.startAt = startAt;
    if (finishAt !== undefined) cmd.finishAt = finishAt;
    return cmd;
  }

  if (action !== undefined) {
    if (typeof action === 'string' && CONTROL_ACTIONS.has(action)) {
      return { type: action as 'stop' | 'pause' | 'resume' };
    }
    throw invalid(`Unknown "action" ${showValue(action)}: use start, select, stop, pause or resume.`);
  }

  const keys = Object.keys(payload);
  if (keys.length === 0) throw invalid('msg.payload is an empty object: nothing to send.');
  return { type: 'values', values: { ...payload } };
}
