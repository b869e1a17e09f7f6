/**
 * `homeconnect-local send`: connect, wait for "connected", do exactly one write, print the
 * outcome as one JSON line, disconnect. Keys are resolved against the profile before
 * connecting so a typo fails at once without touching the appliance.
 */
import { HomeConnectError, isHomeConnectError } from '../errors';
import { profileFromRecord } from '../profile';
import type { ApplianceRecord } from '../profile/types';
import type { OptionValues, RawResponse, WriteResult } from '../protocol/types';
import { UsageError, flagValue, hasFlag, profileArgument, secondsFlag, type ParsedCommand } from './args';
import { connectAndWait, nameOnce } from './connect';
import { loadAppliance } from './load-records';
import { describeError, printError, printJson, printWarning, type CliIo } from './output';
import { parseAssignments, parseProgramRef, parseRawRequest, type RawRequest } from './value-parsing';

export const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;

export type SendAction =
  | { action: 'set'; values: Record<string, unknown> }
  | { action: 'select'; program: string | number; options?: OptionValues }
  | { action: 'start'; program?: string | number; options?: OptionValues }
  | { action: 'stop' | 'pause' | 'resume' }
  | { action: 'raw'; request: RawRequest };

const ACTION_FLAGS = ['set', 'select', 'start', 'stop', 'pause', 'resume', 'raw'] as const;

/** Exactly one action from the flags, values parsed; a UsageError otherwise. */
export function sendActionFromFlags(parsed: ParsedCommand): SendAction {
  const given = ACTION_FLAGS.filter((f) => hasFlag(parsed, f));
  if (given.length === 0) {
    throw new UsageError('send needs one action: --set, --select, --start, --stop, --pause, --resume or --raw');
  }
  if (given.length > 1) {
    throw new UsageError(`send does one action at a time, but got ${given.map((f) => `--${f}`).join(' and ')}`);
  }
  const action = given[0] as (typeof ACTION_FLAGS)[number];
  const optionWords = parsed.flags.get('option');
  if (optionWords && action !== 'select' && action !== 'start') {
    throw new UsageError('--option goes with --select or --start');
  }
  const options = optionWords ? parseAssignments(optionWords, 'option') : undefined;
  switch (action) {
    case 'set':
      return { action, values: parseAssignments(parsed.flags.get('set') ?? [], 'set') };
    case 'select': {
      const program = parseProgramRef(flagValue(parsed, 'select') ?? '');
      return options ? { action, program, options } : { action, program };
    }
    case 'start': {
      const text = flagValue(parsed, 'start') ?? '';
      const out: SendAction = { action: 'start' };
      if (text.trim() !== '') out.program = parseProgramRef(text);
      if (options) out.options = options;
      return out;
    }
    case 'raw':
      return { action, request: parseRawRequest(flagValue(parsed, 'raw') ?? '') };
    default:
      return { action };
  }
}

/** Fails fast on unknown or ambiguous keys/programs, using the stored profile. */
export function checkKeys(record: ApplianceRecord, send: SendAction): void {
  let keys: string[];
  let program: string | number | undefined;
  if (send.action === 'set') keys = Object.keys(send.values);
  else if (send.action === 'select' || send.action === 'start') {
    keys = Object.keys(send.options ?? {});
    program = send.program;
  } else return;
  const profile = profileFromRecord(record);
  for (const key of keys) profile.resolve(/^\d+$/.test(key) ? Number(key) : key);
  if (program !== undefined) profile.encodeProgram(program);
}

async function perform(client: import('../protocol/types').ApplianceClient, send: SendAction): Promise<WriteResult | RawResponse> {
  switch (send.action) {
    case 'set':
      return client.setValues(send.values);
    case 'select':
      return client.selectProgram(send.program, send.options);
    case 'start':
      return client.startProgram(send.program, send.options);
    case 'stop':
      return client.stopProgram();
    case 'pause':
      return client.pauseProgram();
    case 'resume':
      return client.resumeProgram();
    case 'raw':
      return client.request(send.request.resource, send.request.action, send.request.data);
  }
}

function errorJson(e: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { message: describeError(e) };
  if (isHomeConnectError(e)) {
    out.kind = e.kind;
    if (e.code !== undefined) out.code = e.code;
    if (e.codeName !== undefined) out.codeName = e.codeName;
  }
  return out;
}

export async function sendCommand(parsed: ParsedCommand, io: CliIo): Promise<number> {
  const file = profileArgument(parsed);
  const send = sendActionFromFlags(parsed);
  const timeoutMs = secondsFlag(parsed, 'timeout') ?? DEFAULT_CONNECT_TIMEOUT_MS;
  const record = await loadAppliance(
    file,
    { appliance: flagValue(parsed, 'appliance'), host: flagValue(parsed, 'host') },
    (warning) => printWarning(io, warning),
  );
  checkKeys(record, send);

  const head = { haId: record.haId, action: send.action };
  let connection: Awaited<ReturnType<typeof connectAndWait>> | undefined;
  try {
    connection = await connectAndWait(record, timeoutMs);
    const result = await perform(connection, send);
    const code = (result as RawResponse).code;
    if (send.action === 'raw' && typeof code === 'number' && code !== 0) {
      const raw = result as RawResponse;
      throw new HomeConnectError('appliance-error', `The appliance answered error ${code} to ${send.request.action} ${raw.resource}`, {
        code,
        ...(raw.codeName ? { codeName: raw.codeName } : {}),
      });
    }
    // head last: the line names what was asked (e.g. action "raw"), not the RESPONSE envelope.
    printJson(io, { ok: true, ...result, ...head });
    return 0;
  } catch (e) {
    const error = errorJson(e);
    error.message = nameOnce(String(error.message), record);
    printJson(io, { ok: false, ...head, error });
    printError(io, String(error.message));
    return 1;
  } finally {
    await connection?.stop().catch(() => undefined);
  }
}
