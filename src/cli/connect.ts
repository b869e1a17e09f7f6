/**
 * One-shot connection for send: start, wait for "connected", and fail with the
 * connection's own reason on the first offline / auth-failed / error (a person at a
 * terminal wants the reason now, not after a minute of backoff).
 */
import { HomeConnectError } from '../errors';
import type { ApplianceRecord } from '../profile/types';
import { ApplianceConnection } from '../protocol/appliance-connection';
import type { StateChange } from '../protocol/types';

const FAILED: ReadonlySet<string> = new Set(['offline', 'auth-failed', 'error']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "at <host[:port]>" up to (not including) the punctuation that ends the phrase. */
const AT_HOST = String.raw`(\[[^\]\s]*\](?::\d+)?|[^\s,;()]*[^\s,;().:])`;

/**
 * The connection's reason with the appliance named once: the line already starts with its name
 * and address, so later mentions ("The appliance at 10.0.0.5:443", "dishwasher (SIEMENS-…)")
 * become "the appliance" and "The address 10.0.0.5:443" becomes "this address".
 */
export function aboutIt(reason: string, record: ApplianceRecord): string {
  let text = reason
    .replace(new RegExp(String.raw`\bthe appliance at ${AT_HOST}`, 'gi'), 'the appliance')
    .replace(new RegExp(String.raw`\bthe address ${AT_HOST}`, 'gi'), 'this address');
  const names = [...(record.name ? [`${record.name} (${record.haId})`] : []), record.haId];
  for (const name of names) text = text.replace(new RegExp(escapeRegExp(name), 'gi'), 'the appliance');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A whole error sentence with the appliance named once: its first mention stays, later ones
 * (by label, haId or address) become "the appliance".
 */
export function nameOnce(text: string, record: ApplianceRecord): string {
  const label = record.name && record.name !== record.haId ? `${record.name} (${record.haId})` : record.haId;
  const mention = new RegExp(
    String.raw`${escapeRegExp(label)}|${label === record.haId ? '' : `${escapeRegExp(record.haId)}|`}\bthe appliance at ${AT_HOST}`,
    'gi',
  );
  let seen = false;
  return text.replace(mention, (m) => {
    if (!seen) {
      seen = true;
      return m;
    }
    return 'the appliance';
  });
}

export async function connectAndWait(record: ApplianceRecord, timeoutMs: number): Promise<ApplianceConnection> {
  const connection = new ApplianceConnection({ record });
  const where = `${record.name && record.name !== record.haId ? `${record.name} (${record.haId})` : record.haId} at ${record.host}`;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new HomeConnectError('timeout', `No connection to ${where} within ${Math.round(timeoutMs / 100) / 10} seconds`));
      }, timeoutMs);
      const onState = (change: StateChange): void => {
        if (change.state === 'connected') {
          cleanup();
          resolve();
        } else if (FAILED.has(change.state)) {
          cleanup();
          const kind = change.state === 'auth-failed' ? 'auth-failed' : change.state === 'offline' ? 'offline' : 'protocol';
          const reason = change.reason ? `: ${aboutIt(change.reason, record)}` : '';
          reject(new HomeConnectError(kind, `Could not connect to ${where} (${change.state})${reason}`));
        }
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        connection.off('state', onState);
      };
      connection.on('state', onState);
      connection.start();
    });
  } catch (e) {
    await connection.stop().catch(() => undefined);
    throw e;
  }
  return connection;
}
