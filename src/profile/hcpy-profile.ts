/**
 * hcpy devices.json `features` map -> ApplianceProfile (protocol.md §5.6). These files carry
 * no structure (no lists, program options or error table), so kinds come from the dotted
 * names and enumerations from each feature's `values` map.
 */
import { HomeConnectError } from '../errors';
import { ApplianceProfile, type ProgramGroupInfo, type ProfileRoots } from './appliance-profile';
import { applyAttributes, parseProfile, shortKeyOf } from './parse-profile';
import type { ApplianceRecord, DeviceDescriptionInfo, EnumerationType, Feature, FeatureKind, HcpyFeatures, ProfileWarning } from './types';

/** Synthetic enum ids for hcpy `values` maps (real enids are 16-bit): 0x100000 + uid. */
export const HCPY_ENUM_ID_BASE = 0x100000;

const SEGMENT_KIND: Readonly<Record<string, FeatureKind>> = {
  Status: 'status',
  Setting: 'setting',
  Event: 'event',
  Command: 'command',
  Option: 'option',
  Program: 'program',
  ProgramGroup: 'programGroup',
};

/** Kind from a dotted name: the first kind-like segment decides (`BSH.Common.Status.Program.X` is a status). */
export function kindFromName(name: string): FeatureKind {
  const segs = name.split('.');
  for (let i = 0; i < segs.length; i++) {
    const s = segs[i];
    if (s === 'Root') {
      const last = segs[segs.length - 1];
      if (last === 'ActiveProgram' || last === 'SelectedProgram' || last === 'ProtectionPort') return 'root';
      if (last === 'ProgramGroup') return 'programGroup';
      return last.endsWith('List') ? 'list' : 'other';
    }
    const k = SEGMENT_KIND[s];
    if (k) return k;
    if (i > 0 && s.endsWith('List')) return 'list';
  }
  return 'other';
}

function membersOf(v: unknown): Record<string, string> | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, name] of Object.entries(v as Record<string, unknown>)) {
    if (/^-?\d+$/.test(k.trim()) && (typeof name === 'string' || typeof name === 'number')) out[String(Number(k))] = String(name);
  }
  return out;
}

export function profileFromHcpyFeatures(
  description: { type?: string; brand?: string; model?: string; version?: string; revision?: string } | undefined,
  features: HcpyFeatures,
): ApplianceProfile {
  const warnings: ProfileWarning[] = [];
  const desc: DeviceDescriptionInfo = {
    type: String(description?.type ?? ''),
    brand: String(description?.brand ?? ''),
    model: String(description?.model ?? ''),
  };
  if (description?.version !== undefined) desc.version = String(description.version);
  if (description?.revision !== undefined) desc.revision = String(description.revision);

  const enumerations = new Map<number, EnumerationType>();
  const list: Feature[] = [];
  const roots: ProfileRoots = {};
  const entries = features && typeof features === 'object' ? Object.entries(features) : [];
  for (const [uidText, raw] of entries) {
    try {
      if (!/^\d+$/.test(uidText.trim())) {
        warnings.push({ message: `hcpy feature "${uidText}" does not have a decimal uid; skipped.`, element: uidText });
        continue;
      }
      const uid = Number(uidText);
      const a = raw && typeof raw === 'object' ? raw : {};
      const name = typeof a.name === 'string' && a.name.trim() !== '' ? a.name.trim() : `uid:${uid}`;
      if (name.startsWith('uid:')) warnings.push({ message: `hcpy feature ${uid} has no name.`, element: uidText });
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(a)) {
        if (k === 'name' || k === 'uid') continue;
        if (typeof v === 'string') attributes[k] = v;
        else if (typeof v === 'number' || typeof v === 'boolean') attributes[k] = String(v);
      }
      const kind = kindFromName(name);
      const f: Feature = { uid, key: name, shortKey: shortKeyOf(name), kind, attributes };
      const members = membersOf(a.values) ?? membersOf(a.states);
      const enumId = /^[0-9a-fA-F]+$/.test(attributes.enumerationType ?? '')
        ? parseInt(attributes.enumerationType, 16)
        : HCPY_ENUM_ID_BASE + uid;
      const own = { ...attributes };
      delete own.enumerationType; // resolved from `values` below
      applyAttributes(f, own, () => undefined, warnings);
      if (members) {
        const en: EnumerationType = enumerations.get(enumId) ?? { id: enumId, members };
        enumerations.set(enumId, en);
        f.enumeration = en;
      }
      list.push(f);
      if (name.endsWith('.Root.ActiveProgram')) roots.activeProgram = f;
      else if (name.endsWith('.Root.SelectedProgram')) roots.selectedProgram = f;
      else if (name.endsWith('.Root.ProtectionPort')) roots.protectionPort = f;
    } catch (e) {
      warnings.push({ message: `hcpy feature ${uidText} could not be read: ${String(e)}`, element: uidText });
    }
  }
  list.sort((x, y) => x.uid - y.uid);
  const programs = list.filter((f) => f.kind === 'program').map((f) => f.uid);
  const groups: ProgramGroupInfo[] = list
    .filter((f) => f.kind === 'programGroup')
    .map((g) => ({ uid: g.uid, key: g.key, programs: g.key.endsWith('.Root.ProgramGroup') ? programs.slice() : [] }));
  return new ApplianceProfile({
    description: desc,
    features: list,
    programGroups: groups,
    roots,
    enumerations,
    resolveEnum: (id) => enumerations.get(id),
    errorNames: new Map(),
    warnings,
  });
}

/** Profile of a stored appliance record: the XML pair when present, else hcpy features. */
export function profileFromRecord(record: ApplianceRecord): ApplianceProfile {
  if (
    record &&
    typeof record.deviceDescription === 'string' &&
    typeof record.featureMapping === 'string' &&
    record.deviceDescription.trim() &&
    record.featureMapping.trim()
  ) {
    return parseProfile(record.deviceDescription, record.featureMapping);
  }
  if (record && record.features && typeof record.features === 'object' && Object.keys(record.features).length > 0) {
    return profileFromHcpyFeatures({ type: record.type, brand: record.brand, model: record.vib }, record.features);
  }
  const who = record ? `"${record.name ?? ''}" (${record.haId ?? 'unknown id'})` : '(missing record)';
  throw new HomeConnectError(
    'profile',
    `Appliance ${who} has no device profile: it needs DeviceDescription.xml + FeatureMapping.xml or hcpy features. Re-import it or log in to the cloud again.`,
    { details: { haId: record?.haId } },
  );
}
