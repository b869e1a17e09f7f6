/**
 * The simulated appliance's current wire state: one raw value per uid, initialised from the
 * profile's defaults/initValues, plus the write validation a real appliance applies
 * (error codes of protocol.md §3.9). Descriptions (access, available, min/max ...) live in
 * the profile object itself, which is updated through applyDescriptionChange.
 */
import type { ApplianceProfile } from '../profile';
import { isWritable } from '../profile/value-codec';
import type { DescriptionChangeItem, Feature, FeatureKind, ProgramOption, WireItem } from '../profile/types';

/** Error codes the simulator answers with (protocol.md §3.9). */
export const ErrorCode = {
  BadRequest: 400,
  Forbidden: 403,
  NotFound: 404,
  MethodNotAllowed: 405,
  InternalServerError: 500,
  UnknownUID: 512,
  WriteUnknownUID: 513,
  NoAccess: 518,
  WriteNoAccess: 519,
  WriteNotAvailable: 525,
  NoExecution: 530,
  ValueOutOfRange: 531,
  InvalidUIDValue: 532,
  InvalidFormat: 536,
  RemoteStartNotActive: 538,
  DeviceStateNotCompliant: 540,
} as const;

/** Member values used when a profile's enumeration carries no names (protocol.md §4, BSH enums). */
const KNOWN_MEMBERS: Record<string, Record<string, number>> = {
  OperationState: {
    Inactive: 0,
    Ready: 1,
    DelayedStart: 2,
    Run: 3,
    Pause: 4,
    ActionRequired: 5,
    Finished: 6,
    Error: 7,
    Aborting: 8,
  },
  DoorState: { Open: 0, Closed: 1, Locked: 2 },
  PowerState: { MainsOff: 0, Off: 1, On: 2, Standby: 3 },
  event: { Off: 0, Present: 1, Confirmed: 2 },
};

const VALUE_KINDS: ReadonlySet<FeatureKind> = new Set<FeatureKind>(['status', 'setting', 'option', 'root']);
const DESCRIBED_KINDS: ReadonlySet<FeatureKind> = new Set<FeatureKind>([
  'status',
  'setting',
  'option',
  'command',
  'event',
  'program',
  'root',
]);

/** A feature's XML default text as a wire value of its type (undefined when unusable). */
export function parseDefaultText(f: Feature, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (f.enumeration || f.protocolType === 'Integer' || f.protocolType === 'Float') {
    const n = Number(t);
    return t !== '' && Number.isFinite(n) ? n : undefined;
  }
  switch (f.protocolType) {
    case 'Boolean':
      if (t === 'true' || t === '1') return true;
      if (t === 'false' || t === '0') return false;
      return undefined;
    case 'String':
      return text;
    case 'Object':
      try {
        return JSON.parse(t);
      } catch {
        return undefined;
      }
    default:
      if (t === 'true' || t === 'false') return t === 'true';
      if (t !== '' && Number.isFinite(Number(t))) return Number(t);
      return text;
  }
}

/** Members of an enumeration as raw numbers, in ascending order. */
function memberValues(f: Feature): number[] {
  const m = f.enumeration?.members;
  if (!m) return [];
  return Object.keys(m)
    .map(Number)
    .filter((n) => Number.isInteger(n))
    .sort((a, b) => a - b);
}

export class SimulatedState {
  private readonly values = new Map<number, unknown>();
  private readonly common = new Map<string, Feature | undefined>();

  constructor(readonly profile: ApplianceProfile) {
    for (const f of profile.allFeatures()) {
      const v = this.initialValue(f);
      if (v !== undefined) this.values.set(f.uid, v);
    }
    this.overrideInitial('OperationState', 'Ready');
    this.overrideInitial('DoorState', 'Closed');
    this.overrideInitial('PowerState', 'On');
    const rcsa = this.feature('RemoteControlStartAllowed');
    if (rcsa) this.values.set(rcsa.uid, true);
    const rca = this.feature('RemoteControlActive');
    if (rca) this.values.set(rca.uid, true);
  }

  /** A BSH.Common feature by short key (OperationState, ProgramProgress, AbortProgram ...). */
  feature(shortKey: string): Feature | undefined {
    if (this.common.has(shortKey)) return this.common.get(shortKey);
    const all = this.profile.allFeatures();
    const f = all.find((x) => x.key.startsWith('BSH.Common.') && x.shortKey === shortKey) ?? all.find((x) => x.shortKey === shortKey);
    this.common.set(shortKey, f);
    return f;
  }

  get(uid: number): unknown {
    return this.values.get(uid);
  }

  has(uid: number): boolean {
    return this.values.has(uid);
  }

  /** Store a raw value; returns the wire item when it changed (for NOTIFY). */
  set(uid: number, raw: unknown): WireItem | undefined {
    if (raw === undefined) return undefined;
    const before = this.values.get(uid);
    this.values.set(uid, raw);
    if (before === raw) return undefined;
    if (typeof raw === 'object' && raw !== null && JSON.stringify(before) === JSON.stringify(raw)) return undefined;
    return { uid, value: raw };
  }

  /** Raw value of an enum member by name, with the standard BSH numbers as fallback. */
  member(f: Feature | undefined, name: string): number | undefined {
    if (!f) return undefined;
    const m = f.enumeration?.members;
    if (m) {
      for (const [k, v] of Object.entries(m)) if (v === name) return Number(k);
    }
    const table = KNOWN_MEMBERS[f.kind === 'event' ? 'event' : f.shortKey];
    return table?.[name];
  }

  /** Name of an enum member (or undefined). */
  memberName(f: Feature | undefined, raw: unknown): string | undefined {
    if (!f || typeof raw !== 'number') return undefined;
    const name = f.enumeration?.members[String(raw)];
    if (name !== undefined) return name;
    const table = KNOWN_MEMBERS[f.kind === 'event' ? 'event' : f.shortKey];
    if (!table) return undefined;
    return Object.keys(table).find((k) => table[k] === raw);
  }

  /** Current member name of a common enum feature (OperationState, DoorState ...). */
  currentMember(shortKey: string): string | undefined {
    const f = this.feature(shortKey);
    return f ? this.memberName(f, this.values.get(f.uid)) : undefined;
  }

  /** Set a common enum feature by member name; returns the changed wire item. */
  setMember(shortKey: string, name: string): WireItem | undefined {
    const f = this.feature(shortKey);
    const raw = this.member(f, name);
    return f && raw !== undefined ? this.set(f.uid, raw) : undefined;
  }

  /** User value -> raw: enum names, program keys for roots, everything else as given. */
  toRaw(f: Feature, value: unknown): unknown {
    if (typeof value === 'string' && f.enumeration) {
      const raw = this.member(f, value);
      if (raw !== undefined) return raw;
    }
    if (f.kind === 'root' && (value === null || typeof value === 'string')) {
      if (value === null) return 0;
      const p = this.profile.find(value);
      if (p) return p.uid;
    }
    return value;
  }

  /** Every status/setting/option/root with its current value (GET /ro/allMandatoryValues). */
  mandatoryValues(): WireItem[] {
    const out: WireItem[] = [];
    for (const f of this.profile.allFeatures()) {
      if (!VALUE_KINDS.has(f.kind) || !this.values.has(f.uid)) continue;
      out.push({ uid: f.uid, value: this.values.get(f.uid) });
    }
    return out;
  }

  /** Current dynamic metadata of every feature (GET /ro/allDescriptionChanges). */
  descriptionItems(): DescriptionChangeItem[] {
    const out: DescriptionChangeItem[] = [];
    for (const f of this.profile.allFeatures()) {
      if (!DESCRIBED_KINDS.has(f.kind)) continue;
      out.push(describe(f));
    }
    return out;
  }

  /** Per-program view of an option, when the program lists it. */
  programOption(programUid: number | undefined, optionUid: number): ProgramOption | undefined {
    if (!programUid) return undefined;
    return this.profile.byUid(programUid)?.options?.find((o) => o.uid === optionUid);
  }

  /**
   * Error code for writing `raw` to feature `f` (POST /ro/values or a program's options), or
   * undefined when the write is acceptable. `programUid` gives the per-program context of options.
   */
  checkWrite(f: Feature, raw: unknown, programUid?: number): number | undefined {
    let access = f.access;
    let available = f.available;
    let min = f.min;
    let max = f.max;
    let step = f.stepSize;
    if (f.kind === 'option' && programUid) {
      const program = this.profile.byUid(programUid);
      const po = program?.options?.find((o) => o.uid === f.uid);
      if (program?.options && program.options.length > 0 && !po) return ErrorCode.WriteNotAvailable;
      if (po) {
        access = po.access ?? access;
        if (po.available !== undefined) available = po.available;
        min = po.min ?? min;
        max = po.max ?? max;
        step = po.stepSize ?? step;
      }
    }
    if (f.kind === 'status' || f.kind === 'event' || f.kind === 'program' || f.kind === 'list' || f.kind === 'programGroup') {
      if (!isWritable(access, f.kind) || f.kind !== 'status') return ErrorCode.WriteNoAccess;
    }
    if (!isWritable(access, f.kind)) return ErrorCode.WriteNoAccess;
    if (available === false) return ErrorCode.WriteNotAvailable;
    return this.checkType(f, raw, min, max, step);
  }

  private checkType(f: Feature, raw: unknown, min?: number, max?: number, step?: number): number | undefined {
    if (f.enumeration) {
      if (typeof raw !== 'number' || !Number.isInteger(raw)) return ErrorCode.InvalidFormat;
      if (!(String(raw) in f.enumeration.members) && memberValues(f).length > 0) return ErrorCode.InvalidUIDValue;
      if ((min !== undefined && raw < min) || (max !== undefined && raw > max)) return ErrorCode.InvalidUIDValue;
      return undefined;
    }
    if (f.refCID === 0x15) {
      return typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? undefined : ErrorCode.InvalidFormat;
    }
    switch (f.protocolType) {
      case 'Boolean':
        return typeof raw === 'boolean' ? undefined : ErrorCode.InvalidFormat;
      case 'Integer':
      case 'Float': {
        if (typeof raw !== 'number' || !Number.isFinite(raw)) return ErrorCode.InvalidFormat;
        if (f.protocolType === 'Integer' && !Number.isInteger(raw)) return ErrorCode.InvalidFormat;
        if ((min !== undefined && raw < min) || (max !== undefined && raw > max)) return ErrorCode.ValueOutOfRange;
        if (step !== undefined && step > 0) {
          const k = (raw - (min ?? 0)) / step;
          if (Math.abs(k - Math.round(k)) > 1e-9) return ErrorCode.ValueOutOfRange;
        }
        return undefined;
      }
      case 'String':
        return typeof raw === 'string' ? undefined : ErrorCode.InvalidFormat;
      case 'Object':
        return typeof raw === 'object' && raw !== null ? undefined : ErrorCode.InvalidFormat;
      default:
        return raw === null || raw === undefined ? ErrorCode.InvalidFormat : undefined;
    }
  }

  private initialValue(f: Feature): unknown {
    if (f.kind === 'root') {
      if (f === this.profile.roots.activeProgram || f === this.profile.roots.selectedProgram) return 0;
      return undefined;
    }
    if (f.kind === 'event') return this.member(f, 'Off') ?? 0;
    if (!VALUE_KINDS.has(f.kind)) return undefined;
    const fromProfile = parseDefaultText(f, f.initValue) ?? parseDefaultText(f, f.default);
    if (fromProfile !== undefined) return fromProfile;
    if (f.enumeration) return memberValues(f)[0] ?? 0;
    switch (f.protocolType) {
      case 'Boolean':
        return false;
      case 'Integer':
      case 'Float':
        return f.min ?? 0;
      case 'String':
        return '';
      default:
        return undefined;
    }
  }

  private overrideInitial(shortKey: string, member: string): void {
    const f = this.feature(shortKey);
    const raw = this.member(f, member);
    if (f && raw !== undefined) this.values.set(f.uid, raw);
  }
}

/** The description-change item of a feature's current metadata (access upper-case as appliances send it). */
export function describe(f: Feature): DescriptionChangeItem {
  const item: DescriptionChangeItem = { uid: f.uid };
  if (f.parentUid !== undefined) item.parentUID = f.parentUid;
  if (f.access !== undefined) item.access = f.access.toUpperCase();
  if (f.available !== undefined) item.available = f.available;
  if (f.min !== undefined) item.min = f.min;
  if (f.max !== undefined) item.max = f.max;
  if (f.stepSize !== undefined) item.stepSize = f.stepSize;
  if (f.execution !== undefined) item.execution = f.execution.toUpperCase();
  return item;
}
