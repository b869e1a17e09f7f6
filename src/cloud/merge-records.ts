/**
 * Logging in again refreshes keys and XML but keeps what the person chose: names and
 * hosts (often replaced by an IP address) of appliances already known.
 */
import type { ApplianceRecord } from '../profile/types';
import { uniqueName } from './names';

export function mergeRecords(existing: ApplianceRecord[], fresh: ApplianceRecord[]): ApplianceRecord[] {
  const freshById = new Map(fresh.map((r) => [r.haId, r]));
  const taken = new Set(existing.map((r) => r.name));
  const merged = existing.map((old) => {
    const update = freshById.get(old.haId);
    if (!update) return old;
    freshById.delete(old.haId);
    const next: ApplianceRecord = { ...old, ...update, name: old.name, host: old.host };
    // Fields the fresh record lacks on purpose must not survive from the old one.
    if (update.iv === undefined) delete next.iv;
    // hcpy-imported feature tables are stale once the real XML is there.
    if (update.deviceDescription && update.featureMapping) delete next.features;
    return next;
  });
  for (const record of freshById.values()) {
    merged.push({ ...record, name: uniqueName(record.name, taken) });
  }
  return merged;
}
