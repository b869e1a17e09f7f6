/**
 * "Test connection" from the account dialog: one throw-away ApplianceConnection with short
 * timeouts, run until the handshake completes or the first failure, then stopped. It never
 * touches the shared session of a deployed account.
 */
import { errorMessage } from '../../src/errors';
import type { ApplianceProfile } from '../../src/profile';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { formatSeconds } from '../../src/protocol/session';
import type { ConnectionState, DeviceInfo, StateChange } from '../../src/protocol/types';

export type TestConnectionResult =
  | { ok: true; state: 'connected'; info: DeviceInfo; ms: number; shared?: boolean }
  | { ok: false; kind: string; reason: string; state?: ConnectionState };

export interface TestConnectionOptions {
  deviceId: string;
  profile?: ApplianceProfile;
  /** Whole test, connect and handshake included (default 10 s). */
  timeoutMs?: number;
}

const FAILED: Partial<Record<ConnectionState, string>> = {
  offline: 'offline',
  'auth-failed': 'auth-failed',
  error: 'protocol',
  disconnected: 'not-connected',
};

/** The appliance's info with a `model` field the dialog can show (info names it vib or eNumber). */
export function withModel(info: DeviceInfo | undefined): DeviceInfo {
  const out: DeviceInfo = { ...(info ?? {}) };
  if (out.model === undefined) {
    const model = [out.vib, out.eNumber].find((v) => typeof v === 'string' && v !== '');
    if (model !== undefined) out.model = model;
  }
  return out;
}

export async function testConnection(record: ApplianceRecord, opts: TestConnectionOptions): Promise<TestConnectionResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const started = Date.now();
  const conn = new ApplianceConnection({
    record,
    ...(opts.profile ? { profile: opts.profile } : {}),
    deviceName: 'Node-RED',
    deviceId: opts.deviceId,
    timing: {
      connectTimeoutMs: Math.min(timeoutMs, 8_000),
      handshakeTimeoutMs: timeoutMs,
      requestTimeoutMs: Math.min(timeoutMs, 8_000),
      // Never retry inside a test: the first failure is the answer.
      backoffMinMs: 3_600_000,
      backoffMaxMs: 3_600_000,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  let onState: ((c: StateChange) => void) | undefined;
  const outcome = new Promise<TestConnectionResult>((resolve) => {
    onState = (change: StateChange) => {
      if (change.state === 'connected') {
        resolve({ ok: true, state: 'connected', info: withModel(conn.info), ms: Date.now() - started });
        return;
      }
      const kind = FAILED[change.state];
      // 'disconnected' is also the starting state; only a reason other than our own stop counts.
      if (kind && !(change.state === 'disconnected' && (!change.reason || change.reason === 'stopped'))) {
        resolve({ ok: false, kind, state: change.state, reason: change.reason ?? change.state });
      }
    };
    conn.on('state', onState);
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          kind: 'timeout',
          reason: `No answer from the appliance at ${record.host} within ${formatSeconds(timeoutMs)}.`,
        }),
      timeoutMs,
    );
  });
  try {
    conn.start();
    return await outcome;
  } catch (e) {
    return { ok: false, kind: 'protocol', reason: errorMessage(e) };
  } finally {
    clearTimeout(timer);
    if (onState) conn.off('state', onState);
    await conn.stop().catch(() => undefined);
  }
}
