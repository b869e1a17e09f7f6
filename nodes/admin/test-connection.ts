/**
 * "Test connection" from the account dialog: one throw-away ApplianceConnection with short
 * timeouts, run until the handshake completes or the first failure, then stopped. It never
 * touches the shared connection of a deployed account.
 */
import { connectOnce } from '../../src/appliance/connect-once';
import { errorMessage, isHomeConnectError } from '../../src/errors';
import type { ApplianceProfile } from '../../src/profile';
import type { ApplianceRecord } from '../../src/profile/types';
import type { ApplianceConnection } from '../../src/protocol/appliance-connection';
import type { ConnectionState, DeviceInfo } from '../../src/protocol/types';

/** The only three answers: about appliances, never about what else a host runs (no port scanning). */
export type TestAnswer = 'connected' | 'not a Home Connect appliance' | 'unreachable';

export type TestConnectionResult =
  /** `ms` is absent when the deployed account's open session answered (`shared`). */
  | { ok: true; state: 'connected'; answer: 'connected'; info: DeviceInfo; ms?: number; shared?: boolean }
  | { ok: false; answer: Exclude<TestAnswer, 'connected'>; kind: string; reason: string; state?: ConnectionState };

export interface TestConnectionOptions {
  deviceId: string;
  profile?: ApplianceProfile;
  /** Whole test, connect and handshake included (default 10 s). */
  timeoutMs?: number;
}

/** The appliance's info with a `model` field the dialog can show (info names it vib or eNumber). */
export function withModel(info: DeviceInfo | undefined): DeviceInfo {
  const out: DeviceInfo = { ...(info ?? {}) };
  if (out.model === undefined) {
    const model = [out.vib, out.eNumber].find((v) => typeof v === 'string' && v !== '');
    if (model !== undefined) out.model = model;
  }
  return out;
}

/**
 * The failure as one of the answers, with a sentence of our own: raw socket and TLS errors
 * (which tell a closed port from an SSH or web server) are never echoed. Only the appliance's
 * documented refusals of the connection request (HTTP 404 / 503) keep their explanation.
 */
export function appliancesOnly(result: { kind: string; reason: string; state?: ConnectionState }, host: string): TestConnectionResult {
  if (result.kind === 'offline' || result.kind === 'timeout') {
    return { ok: false, answer: 'unreachable', kind: result.kind, reason: `No Home Connect appliance is reachable at ${host}.` };
  }
  const reason =
    result.kind === 'protocol' && /\b(404|503)\b/.test(result.reason) && /^The appliance at /.test(result.reason)
      ? result.reason
      : result.kind === 'auth-failed'
        ? `The host at ${host} did not complete the handshake of a Home Connect appliance with this key: it is not the appliance, or the key (and iv) do not match.`
        : `The host at ${host} answered, but not as a Home Connect appliance.`;
  return { ok: false, answer: 'not a Home Connect appliance', kind: result.kind, reason, ...(result.state ? { state: result.state } : {}) };
}

export async function testConnection(record: ApplianceRecord, opts: TestConnectionOptions): Promise<TestConnectionResult> {
  const raw = await testConnectionRaw(record, opts);
  return raw.ok ? raw : appliancesOnly(raw, record.host);
}

type RawResult =
  | { ok: true; state: 'connected'; answer: 'connected'; info: DeviceInfo; ms: number }
  | { ok: false; kind: string; reason: string; state?: ConnectionState };

async function testConnectionRaw(record: ApplianceRecord, opts: TestConnectionOptions): Promise<RawResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const started = Date.now();
  let conn: ApplianceConnection;
  try {
    conn = await connectOnce({
      record,
      ...(opts.profile ? { profile: opts.profile } : {}),
      deviceName: 'Node-RED',
      deviceId: opts.deviceId,
      timeoutMs,
      timing: {
        connectTimeoutMs: Math.min(timeoutMs, 8_000),
        handshakeTimeoutMs: timeoutMs,
        requestTimeoutMs: Math.min(timeoutMs, 8_000),
        // Never retry inside a test: the first failure is the answer.
        backoffMinMs: 3_600_000,
        backoffMaxMs: 3_600_000,
      },
    });
  } catch (e) {
    if (!isHomeConnectError(e)) return { ok: false, kind: 'protocol', reason: errorMessage(e) };
    // The connection's own reason: the dialog names the appliance already.
    const { state, reason } = (e.details ?? {}) as { state?: ConnectionState; reason?: string };
    return { ok: false, kind: e.kind, reason: reason ?? e.message, ...(state ? { state } : {}) };
  }
  const result: RawResult = { ok: true, state: 'connected', answer: 'connected', info: withModel(conn.info), ms: Date.now() - started };
  await conn.stop().catch(() => undefined);
  return result;
}
