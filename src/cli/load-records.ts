/**
 * The `<profile>` argument: whatever importPath understands (profile ZIP, folder of them,
 * hcpy devices.json, records JSON), narrowed to one appliance by --appliance, with --host
 * overriding the stored address.
 */
import * as fs from 'fs';
import { HomeConnectError } from '../errors';
import { importPath } from '../profile/import';
import type { ApplianceRecord } from '../profile/types';
import { UsageError } from './args';

export interface LoadOptions {
  /** Name (case-insensitive) or haId. */
  appliance?: string;
  /** host or host:port; replaces the record's host. */
  host?: string;
}

/** Files of a profile folder that are not usable profiles are skipped with this warning. */
export type SkipWarning = (message: string) => void;

export async function loadRecords(file: string, warn?: SkipWarning): Promise<ApplianceRecord[]> {
  try {
    await fs.promises.stat(file);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why = code === 'ENOENT' ? 'no such file or folder' : code === 'EACCES' ? 'permission denied' : 'it cannot be read';
    throw new HomeConnectError('import', `Cannot read ${file}: ${why}`, { details: { file } });
  }
  const records = await importPath(file, warn ? { onSkip: (_name, message) => warn(`${oneSentence(message)} Skipped.`) } : {});
  if (records.length === 0) throw new HomeConnectError('import', `No appliance profiles found in ${file}`, { details: { file } });
  return records;
}

function oneSentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function label(r: ApplianceRecord): string {
  return r.name && r.name !== r.haId ? `${r.name} (${r.haId})` : r.haId;
}

export function pickRecord(records: readonly ApplianceRecord[], options: LoadOptions, source: string): ApplianceRecord {
  let record: ApplianceRecord | undefined;
  const wanted = options.appliance;
  if (wanted !== undefined) {
    const lower = wanted.toLowerCase();
    const matches = records.filter((r) => r.haId === wanted || r.haId.toLowerCase() === lower);
    const byName = matches.length > 0 ? matches : records.filter((r) => (r.name ?? '').toLowerCase() === lower);
    if (byName.length === 0) {
      throw new HomeConnectError(
        'validation',
        `No appliance "${wanted}" in ${source}; the appliances are: ${records.map(label).join(', ')}`,
      );
    }
    if (byName.length > 1) {
      throw new HomeConnectError(
        'validation',
        `Several appliances in ${source} are named "${wanted}"; pick one by haId: ${byName.map((r) => r.haId).join(', ')}`,
      );
    }
    record = byName[0];
  } else if (records.length === 1) {
    record = records[0];
  } else {
    throw new UsageError(
      `${source} holds ${records.length} appliances; pick one with --appliance <name|haId>: ${records.map(label).join(', ')}`,
    );
  }
  const picked = { ...record };
  if (options.host !== undefined) {
    const host = options.host.trim();
    if (host === '' || /\s|\//.test(host)) throw new UsageError('--host expects a host name or address, optionally with :port');
    picked.host = host;
  }
  return picked;
}

export async function loadAppliance(file: string, options: LoadOptions, warn?: SkipWarning): Promise<ApplianceRecord> {
  return pickRecord(await loadRecords(file, warn), options, file);
}
