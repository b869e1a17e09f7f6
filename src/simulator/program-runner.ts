/**
 * Runs a program on the simulated appliance: DelayedStart countdown, Run with ProgramProgress
 * 0→100 and RemainingProgramTime counting down, Pause/Resume (also by the door), Abort, and
 * Finished with its event. Program time runs `timeScale` times faster than real time.
 * Every change goes out through the host as NOTIFY /ro/values (and /ro/descriptionChange for
 * the commands that are writable only while a program runs).
 */
import { errorMessage } from '../errors';
import type { DescriptionChangeItem, Feature, WireItem } from '../profile/types';
import { typicalDurationS } from './program-durations';
import { describe, parseDefaultText, SimulatedState } from './simulated-state';
import { beverageCount, brewPhase, CavityHeating, typeDuration, ventingOff } from './type-behaviour';

export interface RunnerHost {
  readonly state: SimulatedState;
  /** Program seconds per real second. */
  timeScale(): number;
  notify(items: WireItem[]): void;
  describe(items: DescriptionChangeItem[]): void;
  log(line: string): void;
}

export type RunPhase = 'idle' | 'delayed' | 'running' | 'paused' | 'aborting';

export interface RunPlan {
  program: number;
  /** Program seconds before the run starts (StartInRelative / FinishInRelative − duration). */
  delayS: number;
  durationS: number;
}

/** Commands that real appliances make writable only while a program runs. */
const RUNTIME_COMMANDS = ['AbortProgram', 'PauseProgram', 'ResumeProgram'];
/** Run time of a program nothing is known about. */
export const DEFAULT_DURATION_S = 2 * 3600;
const ABORT_S = 5;

function numberOption(items: Array<{ uid: number; value: unknown }>, f: Feature | undefined): number | undefined {
  if (!f) return undefined;
  const v = items.find((o) => o.uid === f.uid)?.value;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Duration and delay of a program start from its options and the profile's defaults. */
export function planRun(state: SimulatedState, program: number, options: Array<{ uid: number; value: unknown }>): RunPlan {
  const remaining = state.feature('RemainingProgramTime');
  const duration = state.feature('Duration');
  const estimated = state.feature('EstimatedTotalProgramTime');
  let durationS = typeDuration(state, program, options) ?? numberOption(options, duration);
  if (durationS === undefined) {
    for (const f of [remaining, duration, estimated]) {
      if (!f || durationS !== undefined) continue;
      const po = state.programOption(program, f.uid);
      const d = parseDefaultText(f, po?.default) ?? parseDefaultText(f, po?.initValue);
      if (typeof d === 'number' && d > 0) durationS = d;
    }
  }
  // Real profiles do not declare run times; the appliance knows them, so the simulator must too.
  durationS ??= typicalDurationS(state.profile.byUid(program)?.key);
  if (durationS === undefined) {
    for (const f of [remaining, duration]) {
      if (!f || durationS !== undefined) continue;
      const d = parseDefaultText(f, f.default) ?? parseDefaultText(f, f.initValue);
      if (typeof d === 'number' && d > 0) durationS = d;
    }
  }
  if (durationS === undefined || durationS <= 0) durationS = DEFAULT_DURATION_S;
  let delayS = 0;
  const startIn = numberOption(options, state.feature('StartInRelative'));
  const finishIn = numberOption(options, state.feature('FinishInRelative'));
  if (startIn !== undefined && startIn > 0) delayS = startIn;
  else if (finishIn !== undefined && Number.isFinite(durationS) && finishIn > durationS) delayS = finishIn - durationS;
  return { program, delayS, durationS };
}

/** Seconds left, rounded up to the feature's stepSize (appliances report whole minutes where step is 60). */
function stepped(f: Feature, seconds: number): number {
  if (!Number.isFinite(seconds)) return 0;
  const step = f.stepSize && f.stepSize > 0 ? f.stepSize : 1;
  return Math.max(0, Math.ceil(seconds / step - 1e-9) * step);
}

export class ProgramRunner {
  phase: RunPhase = 'idle';
  program = 0;
  private plan: RunPlan | undefined;
  private elapsedDelayS = 0;
  private elapsedRunS = 0;
  private lastTick = 0;
  private pausedByDoor = false;
  private timer: NodeJS.Timeout | undefined;
  private abortTimer: NodeJS.Timeout | undefined;
  private readonly staticAccess = new Map<number, string | undefined>();
  private readonly heating: CavityHeating;
  private coolTimer: NodeJS.Timeout | undefined;
  private options: WireItem[] = [];

  constructor(private readonly host: RunnerHost) {
    this.heating = new CavityHeating(host.state);
    for (const name of RUNTIME_COMMANDS) {
      const f = host.state.feature(name);
      if (f && f.kind === 'command') this.staticAccess.set(f.uid, f.access);
    }
  }

  get active(): boolean {
    return this.phase !== 'idle';
  }

  start(plan: RunPlan, optionItems: WireItem[]): void {
    this.clearTimers();
    const s = this.host.state;
    this.plan = plan;
    this.program = plan.program;
    this.elapsedDelayS = 0;
    this.elapsedRunS = 0;
    this.pausedByDoor = false;
    this.options = optionItems.slice(0, 100);
    if (this.coolTimer) clearInterval(this.coolTimer);
    this.coolTimer = undefined;
    const changes: Array<WireItem | undefined> = [];
    for (const ev of ['ProgramFinished', 'ProgramAborted']) changes.push(s.setMember(ev, 'Off'));
    if (plan.delayS <= 0) changes.push(...this.heating.start(plan.program, optionItems), ...brewPhase(s, plan.program, 0));
    for (const o of optionItems) changes.push(s.set(o.uid, o.value));
    const root = s.profile.roots;
    if (root.selectedProgram) changes.push(s.set(root.selectedProgram.uid, plan.program));
    if (root.activeProgram) changes.push(s.set(root.activeProgram.uid, plan.program));
    const timed = Number.isFinite(plan.durationS);
    const progress = s.feature('ProgramProgress');
    if (progress && timed) changes.push(s.set(progress.uid, 0));
    const remaining = s.feature('RemainingProgramTime');
    if (remaining && timed) changes.push(s.set(remaining.uid, stepped(remaining, plan.durationS)));
    this.phase = plan.delayS > 0 ? 'delayed' : 'running';
    changes.push(s.setMember('OperationState', this.phase === 'delayed' ? 'DelayedStart' : 'Run'));
    changes.push(...this.countdownItems());
    this.setRuntimeCommands(true);
    this.emit(changes);
    this.host.log(`program ${plan.program} started (${this.phase}, ${plan.durationS} s, delay ${plan.delayS} s)`);
    this.lastTick = Date.now();
    // About one tick per program minute, and at least 40 per run so a beverage of seconds still counts up.
    const scale = Math.max(1e-6, this.host.timeScale());
    const perRunMs = Number.isFinite(plan.durationS) ? (plan.durationS * 1000) / scale / 40 : Infinity;
    const tickMs = Math.min(1000, Math.max(20, Math.min(60000 / scale, perRunMs)));
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  pause(byDoor = false): boolean {
    if (this.phase !== 'running') return false;
    this.advance();
    this.phase = 'paused';
    this.pausedByDoor = byDoor;
    this.emit([this.host.state.setMember('OperationState', 'Pause')]);
    return true;
  }

  resume(): boolean {
    if (this.phase !== 'paused') return false;
    this.lastTick = Date.now();
    this.phase = 'running';
    this.pausedByDoor = false;
    this.emit([this.host.state.setMember('OperationState', 'Run')]);
    return true;
  }

  abort(): boolean {
    if (this.phase === 'idle' || this.phase === 'aborting') return false;
    this.clearTimers();
    this.phase = 'aborting';
    this.emit([this.host.state.setMember('OperationState', 'Aborting')]);
    const ms = Math.min(2000, Math.max(20, (ABORT_S * 1000) / Math.max(1e-6, this.host.timeScale())));
    this.abortTimer = setTimeout(() => {
      try {
        this.end('aborted');
      } catch (e) {
        this.host.log(`abort failed: ${errorMessage(e)}`);
      }
    }, ms);
    return true;
  }

  /** Power switched off on a running program (hoods are turned off this way): it ends at once, without an abort event. */
  powerOff(): boolean {
    if (this.phase === 'idle') return false;
    this.end('stopped');
    return true;
  }

  /** Door opened/closed on the appliance: opening pauses a run, closing resumes it. */
  doorChanged(open: boolean): void {
    if (open && this.phase === 'running') this.pause(true);
    else if (!open && this.phase === 'paused' && this.pausedByDoor) this.resume();
    else if (open && this.phase === 'idle' && this.host.state.currentMember('OperationState') === 'Finished') {
      this.emit([this.host.state.setMember('OperationState', 'Ready')]);
    }
  }

  dispose(): void {
    this.clearTimers();
  }

  private clearTimers(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.abortTimer) clearTimeout(this.abortTimer);
    if (this.coolTimer) clearInterval(this.coolTimer);
    this.timer = undefined;
    this.abortTimer = undefined;
    this.coolTimer = undefined;
  }

  /** Move program time forward by the real time since the last tick; returns the program seconds run. */
  private advance(): number {
    const now = Date.now();
    const dt = ((now - this.lastTick) / 1000) * this.host.timeScale();
    this.lastTick = now;
    if (this.phase === 'delayed') this.elapsedDelayS += dt;
    else if (this.phase === 'running') {
      // At most 5 % per tick, so a stalled event loop never skips the whole run in one step.
      const step = Math.min(dt, (this.plan?.durationS ?? 0) / 20);
      this.elapsedRunS += step;
      return step;
    }
    return 0;
  }

  private tick(): void {
    try {
      const plan = this.plan;
      if (!plan || (this.phase !== 'delayed' && this.phase !== 'running')) return;
      const ran = this.advance();
      const s = this.host.state;
      const changes: Array<WireItem | undefined> = [];
      if (this.phase === 'delayed' && this.elapsedDelayS >= plan.delayS) {
        this.elapsedRunS = this.elapsedDelayS - plan.delayS;
        this.phase = 'running';
        changes.push(s.setMember('OperationState', 'Run'));
        changes.push(...this.heating.start(plan.program, this.options));
      }
      if (this.phase === 'running') {
        changes.push(...this.heating.advance(ran));
        if (this.elapsedRunS >= plan.durationS || this.heating.probeDone) {
          this.emit(changes);
          this.end('finished');
          return;
        }
        if (Number.isFinite(plan.durationS)) {
          const pct = Math.floor((this.elapsedRunS / plan.durationS) * 100);
          const progress = s.feature('ProgramProgress');
          if (progress) changes.push(s.set(progress.uid, pct));
          const remaining = s.feature('RemainingProgramTime');
          if (remaining) changes.push(s.set(remaining.uid, stepped(remaining, plan.durationS - this.elapsedRunS)));
          changes.push(...brewPhase(s, plan.program, pct));
        }
      }
      changes.push(...this.countdownItems());
      this.emit(changes);
    } catch (e) {
      this.host.log(`program tick failed: ${errorMessage(e)}`);
    }
  }

  /** StartInRelative / FinishInRelative count down while they matter. */
  private countdownItems(): Array<WireItem | undefined> {
    const plan = this.plan;
    if (!plan) return [];
    const s = this.host.state;
    const out: Array<WireItem | undefined> = [];
    const delayLeft = this.phase === 'delayed' ? Math.max(0, plan.delayS - this.elapsedDelayS) : 0;
    const startIn = s.feature('StartInRelative');
    if (startIn && plan.delayS > 0) out.push(s.set(startIn.uid, stepped(startIn, delayLeft)));
    const finishIn = s.feature('FinishInRelative');
    if (finishIn && s.has(finishIn.uid) && plan.delayS > 0) {
      const runLeft = Math.max(0, plan.durationS - this.elapsedRunS);
      out.push(s.set(finishIn.uid, stepped(finishIn, delayLeft + runLeft)));
    }
    return out;
  }

  private end(how: 'finished' | 'aborted' | 'stopped'): void {
    this.clearTimers();
    const s = this.host.state;
    const changes: Array<WireItem | undefined> = [];
    const program = this.program;
    if (how === 'finished') changes.push(...beverageCount(s, program, this.options));
    changes.push(...this.heating.stop(), ...brewPhase(s, program, undefined), ...ventingOff(s));
    const progress = s.feature('ProgramProgress');
    const remaining = s.feature('RemainingProgramTime');
    if (how === 'finished') {
      if (progress) changes.push(s.set(progress.uid, 100));
      if (remaining) changes.push(s.set(remaining.uid, 0));
    } else {
      if (progress) changes.push(s.set(progress.uid, 0));
      if (remaining) changes.push(s.set(remaining.uid, 0));
    }
    const root = s.profile.roots;
    if (root.activeProgram) changes.push(s.set(root.activeProgram.uid, 0));
    changes.push(s.setMember('OperationState', how === 'finished' ? 'Finished' : 'Ready'));
    if (how !== 'stopped') changes.push(s.setMember(how === 'finished' ? 'ProgramFinished' : 'ProgramAborted', 'Present'));
    this.phase = 'idle';
    this.options = [];
    this.startCooling();
    this.plan = undefined;
    this.program = 0;
    this.pausedByDoor = false;
    this.setRuntimeCommands(false);
    this.emit(changes);
    this.host.log(`program ${how}`);
  }

  /** After a run the oven cavity cools back to room temperature, one step a tick. */
  private startCooling(): void {
    if (!this.heating.cooling) return;
    let last = Date.now();
    const tickMs = Math.min(1000, Math.max(20, 60000 / Math.max(1e-6, this.host.timeScale())));
    this.coolTimer = setInterval(() => {
      try {
        const now = Date.now();
        const dt = ((now - last) / 1000) * this.host.timeScale();
        last = now;
        this.emit(this.heating.advance(Math.min(dt, 600)));
        if (!this.heating.cooling && this.coolTimer) {
          clearInterval(this.coolTimer);
          this.coolTimer = undefined;
        }
      } catch (e) {
        this.host.log(`cooling tick failed: ${errorMessage(e)}`);
      }
    }, tickMs);
  }

  /** AbortProgram & co. become writable while a program runs (they are access="none" statically). */
  private setRuntimeCommands(running: boolean): void {
    const items: DescriptionChangeItem[] = [];
    for (const [uid, original] of this.staticAccess) {
      if (original === 'writeOnly' || original === 'readWrite') continue;
      const f = this.host.state.profile.byUid(uid);
      if (!f) continue;
      const access = running ? 'WRITEONLY' : (original ?? 'none').toUpperCase();
      this.host.state.profile.applyDescriptionChange({ uid, access });
      items.push({ ...describe(f), access });
    }
    if (items.length > 0) this.host.describe(items);
  }

  private emit(changes: Array<WireItem | undefined>): void {
    const byUid = new Map<number, WireItem>();
    for (const c of changes) {
      if (!c) continue;
      byUid.delete(c.uid);
      byUid.set(c.uid, c);
    }
    if (byUid.size > 0) this.host.notify([...byUid.values()]);
  }
}
