/**
 * The typed model of one appliance: features by uid/key, enumerations, program groups,
 * error names, value decoding (hot path) and write validation. Built by parseProfile /
 * profileFromHcpyFeatures; mutated only by applyDescriptionChange (live access etc.).
 */
import { HomeConnectError } from '../errors';
import { fallbackErrorName } from './error-codes';
import type {
  Access,
  DecodedValue,
  DescriptionChangeItem,
  DeviceDescriptionInfo,
  EnumerationType,
  Feature,
  FeatureKind,
  ProfileWarning,
  ProgramOption,
  WireItem,
} from './types';
import { copyDefined } from './copy-defined';
import { WRITE_CONSTRAINTS, encodeFor, makeDecoder, refuse, showValue, type ValueDecoder, type WriteTarget } from './value-codec';

export interface ProgramGroupInfo {
  uid: number;
  key: string;
  parentUid?: number;
  /** Direct child program uids. */
  programs: number[];
}

export interface ProfileRoots {
  activeProgram?: Feature;
  selectedProgram?: Feature;
  protectionPort?: Feature;
}

/** What a builder hands to the ApplianceProfile constructor. */
export interface ProfileInit {
  description: DeviceDescriptionInfo;
  /** Every feature, lists/groups/roots included, in document order. */
  features: Feature[];
  programGroups: ProgramGroupInfo[];
  roots: ProfileRoots;
  enumerations: Map<number, EnumerationType>;
  /** Any enum id known to the files (description, subsets, FeatureMapping), for enumType swaps. */
  resolveEnum: (id: number) => EnumerationType | undefined;
  /** The appliance's own error table (code -> full name). */
  errorNames: Map<number, string>;
  warnings: ProfileWarning[];
}

const ACCESS: Readonly<Record<string, Access>> = {
  read: 'read',
  readwrite: 'readWrite',
  writeonly: 'writeOnly',
  none: 'none',
  readstatic: 'readStatic',
};

/** `READWRITE` / `readWrite` / `ReadWrite` -> `readWrite`; undefined for unknown text. */
export function normalizeAccess(v: unknown): Access | undefined {
  return typeof v === 'string' ? ACCESS[v.trim().toLowerCase()] : undefined;
}

const EXECUTION: Readonly<Record<string, string>> = {
  selectonly: 'selectOnly',
  startonly: 'startOnly',
  selectandstart: 'selectAndStart',
  none: 'none',
};

/** `SELECTANDSTART` -> `selectAndStart`; unknown text is kept as written. */
export function normalizeExecution(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  return EXECUTION[v.trim().toLowerCase()] ?? v;
}

function finiteNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

function boolOf(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    if (t === 'true') return true;
    if (t === 'false') return false;
  }
  return undefined;
}

function defaultText(v: unknown): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  try {
    // Objects and lists as JSON; functions and symbols (never in a profile) give undefined.
    return JSON.stringify(v);
  } catch {
    return undefined;
  }
}

/** What a description change may set on a feature and on a program's own option alike. */
type ChangeableAttributes = Pick<Feature, 'access' | 'available' | 'min' | 'max' | 'stepSize' | 'default'>;

/** Copies the well-formed access/available/min/max/stepSize/default of `item`; others are ignored. */
function applyChangedAttributes(into: ChangeableAttributes, item: DescriptionChangeItem): void {
  const access = normalizeAccess(item.access);
  if (access) into.access = access;
  const available = boolOf(item.available);
  if (available !== undefined) into.available = available;
  const min = finiteNumber(item.min);
  if (min !== undefined) into.min = min;
  const max = finiteNumber(item.max);
  if (max !== undefined) into.max = max;
  const step = finiteNumber(item.stepSize);
  if (step !== undefined) into.stepSize = step;
  const def = defaultText(item.default);
  if (def !== undefined) into.default = def;
}

interface DecoderEntry {
  feature: Feature;
  fn: ValueDecoder;
}

export class ApplianceProfile {
  readonly description: DeviceDescriptionInfo;
  readonly warnings: ProfileWarning[];
  readonly roots: ProfileRoots;
  readonly enumerations: Map<number, EnumerationType>;

  private readonly uidIndex = new Map<number, Feature>();
  private readonly keyIndex = new Map<string, Feature>();
  private readonly shortIndex = new Map<string, Feature[]>();
  private readonly byKind = new Map<FeatureKind, Feature[]>();
  private readonly groups: ProgramGroupInfo[];
  private readonly programKeys = new Map<number, string>();
  private readonly decoders = new Map<number, DecoderEntry>();
  private readonly errorNames: Map<number, string>;
  private readonly resolveEnum: (id: number) => EnumerationType | undefined;
  private readonly programOptionEnums = new WeakMap<ProgramOption, EnumerationType>();

  constructor(init: ProfileInit) {
    this.description = init.description;
    this.warnings = init.warnings;
    this.roots = init.roots;
    this.enumerations = init.enumerations;
    this.groups = init.programGroups;
    this.errorNames = init.errorNames;
    this.resolveEnum = init.resolveEnum;
    for (const f of init.features) {
      if (this.uidIndex.has(f.uid)) continue;
      this.uidIndex.set(f.uid, f);
      this.keyIndex.set(f.key, f);
      const s = this.shortIndex.get(f.shortKey);
      if (s) s.push(f);
      else this.shortIndex.set(f.shortKey, [f]);
      const k = this.byKind.get(f.kind);
      if (k) k.push(f);
      else this.byKind.set(f.kind, [f]);
      if (f.kind === 'program') this.programKeys.set(f.uid, f.key);
    }
    for (const f of this.uidIndex.values()) {
      this.decoders.set(f.uid, { feature: f, fn: makeDecoder(f, this.programKeys) });
    }
  }

  // ---- lookup -------------------------------------------------------------------------

  byUid(uid: number): Feature | undefined {
    return this.uidIndex.get(uid);
  }

  /**
   * Full key, unique short key, unique trailing part of a key at a dot (`Cavity.001.CurrentTemperature`),
   * uid number or decimal-string uid; undefined when unknown or ambiguous.
   */
  find(ref: string | number): Feature | undefined {
    const r = this.lookup(ref);
    return r.length === 1 ? r[0] : undefined;
  }

  /** Like find, but throws HomeConnectError('validation') naming the ref (and candidates when ambiguous). */
  resolve(ref: string | number): Feature {
    const r = this.lookup(ref);
    if (r.length === 1) return r[0];
    if (r.length === 0) {
      throw new HomeConnectError('validation', `Unknown feature ${showValue(ref)}: it is not in this appliance's profile.`, {
        details: { ref },
      });
    }
    const keys = r.map((f) => f.key);
    throw new HomeConnectError(
      'validation',
      `Feature name ${showValue(ref)} is ambiguous on this appliance; use one of the full keys: ${keys.join(', ')}`,
      { details: { ref, candidates: keys } },
    );
  }

  private lookup(ref: string | number): Feature[] {
    if (typeof ref === 'number') {
      const f = this.uidIndex.get(ref);
      return f ? [f] : [];
    }
    if (typeof ref !== 'string') return [];
    const t = ref.trim();
    if (/^\d+$/.test(t)) {
      const f = this.uidIndex.get(Number(t));
      return f ? [f] : [];
    }
    const full = this.keyIndex.get(t);
    if (full) return [full];
    const short = this.shortIndex.get(t);
    if (short) return short;
    // Numbered groups (Cavity.001, Zone.100, Favorite.001) repeat short keys: a trailing part
    // with dots tells them apart. Profiles hold at most a few thousand keys, so a scan is fine.
    if (!t.includes('.') || t.startsWith('.') || t.length > 200) return [];
    const tail = `.${t}`;
    const out: Feature[] = [];
    for (const [key, f] of this.keyIndex) if (key.endsWith(tail)) out.push(f);
    return out;
  }

  // ---- lists --------------------------------------------------------------------------

  private kind(k: FeatureKind): Feature[] {
    return (this.byKind.get(k) ?? []).slice();
  }
  statuses(): Feature[] {
    return this.kind('status');
  }
  settings(): Feature[] {
    return this.kind('setting');
  }
  events(): Feature[] {
    return this.kind('event');
  }
  commands(): Feature[] {
    return this.kind('command');
  }
  options(): Feature[] {
    return this.kind('option');
  }
  programs(): Feature[] {
    return this.kind('program');
  }
  allFeatures(): Feature[] {
    return [...this.uidIndex.values()];
  }
  programGroups(): ProgramGroupInfo[] {
    return this.groups.map((g) => ({ ...g, programs: g.programs.slice() }));
  }

  programKey(uid: number): string | undefined {
    return this.programKeys.get(uid);
  }

  /** The appliance's name for an error code, or the common one; never throws. */
  errorName(code: number): string | undefined {
    return this.errorNames.get(code) ?? fallbackErrorName(code);
  }

  // ---- values -------------------------------------------------------------------------

  /** Wire value -> user value. Undefined for unknown uids; never throws. */
  decode(uid: number, raw: unknown): DecodedValue | undefined {
    const d = this.decoders.get(uid);
    if (d === undefined) return undefined;
    let value: unknown;
    try {
      value = d.fn(raw);
    } catch {
      value = raw;
    }
    const f = d.feature;
    const r: DecodedValue = { uid: f.uid, key: f.key, kind: f.kind, value, raw };
    if (f.unit !== undefined) r.unit = f.unit;
    return r;
  }

  /** Validates a value write and returns the wire item; throws HomeConnectError('validation'). */
  encodeValue(ref: string | number, value: unknown): WireItem {
    const f = this.resolveForWrite(ref, value);
    return { uid: f.uid, value: encodeFor(this.targetOf(f), value, (r) => this.find(r)?.uid) };
  }

  /** Program key/short key/uid -> program uid; throws HomeConnectError('validation'). */
  encodeProgram(ref: string | number): number {
    const r = this.lookup(ref);
    const progs = r.filter((x) => x.kind === 'program');
    if (progs.length === 1) return progs[0].uid;
    if (progs.length > 1) this.resolve(ref); // throws, listing the candidates
    const accepted = this.programs().map((p) => p.key);
    if (r.length === 0) throw refuse('program', ref, 'is not a program of this appliance', accepted);
    throw refuse(r[0].key, ref, `is a ${r[0].kind}, not a program`, accepted);
  }

  /** Like encodeValue, with the program's per-program overrides of the option. */
  encodeOption(program: string | number | undefined, ref: string | number, value: unknown): WireItem {
    const f = this.resolveForWrite(ref, value);
    if (program === undefined) return this.encodeValue(f.uid, value);
    const p = this.byUid(this.encodeProgram(program))!;
    const target = this.targetOf(f);
    if (p.options && p.options.length > 0) {
      const po = p.options.find((o) => o.uid === f.uid);
      if (!po) {
        throw refuse(
          f.key,
          value,
          `cannot be used with program ${p.key} (not one of its options)`,
          p.options.map((o) => o.key),
        );
      }
      // The program's own view is more specific than a list-level change (which describes
      // whatever program is selected right now), so it wins; live changes addressed to the
      // program's option (parentUID = program) already updated `po`.
      copyDefined(target, po, ['access', 'available', 'min', 'max', 'stepSize']);
      const en = this.programOptionEnums.get(po) ?? this.enumOfAttr(po.attributes.enumerationType);
      if (en) target.enumeration = en;
    }
    return { uid: f.uid, value: encodeFor(target, value, (r) => this.find(r)?.uid) };
  }

  private enumOfAttr(hex: string | undefined): EnumerationType | undefined {
    if (hex === undefined || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
    return this.resolveEnum(parseInt(hex, 16));
  }

  private resolveForWrite(ref: string | number, value: unknown): Feature {
    const r = this.lookup(ref);
    if (r.length === 1) return r[0];
    if (r.length === 0) {
      throw new HomeConnectError(
        'validation',
        `Unknown feature ${showValue(ref)}: it is not in this appliance's profile, so ${showValue(value)} cannot be written; accepted: a feature key, short key or uid of this appliance.`,
        { details: { key: String(ref), value, accepted: [] } },
      );
    }
    return this.resolve(ref);
  }

  private targetOf(f: Feature): WriteTarget {
    const t: WriteTarget = { uid: f.uid, key: f.key, kind: f.kind };
    copyDefined(t, f, WRITE_CONSTRAINTS);
    return t;
  }

  // ---- live description changes ---------------------------------------------------------

  /** Applies one /ro/descriptionChange item; unknown uids are ignored; never throws. */
  applyDescriptionChange(item: DescriptionChangeItem): void {
    try {
      if (!item || typeof item !== 'object') return;
      const uid = finiteNumber(item.uid);
      if (uid === undefined) return;
      const f = this.uidIndex.get(uid);
      if (!f) return;
      const parentUid = finiteNumber(item.parentUID);
      const parent = parentUid !== undefined ? this.uidIndex.get(parentUid) : undefined;
      if (parent && parent.kind === 'program' && parent.uid !== uid) {
        this.applyToProgramOption(parent, f, item);
        return;
      }
      applyChangedAttributes(f, item);
      const exec = normalizeExecution(item.execution);
      if (exec !== undefined) f.execution = exec;
      const enumId = finiteNumber(item.enumType);
      if (enumId !== undefined) {
        const en = this.resolveEnum(enumId);
        if (en) {
          f.enumeration = en;
          if (!this.enumerations.has(en.id)) this.enumerations.set(en.id, en);
          const d = this.decoders.get(f.uid);
          if (d) d.fn = makeDecoder(f, this.programKeys);
        }
      }
    } catch {
      // A malformed change must never break the session; the static profile stays usable.
    }
  }

  private applyToProgramOption(program: Feature, f: Feature, item: DescriptionChangeItem): void {
    if (!program.options) program.options = [];
    let po = program.options.find((o) => o.uid === f.uid);
    if (!po) {
      po = { uid: f.uid, key: f.key, attributes: {} };
      program.options.push(po);
    }
    applyChangedAttributes(po, item);
    const enumId = finiteNumber(item.enumType);
    if (enumId !== undefined) {
      const en = this.resolveEnum(enumId);
      if (en) this.programOptionEnums.set(po, en);
    }
  }

  /** Small JSON object for diagnostics. */
  summary(): Record<string, unknown> {
    const count = (k: FeatureKind): number => this.byKind.get(k)?.length ?? 0;
    return {
      description: { ...this.description },
      counts: {
        statuses: count('status'),
        settings: count('setting'),
        events: count('event'),
        commands: count('command'),
        options: count('option'),
        programs: count('program'),
        programGroups: count('programGroup'),
        lists: count('list'),
        roots: count('root'),
        other: count('other'),
        enumerations: this.enumerations.size,
      },
      warnings: this.warnings.length,
    };
  }
}
