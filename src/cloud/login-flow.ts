/**
 * Finishes the one-time cloud login: pasted address → token → appliance records with keys
 * and XML (protocol.md §5.2 steps 3–8). The token lives only inside completeLogin.
 */
import { fetch as undiciFetch } from 'undici';
import { HomeConnectError, errorMessage } from '../errors';
import type { ApplianceRecord } from '../profile/types';
import {
  accountIdFromToken,
  exchangeCode,
  getApplianceFiles,
  getEncryptionInfo,
  getPairedAppliances,
  type CloudAppliance,
  type CloudHttp,
  type FetchLike,
} from './cloud-client';
import { cloudEndpoints } from './endpoints';
import type { LoginRequest } from './pkce';
import { parseRedirect } from './redirect';
import { uniqueName } from './names';

export interface LoginFailure {
  haId: string;
  name?: string;
  message: string;
}

export interface LoginResult {
  records: ApplianceRecord[];
  failures: LoginFailure[];
}

export interface CompleteLoginOptions {
  /** Defaults to undici's fetch. */
  fetch?: FetchLike | typeof globalThis.fetch;
  env?: Record<string, string | undefined>;
  /** Per request; default 30 s. */
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/** Fallback when the list has no mac (protocol.md §5.2 step 6): the last '-' segment of a BRAND-VIB-MAC style haId when it looks like a MAC. */
function macFromHaId(haId: string): string | undefined {
  const last = haId.split('-').pop() ?? '';
  return haId.includes('-') && /^[0-9A-Fa-f]{12}$/.test(last) ? last : undefined;
}

export async function completeLogin(req: LoginRequest, pasted: string, options: CompleteLoginOptions = {}): Promise<LoginResult> {
  const { code, state } = parseRedirect(pasted);
  if (state !== undefined && state !== req.state) {
    throw new HomeConnectError('cloud', 'This address belongs to another login attempt, start again');
  }
  const http: CloudHttp = {
    fetch: options.fetch ?? undiciFetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
  const { api, asset } = cloudEndpoints(req.region, options.env ?? process.env);

  const token = await exchangeCode(http, api, code, req.verifier);
  const accountId = accountIdFromToken(token, new URL(api).host);
  const appliances = (await getPairedAppliances(http, asset, accountId, token, req.region)).filter((a) => !a.isDemo);

  const names = new Set<string>();
  const planned = appliances.map((a) => ({ appliance: a, name: uniqueName((a.haType ?? 'appliance').toLowerCase(), names) }));
  const outcomes = await Promise.all(
    planned.map(async ({ appliance, name }) => {
      try {
        return { record: await fetchRecord(http, asset, token, req, appliance, name) };
      } catch (e) {
        const message = e instanceof HomeConnectError ? e.message : `Reading ${appliance.haId} failed: ${errorMessage(e)}`;
        return { failure: { haId: appliance.haId, name, message } };
      }
    }),
  );
  const result: LoginResult = { records: [], failures: [] };
  for (const o of outcomes) {
    if ('record' in o && o.record) result.records.push(o.record);
    else if ('failure' in o && o.failure) result.failures.push(o.failure);
  }
  return result;
}

async function fetchRecord(
  http: CloudHttp,
  asset: string,
  token: string,
  req: LoginRequest,
  a: CloudAppliance,
  name: string,
): Promise<ApplianceRecord> {
  const encryption = await getEncryptionInfo(http, asset, a.haId, token, req.region);
  const files = await getApplianceFiles(http, asset, a.haId, token, req.region);
  const brand = a.brand ?? '';
  const type = a.haType ?? '';
  const record: ApplianceRecord = {
    haId: a.haId,
    name,
    brand,
    type,
    vib: a.vib ?? '',
    // hcpy host convention (protocol.md §5.6); people often replace it with an IP later.
    host: encryption.connectionType === 'TLS' ? `${brand}-${type}-${a.haId}` : a.haId,
    connectionType: encryption.connectionType,
    key: encryption.key,
    deviceDescription: files.deviceDescription,
    featureMapping: files.featureMapping,
  };
  if (encryption.iv !== undefined) record.iv = encryption.iv;
  const mac = a.mac ?? macFromHaId(a.haId);
  if (mac !== undefined) record.mac = mac;
  if (a.serialNumber !== undefined) record.serialNumber = a.serialNumber;
  return record;
}
