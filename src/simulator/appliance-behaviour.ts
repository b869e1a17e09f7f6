// How the simulated appliance answers writes: values, commands, power, program select and start.
import type { ApplianceProfile } from '../profile';
import { isWritable } from '../profile/value-codec';
import type { Feature, WireItem } from '../profile/types';
import type { Message } from '../protocol/message';
import type { Answer, ClientLink } from './client-link';
import { planRun, type ProgramRunner } from './program-runner';
import type { SimulatorQuirks } from './quirks';
import { ErrorCode, parseDefaultText, type SimulatedState } from './simulated-state';
import { valueItemsProblem, type ProgramRequest } from './strict-checks';

export interface BehaviourHost {
  profile: ApplianceProfile;
  state: SimulatedState;
  runner: ProgramRunner;
  quirks: SimulatorQuirks;
  notifyValues(items: WireItem[]): void;
  violation(text: string): void;
}

export class ApplianceBehaviour {
  /** Option values given to the selected program since it was selected, for a start without them. */
  private optionsSinceSelect = new Map<number, unknown>();

  constructor(private readonly host: BehaviourHost) {}

  writeValues(s: ClientLink, msg: Message): Answer {
    const problem = valueItemsProblem(msg.data);
    if (problem) {
      this.host.violation(`connection ${s.id}: ${problem}; answered 400`);
      return { code: ErrorCode.BadRequest };
    }
    const items = msg.data as WireItem[];
    const refused = this.host.quirks.refuseValues(items);
    if (refused !== undefined) return { code: refused };
    const roots = this.host.profile.roots;
    // Writing a program uid to ActiveProgram/SelectedProgram (the dryer path of §3.7).
    for (const root of [roots.activeProgram, roots.selectedProgram]) {
      const hit = root ? items.find((i) => i.uid === root.uid) : undefined;
      if (!root || !hit) continue;
      const options = items.filter((i) => i !== hit);
      const req: ProgramRequest = { program: typeof hit.value === 'number' ? hit.value : -1, options };
      if (!isWritable(root.access, root.kind)) return { code: ErrorCode.WriteNoAccess };
      return root === roots.activeProgram ? this.startProgram(req) : this.selectProgram(req);
    }
    const context = this.host.runner.program || numberOr0(roots.selectedProgram && this.host.state.get(roots.selectedProgram.uid));
    const features: Feature[] = [];
    for (const item of items) {
      const f = this.host.profile.byUid(item.uid);
      if (!f) return { code: ErrorCode.WriteUnknownUID };
      const code = this.host.state.checkWrite(f, item.value, f.kind === 'option' ? context : undefined);
      if (code !== undefined) return { code };
      features.push(f);
    }
    // Commands with preconditions are checked before anything changes.
    for (let i = 0; i < items.length; i++) {
      const code = this.commandPrecondition(features[i], items[i].value);
      if (code !== undefined) return { code };
    }
    return {
      after: () => {
        const changes: WireItem[] = [];
        for (let i = 0; i < items.length; i++) {
          const f = features[i];
          if (f.kind === 'command') {
            this.runCommand(f, items[i].value);
            continue;
          }
          const c = this.host.state.set(f.uid, items[i].value);
          if (c) changes.push(c);
          if (f.kind === 'option' && this.optionsSinceSelect.size < 1000) this.optionsSinceSelect.set(f.uid, items[i].value);
          if (f.shortKey === 'PowerState') changes.push(...this.powerChanged());
        }
        if (changes.length > 0) this.host.notifyValues(changes);
      },
    };
  }

  private commandPrecondition(f: Feature, value: unknown): number | undefined {
    if (f.kind !== 'command' || value !== true) return undefined;
    const phase = this.host.runner.phase;
    switch (f.shortKey) {
      case 'AbortProgram':
        return phase === 'idle' || phase === 'aborting' ? ErrorCode.DeviceStateNotCompliant : undefined;
      case 'PauseProgram':
        return phase === 'running' ? undefined : ErrorCode.DeviceStateNotCompliant;
      case 'ResumeProgram':
        return phase === 'paused' ? undefined : ErrorCode.DeviceStateNotCompliant;
      default:
        return undefined;
    }
  }

  private runCommand(f: Feature, value: unknown): void {
    switch (f.shortKey) {
      case 'AbortProgram':
        if (value === true) this.host.runner.abort();
        return;
      case 'PauseProgram':
        if (value === true) this.host.runner.pause();
        return;
      case 'ResumeProgram':
        if (value === true) this.host.runner.resume();
        return;
      case 'AcknowledgeEvent':
      case 'RejectEvent': {
        const ev = typeof value === 'number' ? this.host.profile.byUid(value) : undefined;
        if (ev && ev.kind === 'event') {
          const off = this.host.state.member(ev, 'Off');
          const c = off !== undefined ? this.host.state.set(ev.uid, off) : undefined;
          if (c) this.host.notifyValues([c]);
        }
        return;
      }
      default:
        return;
    }
  }

  /** PowerState off/standby makes the appliance Inactive; on makes it Ready again. */
  private powerChanged(): WireItem[] {
    const power = this.host.state.currentMember('PowerState');
    const op = this.host.state.currentMember('OperationState');
    const out: Array<WireItem | undefined> = [];
    // Hoods are switched off by PowerState: a running program stops with the power.
    if (power !== undefined && power !== 'On' && this.host.runner.active) this.host.runner.powerOff();
    if (power === 'On' && op === 'Inactive') out.push(this.host.state.setMember('OperationState', 'Ready'));
    if (power !== undefined && power !== 'On' && !this.host.runner.active)
      out.push(this.host.state.setMember('OperationState', 'Inactive'));
    return out.filter((x): x is WireItem => x !== undefined);
  }

  private programChecks(req: ProgramRequest, root: Feature | undefined, forStart: boolean): number | undefined {
    if (root && !isWritable(root.access, root.kind)) return ErrorCode.WriteNoAccess;
    const program = this.host.profile.byUid(req.program);
    if (!program || program.kind !== 'program') return ErrorCode.UnknownUID;
    if (program.available === false) return ErrorCode.WriteNotAvailable;
    const exec = program.execution;
    if (exec === 'none' || (forStart && exec === 'selectOnly') || (!forStart && exec === 'startOnly')) return ErrorCode.NoExecution;
    if (forStart) {
      const rcsa = this.host.state.feature('RemoteControlStartAllowed');
      if (rcsa && this.host.state.get(rcsa.uid) === false) return ErrorCode.RemoteStartNotActive;
      const op = this.host.state.currentMember('OperationState');
      if (this.host.runner.active || (op !== undefined && op !== 'Ready' && op !== 'Finished')) return ErrorCode.DeviceStateNotCompliant;
      const power = this.host.state.currentMember('PowerState');
      if (power !== undefined && power !== 'On') return ErrorCode.DeviceStateNotCompliant;
      if (this.host.state.currentMember('DoorState') === 'Open') return ErrorCode.DeviceStateNotCompliant;
    } else if (this.host.runner.active) {
      return ErrorCode.DeviceStateNotCompliant;
    }
    for (const o of req.options) {
      const f = this.host.profile.byUid(o.uid);
      if (!f) return ErrorCode.WriteUnknownUID;
      if (f.kind !== 'option') return ErrorCode.WriteNoAccess;
      const code = this.host.state.checkWrite(f, o.value, req.program);
      if (code !== undefined) return code;
    }
    return undefined;
  }

  startProgram(req: ProgramRequest): Answer {
    const code =
      this.host.quirks.refuseProgram('start', req.program, req.options) ??
      this.programChecks(req, this.host.profile.roots.activeProgram, true);
    if (code !== undefined) return { code };
    const options = this.withSelectedOptions(req);
    return {
      after: () => this.host.runner.start(planRun(this.host.state, req.program, options), options),
      ...(this.host.quirks.swallowStart() ? { silent: true } : {}),
    };
  }

  /** Starting the selected program: options given to it since its selection (with select or as values) apply too. */
  private withSelectedOptions(req: ProgramRequest): WireItem[] {
    const sel = this.host.profile.roots.selectedProgram;
    const pending = this.optionsSinceSelect;
    this.optionsSinceSelect = new Map();
    if (!sel || this.host.state.get(sel.uid) !== req.program) return req.options;
    const given = new Set(req.options.map((o) => o.uid));
    const earlier = [...pending].filter(([uid]) => !given.has(uid)).map(([uid, value]) => ({ uid, value }));
    return [...earlier, ...req.options];
  }

  selectProgram(req: ProgramRequest): Answer {
    const code =
      this.host.quirks.refuseProgram('select', req.program, req.options) ??
      this.programChecks(req, this.host.profile.roots.selectedProgram, false);
    if (code !== undefined) return { code };
    return {
      after: () => {
        const changes: Array<WireItem | undefined> = [];
        const sel = this.host.profile.roots.selectedProgram;
        if (sel) changes.push(this.host.state.set(sel.uid, req.program));
        // Options take the program's defaults first, then what the client sent.
        for (const po of this.host.profile.byUid(req.program)?.options ?? []) {
          const f = this.host.profile.byUid(po.uid);
          if (!f || po.default === undefined) continue;
          const v = parseDefaultText(f, po.default);
          if (v !== undefined) changes.push(this.host.state.set(f.uid, v));
        }
        for (const o of req.options) changes.push(this.host.state.set(o.uid, o.value));
        this.optionsSinceSelect = new Map(req.options.map((o) => [o.uid, o.value]));
        const items = dedupe(changes);
        if (items.length > 0) this.host.notifyValues(items);
      },
    };
  }
}

export function numberOr0(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function dedupe(changes: Array<WireItem | undefined>): WireItem[] {
  const m = new Map<number, WireItem>();
  for (const c of changes) {
    if (!c) continue;
    m.delete(c.uid);
    m.set(c.uid, c);
  }
  return [...m.values()];
}
