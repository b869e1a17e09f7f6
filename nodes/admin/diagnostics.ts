/**
 * Diagnostics of one deployed account (copy button in the dialog): per appliance the state
 * history, the last 100 messages in and out and the profile summary. Built from public fields
 * only, then scrubbed for the account's keys and ivs in every encoding.
 */
import { errorMessage } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import { redactSecrets, secretsOf } from '../../src/protocol/redact';
import type { AccountNode } from '../account-node';

/** A person reads (and pastes into an issue) times, not epoch milliseconds: ISO 8601 in UTC. */
function readableAt<T extends { at: number }>(entry: T): Omit<T, 'at'> & { at: string } {
  const d = new Date(entry.at);
  return { ...entry, at: Number.isFinite(d.getTime()) ? d.toISOString() : String(entry.at) };
}

export function buildDiagnostics(account: AccountNode): unknown {
  const stored = account.storedRecords();
  const appliances = account.appliances.map((entry) => {
    const shared = account.connection(entry.haId);
    let profile: unknown;
    try {
      const record = stored.find((r) => r.haId === entry.haId);
      profile = shared
        ? shared.profile.summary()
        : record
          ? profileFromRecord(record).summary()
          : { problem: 'No key and profile are stored for this appliance.' };
    } catch (e) {
      profile = { problem: errorMessage(e) };
    }
    const client = shared?.client;
    return {
      haId: entry.haId,
      name: entry.name,
      host: entry.host,
      connectionType: entry.connectionType,
      ...(entry.brand !== undefined ? { brand: entry.brand } : {}),
      ...(entry.type !== undefined ? { type: entry.type } : {}),
      ...(entry.vib !== undefined ? { vib: entry.vib } : {}),
      hasProfile: stored.some((r) => r.haId === entry.haId),
      sessionOpen: client !== undefined,
      state: client?.state ?? 'disconnected',
      ...(client?.lastReason !== undefined ? { reason: client.lastReason } : {}),
      ...(client?.info !== undefined ? { info: client.info } : {}),
      history: (client?.history() ?? []).map(readableAt),
      traffic: (client?.traffic() ?? []).map(readableAt),
      profile,
    };
  });
  const report = {
    generatedAt: new Date().toISOString(),
    account: { id: account.id, name: account.name ?? '', region: account.region ?? '' },
    appliances,
  };
  return redactSecrets(
    report,
    stored.flatMap((r) => secretsOf(r)),
  );
}
