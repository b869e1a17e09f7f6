/**
 * Absolute start and finish times ("finish at 18:30") turned into the relative seconds the
 * appliance understands (startIn / finishIn), which resolveDelayedStart then maps to the
 * option the program really has, rounded to its step.
 */
import { HomeConnectError } from '../errors';
import { nextWallTime, parseTimeSpec } from '../planner/times';
import { resolveDelayedStart } from '../protocol/program-command';
import type { DelayedStartProfile } from '../protocol/program-command';

export interface AbsoluteTimes {
  /** ISO date-time or "HH:MM" (the next such time). */
  startAt?: unknown;
  finishAt?: unknown;
}

export interface AbsoluteTimeContext {
  /** Epoch ms now (this computer's clock). */
  now: number;
  /**
   * How far the appliance's clock is ahead of this computer's, in ms, when known: an "HH:MM"
   * is then read on the appliance's clock, as its display shows it.
   */
  clockOffsetMs?: number;
  /** Time zone of "HH:MM" (default: this computer's). */
  timeZone?: string;
}

/** Longest delay accepted (appliances offer at most about a day; a week bounds typos). */
const MAX_DELAY_S = 7 * 24 * 3600;
const HH_MM = /^\s*(\d{1,2}):(\d{2})\s*$/;

function instant(v: unknown, name: string, ctx: AbsoluteTimeContext): number {
  if (typeof v === 'string') {
    const hm = HH_MM.exec(v);
    if (hm && Number(hm[1]) < 24 && Number(hm[2]) < 60) {
      const offset = Number.isFinite(ctx.clockOffsetMs) ? ctx.clockOffsetMs! : 0;
      // The next time the appliance's clock shows hh:mm, back on this computer's clock.
      return nextWallTime(Number(hm[1]), Number(hm[2]), ctx.now + offset, ctx.timeZone) - offset;
    }
    if (!/^\d{4}-\d{2}-\d{2}T/.test(v.trim())) {
      throw new HomeConnectError('validation', `"${name}" must be an ISO date-time or "HH:MM", got ${JSON.stringify(v.slice(0, 60))}.`);
    }
  } else if (!(v instanceof Date)) {
    throw new HomeConnectError('validation', `"${name}" must be an ISO date-time or "HH:MM", got ${JSON.stringify(v)?.slice(0, 60)}.`);
  }
  return parseTimeSpec(v, ctx.now, `"${name}"`, ctx.timeZone);
}

/**
 * `{startAt}` → `{startIn}`, `{finishAt}` → `{finishIn}` in whole seconds from now; {} when
 * neither is given. A time in the past or more than a week ahead is a validation error.
 */
export function toRelativeTimes(times: AbsoluteTimes, ctx: AbsoluteTimeContext): { startIn?: number; finishIn?: number } {
  const hasStart = times.startAt !== undefined && times.startAt !== null;
  const hasFinish = times.finishAt !== undefined && times.finishAt !== null;
  if (!hasStart && !hasFinish) return {};
  if (hasStart && hasFinish) throw new HomeConnectError('validation', 'Give either "startAt" or "finishAt", not both.');
  const name = hasStart ? 'startAt' : 'finishAt';
  const at = instant(hasStart ? times.startAt : times.finishAt, name, ctx);
  const seconds = Math.round((at - ctx.now) / 1000);
  if (seconds < 0) {
    throw new HomeConnectError('validation', `"${name}" ${new Date(at).toISOString()} is in the past.`);
  }
  if (seconds > MAX_DELAY_S) {
    throw new HomeConnectError('validation', `"${name}" ${new Date(at).toISOString()} is more than a week ahead.`);
  }
  return hasStart ? { startIn: seconds } : { finishIn: seconds };
}

const REMAINING = 'BSH.Common.Option.RemainingProgramTime';
const START_IN = 'BSH.Common.Option.StartInRelative';
const FINISH_IN = 'BSH.Common.Option.FinishInRelative';

/**
 * The absolute times a changed countdown implies: RemainingProgramTime and FinishInRelative give
 * finishAt, StartInRelative gives startAt (ISO, on this computer's clock). {} for other keys or
 * values that are not a number of seconds.
 */
export function derivedTimes(key: string, value: unknown, now: number): { startAt?: string; finishAt?: string } {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_DELAY_S * 4) return {};
  const at = new Date(now + Math.round(value) * 1000).toISOString();
  if (key === REMAINING || key === FINISH_IN) return { finishAt: at };
  if (key === START_IN) return { startAt: at };
  return {};
}

/** The step (seconds) of a delayed-start option for a program: per-program first, then the feature's. */
function stepOf(profile: DelayedStartProfile, programRef: string | number, optionKey: string): number | undefined {
  const feature = profile.find(optionKey);
  if (!feature) return undefined;
  const program = profile.resolve(programRef);
  const step = program.options?.find((o) => o.uid === feature.uid)?.stepSize ?? feature.stepSize;
  return step !== undefined && step > 0 ? step : undefined;
}

/**
 * `{startAt|finishAt}` → the delayed-start option this program really has
 * (`{"BSH.Common.Option.StartInRelative": 3600}` or FinishInRelative), converted through the
 * program's duration when needed and rounded up to the option's step, so the program never
 * starts or finishes earlier than asked. {} when neither time is given.
 */
export function resolveAbsoluteStart(
  profile: DelayedStartProfile,
  programRef: string | number,
  times: AbsoluteTimes,
  ctx: AbsoluteTimeContext,
): Record<string, number> {
  const relative = toRelativeTimes(times, ctx);
  const option = resolveDelayedStart(profile, programRef, relative);
  for (const [key, seconds] of Object.entries(option)) {
    const step = stepOf(profile, programRef, key);
    if (step) option[key] = Math.ceil(seconds / step - 1e-9) * step;
  }
  return option;
}
