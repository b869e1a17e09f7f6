/**
 * Smart start on one appliance: plan the best window before a deadline, then arm the appliance's
 * OWN delayed start (StartInRelative or FinishInRelative, whichever the program has), so it starts on
 * its own even when Node-RED restarts. Waits while remote start is not allowed or the door is open,
 * re-plans when the window is gone, and re-arms on a new series only where the appliance lets the
 * delayed start be changed. A start is never sent twice when its outcome is unknown.
 *
 * No Node-RED here: the node (nodes/smart-start-node.ts) turns the events into status and messages.
 */
import { HomeConnectError, isHomeConnectError } from '../errors';
import type { ApplianceProfile } from '../profile';
import type { Feature } from '../profile/types';
import { delayedStartOf, expectedDurationS, type DelayedStartOption } from '../protocol/program-command';
import type { ApplianceClient, ValueChange } from '../protocol/types';
import { planStart, type Objective, type Plan } from './plan';
import { readSeries, type Slot } from './series';
import { parseTimeSpec } from './times';

const REMOTE_START = 'BSH.Common.Status.RemoteControlStartAllowed';
const DOOR = 'BSH.Common.Status.DoorState';
const OPERATION = 'BSH.Common.Status.OperationState';
const ESTIMATED = 'BSH.Common.Option.EstimatedTotalProgramTime';
const REMAINING = 'BSH.Common.Option.RemainingProgramTime';

export interface SmartStartTarget {
  client: ApplianceClient;
  profile: ApplianceProfile;
}

export interface SmartStartRequest {
  /** The price or forecast series as received (any shape readSeries knows); absent: use the fallback. */
  series?: unknown;
  /** Program key or uid; absent: the program selected on the appliance. */
  program?: string | number;
  options?: Record<string, unknown>;
  /** "HH:MM" (next such time), an ISO date-time or a duration from now ("8h"). */
  deadline: unknown;
  objective: Objective;
  /** When no series is known: start now, or finish exactly at the deadline. */
  fallback: 'now' | 'deadline';
  /** Used when neither the appliance nor the profile tells the program's duration. */
  durationS?: number;
  energyShape?: number[];
  /** Time zone for "HH:MM" deadlines (default: this computer's). */
  timeZone?: string;
}

export interface SmartPlan extends Omit<Plan, 'cost' | 'costIfNow' | 'saving' | 'savingPercent'> {
  cost: number | null;
  costIfNow: number | null;
  saving: number | null;
  savingPercent: number | null;
  program: string;
  durationS: number;
  deadline: string;
  armedWith: DelayedStartOption['name'];
  /** The value written to the delayed-start option (seconds), once armed. */
  optionValue?: number;
  /** Set when no series was given. */
  fallback?: 'now' | 'deadline';
}

export type SmartStartEvent =
  | { type: 'waiting'; reason: 'remote-start' | 'door'; plan: SmartPlan }
  | { type: 'armed'; plan: SmartPlan; rearmed: boolean }
  | { type: 'kept'; plan: SmartPlan; reason: string }
  | { type: 'error'; error: HomeConnectError };

interface Pending {
  request: SmartStartRequest;
  series: Slot[] | undefined;
  plan: SmartPlan;
  option: DelayedStartOption;
  deadline: number;
}

function invalid(message: string, details?: Record<string, unknown>): HomeConnectError {
  return new HomeConnectError('validation', message, details ? { details } : undefined);
}

function hhmm(iso: string, timeZone?: string): string {
  return new Date(iso).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  });
}

/** Start and finish as local HH:MM and the saving in whole percent (null when nothing is saved). */
export function planTimes(plan: SmartPlan, timeZone?: string): { start: string; finish: string; saves: number | null } {
  const saves = plan.savingPercent !== null && plan.savingPercent >= 0.5 ? Math.round(plan.savingPercent) : null;
  return { start: hhmm(plan.start, timeZone), finish: hhmm(plan.finish, timeZone), saves };
}

/** The short status text in English: "starts 02:15, done 04:05, saves 23 %". */
export function planSummary(plan: SmartPlan, timeZone?: string): string {
  const t = planTimes(plan, timeZone);
  return `starts ${t.start}, done ${t.finish}${t.saves !== null ? `, saves ${t.saves} %` : ''}`;
}

export class SmartStarter {
  private pending: Pending | undefined;
  /** The plan this starter armed on the appliance (until the appliance leaves DelayedStart). */
  private armed: SmartPlan | undefined;
  /** A start whose outcome is unknown: never sent again for this plan. */
  private unknownOutcome = false;
  private busy = false;

  constructor(
    private readonly target: SmartStartTarget,
    private readonly emit: (event: SmartStartEvent) => void,
    private readonly clock: () => number = Date.now,
  ) {}

  /** A new request (series, deadline, …). Never throws: failures become an 'error' event. */
  async request(request: SmartStartRequest): Promise<void> {
    try {
      await this.handle(request);
    } catch (e) {
      this.emit({ type: 'error', error: toError(e) });
    }
  }

  /** Value changes of the appliance: arm a waiting plan once remote start is allowed; forget an ended arm. */
  valuesChanged(changes: ValueChange[]): void {
    if (changes.some((c) => c.key === OPERATION)) {
      const op = this.snapshot()[OPERATION];
      if (this.armed && op !== 'DelayedStart' && op !== 'Run') this.armed = undefined;
      if (this.unknownOutcome && (op === 'DelayedStart' || op === 'Run')) this.unknownOutcome = false;
    }
    if (this.pending && changes.some((c) => c.key === REMOTE_START || c.key === DOOR)) {
      void this.tryArm().catch((e: unknown) => this.emit({ type: 'error', error: toError(e) }));
    }
  }

  /** Forget everything (node closed). */
  dispose(): void {
    this.pending = undefined;
    this.armed = undefined;
  }

  private snapshot(): Record<string, unknown> {
    return this.target.client.snapshot();
  }

  private async handle(request: SmartStartRequest): Promise<void> {
    const now = this.clock();
    const series = isEmptySeries(request.series) ? undefined : readSeries(request.series);
    const deadline = parseTimeSpec(request.deadline, now, 'The deadline', request.timeZone);
    const op = this.snapshot()[OPERATION];

    if (this.armed && op === 'DelayedStart') {
      await this.rearm(request, series, deadline, now);
      return;
    }
    if (this.unknownOutcome) {
      throw new HomeConnectError(
        'unknown-outcome',
        'The last start may or may not have reached the appliance; it is not sent again. Check the appliance, then send a new series.',
      );
    }
    if (op === 'Run' || op === 'DelayedStart' || op === 'Pause') {
      throw invalid(`The appliance is busy (${String(op)}): a smart start needs it ready.`, { operationState: op });
    }
    const program = this.programKey(request.program);
    const option = delayedStartOf(this.target.profile, program);
    const durationS = this.durationOf(program, request.durationS);
    const plan = this.makePlan(request, series, program, option, durationS, deadline, now);
    this.pending = { request, series, plan, option, deadline };
    await this.tryArm();
  }

  private programKey(ref: string | number | undefined): string {
    const profile = this.target.profile;
    if (ref !== undefined && ref !== '') return profile.resolve(ref).key;
    const root = profile.roots.selectedProgram;
    const selected = root ? this.snapshot()[root.key] : undefined;
    if (typeof selected !== 'string' || selected === '') {
      throw invalid('No program is selected on the appliance: give a program in the node or in msg.program.');
    }
    return selected;
  }

  /** Expected run time: the appliance's own estimate for the selected program, the profile's default, or the config. */
  private durationOf(program: string, configured: number | undefined): number {
    const snap = this.snapshot();
    const root = this.target.profile.roots.selectedProgram;
    if (root && snap[root.key] === program) {
      for (const key of [ESTIMATED, REMAINING]) {
        const v = snap[key];
        if (typeof v === 'number' && v > 0) return v;
      }
    }
    const fromProfile = expectedDurationS(this.target.profile, program);
    if (fromProfile !== undefined) return fromProfile;
    if (configured !== undefined && configured > 0) return configured;
    throw invalid(`The duration of ${program} is not known: select it on the appliance or set a duration in the node.`, { program });
  }

  private makePlan(
    request: SmartStartRequest,
    series: Slot[] | undefined,
    program: string,
    option: DelayedStartOption,
    durationS: number,
    deadline: number,
    now: number,
  ): SmartPlan {
    const stepMs = (option.step ?? 60) * 1000;
    const base = { program, durationS, deadline: new Date(deadline).toISOString(), armedWith: option.name };
    if (series) {
      const plan = planStart({
        series,
        durationMs: durationS * 1000,
        deadline,
        now,
        stepMs,
        objective: request.objective,
        ...(request.energyShape ? { energyShape: request.energyShape } : {}),
      });
      return { ...plan, ...base };
    }
    // No series: start now, or finish exactly at the deadline (on the step grid, never after it).
    const latest = deadline - durationS * 1000;
    const start = request.fallback === 'deadline' && latest > now ? now + Math.floor((latest - now) / stepMs) * stepMs : now;
    return {
      objective: request.objective,
      start: new Date(start).toISOString(),
      finish: new Date(start + durationS * 1000).toISOString(),
      startIn: Math.round((start - now) / 1000),
      finishIn: Math.round((start - now) / 1000 + durationS),
      cost: null,
      costIfNow: null,
      saving: null,
      savingPercent: null,
      slots: [],
      fallback: request.fallback,
      ...base,
    };
  }

  private blocker(): 'remote-start' | 'door' | undefined {
    const snap = this.snapshot();
    if (snap[REMOTE_START] === false) return 'remote-start';
    if (snap[DOOR] === 'Open') return 'door';
    return undefined;
  }

  private async tryArm(): Promise<void> {
    const pending = this.pending;
    if (!pending || this.busy) return;
    const blocked = this.blocker();
    if (blocked) {
      this.emit({ type: 'waiting', reason: blocked, plan: pending.plan });
      return;
    }
    const now = this.clock();
    const stepMs = (pending.option.step ?? 60) * 1000;
    // The window is gone (waited too long): plan again from now with what is known.
    if (Date.parse(pending.plan.start) < now - stepMs) {
      pending.plan = this.makePlan(
        pending.request,
        pending.series,
        pending.plan.program,
        pending.option,
        pending.plan.durationS,
        pending.deadline,
        now,
      );
    }
    this.pending = undefined;
    this.busy = true;
    try {
      const plan = pending.plan;
      const value = optionValue(pending.option, Date.parse(plan.start) - now, plan.durationS);
      const options: Record<string, unknown> = { ...(pending.request.options ?? {}) };
      if (value !== undefined) options[pending.option.key] = value;
      try {
        await this.target.client.startProgram(plan.program, Object.keys(options).length > 0 ? options : undefined);
      } catch (e) {
        if (isHomeConnectError(e) && (e.kind === 'unknown-outcome' || e.kind === 'timeout')) this.unknownOutcome = true;
        throw e;
      }
      const armed: SmartPlan = value !== undefined ? { ...plan, optionValue: value } : { ...plan };
      this.armed = armed;
      this.emit({ type: 'armed', plan: armed, rearmed: false });
    } finally {
      this.busy = false;
    }
  }

  private async rearm(request: SmartStartRequest, series: Slot[] | undefined, deadline: number, now: number): Promise<void> {
    const armed = this.armed as SmartPlan;
    const option = delayedStartOf(this.target.profile, armed.program);
    const stepMs = (option.step ?? 60) * 1000;
    const plan = this.makePlan(request, series, armed.program, option, armed.durationS, deadline, now);
    if (Math.abs(Date.parse(plan.start) - Date.parse(armed.start)) <= stepMs) {
      this.emit({ type: 'kept', plan: armed, reason: 'The new series gives the same window (within one step).' });
      return;
    }
    const feature = this.target.profile.find(option.key);
    if (!feature || !writable(feature)) {
      this.emit({
        type: 'kept',
        plan: armed,
        reason: `The appliance does not allow changing ${option.name} while it waits for its delayed start; the armed plan stays.`,
      });
      return;
    }
    const value = optionValue(option, Date.parse(plan.start) - now, plan.durationS);
    if (value === undefined) {
      this.emit({
        type: 'kept',
        plan: armed,
        reason: 'The new best start is now; the armed plan stays rather than restarting the program.',
      });
      return;
    }
    await this.target.client.setValues({ [option.key]: value });
    this.armed = { ...plan, optionValue: value };
    this.emit({ type: 'armed', plan: this.armed, rearmed: true });
  }
}

function writable(f: Feature): boolean {
  return (f.access === 'readWrite' || f.access === 'writeOnly') && f.available !== false;
}

/** Seconds for the delayed-start option, on its step; undefined when the start is now (plain start). */
function optionValue(option: DelayedStartOption, startInMs: number, durationS: number): number | undefined {
  const step = option.step ?? 60;
  const startIn = Math.max(0, Math.round(startInMs / 1000 / step) * step);
  if (startIn < step) return undefined;
  if (option.name === 'StartInRelative') return startIn;
  return Math.ceil((startIn + durationS) / step - 1e-9) * step;
}

function isEmptySeries(v: unknown): boolean {
  return v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
}

function toError(e: unknown): HomeConnectError {
  if (isHomeConnectError(e)) return e;
  return new HomeConnectError('validation', e instanceof Error ? e.message : String(e));
}
