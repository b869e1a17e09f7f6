/**
 * hcpy `devices.json` / `config.json` (protocol.md §5.6): an array of {name, host, key, iv?,
 * description, features}. No XML is available, so the features map is kept as-is. haId is not a
 * field in the original format and is recovered from the host or name.
 */
import { HomeConnectError } from '../../errors';
import type { ApplianceRecord } from '../types';
import { parseJson } from './json-text';
import { isPlainObject } from '../../guards';
import { normalizeRecord } from './normalize-record';

/** Imports every appliance of an hcpy devices file. */
export function importHcpyDevices(text: string, fileName: string): ApplianceRecord[] {
  const parsed = parseJson(text, fileName);
  return importHcpyItems(parsed, fileName);
}

/** Same as importHcpyDevices for already parsed JSON (an array, or one appliance object). */
export function importHcpyItems(parsed: unknown, fileName: string): ApplianceRecord[] {
  const items = Array.isArray(parsed) ? parsed : isPlainObject(parsed) && 'key' in parsed ? [parsed] : undefined;
  if (items === undefined) {
    throw new HomeConnectError('import', `${fileName} is not an hcpy devices file: expected a JSON array of appliances.`, {
      details: { file: fileName },
    });
  }
  if (items.length === 0) {
    throw new HomeConnectError('import', `${fileName} lists no appliances.`, { details: { file: fileName } });
  }
  return items.map((item, index) => {
    const label = isPlainObject(item) && typeof item.name === 'string' ? `, ${item.name}` : '';
    const source = `${fileName} (appliance ${index + 1}${label})`;
    if (!isPlainObject(item)) {
      throw new HomeConnectError('import', `${source} is not an object.`, { details: { file: fileName, index } });
    }
    const description = isPlainObject(item.description) ? item.description : {};
    const brand = textOf(description.brand);
    const type = textOf(description.type);
    return normalizeRecord(
      {
        haId: item.haId ?? item.id ?? haIdFromHost(textOf(item.host), brand, type) ?? item.name,
        name: item.name,
        brand: description.brand,
        type: description.type,
        vib: description.model,
        host: item.host ?? item.hostname,
        key: item.key,
        iv: item.iv,
        mac: item.mac,
        serialNumber: item.serialNumber ?? item.serialnumber,
        features: item.features,
      },
      source,
    );
  });
}

/**
 * haId from a default host name: `<brand>-<type>-<haId>` (TLS) or the bare haId (AES).
 * IP addresses and dotted DNS names carry no haId.
 */
export function haIdFromHost(host: string | undefined, brand?: string, type?: string): string | undefined {
  if (host === undefined || host.length === 0 || host.includes('.') || host.includes(':')) return undefined;
  if (brand && type) {
    const prefix = `${brand}-${type}-`.toLowerCase();
    if (host.toLowerCase().startsWith(prefix) && host.length > prefix.length) return host.slice(prefix.length);
  }
  const parts = host.split('-');
  if (parts.length >= 3) return parts[parts.length - 1] || undefined;
  // A bare haId: long and made of letters/digits only (e.g. 013110426187000262).
  return /^[A-Za-z0-9]{12,}$/.test(host) ? host : undefined;
}

function textOf(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined;
}
