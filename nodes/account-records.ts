import { HomeConnectError } from '../src/errors';
import type { ApplianceRecord, ConnectionType, HcpyFeatures } from '../src/profile/types';

/** One entry of the account node's `appliances` property (public contract; no secrets). */
export interface ApplianceEntry {
  haId: string;
  name: string;
  host: string;
  connectionType: ConnectionType;
  brand?: string;
  type?: string;
  vib?: string;
  /**
   * Follow address changes (found over mDNS by haId). Absent: on when the host is the appliance's
   * default network name, off when the user typed a host (a typed host stays pinned).
   */
  follow?: boolean;
}

/** One value of the `profiles` credential, keyed by haId: the record's secret and profile parts. SECRET (key, iv). */
export type ProfileSecret = Pick<ApplianceRecord, 'key' | 'iv' | 'deviceDescription' | 'featureMapping' | 'features'>;

/** Reads the `appliances` property, dropping entries without a haId. */
export function parseAppliances(value: unknown): ApplianceEntry[] {
  if (!Array.isArray(value)) return [];
  const out: ApplianceEntry[] = [];
  for (const item of value) {
    if (typeof item !== 'object' || item === null) continue;
    const a = item as Record<string, unknown>;
    if (typeof a.haId !== 'string' || a.haId.trim() === '') continue;
    const entry: ApplianceEntry = {
      haId: a.haId.trim(),
      name: typeof a.name === 'string' && a.name.trim() !== '' ? a.name.trim() : a.haId.trim(),
      host: typeof a.host === 'string' ? a.host.trim() : '',
      connectionType: a.connectionType === 'AES' ? 'AES' : 'TLS',
    };
    for (const k of ['brand', 'type', 'vib'] as const) if (typeof a[k] === 'string') entry[k] = a[k];
    if (typeof a.follow === 'boolean') entry.follow = a.follow;
    out.push(entry);
  }
  return out;
}

/**
 * Parses the `profiles` credential. Errors name the problem but never echo the text (it holds keys).
 */
export function parseProfiles(text: unknown): Map<string, ProfileSecret> {
  const map = new Map<string, ProfileSecret>();
  if (text === undefined || text === null || (typeof text === 'string' && text.trim() === '')) return map;
  let parsed: unknown;
  try {
    parsed = typeof text === 'string' ? JSON.parse(text) : text;
  } catch {
    throw new HomeConnectError('import', "The account's appliance profiles are not valid JSON; import the appliances again.");
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HomeConnectError('import', "The account's appliance profiles must be a JSON object keyed by haId.");
  }
  for (const [haId, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (typeof value !== 'object' || value === null) continue;
    const v = value as Record<string, unknown>;
    if (typeof v.key !== 'string' || v.key === '') continue;
    const secret: ProfileSecret = { key: v.key };
    if (typeof v.iv === 'string' && v.iv !== '') secret.iv = v.iv;
    if (typeof v.deviceDescription === 'string') secret.deviceDescription = v.deviceDescription;
    if (typeof v.featureMapping === 'string') secret.featureMapping = v.featureMapping;
    if (typeof v.features === 'object' && v.features !== null) secret.features = v.features as HcpyFeatures;
    map.set(haId, secret);
  }
  return map;
}

/** The network name appliances are known by before anyone typed a host (what imports default to). */
function isDefaultHost(entry: ApplianceEntry): boolean {
  const host = entry.host.toLowerCase();
  return (
    host === '' || host === entry.haId.toLowerCase() || host === `${entry.brand ?? ''}-${entry.type ?? ''}-${entry.haId}`.toLowerCase()
  );
}

/** Whether the account follows this appliance's address changes (the account option, then the entry's). */
export function followsAddress(entry: ApplianceEntry, accountFollows: boolean): boolean {
  if (!accountFollows) return false;
  return entry.follow ?? isDefaultHost(entry);
}

/** Joins the public entry and its secret profile into the library's record. */
export function buildRecord(entry: ApplianceEntry, secret: ProfileSecret): ApplianceRecord {
  const record: ApplianceRecord = {
    haId: entry.haId,
    name: entry.name,
    brand: entry.brand ?? '',
    type: entry.type ?? '',
    vib: entry.vib ?? '',
    host: entry.host,
    connectionType: entry.connectionType,
    key: secret.key,
  };
  if (secret.iv !== undefined) record.iv = secret.iv;
  if (secret.deviceDescription !== undefined) record.deviceDescription = secret.deviceDescription;
  if (secret.featureMapping !== undefined) record.featureMapping = secret.featureMapping;
  if (secret.features !== undefined) record.features = secret.features;
  return record;
}
