/**
 * The profile downloader's ZIP (protocol.md §5.5): `<haId>.json` with the keys plus the two
 * cloud XML files. Readers find every *.json and follow its file-name fields, so renamed or
 * nested entries still work; several appliances in one ZIP are fine.
 */
import { HomeConnectError, isHomeConnectError } from '../../errors';
import type { ApplianceRecord } from '../types';
import { unzipEntries } from '../zip';
import { isPlainObject } from '../../guards';
import { parseJson } from './json-text';
import { normalizeRecord } from './normalize-record';
import { bytesToText, checkProfileXml, type ProfileXmlKind } from './profile-xml-check';

const SUFFIX: Record<ProfileXmlKind, string> = {
  deviceDescription: '_DeviceDescription.xml',
  featureMapping: '_FeatureMapping.xml',
};
const NAME_FIELD: Record<ProfileXmlKind, string> = {
  deviceDescription: 'deviceDescriptionFileName',
  featureMapping: 'featureMappingFileName',
};

/** Imports every appliance JSON (with haId/key) found in a profile ZIP. */
export function importProfileZip(data: Uint8Array, fileName: string): ApplianceRecord[] {
  const entries = unzipEntries(data, fileName);
  const profiles = profileJsonEntries(entries, fileName);
  if (profiles.length === 0) {
    const hasXml = [...entries.keys()].some((n) => n.endsWith(SUFFIX.deviceDescription));
    throw new HomeConnectError(
      'import',
      hasXml
        ? `${fileName} holds the profile XML files but no appliance JSON with a key; import it as a cloud (IDDF) ZIP and give the key (and iv for AES appliances).`
        : `${fileName} is not a Home Connect profile ZIP: it holds no appliance JSON with haId and key.`,
      { details: { file: fileName } },
    );
  }
  return profiles.map(({ name, json }) => {
    const source = `${fileName} › ${name}`;
    const haId = typeof json.haId === 'string' ? json.haId : undefined;
    const deviceDescription = readXml(entries, json, 'deviceDescription', haId, fileName, source);
    const featureMapping = readXml(entries, json, 'featureMapping', haId, fileName, source);
    return normalizeRecord(
      {
        haId: json.haId,
        name: json.name,
        brand: json.brand,
        type: json.type,
        vib: json.vib,
        host: json.host,
        connectionType: json.connectionType,
        key: json.key,
        iv: json.iv,
        mac: json.mac,
        serialNumber: json.serialNumber,
        deviceDescription,
        featureMapping,
      },
      source,
    );
  });
}

/** The *.json entries that describe an appliance (an object with haId or key). */
export function profileJsonEntries(
  entries: Map<string, Uint8Array>,
  fileName: string,
): Array<{ name: string; json: Record<string, unknown> }> {
  const found: Array<{ name: string; json: Record<string, unknown> }> = [];
  for (const [name, bytes] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
    if (!name.toLowerCase().endsWith('.json')) continue;
    let json: unknown;
    try {
      json = parseJson(bytesToText(bytes), `${fileName} › ${name}`);
    } catch (e) {
      if (isHomeConnectError(e) && !/is not valid JSON/.test(e.message)) throw e;
      throw new HomeConnectError('import', `${fileName} › ${name} is not valid JSON.`, {
        details: { file: fileName, entry: name },
      });
    }
    if (isPlainObject(json) && ('haId' in json || 'key' in json)) found.push({ name, json });
  }
  return found;
}

function readXml(
  entries: Map<string, Uint8Array>,
  json: Record<string, unknown>,
  kind: ProfileXmlKind,
  haId: string | undefined,
  fileName: string,
  source: string,
): string {
  const entry = findXmlEntry(entries, json[NAME_FIELD[kind]], kind, haId);
  if (entry === undefined) {
    const named = typeof json[NAME_FIELD[kind]] === 'string' ? ` (${String(json[NAME_FIELD[kind]])})` : '';
    throw new HomeConnectError('import', `${source}: the ${SUFFIX[kind].slice(1, -4)} file${named} is not in ${fileName}.`, {
      details: { file: fileName },
    });
  }
  return checkProfileXml(bytesToText(entries.get(entry)!), kind, `${fileName} › ${entry}`);
}

/** The named entry (exact path, then base name), else the haId-matching or only `*_<Kind>.xml`. */
function findXmlEntry(
  entries: Map<string, Uint8Array>,
  wanted: unknown,
  kind: ProfileXmlKind,
  haId: string | undefined,
): string | undefined {
  const names = [...entries.keys()];
  const base = (n: string) => n.slice(n.lastIndexOf('/') + 1);
  if (typeof wanted === 'string' && wanted.length > 0) {
    if (entries.has(wanted)) return wanted;
    const byBase = names.find((n) => base(n) === base(wanted));
    if (byBase !== undefined) return byBase;
  }
  const candidates = names.filter((n) => n.endsWith(SUFFIX[kind]));
  if (haId !== undefined) {
    const own = candidates.find((n) => base(n) === `${haId}${SUFFIX[kind]}`);
    if (own !== undefined) return own;
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}
