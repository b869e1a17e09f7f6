/**
 * The one command model behind every front end (out node, CLI `send`, MQTT example): a typed
 * command is checked (dangerous guard, safe raw resources), completed (selected program,
 * delayed start) and performed on a connection; failures are HomeConnectErrors with the same
 * sentences and fields everywhere.
 */
import { HomeConnectError, errorMessage, isHomeConnectError } from '../errors';
import type { ApplianceProfile } from '../profile/appliance-profile';
import { isDangerousCommand, rawValueUid, resolveDelayedStart } from '../protocol/program-command';
import type { ApplianceClient, RawResponse } from '../protocol/types';
import { resolveAbsoluteStart } from './absolute-times';
import { isFavouriteProgram, resolveProgramName } from './favourites';
import type { ApplianceCommand } from './parse-command';
import { StartPathMemory, type StartPath } from './start-path-memory';
import { startWithStrategies } from './start-strategies';

export { parseCommand } from './parse-command';
export type { ApplianceCommand } from './parse-command';
export { START_PATHS, StartPathMemory, isStartPath, type StartPath } from './start-path-memory';

/** What an account's shared connection or a CLI connection has. */
export interface CommandTarget {
  client: ApplianceClient;
  profile: ApplianceProfile;
  /** Start paths that worked, per appliance (the account's, so every node of an appliance benefits). */
  startPaths?: StartPathMemory;
}

export interface RunOptions {
  /** Send commands that reset the appliance or cut its network, and raw writes to any resource. */
  allowDangerous?: boolean;
  /** How this front end allows dangerous commands, ending the refusal sentence (default: the out node's checkbox). */
  allowHint?: string;
  /** Start along this path only, without fallback (CLI --start-path). */
  startPath?: StartPath;
  /** How long the write-window start path waits for the window (default 10 s). */
  writeWindowTimeoutMs?: number;
}

/** Raw writes to these resources go through the same feature checks as settings; others are refused unless allowed. */
export const SAFE_RAW_WRITE: ReadonlySet<string> = new Set(['/ro/values', '/ro/activeProgram', '/ro/selectedProgram']);

const DEFAULT_ALLOW_HINT = 'Tick "allow dangerous commands" in the node to send it.';

function refuse(what: string, options: RunOptions, details: Record<string, unknown>): HomeConnectError {
  return new HomeConnectError(
    'validation',
    `${what} is refused: it can reset the appliance or cut its network. ${options.allowHint ?? DEFAULT_ALLOW_HINT}`,
    { details: { problem: 'dangerous', ...details } },
  );
}

/**
 * Uids named by the items of a raw write, as the appliance would read them (rawValueUid). An
 * item whose uid cannot be read that way (553.0000001, "abc", missing on /ro/values) is refused:
 * the guard cannot tell what the appliance would make of it.
 */
function rawUids(command: Extract<ApplianceCommand, { type: 'raw' }>, options: RunOptions): number[] {
  return (command.data ?? []).flatMap((item) => {
    if (item === null || typeof item !== 'object') return [];
    const i = item as Record<string, unknown>;
    if (!('uid' in i) && command.resource !== '/ro/values') return [];
    const uid = rawValueUid(i.uid);
    if (uid === undefined) {
      throw refuse(`A raw ${command.action} to ${command.resource} with a uid that is not a whole number`, options, {
        resource: command.resource,
      });
    }
    return [uid];
  });
}

function checkRefs(profile: ApplianceProfile, refs: ReadonlyArray<string | number>, options: RunOptions): void {
  for (const ref of refs) {
    // The full key when the profile knows the reference, so short keys and uids cannot slip past.
    const key = profile.find(ref)?.key ?? String(ref);
    if (isDangerousCommand(key)) throw refuse(`"${key}"`, options, { key });
  }
}

/**
 * The dangerous guard alone: needs the profile, not the connection, so a front end can refuse
 * before it connects. runCommand applies it too.
 */
export function guardCommand(profile: ApplianceProfile, command: ApplianceCommand, options: RunOptions = {}): void {
  if (options.allowDangerous) return;
  switch (command.type) {
    case 'values':
      return checkRefs(profile, Object.keys(command.values), options);
    case 'command':
      return checkRefs(profile, [command.key], options);
    case 'raw':
      if (command.action === 'GET') return;
      if (!SAFE_RAW_WRITE.has(command.resource)) {
        throw refuse(`A raw ${command.action} to ${command.resource}`, options, { resource: command.resource });
      }
      return checkRefs(profile, rawUids(command, options), options);
    default:
      return;
  }
}

/**
 * Resolves every key, program and option the command names, without a connection: a typo
 * fails at once (HomeConnectError 'validation') and nothing is sent.
 */
export function checkCommandKeys(profile: ApplianceProfile, command: ApplianceCommand): void {
  if (command.type === 'values') {
    for (const key of Object.keys(command.values)) profile.resolve(key);
  } else if (command.type === 'program') {
    if (command.program !== undefined) checkProgram(profile, command.program);
    for (const key of Object.keys(command.options ?? {})) profile.resolve(key);
  } else if (command.type === 'command') {
    profile.resolve(command.key);
  }
}

/** A program the profile knows, or a string that may be a favourite's name (known only from live values). */
function checkProgram(profile: ApplianceProfile, program: string | number): void {
  try {
    profile.encodeProgram(program);
  } catch (e) {
    if (!(typeof program === 'string' && profile.programs().some((p) => isFavouriteProgram(p.key)))) throw e;
  }
}

/** The program selected on the appliance, for a delayed start of "the selected program". */
function selectedProgram(target: CommandTarget): string {
  const root = target.profile.roots.selectedProgram;
  const value = root ? target.client.snapshot()[root.key] : undefined;
  if (typeof value !== 'string' || value === '') {
    throw new HomeConnectError('validation', 'No program is selected on the appliance: give "program" with startIn/finishIn.');
  }
  return value;
}

/** The one place a raw error RESPONSE becomes an error, named through the appliance's error table. */
export function rawResponseError(profile: ApplianceProfile, response: RawResponse, action: string, resource: string): HomeConnectError {
  const code = response.code as number;
  const name = response.codeName ?? profile.errorName(code);
  return new HomeConnectError(
    'appliance-error',
    `The appliance answered ${action} ${resource} with error ${code}${name ? ` (${name})` : ''}.`,
    { code, ...(name ? { codeName: name } : {}), details: { resource, action } },
  );
}

/** A start along the paths of start-strategies; the result names the path that worked and the account remembers it. */
async function start(
  target: CommandTarget,
  program: string | number | undefined,
  options: Record<string, unknown>,
  run: RunOptions,
): Promise<Record<string, unknown>> {
  const haId = target.client.haId;
  const memory = target.startPaths;
  const preferred = memory?.get(haId);
  const outcome = await startWithStrategies(
    target,
    { ...(program !== undefined ? { program } : {}), options },
    {
      ...(run.startPath ? { forced: run.startPath } : {}),
      ...(preferred ? { preferred } : {}),
      ...(run.writeWindowTimeoutMs !== undefined ? { writeWindowTimeoutMs: run.writeWindowTimeoutMs } : {}),
    },
  );
  memory?.remember(haId, outcome.startPath);
  return {
    ...outcome.result,
    startPath: outcome.startPath,
    ...(outcome.refused.length > 0 ? { refused: outcome.refused } : {}),
  };
}

async function perform(target: CommandTarget, cmd: ApplianceCommand, run: RunOptions): Promise<Record<string, unknown>> {
  const client = target.client;
  switch (cmd.type) {
    case 'values':
      return { ...(await client.setValues(cmd.values)) };
    case 'program': {
      const options: Record<string, unknown> = { ...(cmd.options ?? {}) };
      // A favourite may be named by the name the user gave it in the app.
      if (cmd.program !== undefined) cmd = { ...cmd, program: resolveProgramName(target.profile, client.snapshot(), cmd.program) };
      if (cmd.action === 'select') {
        if (cmd.program === undefined) throw new HomeConnectError('validation', 'Selecting needs a "program".');
        return { ...(await client.selectProgram(cmd.program, options)) };
      }
      if (cmd.startIn !== undefined || cmd.finishIn !== undefined) {
        const delay: { startIn?: number; finishIn?: number } = {};
        if (cmd.startIn !== undefined) delay.startIn = cmd.startIn;
        if (cmd.finishIn !== undefined) delay.finishIn = cmd.finishIn;
        Object.assign(options, resolveDelayedStart(target.profile, cmd.program ?? selectedProgram(target), delay));
      } else if (cmd.startAt !== undefined || cmd.finishAt !== undefined) {
        const times = cmd.startAt !== undefined ? { startAt: cmd.startAt } : { finishAt: cmd.finishAt };
        Object.assign(options, resolveAbsoluteStart(target.profile, cmd.program ?? selectedProgram(target), times, { now: Date.now() }));
      }
      return start(target, cmd.program, options, run);
    }
    case 'stop':
      return { ...(await client.stopProgram()) };
    case 'pause':
      return { ...(await client.pauseProgram()) };
    case 'resume':
      return { ...(await client.resumeProgram()) };
    case 'command':
      return { ...(await client.command(cmd.key, cmd.value)) };
    case 'raw': {
      const response = await client.request(cmd.resource, cmd.action, cmd.data);
      if (response.code !== undefined) throw rawResponseError(target.profile, response, cmd.action, cmd.resource);
      return { ...response };
    }
  }
}

/**
 * Performs one command: validation, dangerous guard, selected-program lookup, delayed start,
 * error naming. Resolves the result payload (always with ok: true); rejects with a
 * HomeConnectError (kind, code, codeName).
 */
export async function runCommand(
  target: CommandTarget,
  command: ApplianceCommand,
  options: RunOptions = {},
): Promise<Record<string, unknown>> {
  guardCommand(target.profile, command, options);
  const result = await perform(target, command, options);
  return { ...result, ok: true };
}

/** The same error fields everywhere (out node msg.error.cause, CLI JSON line, MQTT result topic). */
export function commandErrorFields(e: unknown): { message: string; kind: string; code?: number; codeName?: string } {
  if (!isHomeConnectError(e)) return { message: errorMessage(e), kind: 'internal' };
  const out: { message: string; kind: string; code?: number; codeName?: string } = { message: e.message, kind: e.kind };
  if (e.code !== undefined) out.code = e.code;
  if (e.codeName !== undefined) out.codeName = e.codeName;
  return out;
}
