/**
 * Writes a record in the profile downloader's layout (protocol.md §5.5) so other local tools
 * (openHAB, Home Assistant, hcpy users) can read what our login/export produces.
 */
import { HomeConnectError } from '../../errors';
import type { ApplianceRecord } from '../types';
import { zipEntries } from '../zip';

/** ZIP with `<haId>.json` and the two XML files; file name as the downloader names it (UTC time). */
export function writeProfileZip(record: ApplianceRecord, created: Date = new Date()): { fileName: string; data: Uint8Array } {
  if (record.deviceDescription === undefined || record.featureMapping === undefined) {
    throw new HomeConnectError(
      'import',
      `Appliance ${record.haId} has no profile XML files (it came from an hcpy config), so no profile ZIP can be written for it.`,
      { details: { haId: record.haId } },
    );
  }
  const stem = safeName(record.haId);
  const ddName = `${stem}_DeviceDescription.xml`;
  const fmName = `${stem}_FeatureMapping.xml`;
  const json: Record<string, unknown> = {
    haId: record.haId,
    type: record.type,
    ...(record.serialNumber !== undefined ? { serialNumber: record.serialNumber } : {}),
    brand: record.brand,
    vib: record.vib,
    ...(record.mac !== undefined ? { mac: record.mac } : {}),
    featureMappingFileName: fmName,
    deviceDescriptionFileName: ddName,
    created: created.toISOString(),
    connectionType: record.connectionType,
    key: record.key,
    ...(record.iv !== undefined ? { iv: record.iv } : {}),
    // Not in the downloader's JSON; other readers ignore them, we keep the user's choices.
    name: record.name,
    host: record.host,
  };
  const data = zipEntries(
    [
      [`${stem}.json`, JSON.stringify(json, null, 2)],
      [ddName, record.deviceDescription],
      [fmName, record.featureMapping],
    ],
    created,
  );
  const id = record.mac !== undefined ? record.mac.replace(/[-:]/g, '') : record.haId;
  const fileName =
    ['homeconnect-local', kebab(record.type), record.brand, record.vib, id].map(safeName).join('-') + `_${stamp(created)}.zip`;
  return { fileName, data };
}

/** FridgeFreezer -> fridge-freezer. */
function kebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** YYYY-MM-DD_HH-MM-SS in UTC. */
function stamp(d: Date): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)}_${iso.slice(11, 19).replace(/:/g, '-')}`;
}

function safeName(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9._-]+/g, '_');
  return cleaned.length > 0 ? cleaned : 'unknown';
}
