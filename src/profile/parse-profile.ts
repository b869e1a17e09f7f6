/**
 * DeviceDescription.xml + FeatureMapping.xml -> ApplianceProfile (protocol.md §4).
 * Order-independent (elements are found by name, never by position), recursive over nested
 * lists and program groups, and tolerant: one broken element becomes a ProfileWarning.
 */
import { HomeConnectError } from '../errors';
import { ApplianceProfile, normalizeAccess, normalizeExecution, type ProgramGroupInfo, type ProfileRoots } from './appliance-profile';
import { contentTypeOf } from './content-types';
import type { DeviceDescriptionInfo, EnumerationType, Feature, FeatureKind, ProfileWarning, ProgramOption } from './types';
import { parseXml, type XmlElement } from './xml-parser';

const HEX = /^[0-9a-fA-F]+$/;
const DEC = /^-?\d+$/;

function hex(v: string | undefined): number | undefined {
  return v !== undefined && HEX.test(v.trim()) ? parseInt(v.trim(), 16) : undefined;
}

/** Names and tables from FeatureMapping.xml. */
export interface FeatureMappingData {
  names: Map<number, string>;
  errors: Map<number, string>;
  enums: Map<number, EnumerationType>;
}

function describe(el: XmlElement): string {
  const a = Object.entries(el.attributes)
    .slice(0, 4)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
  return `<${el.name}${a ? ' ' + a : ''}>`;
}

/** Reads featureDescription / errorDescription / enumDescriptionList wherever they sit. */
export function readFeatureMapping(root: XmlElement, warnings: ProfileWarning[]): FeatureMappingData {
  const data: FeatureMappingData = { names: new Map(), errors: new Map(), enums: new Map() };
  const visit = (el: XmlElement): void => {
    for (const c of el.children) {
      try {
        if (c.name === 'feature') {
          const uid = hex(c.attributes.refUID);
          if (uid === undefined || c.text === '')
            warnings.push({ message: 'FeatureMapping feature without a hex refUID or name was skipped.', element: describe(c) });
          else if (!data.names.has(uid)) data.names.set(uid, c.text);
        } else if (c.name === 'error') {
          const code = hex(c.attributes.refEID);
          if (code === undefined || c.text === '')
            warnings.push({ message: 'FeatureMapping error without a hex refEID or name was skipped.', element: describe(c) });
          else if (!data.errors.has(code)) data.errors.set(code, c.text);
        } else if (c.name === 'enumDescription') {
          const id = hex(c.attributes.refENID);
          if (id === undefined) {
            warnings.push({ message: 'FeatureMapping enumDescription without a hex refENID was skipped.', element: describe(c) });
            continue;
          }
          const members: Record<string, string> = {};
          for (const m of c.children) {
            if (m.name !== 'enumMember') continue;
            const v = m.attributes.refValue?.trim();
            if (v === undefined || !DEC.test(v) || m.text === '') {
              warnings.push({
                message: `Enum member of ${c.attributes.enumKey ?? id} without a decimal refValue or name was skipped.`,
                element: describe(m),
              });
              continue;
            }
            members[String(Number(v))] = m.text;
          }
          const en: EnumerationType = { id, members };
          if (c.attributes.enumKey) en.key = c.attributes.enumKey;
          if (!data.enums.has(id)) data.enums.set(id, en);
        } else {
          visit(c);
        }
      } catch (e) {
        warnings.push({ message: `FeatureMapping element could not be read: ${String(e)}`, element: describe(c) });
      }
    }
  };
  visit(root);
  return data;
}

interface RawEnum {
  subsetOf?: number;
  values: number[];
}

/** Resolves enum ids against the description's allowed values (+subsetOf) and FeatureMapping names. */
export class EnumResolver {
  private readonly cache = new Map<number, EnumerationType | null>();
  constructor(
    private readonly dd: Map<number, RawEnum>,
    private readonly fm: Map<number, EnumerationType>,
    private readonly warnings: ProfileWarning[],
  ) {}

  resolve(id: number, depth = 0): EnumerationType | undefined {
    const hit = this.cache.get(id);
    if (hit !== undefined) return hit ?? undefined;
    if (depth > 16) return undefined; // subsetOf cycle
    const r = this.build(id, depth);
    this.cache.set(id, r ?? null);
    return r;
  }

  private build(id: number, depth: number): EnumerationType | undefined {
    const raw = this.dd.get(id);
    if (!raw) return this.fm.get(id);
    const parent = raw.subsetOf !== undefined ? this.resolve(raw.subsetOf, depth + 1) : undefined;
    const named = this.namesFor(id, depth);
    const en: EnumerationType = { id, members: {} };
    const key = named?.key ?? parent?.key;
    if (key) en.key = key;
    if (raw.values.length === 0 && parent) {
      en.members = { ...parent.members };
      return en;
    }
    const missing: number[] = [];
    for (const v of raw.values) {
      const name = named?.members[v] ?? parent?.members[v];
      if (name === undefined) missing.push(v);
      en.members[String(v)] = name ?? String(v);
    }
    if (missing.length) {
      this.warnings.push({
        message: `Enumeration ${id.toString(16).toUpperCase().padStart(4, '0')} has values without a name in FeatureMapping (${missing.join(', ')}); their numbers are used as names.`,
      });
    }
    return en;
  }

  /** FeatureMapping names of id, else of its subsetOf chain. */
  private namesFor(id: number, depth: number): EnumerationType | undefined {
    let cur: number | undefined = id;
    for (let i = 0; cur !== undefined && i < 16 - depth; i++) {
      const f = this.fm.get(cur);
      if (f) return f;
      cur = this.dd.get(cur)?.subsetOf;
    }
    return undefined;
  }
}

const TAG_KIND: Readonly<Record<string, FeatureKind>> = {
  status: 'status',
  setting: 'setting',
  event: 'event',
  command: 'command',
  option: 'option',
  program: 'program',
  programGroup: 'programGroup',
  activeProgram: 'root',
  selectedProgram: 'root',
  protectionPort: 'root',
};

function kindOfTag(tag: string): FeatureKind {
  return TAG_KIND[tag] ?? (tag.endsWith('List') ? 'list' : 'other');
}

/**
 * Last dotted segment (`DoorState`); for a numbered last segment the group name stays with it
 * (`BSH.Common.Program.Favorite.001` -> `Favorite.001`), since `001` alone names nothing and
 * would read as a uid.
 */
export function shortKeyOf(key: string): string {
  const i = key.lastIndexOf('.');
  if (i < 0) return key;
  const last = key.slice(i + 1);
  if (/^\d+$/.test(last) && i > 0) {
    const j = key.lastIndexOf('.', i - 1);
    return key.slice(j + 1);
  }
  return last;
}

/**
 * Sets the typed fields of a feature from its attributes (strings as in the XML; hcpy uses
 * the same strings). Bad numbers/flags become warnings and are left out.
 */
export function applyAttributes(
  f: Feature,
  attrs: Record<string, string>,
  resolveEnum: (id: number) => EnumerationType | undefined,
  warnings: ProfileWarning[],
): void {
  const bad = (name: string): void => {
    warnings.push({ message: `${f.key}: attribute ${name}="${attrs[name]}" is not valid and was ignored.`, element: f.key });
  };
  for (const name of ['min', 'max', 'stepSize'] as const) {
    const v = attrs[name];
    if (v === undefined) continue;
    const n = Number(v);
    if (v.trim() === '' || !Number.isFinite(n)) bad(name);
    else f[name] = n;
  }
  for (const name of ['available', 'notifyOnChange', 'liveUpdate', 'fullOptionSet', 'validate', 'passwordProtected'] as const) {
    const v = attrs[name];
    if (v === undefined) continue;
    const t = v.trim().toLowerCase();
    if (t === 'true') f[name] = true;
    else if (t === 'false') f[name] = false;
    else bad(name);
  }
  if (attrs.access !== undefined) {
    const a = normalizeAccess(attrs.access);
    if (a) f.access = a;
    else bad('access');
  }
  if (attrs.execution !== undefined) f.execution = normalizeExecution(attrs.execution)!;
  if (attrs.default !== undefined) f.default = attrs.default;
  if (attrs.initValue !== undefined) f.initValue = attrs.initValue;
  if (attrs.handling !== undefined) f.handling = attrs.handling;
  if (attrs.level !== undefined) f.level = attrs.level;
  if (attrs.refCID !== undefined) {
    const cid = hex(attrs.refCID);
    if (cid === undefined) bad('refCID');
    else {
      f.refCID = cid;
      const ct = contentTypeOf(cid);
      if (ct) {
        f.contentType = ct.name;
        f.protocolType = ct.protocolType;
        if (ct.unit !== undefined) f.unit = ct.unit;
      }
    }
  }
  if (attrs.refDID !== undefined) {
    const did = hex(attrs.refDID);
    if (did === undefined) bad('refDID');
    else f.refDID = did;
  }
  if (attrs.enumerationType !== undefined) {
    const id = hex(attrs.enumerationType);
    const en = id !== undefined ? resolveEnum(id) : undefined;
    if (en) f.enumeration = en;
    else
      warnings.push({
        message: `${f.key}: enumeration ${attrs.enumerationType} is not defined in either file; values stay numbers.`,
        element: f.key,
      });
  }
}

/**
 * One frozen attribute object per distinct attribute set: a washer lists the same few
 * option sets (refUID/access/available/liveUpdate...) under every one of its programs.
 */
class SharedAttributes {
  private readonly byRef = new Map<string | undefined, Array<Readonly<Record<string, string>>>>();
  get(a: Record<string, string>): Record<string, string> {
    const ref = a.refUID;
    let same = this.byRef.get(ref);
    if (same === undefined) this.byRef.set(ref, (same = []));
    for (const b of same) if (sameAttributes(a, b)) return b;
    same.push(Object.freeze(a));
    return a;
  }
}

function sameAttributes(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  let n = 0;
  for (const k in a) {
    if (a[k] !== b[k]) return false;
    n++;
  }
  for (const _ in b) n--;
  return n === 0;
}

function programOptionOf(el: XmlElement, uid: number, key: string, shared: SharedAttributes, warnings: ProfileWarning[]): ProgramOption {
  const a = el.attributes;
  const po: ProgramOption = { uid, key, attributes: shared.get(a) };
  const access = a.access !== undefined ? normalizeAccess(a.access) : undefined;
  if (access) po.access = access;
  else if (a.access !== undefined)
    warnings.push({ message: `${key}: per-program access "${a.access}" is not valid and was ignored.`, element: describe(el) });
  for (const name of ['available', 'liveUpdate'] as const) {
    const v = a[name]?.trim().toLowerCase();
    if (v === 'true') po[name] = true;
    else if (v === 'false') po[name] = false;
  }
  for (const name of ['min', 'max', 'stepSize'] as const) {
    const v = a[name];
    if (v === undefined) continue;
    const n = Number(v);
    if (v.trim() !== '' && Number.isFinite(n)) po[name] = n;
    else warnings.push({ message: `${key}: per-program ${name}="${v}" is not a number and was ignored.`, element: describe(el) });
  }
  if (a.default !== undefined) po.default = a.default;
  if (a.initValue !== undefined) po.initValue = a.initValue;
  return po;
}

const SKIP_TOP = new Set(['description', 'enumerationTypeList', 'include', 'fallback']);

/**
 * Parses the two profile files of one appliance. Throws HomeConnectError('profile') only
 * when a file is not XML or not the right kind of file; everything else becomes a warning.
 */
export function parseProfile(deviceDescriptionXml: string, featureMappingXml: string): ApplianceProfile {
  const dd = parseXml(deviceDescriptionXml, 'DeviceDescription.xml');
  const fmRoot = parseXml(featureMappingXml, 'FeatureMapping.xml');
  if (dd.name !== 'device') {
    const hint = dd.name === 'featureMappingFile' ? ' (it looks like a FeatureMapping file: are the two files swapped?)' : '';
    throw new HomeConnectError('profile', `DeviceDescription.xml has root element <${dd.name}>, expected <device>${hint}.`, {
      details: { file: 'DeviceDescription.xml', root: dd.name },
    });
  }
  if (fmRoot.name !== 'featureMappingFile') {
    const hint = fmRoot.name === 'device' ? ' (it looks like a DeviceDescription file: are the two files swapped?)' : '';
    throw new HomeConnectError('profile', `FeatureMapping.xml has root element <${fmRoot.name}>, expected <featureMappingFile>${hint}.`, {
      details: { file: 'FeatureMapping.xml', root: fmRoot.name },
    });
  }
  const warnings: ProfileWarning[] = [];
  const sharedAttributes = new SharedAttributes();
  const fm = readFeatureMapping(fmRoot, warnings);

  // Description and enumerations first: they are referenced from anywhere in the file.
  const description: DeviceDescriptionInfo = { type: '', brand: '', model: '' };
  const rawEnums = new Map<number, RawEnum>();
  for (const c of dd.children) {
    if (c.name === 'description') {
      for (const d of c.children) {
        if (d.name === 'type' || d.name === 'brand' || d.name === 'model' || d.name === 'version' || d.name === 'revision') {
          description[d.name] = d.text;
        }
      }
    } else if (c.name === 'enumerationTypeList') {
      for (const e of c.children) {
        if (e.name !== 'enumerationType') continue;
        const id = hex(e.attributes.enid);
        if (id === undefined) {
          warnings.push({ message: 'enumerationType without a hex enid was skipped.', element: describe(e) });
          continue;
        }
        const raw: RawEnum = { values: [] };
        const sub = hex(e.attributes.subsetOf);
        if (sub !== undefined) raw.subsetOf = sub;
        for (const v of e.children) {
          if (v.name !== 'enumeration') continue;
          const t = v.attributes.value?.trim();
          if (t !== undefined && DEC.test(t)) raw.values.push(Number(t));
          else
            warnings.push({
              message: `Enumeration ${e.attributes.enid} has a value that is not a decimal number; skipped.`,
              element: describe(v),
            });
        }
        if (rawEnums.has(id))
          warnings.push({
            message: `Enumeration ${e.attributes.enid} is defined twice; the first definition is used.`,
            element: describe(e),
          });
        else rawEnums.set(id, raw);
      }
    }
  }
  const resolver = new EnumResolver(rawEnums, fm.enums, warnings);
  const enumerations = new Map<number, EnumerationType>();
  for (const id of rawEnums.keys()) {
    const en = resolver.resolve(id);
    if (en) enumerations.set(id, en);
  }
  const resolveEnum = (id: number): EnumerationType | undefined => {
    const en = resolver.resolve(id);
    if (en && !enumerations.has(id)) enumerations.set(id, en); // FeatureMapping fallback actually used
    return en;
  };

  const features: Feature[] = [];
  const seen = new Set<number>();
  const groups: ProgramGroupInfo[] = [];
  const roots: ProfileRoots = {};
  const unnamed: number[] = [];

  const keyOf = (uid: number): string => {
    const name = fm.names.get(uid);
    if (name !== undefined) return name;
    unnamed.push(uid);
    return `uid:${uid}`;
  };

  const walk = (el: XmlElement, parentUid: number | undefined, group: ProgramGroupInfo | undefined): void => {
    for (const c of el.children) {
      try {
        visit(c, parentUid, group);
      } catch (e) {
        warnings.push({ message: `Element could not be read and was skipped: ${String(e)}`, element: describe(c) });
      }
    }
  };

  const visit = (el: XmlElement, parentUid: number | undefined, group: ProgramGroupInfo | undefined): void => {
    if (SKIP_TOP.has(el.name)) return;
    const uidText = el.attributes.uid;
    if (uidText === undefined) {
      if (el.name in TAG_KIND || el.name.endsWith('List')) {
        warnings.push({ message: `<${el.name}> without uid was skipped.`, element: describe(el) });
      }
      walk(el, parentUid, group); // unknown wrapper: its children may still be features
      return;
    }
    const uid = hex(uidText);
    if (uid === undefined) {
      warnings.push({ message: `<${el.name}> has a uid that is not hex ("${uidText}"); element skipped.`, element: describe(el) });
      walk(el, parentUid, group);
      return;
    }
    if (seen.has(uid)) {
      warnings.push({ message: `uid ${uidText} appears more than once; the first element is used.`, element: describe(el) });
      return;
    }
    seen.add(uid);
    const key = keyOf(uid);
    const kind = kindOfTag(el.name);
    // The element tree is private to this call: its attribute object is handed over, not copied.
    const f: Feature = { uid, key, shortKey: shortKeyOf(key), kind, attributes: el.attributes };
    if (parentUid !== undefined) f.parentUid = parentUid;
    applyAttributes(f, el.attributes, resolveEnum, warnings);
    features.push(f);

    if (el.name === 'activeProgram') roots.activeProgram ??= f;
    else if (el.name === 'selectedProgram') roots.selectedProgram ??= f;
    else if (el.name === 'protectionPort') roots.protectionPort ??= f;

    if (kind === 'program') {
      if (group) group.programs.push(uid);
      const options: ProgramOption[] = [];
      for (const o of el.children) {
        const ref = o.attributes.refUID;
        if (ref === undefined) {
          try {
            visit(o, uid, group);
          } catch (e) {
            warnings.push({ message: `Element could not be read and was skipped: ${String(e)}`, element: describe(o) });
          }
          continue;
        }
        const ou = hex(ref);
        if (ou === undefined) {
          warnings.push({ message: `${key}: option refUID "${ref}" is not hex; skipped.`, element: describe(o) });
          continue;
        }
        options.push(programOptionOf(o, ou, fm.names.get(ou) ?? `uid:${ou}`, sharedAttributes, warnings));
      }
      f.options = options;
      return;
    }
    if (kind === 'programGroup') {
      const g: ProgramGroupInfo = { uid, key, programs: [] };
      if (group) g.parentUid = group.uid;
      groups.push(g);
      walk(el, uid, g);
      return;
    }
    walk(el, uid, group);
  };

  walk(dd, undefined, undefined);

  // Program-option enumeration overrides reference enums too (keep them in the map).
  for (const f of features) {
    for (const o of f.options ?? []) {
      const id = hex(o.attributes.enumerationType);
      if (id !== undefined && !resolveEnum(id)) {
        warnings.push({
          message: `${f.key}/${o.key}: enumeration ${o.attributes.enumerationType} is not defined in either file.`,
          element: f.key,
        });
      }
    }
  }
  if (unnamed.length) {
    warnings.push({
      message: `${unnamed.length} uid(s) have no name in FeatureMapping and are keyed "uid:<n>" (first: ${unnamed.slice(0, 5).join(', ')}).`,
    });
  }
  return new ApplianceProfile({
    description,
    features,
    programGroups: groups,
    roots,
    enumerations,
    resolveEnum: (id) => resolver.resolve(id),
    errorNames: fm.errors,
    warnings,
  });
}
