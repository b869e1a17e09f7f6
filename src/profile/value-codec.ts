/**
 * Per-feature value decoding (wire -> user value) and write validation/encoding
 * (user value -> wire value), protocol.md §3.6/§3.7. Decoders are built once per feature
 * (hot path: every value of every frame); encoders run per write and explain refusals.
 */
import { HomeConnectError } from '../errors';
import { CID_UID_VALUE } from './content-types';
import type { Access, EnumerationType, Feature, FeatureKind } from './types';

export type ValueDecoder = (raw: unknown) => unknown;

const INT_TEXT = /^-?\d+$/;
const NUM_TEXT = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

function isProgramRoot(f: Feature): boolean {
  if (f.kind !== 'root') return false;
  return f.key.endsWith('.Root.ActiveProgram') || f.key.endsWith('.Root.SelectedProgram') || f.uid === 256 || f.uid === 257;
}

function decodeBoolean(raw: unknown): unknown {
  if (raw === true || raw === false) return raw;
  if (raw === 1 || raw === 0) return raw === 1;
  if (typeof raw === 'string') {
    const t = raw.trim().toLowerCase();
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
  }
  return raw;
}

function decodeNumber(raw: unknown): unknown {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && NUM_TEXT.test(raw)) return Number(raw);
  return raw;
}

/** Object values may arrive as JSON text, sometimes with a stray quote after `]` (§3.6). */
export function decodeObject(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const t = raw.trim();
  const c = t.charCodeAt(0);
  if (c !== 0x7b && c !== 0x5b) return raw; // { or [
  try {
    return JSON.parse(t);
  } catch {
    try {
      return JSON.parse(t.replace(/\]"/g, ']'));
    } catch {
      return raw;
    }
  }
}

function enumDecoder(en: EnumerationType): ValueDecoder {
  const members = en.members;
  return (raw) => {
    if (typeof raw === 'number') {
      const name = Number.isInteger(raw) ? members[raw] : undefined;
      return name === undefined ? raw : name;
    }
    if (typeof raw === 'string' && INT_TEXT.test(raw)) {
      const n = Number(raw);
      const name = members[n];
      return name === undefined ? n : name;
    }
    return raw;
  };
}

function programDecoder(programKeys: ReadonlyMap<number, string>): ValueDecoder {
  return (raw) => {
    let n: number | undefined;
    if (typeof raw === 'number') n = raw;
    else if (typeof raw === 'string' && INT_TEXT.test(raw)) n = Number(raw);
    if (n === undefined) return raw;
    if (n === 0) return null;
    const key = programKeys.get(n);
    return key === undefined ? n : key;
  };
}

const identity: ValueDecoder = (raw) => raw;

/**
 * Decoder for one feature's wire values. Never throws for any input; values that do not
 * fit the declared type are passed through unchanged.
 */
export function makeDecoder(f: Feature, programKeys: ReadonlyMap<number, string>): ValueDecoder {
  if (isProgramRoot(f) || f.refCID === CID_UID_VALUE) return programDecoder(programKeys);
  if (f.enumeration) return enumDecoder(f.enumeration);
  switch (f.protocolType) {
    case 'Boolean':
      return decodeBoolean;
    case 'Integer':
    case 'Float':
      return decodeNumber;
    case 'Object':
      return decodeObject;
    default:
      return identity;
  }
}

// ---------------------------------------------------------------------------------------
// Encoding / validation

/** Feature attributes that constrain a write, besides its uid, key and kind. */
export const WRITE_CONSTRAINTS = [
  'access',
  'available',
  'min',
  'max',
  'stepSize',
  'enumeration',
  'protocolType',
  'contentType',
  'refCID',
] as const;

/** The effective constraints of one write (a feature, possibly with per-program overrides). */
export type WriteTarget = Pick<Feature, 'uid' | 'key' | 'kind' | (typeof WRITE_CONSTRAINTS)[number]>;

/** Renders a user value for a message (never throws). */
export function showValue(v: unknown): string {
  if (v === undefined) return 'undefined';
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'symbol') return v.toString();
  if (typeof v === 'function') return 'a function';
  try {
    const s = JSON.stringify(v);
    return s.length > 80 ? s.slice(0, 77) + '...' : s;
  } catch {
    // Cycles and nested BigInts: say what it is rather than print "[object Object]".
    return Array.isArray(v) ? 'a list that cannot be shown as JSON' : 'an object that cannot be shown as JSON';
  }
}

export function refuse(key: string, value: unknown, why: string, accepted: string[]): HomeConnectError {
  const acc = accepted.length ? accepted.join(', ') : 'nothing';
  return new HomeConnectError('validation', `${key}: ${showValue(value)} ${why}; accepted: ${acc}`, {
    details: { key, value, accepted },
  });
}

const WRITABLE_KINDS: ReadonlySet<FeatureKind> = new Set<FeatureKind>(['setting', 'command', 'option', 'status']);

function rangeText(t: WriteTarget): string {
  const lo = t.min !== undefined ? String(t.min) : '';
  const hi = t.max !== undefined ? String(t.max) : '';
  let s = lo || hi ? `${lo}..${hi}` : 'any number';
  if (t.stepSize) s += ` in steps of ${t.stepSize}`;
  return s;
}

function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && NUM_TEXT.test(value)) return Number(value);
  return undefined;
}

/**
 * The one access rule, shared by the client's checks and the simulator: readWrite and
 * writeOnly are writable; a missing access is writable too (many profiles leave it out),
 * except for a status, which is read-only unless it says otherwise.
 */
export function isWritable(access: Access | undefined, kind?: FeatureKind): boolean {
  if (access === undefined) return kind !== 'status';
  return access === 'readWrite' || access === 'writeOnly';
}

/** Checks access/kind and converts a user value to its wire form; throws HomeConnectError('validation'). */
export function encodeFor(t: WriteTarget, value: unknown, resolveUid?: (ref: string) => number | undefined): unknown {
  if (!WRITABLE_KINDS.has(t.kind)) {
    const hint =
      t.kind === 'program'
        ? 'is a program: select or start it instead of writing it as a value'
        : t.kind === 'event'
          ? 'is an event: events cannot be written (acknowledge them with BSH.Common.Command.AcknowledgeEvent)'
          : `is a ${t.kind}, not a setting, command, option or writable status`;
    throw refuse(t.key, value, `cannot be written: ${t.key} ${hint}`, []);
  }
  const access = t.access;
  if (!isWritable(access, t.kind)) {
    throw refuse(t.key, value, `cannot be written now (access is ${access ?? 'unknown'})`, []);
  }
  if (t.available === false) {
    throw refuse(t.key, value, 'cannot be written now (the appliance reports it as not available)', []);
  }
  if (value === undefined || value === null) throw refuse(t.key, value, 'is not a value', acceptedFor(t));
  if (t.enumeration) return encodeEnum(t, t.enumeration, value);
  if (t.refCID === CID_UID_VALUE) {
    let n = numberOf(value);
    if (n === undefined && typeof value === 'string' && resolveUid) n = resolveUid(value);
    if (n === undefined || !Number.isInteger(n) || n < 0) throw refuse(t.key, value, 'is not a uid', ['a feature or program uid or key']);
    return n;
  }
  switch (t.protocolType) {
    case 'Boolean':
      return encodeBoolean(t, value);
    case 'Integer':
    case 'Float':
      return encodeNumber(t, value, t.protocolType === 'Integer');
    case 'String':
      return encodeString(t, value);
    case 'Object':
      if (typeof value === 'object') return value;
      if (typeof value === 'string') {
        const parsed = decodeObject(value);
        if (typeof parsed === 'object' && parsed !== null) return parsed;
      }
      throw refuse(t.key, value, 'is not an object', ['a JSON object or array']);
    default:
      // No type information (e.g. hcpy features with only a name): pass JSON primitives.
      if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
      if (typeof value === 'object') return value;
      throw refuse(t.key, value, 'is not a JSON value', ['a number, string, boolean or object']);
  }
}

function acceptedFor(t: WriteTarget): string[] {
  if (t.enumeration) return allowedMembers(t, t.enumeration).map(([, n]) => n);
  switch (t.protocolType) {
    case 'Boolean':
      return ['true', 'false'];
    case 'Integer':
    case 'Float':
      return [rangeText(t)];
    case 'String':
      return [t.min !== undefined || t.max !== undefined ? `text of ${t.min ?? 0}..${t.max ?? ''} characters` : 'text'];
    case 'Object':
      return ['a JSON object or array'];
    default:
      return ['a JSON value'];
  }
}

function allowedMembers(t: WriteTarget, en: EnumerationType): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (const k of Object.keys(en.members)) {
    const n = Number(k);
    if (t.min !== undefined && n < t.min) continue;
    if (t.max !== undefined && n > t.max) continue;
    out.push([n, en.members[k]]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function encodeEnum(t: WriteTarget, en: EnumerationType, value: unknown): number {
  const allowed = allowedMembers(t, en);
  const names = allowed.map(([, n]) => n);
  let n: number | undefined;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const v = value.trim();
    if (INT_TEXT.test(v)) n = Number(v);
    else {
      const lower = v.toLowerCase();
      const hit = allowed.find(([, name]) => name.toLowerCase() === lower);
      if (hit) return hit[0];
      throw refuse(t.key, value, 'is not allowed', names);
    }
  } else throw refuse(t.key, value, 'is not allowed', names);
  if (!Number.isInteger(n) || !allowed.some(([m]) => m === n)) throw refuse(t.key, value, 'is not allowed', names);
  return n;
}

function encodeBoolean(t: WriteTarget, value: unknown): boolean {
  if (value === true || value === false) return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true') return true;
    if (v === 'false') return false;
  }
  throw refuse(t.key, value, 'is not a boolean', ['true', 'false']);
}

function encodeNumber(t: WriteTarget, value: unknown, integer: boolean): number {
  const n = numberOf(value);
  const acc = [rangeText(t)];
  if (n === undefined || typeof value === 'boolean') throw refuse(t.key, value, 'is not a number', acc);
  if (integer && !Number.isInteger(n)) throw refuse(t.key, value, 'is not a whole number', acc);
  if (t.min !== undefined && n < t.min) throw refuse(t.key, value, 'is below the minimum', acc);
  if (t.max !== undefined && n > t.max) throw refuse(t.key, value, 'is above the maximum', acc);
  if (t.stepSize !== undefined && t.stepSize > 0) {
    const q = (n - (t.min ?? 0)) / t.stepSize;
    if (Math.abs(q - Math.round(q)) > 1e-9) throw refuse(t.key, value, 'is not on the step grid', acc);
  }
  return n;
}

function encodeString(t: WriteTarget, value: unknown): string {
  const acc = acceptedFor(t);
  if (typeof value !== 'string') throw refuse(t.key, value, 'is not text', acc);
  if (t.min !== undefined && value.length < t.min) throw refuse(t.key, value, 'is too short', acc);
  if (t.max !== undefined && value.length > t.max) throw refuse(t.key, value, 'is too long', acc);
  return value;
}
