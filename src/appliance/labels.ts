/**
 * Human labels for keys and enum values. The catalogue (per language) is passed in by the
 * front door — the Node-RED nodes read it from their locales catalogue — so this module knows
 * nothing about Node-RED. Keys without a catalogue entry get a readable generated label.
 */
import { favouriteName } from './favourites';

/** One language's labels: full key (or short key) → label, enum member name → label. */
export interface LabelCatalogue {
  keys?: Record<string, string>;
  values?: Record<string, string>;
}

const MAX_KEY_LENGTH = 200;

/** "HotAir" → "Hot air", "Eco50" → "Eco 50", "FanStage01" → "Fan stage 1", "PreRinse" → "Pre rinse". */
export function humanize(word: string): string {
  const text = String(word).slice(0, MAX_KEY_LENGTH);
  const parts = text
    .replace(/[_-]+/g, ' ')
    // lower→Upper, acronym→Word, letter→digit, digit→letter
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .replace(/(\d)([A-Za-z])/g, '$1 $2')
    .split(/\s+/)
    .filter((p) => p !== '');
  return parts
    .map((p, i) => {
      if (/^\d+$/.test(p)) return String(Number(p)); // "01" → "1"
      if (/^[A-Z0-9]{2,}$/.test(p)) return p; // acronyms stay
      return i === 0 ? p[0].toUpperCase() + p.slice(1) : p.toLowerCase();
    })
    .join(' ');
}

/** The last segment of a key, keeping numbered tails readable ("Favorite.001" → "Favorite 001"). */
function lastWords(key: string): string {
  const segments = key.split('.');
  const last = segments[segments.length - 1] ?? key;
  if (/^\d+$/.test(last) && segments.length > 1) return `${segments[segments.length - 2]}${last}`;
  return last;
}

function own(map: Record<string, string> | undefined, name: string): string | undefined {
  if (!map || !Object.prototype.hasOwnProperty.call(map, name)) return undefined;
  const v = map[name];
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Label of a full key: catalogue by full key, then by short key, else generated from the last segment. */
export function labelOf(key: string, catalogue: LabelCatalogue | undefined): string {
  const k = String(key).slice(0, MAX_KEY_LENGTH);
  return own(catalogue?.keys, k) ?? own(catalogue?.keys, k.slice(k.lastIndexOf('.') + 1)) ?? humanize(lastWords(k));
}

/**
 * Label of a value: enum members (and booleans) only; undefined for numbers and free text,
 * which have nothing to translate. A full enum key ("BSH.Common.EnumType.DoorState.Open")
 * is read by its last segment.
 */
export function valueLabelOf(value: unknown, catalogue: LabelCatalogue | undefined, isEnum: boolean): string | undefined {
  if (typeof value === 'boolean') return own(catalogue?.values, String(value));
  if (!isEnum || typeof value !== 'string' || value === '') return undefined;
  const member = value.slice(0, MAX_KEY_LENGTH);
  const short = member.slice(member.lastIndexOf('.') + 1);
  return own(catalogue?.values, member) ?? own(catalogue?.values, short) ?? humanize(short);
}

/** A catalogue read from untrusted JSON: only string entries kept, at most `limit` of each. */
export function toLabelCatalogue(raw: unknown, limit = 5000): LabelCatalogue {
  const pick = (v: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (!v || typeof v !== 'object' || Array.isArray(v)) return out;
    let n = 0;
    for (const [k, s] of Object.entries(v as Record<string, unknown>)) {
      if (n >= limit) break;
      if (typeof s === 'string') {
        out[k] = s;
        n++;
      }
    }
    return out;
  };
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  return { keys: pick(r.keys), values: pick(r.values) };
}

/** What describe() needs of the profile (ApplianceProfile satisfies it). */
export interface LabelProfile {
  find(ref: string | number): { kind: string; enumeration?: unknown } | undefined;
}

/** A program's label: a favourite's user-given name when it has one, else the catalogue/generated label. */
export function programLabel(programKey: string, values: Record<string, unknown>, catalogue: LabelCatalogue | undefined): string {
  return favouriteName(programKey, values) ?? labelOf(programKey, catalogue);
}

/**
 * `label` of a key and `valueLabel` of its value for one message: enum members and booleans get
 * their label, program-valued features (selected/active program) the program's label.
 */
export function describe(
  profile: LabelProfile,
  values: Record<string, unknown>,
  catalogue: LabelCatalogue | undefined,
  key: string,
  value: unknown,
): { label: string; valueLabel?: string } {
  let feature: ReturnType<LabelProfile['find']>;
  try {
    feature = profile.find(key);
  } catch {
    feature = undefined;
  }
  const label = feature?.kind === 'program' ? programLabel(key, values, catalogue) : labelOf(key, catalogue);
  let valueLabel: string | undefined;
  if (typeof value === 'string' && /\.Program\./.test(value) && !feature?.enumeration) {
    valueLabel = programLabel(value, values, catalogue);
  } else {
    valueLabel = valueLabelOf(value, catalogue, feature?.enumeration !== undefined);
  }
  return valueLabel !== undefined ? { label, valueLabel } : { label };
}
