/**
 * The raw cloud "IDDF" ZIP (protocol.md §5.5): only `<haId>_DeviceDescription.xml` and
 * `<haId>_FeatureMapping.xml`. Keys are not in it, so the caller supplies them in `meta`.
 */
import { HomeConnectError } from '../../errors';
import type { ApplianceRecord } from '../types';
import { unzipEntries } from '../zip';
import { readDescriptionInfo } from './description-info';
import { normalizeRecord } from './normalize-record';
import { bytesToText, checkProfileXml } from './profile-xml-check';

export interface IddfMeta {
  key: string;
  iv?: string;
  haId?: string;
  name?: string;
  host?: string;
  brand?: string;
  type?: string;
  vib?: string;
}

const DD = '_DeviceDescription.xml';
const FM = '_FeatureMapping.xml';

/** Imports one appliance from a cloud ZIP plus caller-supplied key material. */
export function importIddfZip(data: Uint8Array, fileName: string, meta: IddfMeta): ApplianceRecord {
  const entries = unzipEntries(data, fileName);
  return importIddfEntries(entries, fileName, meta);
}

/** Same as importIddfZip for an already unzipped archive. */
export function importIddfEntries(entries: Map<string, Uint8Array>, fileName: string, meta: IddfMeta): ApplianceRecord {
  const base = (n: string) => n.slice(n.lastIndexOf('/') + 1);
  const prefixes = [...entries.keys()].filter((n) => base(n).endsWith(DD)).map((n) => base(n).slice(0, -DD.length));
  let haId = meta.haId;
  if (haId === undefined) {
    if (prefixes.length === 0) throw missing(fileName, 'holds no *_DeviceDescription.xml');
    if (prefixes.length > 1) {
      throw new HomeConnectError(
        'import',
        `${fileName} holds profiles for several appliances (${prefixes.join(', ')}); say which haId to import.`,
        {
          details: { file: fileName, haIds: prefixes },
        },
      );
    }
    haId = prefixes[0];
  }
  const ddName = findEntry(entries, `${haId}${DD}`, prefixes.length === 1 && meta.haId !== undefined ? DD : undefined);
  const fmName = findEntry(entries, `${haId}${FM}`, prefixes.length === 1 && meta.haId !== undefined ? FM : undefined);
  if (ddName === undefined) throw missing(fileName, `holds no ${haId}${DD}`);
  if (fmName === undefined) throw missing(fileName, `holds no ${haId}${FM}`);
  const deviceDescription = checkProfileXml(bytesToText(entries.get(ddName)!), 'deviceDescription', `${fileName} › ${ddName}`);
  const featureMapping = checkProfileXml(bytesToText(entries.get(fmName)!), 'featureMapping', `${fileName} › ${fmName}`);
  const info = readDescriptionInfo(deviceDescription);
  return normalizeRecord(
    {
      haId,
      name: meta.name,
      brand: meta.brand ?? info.brand,
      type: meta.type ?? info.type,
      vib: meta.vib ?? info.vib,
      host: meta.host,
      key: meta.key,
      iv: meta.iv,
      deviceDescription,
      featureMapping,
    },
    `${fileName} (${haId})`,
  );
}

/** Entry by base name; when `suffix` is given, a single entry with that suffix also matches. */
function findEntry(entries: Map<string, Uint8Array>, wanted: string, suffix: string | undefined): string | undefined {
  const names = [...entries.keys()];
  const base = (n: string) => n.slice(n.lastIndexOf('/') + 1);
  const exact = names.find((n) => base(n) === wanted);
  if (exact !== undefined || suffix === undefined) return exact;
  const bySuffix = names.filter((n) => n.endsWith(suffix));
  return bySuffix.length === 1 ? bySuffix[0] : undefined;
}

function missing(fileName: string, what: string): HomeConnectError {
  return new HomeConnectError('import', `${fileName} is not a Home Connect cloud profile ZIP: it ${what}.`, {
    details: { file: fileName },
  });
}
