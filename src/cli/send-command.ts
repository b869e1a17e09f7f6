/**
 * `homeconnect-local send`: turn the flags into one command of the shared command model,
 * check it against the profile (keys, dangerous guard) before connecting, connect, run it,
 * print the outcome as one JSON line, disconnect.
 */
import { toRelativeTimes } from '../appliance/absolute-times';
import {
  checkCommandKeys,
  commandErrorFields,
  guardCommand,
  isStartPath,
  runCommand,
  type ApplianceCommand,
  type RunOptions,
} from '../appliance/commands';
import { connectOnce } from '../appliance/connect-once';
import { profileFromRecord } from '../profile';
import type { ApplianceConnection } from '../protocol/appliance-connection';
import { UsageError, flagValue, hasFlag, profileArgument, secondsFlag, type ParsedCommand } from './args';
import { aboutIt, nameOnce } from './error-subject';
import { loadAppliance } from './load-records';
import { describeError, printError, printJson, printWarning, type CliIo } from './output';
import { parseAssignment, parseAssignments, parseProgramRef, parseRawRequest } from './value-parsing';

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

const ACTION_FLAGS = ['set', 'select', 'start', 'stop', 'pause', 'resume', 'command', 'raw'] as const;
export type SendAction = (typeof ACTION_FLAGS)[number];

/** How the CLI allows dangerous commands, ending the refusal sentence. */
export const CLI_ALLOW_HINT = 'Add --allow-dangerous to send it.';

/** A delay in whole or fractional seconds, 0 or more, as the out node's startIn/finishIn. */
function delayFlag(parsed: ParsedCommand, name: 'start-in' | 'finish-in'): number | undefined {
  const text = flagValue(parsed, name);
  if (text === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(text.trim())) throw new UsageError(`--${name} must be a number of seconds (0 or more)`);
  return Number(text.trim());
}

/** `--command KEY` or `--command KEY=VALUE`. */
function commandFlag(text: string): ApplianceCommand {
  if (!text.includes('=')) return { type: 'command', key: parseProgramRef(text) };
  const { key, value } = parseAssignment(text, 'command');
  return { type: 'command', key: parseProgramRef(key), value };
}

/** Exactly one action from the flags, as a command of the shared model; a UsageError otherwise. */
export function sendActionFromFlags(parsed: ParsedCommand): { action: SendAction; command: ApplianceCommand } {
  const given = ACTION_FLAGS.filter((f) => hasFlag(parsed, f));
  if (given.length === 0) {
    throw new UsageError('send needs one action: --set, --select, --start, --stop, --pause, --resume, --command or --raw');
  }
  if (given.length > 1) {
    throw new UsageError(`send does one action at a time, but got ${given.map((f) => `--${f}`).join(' and ')}`);
  }
  const action = given[0];
  const optionWords = parsed.flags.get('option');
  if (optionWords && action !== 'select' && action !== 'start') {
    throw new UsageError('--option goes with --select or --start');
  }
  const startIn = delayFlag(parsed, 'start-in');
  const finishIn = delayFlag(parsed, 'finish-in');
  if ((startIn !== undefined || finishIn !== undefined) && action !== 'start') {
    throw new UsageError('--start-in and --finish-in go with --start');
  }
  if (startIn !== undefined && finishIn !== undefined) throw new UsageError('give either --start-in or --finish-in, not both');
  const startAt = flagValue(parsed, 'start-at');
  const finishAt = flagValue(parsed, 'finish-at');
  if ((startAt !== undefined || finishAt !== undefined) && action !== 'start') {
    throw new UsageError('--start-at and --finish-at go with --start');
  }
  const delays = [
    startIn !== undefined && '--start-in',
    finishIn !== undefined && '--finish-in',
    startAt !== undefined && '--start-at',
    finishAt !== undefined && '--finish-at',
  ].filter((n): n is string => typeof n === 'string');
  if (delays.length > 1)
    throw new UsageError(`give one of --start-in, --finish-in, --start-at or --finish-at, not ${delays.join(' and ')}`);
  for (const [name, value] of [
    ['startAt', startAt],
    ['finishAt', finishAt],
  ] as const) {
    if (value === undefined) continue;
    try {
      // Checked now so a typo fails before connecting; converted when sent.
      toRelativeTimes({ [name]: value }, { now: Date.now() });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
  }
  const options = optionWords ? parseAssignments(optionWords, 'option') : undefined;
  switch (action) {
    case 'set':
      return { action, command: { type: 'values', values: parseAssignments(parsed.flags.get('set') ?? [], 'set') } };
    case 'select': {
      const program = parseProgramRef(flagValue(parsed, 'select') ?? '');
      return { action, command: { type: 'program', action: 'select', program, ...(options ? { options } : {}) } };
    }
    case 'start': {
      const text = flagValue(parsed, 'start') ?? '';
      const command: ApplianceCommand = { type: 'program', action: 'start' };
      if (text.trim() !== '') command.program = parseProgramRef(text);
      if (options) command.options = options;
      if (startIn !== undefined) command.startIn = startIn;
      if (finishIn !== undefined) command.finishIn = finishIn;
      if (startAt !== undefined) command.startAt = startAt;
      if (finishAt !== undefined) command.finishAt = finishAt;
      return { action, command };
    }
    case 'command':
      return { action, command: commandFlag(flagValue(parsed, 'command') ?? '') };
    case 'raw':
      return { action, command: { type: 'raw', ...parseRawRequest(flagValue(parsed, 'raw') ?? '') } };
    default:
      return { action, command: { type: action } };
  }
}

export async function sendCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const file = profileArgument(parsed);
  const { action, command } = sendActionFromFlags(parsed);
  const startPath = flagValue(parsed, 'start-path');
  if (startPath !== undefined && action !== 'start') throw new UsageError('--start-path goes with --start');
  const runOptions: RunOptions = {
    allowDangerous: hasFlag(parsed, 'allow-dangerous'),
    allowHint: CLI_ALLOW_HINT,
    ...(isStartPath(startPath) ? { startPath } : {}),
  };
  const timeoutMs = secondsFlag(parsed, 'timeout') ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const record = await loadAppliance(file, { appliance: flagValue(parsed, 'appliance'), host: flagValue(parsed, 'host') }, (warning) =>
    printWarning(io, warning),
  );

  const head = { haId: record.haId, action };
  let connection: ApplianceConnection | undefined;
  try {
    // Before connecting: a typo or a refused dangerous command never touches the appliance.
    const profile = profileFromRecord(record);
    guardCommand(profile, command, runOptions);
    checkCommandKeys(profile, command);
    connection = await connectOnce({ record, profile, timeoutMs, describeReason: (reason) => aboutIt(reason, record) });
    const result = await runCommand({ client: connection, profile }, command, runOptions);
    // head last: the line names what was asked (e.g. action "raw"), not the RESPONSE envelope.
    printJson(io, { ...result, ...head });
    return 0;
  } catch (e) {
    // The out node's fields and sentence, with the appliance named once (the line names it first).
    const error = commandErrorFields(e);
    error.message = nameOnce(error.message, record);
    printJson(io, { ok: false, ...head, error });
    printError(io, nameOnce(describeError(e), record));
    return 1;
  } finally {
    await connection?.stop().catch(() => undefined);
  }
}
