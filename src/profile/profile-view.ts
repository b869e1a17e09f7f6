/**
 * A plain JSON picture of an appliance profile for editors and pickers: programs (with their
 * per-program options and favourites flagged), settings, statuses, events, commands and
 * options, each with the value type a form needs (enum members, number range and unit).
 */
import { favouriteName, isFavouriteProgram } from '../appliance/favourites';
import { labelOf, valueLabelOf } from '../appliance/labels';
import type { LabelCatalogue } from '../appliance/labels';
import type { ApplianceProfile, ProgramGroupInfo } from './appliance-profile';
import { copyDefined } from './copy-defined';
import type { EnumerationType, Feature, FeatureKind, ProgramOption } from './types';

export type ViewValueType = 'boolean' | 'enum' | 'number' | 'string' | 'object';

export interface FeatureView {
  uid: number;
  key: string;
  shortKey: string;
  kind: FeatureKind;
  access?: string;
  available?: boolean;
  type: ViewValueType;
  /** Enum member names allowed on this appliance, in wire order. */
  members?: string[];
  min?: number;
  max?: number;
  stepSize?: number;
  unit?: string;
  /** As a user value: enum member name, boolean, number or text. */
  default?: unknown;
  /** Human label (when labels were asked for); keys stay the values to send. */
  label?: string;
  /** Human labels of `members`, same order. */
  memberLabels?: string[];
}

export type OptionView = FeatureView;

export interface ProgramView {
  uid: number;
  key: string;
  shortKey: string;
  /** Innermost program group (root group left out). */
  group?: string;
  favourite?: boolean;
  /** A favourite's user-given name, from the live values. */
  favouriteName?: string;
  /** Human label: the favourite's name, else the catalogue's or a generated one. */
  label?: string;
  execution?: string;
  available?: boolean;
  options: OptionView[];
}

export interface ProfileView {
  description: { type: string; brand: string; model: string };
  programs: ProgramView[];
  settings: FeatureView[];
  statuses: FeatureView[];
  events: FeatureView[];
  commands: FeatureView[];
  options: OptionView[];
}

function valueType(f: Feature, enumeration: EnumerationType | undefined): ViewValueType {
  if (enumeration) return 'enum';
  switch (f.protocolType) {
    case 'Boolean':
      return 'boolean';
    case 'Integer':
    case 'Float':
      return 'number';
    case 'Object':
      return 'object';
    case 'String':
      return 'string';
    default:
      // Commands without a content type are triggers (true).
      return f.kind === 'command' ? 'boolean' : 'string';
  }
}

function members(en: EnumerationType): string[] {
  return Object.entries(en.members)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, name]) => name);
}

/** The XML default text as the user value a form would show. */
function userDefault(text: string, type: ViewValueType, en: EnumerationType | undefined): unknown {
  if (type === 'enum' && en) return en.members[text.trim()] ?? text;
  if (type === 'boolean') {
    const t = text.trim().toLowerCase();
    return t === 'true' ? true : t === 'false' ? false : text;
  }
  if (type === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  return text;
}

function view(
  f: Feature,
  over: Partial<Pick<Feature, 'access' | 'available' | 'min' | 'max' | 'stepSize' | 'default'>> = {},
  enumeration: EnumerationType | undefined = f.enumeration,
): FeatureView {
  const type = valueType(f, enumeration);
  const v: FeatureView = { uid: f.uid, key: f.key, shortKey: f.shortKey, kind: f.kind, type };
  const access = over.access ?? f.access;
  if (access !== undefined) v.access = access;
  const available = over.available ?? f.available;
  if (available !== undefined) v.available = available;
  if (enumeration) v.members = members(enumeration);
  // Ranges of enums are wire integers, not useful to a form.
  if (type === 'number') {
    const min = over.min ?? f.min;
    const max = over.max ?? f.max;
    const step = over.stepSize ?? f.stepSize;
    if (min !== undefined) v.min = min;
    if (max !== undefined) v.max = max;
    if (step !== undefined) v.stepSize = step;
  }
  if (f.unit !== undefined) v.unit = f.unit;
  const def = over.default ?? f.default;
  if (def !== undefined) v.default = userDefault(def, type, enumeration);
  return v;
}

function optionView(profile: ApplianceProfile, po: ProgramOption): OptionView {
  const base = profile.byUid(po.uid);
  const hex = po.attributes.enumerationType;
  const enumOverride = hex !== undefined && /^[0-9a-fA-F]+$/.test(hex) ? profile.enumerations.get(parseInt(hex, 16)) : undefined;
  const over: Partial<Feature> = {};
  copyDefined(over, po, ['access', 'available', 'min', 'max', 'stepSize', 'default']);
  if (base) return view(base, over, enumOverride ?? base.enumeration);
  // An option the FeatureMapping does not describe: still listed, as text.
  const shortKey = po.key.slice(po.key.lastIndexOf('.') + 1);
  const stub: Feature = { uid: po.uid, key: po.key, shortKey, kind: 'option', attributes: po.attributes };
  return view(stub, over, enumOverride);
}

const FAVOURITE = /favou?rite/i;

/** group uid -> parent group uid, program uid -> innermost group. */
function groupIndex(groups: ProgramGroupInfo[]): { of(uid: number): ProgramGroupInfo[] } {
  const byUid = new Map(groups.map((g) => [g.uid, g]));
  const innermost = new Map<number, ProgramGroupInfo>();
  for (const g of groups) for (const p of g.programs) if (!innermost.has(p) || !isRoot(g)) innermost.set(p, g);
  const parentOf = new Map<number, ProgramGroupInfo>();
  for (const g of groups) {
    if (g.parentUid !== undefined && byUid.has(g.parentUid)) parentOf.set(g.uid, byUid.get(g.parentUid)!);
  }
  return {
    // The chain from the innermost group outwards.
    of(uid: number): ProgramGroupInfo[] {
      const chain: ProgramGroupInfo[] = [];
      let g = innermost.get(uid);
      while (g && !chain.includes(g)) {
        chain.push(g);
        g = parentOf.get(g.uid);
      }
      return chain;
    },
  };
}

function isRoot(g: ProgramGroupInfo): boolean {
  return /\.Root\./.test(g.key);
}

/** What labels a view: the catalogue of one language and the live values (favourite names). */
export interface ViewLabels {
  catalogue: LabelCatalogue;
  values?: Record<string, unknown>;
}

function labelled(v: FeatureView, labels: ViewLabels | undefined): FeatureView {
  if (!labels) return v;
  v.label = labelOf(v.key, labels.catalogue);
  if (v.members) v.memberLabels = v.members.map((m) => valueLabelOf(m, labels.catalogue, true) ?? m);
  return v;
}

export function buildProfileView(profile: ApplianceProfile, labels?: ViewLabels): ProfileView {
  const groups = groupIndex(profile.programGroups());
  const values = labels?.values ?? {};
  const programs = profile.programs().map((p): ProgramView => {
    const pv: ProgramView = {
      uid: p.uid,
      key: p.key,
      shortKey: p.shortKey,
      options: (p.options ?? []).map((o) => labelled(optionView(profile, o), labels)),
    };
    const name = isFavouriteProgram(p.key) ? favouriteName(p.key, values) : undefined;
    if (name !== undefined) pv.favouriteName = name;
    if (labels) pv.label = name ?? labelOf(p.key, labels.catalogue);
    const chain = groups.of(p.uid);
    const inner = chain.find((g) => !isRoot(g));
    if (inner) pv.group = inner.key;
    if (chain.some((g) => FAVOURITE.test(g.key))) pv.favourite = true;
    if (p.execution !== undefined) pv.execution = p.execution;
    if (p.available !== undefined) pv.available = p.available;
    return pv;
  });
  const d = profile.description;
  return {
    description: { type: d.type, brand: d.brand, model: d.model },
    programs,
    settings: profile.settings().map((f) => labelled(view(f), labels)),
    statuses: profile.statuses().map((f) => labelled(view(f), labels)),
    events: profile.events().map((f) => labelled(view(f), labels)),
    commands: profile.commands().map((f) => labelled(view(f), labels)),
    options: profile.options().map((f) => labelled(view(f), labels)),
  };
}
