/**
 * The one gate every import passes: loose input fields -> a validated, JSON-serializable
 * ApplianceRecord holding exactly the fields that apply, in a stable order.
 */
import { HomeConnectError, errorMessage } from '../../errors';
import { parseHost } from '../../protocol/host-address';
import type { ApplianceRecord, ConnectionType, HcpyFeatures } from '../types';
import { defaultHost, normalizeKey } from './key-material';
import { checkProfileXml } from './profile-xml-check';
import { isPlainObject } from '../../guards';

/** Fields as they come from a file; anything may be missing or of the wrong type. */
export type RecordInput = { [K in keyof ApplianceRecord]?: unknown };

/** Validates and normalizes one appliance; `source` names the file/appliance in error messages. */
export function normalizeRecord(input: RecordInput, source: string): ApplianceRecord {
  const haId = requiredText(input.haId, 'haId', source);
  const brand = optionalText(input.brand, 'brand', source) ?? '';
  const type = optionalText(input.type, 'type', source) ?? '';
  const vib = optionalText(input.vib, 'vib', source) ?? '';
  const key = normalizeKey(input.key, 'key', source);
  const ivGiven = input.iv !== undefined && input.iv !== null && input.iv !== '';
  const iv = ivGiven ? normalizeKey(input.iv, 'iv', source) : undefined;
  const connectionType = connectionTypeOf(input.connectionType, iv !== undefined, source);

  const record: ApplianceRecord = {
    haId,
    name: optionalText(input.name, 'name', source) ?? (type ? type.toLowerCase() : haId),
    brand,
    type,
    vib,
    host: checkHost(optionalText(input.host, 'host', source), source) ?? defaultHost({ brand, type, haId, connectionType }),
    connectionType,
    key,
  };
  if (iv !== undefined) record.iv = iv;
  const mac = optionalText(input.mac, 'mac', source);
  if (mac !== undefined) record.mac = mac;
  const serialNumber = optionalText(input.serialNumber, 'serialNumber', source);
  if (serialNumber !== undefined) record.serialNumber = serialNumber;

  const hasDd = input.deviceDescription !== undefined && input.deviceDescription !== null;
  const hasFm = input.featureMapping !== undefined && input.featureMapping !== null;
  if (hasDd || hasFm) {
    record.deviceDescription = checkProfileXml(input.deviceDescription, 'deviceDescription', `${source} (DeviceDescription)`);
    record.featureMapping = checkProfileXml(input.featureMapping, 'featureMapping', `${source} (FeatureMapping)`);
  }
  if (input.features !== undefined && input.features !== null) {
    record.features = checkFeatures(input.features, source);
  }
  if (record.deviceDescription === undefined && record.features === undefined) {
    throw fail(`${source}: has neither the two profile XML files nor an hcpy features map, so the appliance cannot be described.`, source);
  }
  return record;
}

function connectionTypeOf(value: unknown, hasIv: boolean, source: string): ConnectionType {
  if (value === undefined || value === null || value === '') return hasIv ? 'AES' : 'TLS';
  const v = typeof value === 'string' ? value.trim().toUpperCase() : '';
  if (v !== 'TLS' && v !== 'AES') {
    throw fail(`${source}: connectionType must be "TLS" or "AES".`, source);
  }
  if (v === 'TLS' && hasIv) throw fail(`${source}: connectionType is TLS but an iv is present (an iv means AES).`, source);
  if (v === 'AES' && !hasIv) throw fail(`${source}: connectionType is AES but the iv is missing.`, source);
  return v;
}

/** Real appliances have a few hundred to a few thousand features. */
export const MAX_FEATURES = 20000;

function checkFeatures(value: unknown, source: string): HcpyFeatures {
  if (!isPlainObject(value)) throw fail(`${source}: features must be an object keyed by decimal uid.`, source);
  let count = 0;
  // Counted before Object.entries() builds the whole list.
  for (const _uid in value) {
    if (++count > MAX_FEATURES)
      throw fail(`${source}: features lists more than ${MAX_FEATURES} entries, too many for an appliance.`, source);
  }
  for (const [uid, f] of Object.entries(value)) {
    if (!/^\d+$/.test(uid) || !isPlainObject(f)) {
      throw fail(`${source}: features entry "${uid}" is not a decimal uid with an object of attributes.`, source);
    }
  }
  return value as HcpyFeatures;
}

/** The same rules as connecting (parseHost), checked when the record is imported or entered. */
function checkHost(host: string | undefined, source: string): string | undefined {
  if (host === undefined) return undefined;
  try {
    parseHost(host, 443);
  } catch (e) {
    throw fail(`${source}: ${errorMessage(e)}`, source);
  }
  return host;
}

function requiredText(value: unknown, field: string, source: string): string {
  const t = optionalText(value, field, source);
  if (t === undefined) throw fail(`${source}: ${field} is missing.`, source);
  return t;
}

function optionalText(value: unknown, field: string, source: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw fail(`${source}: ${field} must be text.`, source);
  const t = value.trim();
  return t.length > 0 ? t : undefined;
}

function fail(message: string, source: string): HomeConnectError {
  return new HomeConnectError('import', message, { details: { source } });
}
