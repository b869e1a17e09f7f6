/**
 * Program-command helpers that need appliance knowledge but no socket: mapping a plain
 * "start in / finish in" to the delayed-start option the appliance really has (protocol.md §3.7:
 * dishwashers StartInRelative, washers/dryers FinishInRelative), and recognising commands
 * that would cut the appliance off or wipe it.
 */
import { HomeConnectError } from '../errors';
import type { Feature, ProgramOption } from '../profile/types';

export const START_IN_RELATIVE = 'BSH.Common.Option.StartInRelative';
export const FINISH_IN_RELATIVE = 'BSH.Common.Option.FinishInRelative';
/** Per-program options whose default tells the expected program duration (seconds). */
const DURATION_KEYS = ['BSH.Common.Option.EstimatedTotalProgramTime', 'BSH.Common.Option.Duration'];

/** What resolveDelayedStart needs of the profile (ApplianceProfile satisfies it). */
export interface DelayedStartProfile {
  /** Never throws: undefined when unknown or ambiguous. */
  find(ref: string | number): Feature | undefined;
  resolve(ref: string | number): Feature;
}

export interface DelayedStartRequest {
  /** Seconds from now until the program starts. */
  startIn?: number;
  /** Seconds from now until the program ends. */
  finishIn?: number;
  /** Expected program duration in seconds, when the caller knows it better than the profile. */
  durationS?: number;
}

/**
 * Returns `{optionKey: seconds}` for the delayed-start option this appliance and program
 * offer; {} when neither startIn nor finishIn is given. Converts between the two using the
 * program's expected duration when only the other option exists.
 */
export function resolveDelayedStart(
  profile: DelayedStartProfile,
  programRef: string | number,
  request: DelayedStartRequest,
): Record<string, number> {
  const { startIn, finishIn } = request;
  if (startIn === undefined && finishIn === undefined) return {};
  if (startIn !== undefined && finishIn !== undefined) {
    throw new HomeConnectError('validation', 'Give either startIn or finishIn, not both.');
  }
  const wanted = (startIn ?? finishIn)!;
  const name = startIn !== undefined ? 'startIn' : 'finishIn';
  if (typeof wanted !== 'number' || !Number.isFinite(wanted) || wanted < 0) {
    throw new HomeConnectError('validation', `${name} must be a number of seconds (0 or more).`);
  }
  const program = profile.resolve(programRef);
  const startOpt = offered(profile, program, START_IN_RELATIVE);
  const finishOpt = offered(profile, program, FINISH_IN_RELATIVE);
  if (!startOpt && !finishOpt) {
    throw new HomeConnectError(
      'validation',
      `${program.key} on this appliance has no delayed start (neither StartInRelative nor FinishInRelative).`,
      { details: { program: program.key } },
    );
  }
  const direct = startIn !== undefined ? startOpt : finishOpt;
  if (direct) return { [direct.feature.key]: Math.round(wanted) };

  const other = (startIn !== undefined ? finishOpt : startOpt)!;
  const duration = request.durationS ?? expectedDuration(profile, program);
  const otherName = other.feature.shortKey || other.feature.key;
  if (duration === undefined) {
    throw new HomeConnectError(
      'validation',
      `This appliance offers only ${otherName} for ${program.key} and its duration is not known: give ${
        startIn !== undefined ? 'finishIn' : 'startIn'
      } instead.`,
      { details: { program: program.key, offers: other.feature.key } },
    );
  }
  const converted = startIn !== undefined ? wanted + duration : wanted - duration;
  if (converted < 0) {
    throw new HomeConnectError('validation', `finishIn ${wanted} s is shorter than the program's expected duration of ${duration} s.`, {
      details: { program: program.key, durationS: duration },
    });
  }
  return { [other.feature.key]: roundToStep(converted, other.step) };
}

interface OfferedOption {
  feature: Feature;
  step?: number;
}

/** The delayed-start option a program offers, with its step in seconds. */
export interface DelayedStartOption {
  key: string;
  name: 'StartInRelative' | 'FinishInRelative';
  step?: number;
}

/** StartInRelative when the program offers it, else FinishInRelative; a validation error when it has neither. */
export function delayedStartOf(profile: DelayedStartProfile, programRef: string | number): DelayedStartOption {
  const program = profile.resolve(programRef);
  for (const [key, name] of [
    [START_IN_RELATIVE, 'StartInRelative'],
    [FINISH_IN_RELATIVE, 'FinishInRelative'],
  ] as const) {
    const o = offered(profile, program, key);
    if (o) return o.step !== undefined ? { key: o.feature.key, name, step: o.step } : { key: o.feature.key, name };
  }
  throw new HomeConnectError(
    'validation',
    `${program.key} on this appliance has no delayed start (neither StartInRelative nor FinishInRelative).`,
    { details: { program: program.key } },
  );
}

/** The program's expected duration in seconds from the profile's per-program defaults, if it tells. */
export function expectedDurationS(profile: DelayedStartProfile, programRef: string | number): number | undefined {
  return expectedDuration(profile, profile.resolve(programRef));
}

/** The option when the appliance has it and the program (if it lists options) allows it. */
function offered(profile: DelayedStartProfile, program: Feature, key: string): OfferedOption | undefined {
  const feature = profile.find(key);
  if (!feature) return undefined;
  let perProgram: ProgramOption | undefined;
  if (program.options && program.options.length > 0) {
    perProgram = program.options.find((o) => o.uid === feature.uid);
    if (!perProgram) return undefined;
    if (perProgram.available === false) return undefined;
  }
  const step = perProgram?.stepSize ?? feature.stepSize;
  return step !== undefined && step > 0 ? { feature, step } : { feature };
}

function expectedDuration(profile: DelayedStartProfile, program: Feature): number | undefined {
  for (const key of DURATION_KEYS) {
    const f = profile.find(key);
    if (!f) continue;
    const po = program.options?.find((o) => o.uid === f.uid);
    for (const candidate of [po?.default, po?.initValue, po?.attributes?.default]) {
      const n = candidate === undefined ? NaN : Number(candidate);
      if (Number.isFinite(n) && n > 0) return n;
    }
  }
  return undefined;
}

/** Up to the next step, so a converted finish time is never earlier than asked. */
function roundToStep(seconds: number, step: number | undefined): number {
  if (!step) return Math.round(seconds);
  return Math.ceil(seconds / step - 1e-9) * step;
}

const DANGEROUS = [
  /factory.?reset/i,
  /reset.?to.?factory/i,
  /factory.?settings/i,
  /reset.?network/i,
  /network.?reset/i,
  /reset.?wi.?fi/i,
  /wi.?fi.?reset/i,
  /deactivate.?wi.?fi/i,
  /wi.?fi.?(off|deactivat|disabl)/i,
  /disable.?wi.?fi/i,
  /deregist/i,
  /delregistration/i,
];

/**
 * True for commands that reset the appliance or cut its network (it would leave the local
 * network and need the app again): front doors ask for explicit confirmation.
 */
export function isDangerousCommand(key: string): boolean {
  if (typeof key !== 'string') return false;
  return DANGEROUS.some((re) => re.test(key));
}

/** What remoteStartRefusal needs of the profile (ApplianceProfile satisfies it). */
export interface RemoteStartProfile {
  programs?(): Feature[];
  byUid?(uid: number): Feature | undefined;
}

/** Program execution none/selectOnly: the appliance only starts it from its own panel. */
function startable(program: Feature): boolean {
  return program.execution !== 'none' && program.execution !== 'selectOnly';
}

/**
 * Why a remote start can never work on this appliance (or for this program), read from the
 * profile alone: no programs at all (fridges), or programs whose execution is none/selectOnly
 * (hobs: every program). A read-only ActiveProgram is not enough: washers and coffee machines
 * declare it read-only and open it at runtime when remote start is enabled, which the
 * connection's live access check covers. Undefined when a start may be tried.
 */
export function remoteStartRefusal(profile: RemoteStartProfile, label: string, programUid?: number): HomeConnectError | undefined {
  if (profile.programs && profile.programs().length === 0) {
    return new HomeConnectError('validation', `${label} does not allow remote starts: it has no programs. Nothing was sent.`, {
      details: { reason: 'no-programs' },
    });
  }
  const programs = profile.programs?.() ?? [];
  if (programs.length > 0 && programs.every((p) => !startable(p))) {
    return new HomeConnectError(
      'validation',
      `${label} does not allow remote starts: its profile marks every program as started on the appliance only (execution none or selectOnly). Nothing was sent.`,
      { details: { reason: 'program-execution' } },
    );
  }
  if (programUid !== undefined) {
    const program = profile.byUid?.(programUid);
    const exec = program?.execution;
    if (program && !startable(program)) {
      const how =
        exec === 'selectOnly' ? 'it can only be selected remotely and started on the appliance' : 'it can only be started on the appliance';
      return new HomeConnectError('validation', `${label} does not allow remote starts of ${program.key}: ${how}. Nothing was sent.`, {
        details: { program: program.key, execution: exec, reason: 'program-execution' },
      });
    }
  }
  return undefined;
}

/** Program execution none/startOnly: the appliance does not take it as a remote selection. */
function selectable(program: Feature): boolean {
  return program.execution !== 'none' && program.execution !== 'startOnly';
}

/** Like remoteStartRefusal, for selecting a program (execution none or startOnly rule it out). */
export function remoteSelectRefusal(profile: RemoteStartProfile, label: string, programUid?: number): HomeConnectError | undefined {
  const programs = profile.programs?.();
  if (programs && programs.length === 0) {
    return new HomeConnectError('validation', `${label} does not allow remote program selection: it has no programs. Nothing was sent.`, {
      details: { reason: 'no-programs' },
    });
  }
  if (programs && programs.every((p) => !selectable(p))) {
    return new HomeConnectError(
      'validation',
      `${label} does not allow remote program selection: its profile marks every program as chosen on the appliance only. Nothing was sent.`,
      { details: { reason: 'program-execution' } },
    );
  }
  const program = programUid !== undefined ? profile.byUid?.(programUid) : undefined;
  if (program && !selectable(program)) {
    return new HomeConnectError(
      'validation',
      `${label} does not allow remote selection of ${program.key} (execution ${program.execution ?? 'none'}). Nothing was sent.`,
      { details: { program: program.key, execution: program.execution, reason: 'program-execution' } },
    );
  }
  return undefined;
}

/**
 * The uid of a raw `/ro/values` item as the appliance would read it, for the danger check:
 * numbers and numeric strings go through Number() ("553", "0x229", 553.0 are all 553);
 * anything else, and non-integers (553.0000001), is undefined and must be refused, since the
 * check cannot tell what the appliance would make of it.
 */
export function rawValueUid(uid: unknown): number | undefined {
  if (typeof uid !== 'number' && !(typeof uid === 'string' && uid.trim() !== '')) return undefined;
  const n = Number(uid);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}
