/**
 * Connect once and wait: start a connection, resolve when it is connected, and fail with the
 * connection's own reason on the first offline / auth-failed / error / refused session (a
 * person at a terminal or in a dialog wants the reason now, not after a minute of backoff).
 * Used by the CLI (`send`) and the account dialog's "Test connection".
 */
import { HomeConnectError } from '../errors';
import type { ErrorKind } from '../errors';
import { ApplianceConnection } from '../protocol/appliance-connection';
import type { ApplianceConnectionOptions } from '../protocol/appliance-connection';
import { formatSeconds } from '../protocol/session';
import type { ConnectionState, StateChange } from '../protocol/types';

export interface ConnectOnceOptions extends ApplianceConnectionOptions {
  /** Whole wait, connect and handshake included. */
  timeoutMs: number;
  /** Rewords the connection's reason inside the failure sentence (e.g. to name the appliance once). */
  describeReason?: (reason: string) => string;
}

/** Failure states and the error kind each one means. */
const FAILED: Partial<Record<ConnectionState, ErrorKind>> = {
  offline: 'offline',
  'auth-failed': 'auth-failed',
  error: 'protocol',
  disconnected: 'not-connected',
};

function describe(options: ApplianceConnectionOptions): string {
  const r = options.record;
  return `${r.name && r.name !== r.haId ? `${r.name} (${r.haId})` : r.haId} at ${r.host}`;
}

/**
 * The connected connection (the caller stops it), or a rejection with a HomeConnectError whose
 * kind names the failure (offline, auth-failed, protocol, not-connected, timeout) and whose
 * details hold `state` and the connection's own `reason`. On failure the connection is stopped.
 */
export async function connectOnce(options: ConnectOnceOptions): Promise<ApplianceConnection> {
  const { timeoutMs, describeReason, ...connectionOptions } = options;
  const connection = new ApplianceConnection(connectionOptions);
  const where = describe(options);
  let timer: NodeJS.Timeout | undefined;
  let onState: ((change: StateChange) => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        const within = `within ${formatSeconds(timeoutMs)}.`;
        reject(
          new HomeConnectError('timeout', `No answer from ${where} ${within}`, {
            details: { reason: `No answer from the appliance at ${options.record.host} ${within}` },
          }),
        );
      }, timeoutMs);
      onState = (change: StateChange): void => {
        if (change.state === 'connected') {
          resolve();
          return;
        }
        const kind = FAILED[change.state];
        // 'disconnected' is also the starting state; only a reason other than our own stop counts.
        if (!kind || (change.state === 'disconnected' && (!change.reason || change.reason === 'stopped'))) return;
        const reason = change.reason ?? change.state;
        reject(
          new HomeConnectError(
            kind,
            `Could not connect to ${where} (${change.state}): ${describeReason ? describeReason(reason) : reason}`,
            {
              details: { state: change.state, reason },
            },
          ),
        );
      };
      connection.on('state', onState);
      connection.start();
    });
  } catch (e) {
    await connection.stop().catch(() => undefined);
    throw e;
  } finally {
    clearTimeout(timer);
    if (onState) connection.off('state', onState);
  }
  return connection;
}
