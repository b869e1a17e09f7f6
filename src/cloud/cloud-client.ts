/**
 * HTTP calls to the Home Connect cloud (protocol.md §5.2 steps 4–8) with every failure
 * turned into a HomeConnectError sentence. Tokens, codes and keys are passed in and out
 * but never placed in a message: messages are built only from status codes, host names
 * and short sanitized error codes.
 */
import { STATUS_CODES } from 'http';
import { HomeConnectError, isHomeConnectError } from '../errors';
import { tryDecodeKey } from '../profile/import/key-material';
import { unzipEntries } from '../profile/zip';
import type { ConnectionType } from '../profile/types';
import { APP_CLIENT_ID, REDIRECT_URI, type CloudRegion } from './endpoints';

/** The subset of fetch used here; undici's and Node's global fetch both fit. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal; redirect?: 'manual' },
) => Promise<{
  status: number;
  /** Streamed and capped when present (undici, Node); arrayBuffer() is the fallback for stubs. */
  body?: AsyncIterable<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/**
 * Largest cloud answer read: JSON answers are a few kB, an IDDF ZIP a few hundred kB. Checked
 * while streaming, so a hostile or broken server cannot fill memory.
 */
export const MAX_CLOUD_BODY_BYTES = 8 * 1024 * 1024;

export interface CloudHttp {
  fetch: FetchLike;
  timeoutMs: number;
}

interface RawAnswer {
  status: number;
  body: Buffer;
}

export interface CloudAppliance {
  haId: string;
  haType?: string;
  brand?: string;
  vib?: string;
  serialNumber?: string;
  mac?: string;
  isDemo?: boolean;
}

export interface EncryptionInfo {
  connectionType: ConnectionType;
  /** base64url, 32 bytes. SECRET. */
  key: string;
  /** base64url, 16 bytes (AES only). SECRET. */
  iv?: string;
}

export interface ApplianceFiles {
  deviceDescription: string;
  featureMapping: string;
}

export const EXPIRED_CODE_MESSAGE = 'The code has expired or was already used; log in again and paste the address within a minute';

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function statusLine(status: number): string {
  const text = STATUS_CODES[status];
  return text ? `${status} ${text}` : String(status);
}

/** Only harmless characters from anything the cloud said, so nothing secret or huge slips through. */
function safeWord(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const cleaned = value
    .replace(/[^A-Za-z0-9_ .:-]/g, '')
    .trim()
    .slice(0, 80);
  return cleaned || undefined;
}

function errorCode(e: unknown): string | undefined {
  let current: unknown = e;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A short reason for a failed connection, from the error code where one exists. */
export function networkReason(e: unknown, timeoutMs: number): string {
  const name = (e as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    const seconds = Math.round(timeoutMs / 100) / 10;
    return `no answer within ${seconds === 1 ? '1 second' : `${seconds} seconds`}`;
  }
  const code = errorCode(e);
  switch (code) {
    case 'ECONNREFUSED':
      return 'the connection was refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return 'the host name could not be resolved (DNS)';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return 'the connection timed out';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'the connection was closed unexpectedly';
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
    case 'ENETDOWN':
      return 'the network is unreachable';
    default:
      break;
  }
  if (code && /CERT|SSL|TLS/.test(code)) return `the TLS certificate could not be verified (${safeWord(code)})`;
  const cause = (e as { cause?: unknown } | null)?.cause;
  const text = safeWord(cause instanceof Error ? cause.message : e instanceof Error ? e.message : undefined);
  return text ?? 'unknown network error';
}

async function send(
  http: CloudHttp,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<RawAnswer> {
  const abort = new AbortController();
  try {
    const response = await http.fetch(url, {
      ...init,
      redirect: 'manual',
      signal: AbortSignal.any([abort.signal, AbortSignal.timeout(http.timeoutMs)]),
    });
    const body = await readCapped(response, hostOf(url), abort);
    return { status: response.status, body };
  } catch (e) {
    if (isHomeConnectError(e)) throw e;
    throw new HomeConnectError('cloud', `Could not reach the Home Connect cloud at ${hostOf(url)}: ${networkReason(e, http.timeoutMs)}`, {
      details: { host: hostOf(url) },
    });
  }
}

/** The body, read chunk by chunk and given up (connection aborted) past MAX_CLOUD_BODY_BYTES. */
async function readCapped(
  response: { body?: AsyncIterable<Uint8Array> | null; arrayBuffer(): Promise<ArrayBuffer> },
  host: string,
  abort: AbortController,
): Promise<Buffer> {
  const tooLarge = () =>
    new HomeConnectError(
      'cloud',
      `The Home Connect cloud at ${host} sent an answer larger than ${MAX_CLOUD_BODY_BYTES} bytes; it was not read`,
      {
        details: { host, limit: MAX_CLOUD_BODY_BYTES },
      },
    );
  if (response.body && typeof (response.body as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function') {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of response.body) {
      total += chunk.byteLength;
      if (total > MAX_CLOUD_BODY_BYTES) {
        abort.abort();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks, total);
  }
  const body = Buffer.from(await response.arrayBuffer());
  if (body.length > MAX_CLOUD_BODY_BYTES) throw tooLarge();
  return body;
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

function blocked(host: string): HomeConnectError {
  return new HomeConnectError(
    'cloud',
    `The Home Connect cloud refused the request (403 Forbidden) at ${host}; this has been seen as a temporary or regional block, wait a while or try again from another network`,
    { details: { status: 403, host } },
  );
}

function unexpectedStatus(status: number, host: string, what: string): HomeConnectError {
  const hint = status >= 500 ? '; the cloud has a problem, try again later' : '';
  return new HomeConnectError('cloud', `The Home Connect cloud at ${host} answered ${statusLine(status)} while ${what}${hint}`, {
    details: { status, host },
  });
}

function malformed(host: string, what: string, status?: number): HomeConnectError {
  return new HomeConnectError('cloud', `The Home Connect cloud at ${host} sent ${what} that could not be read`, {
    details: status === undefined ? { host } : { status, host },
  });
}

/** Step 4: exchange the code for an access token. */
export async function exchangeCode(http: CloudHttp, api: string, code: string, verifier: string): Promise<string> {
  const url = `${api}/security/oauth/token`;
  const host = hostOf(url);
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: APP_CLIENT_ID,
    code_verifier: verifier,
    code,
    redirect_uri: REDIRECT_URI,
  }).toString();
  const answer = await send(http, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body,
  });
  const json = parseJson(answer.body) as { error?: unknown; access_token?: unknown } | undefined;
  if (answer.status === 400 || answer.status === 401) {
    const error = safeWord(json?.error);
    if (error === 'invalid_grant') {
      throw new HomeConnectError('cloud', EXPIRED_CODE_MESSAGE, { details: { status: answer.status, error } });
    }
    throw new HomeConnectError(
      'cloud',
      `The Home Connect cloud rejected the login (${statusLine(answer.status)}${error ? `, ${error}` : ''}); start the login again`,
      { details: { status: answer.status, host, ...(error ? { error } : {}) } },
    );
  }
  if (answer.status === 403) throw blocked(host);
  if (answer.status !== 200) throw unexpectedStatus(answer.status, host, 'exchanging the login code');
  if (typeof json?.access_token !== 'string' || json.access_token === '') {
    throw malformed(host, 'a token answer', answer.status);
  }
  return json.access_token;
}

/** Step 5: the account id is the JWT payload's `sub`. */
export function accountIdFromToken(token: string, host: string): string {
  const payload = token.split('.')[1];
  let sub: unknown;
  if (payload) {
    try {
      sub = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub?: unknown } | null)?.sub;
    } catch {
      sub = undefined;
    }
  }
  if (typeof sub !== 'string' || sub === '') {
    throw new HomeConnectError('cloud', `The login token from the Home Connect cloud at ${host} does not name an account`);
  }
  return sub;
}

async function assetGet(http: CloudHttp, url: string, token: string, region: CloudRegion, what: string): Promise<RawAnswer> {
  const host = hostOf(url);
  const answer = await send(http, url, {
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json, application/zip, */*' },
  });
  if (answer.status === 401) {
    throw new HomeConnectError(
      'cloud',
      `The Home Connect cloud at ${host} did not accept the login (401 Unauthorized) while ${what}; the account probably belongs to another region than ${region}, try another region`,
      { details: { status: 401, host, region } },
    );
  }
  if (answer.status === 403) throw blocked(host);
  if (answer.status !== 200) throw unexpectedStatus(answer.status, host, what);
  return answer;
}

/** Step 6: the paired appliances of the account (demo appliances included; the caller skips them). */
export async function getPairedAppliances(
  http: CloudHttp,
  asset: string,
  accountId: string,
  token: string,
  region: CloudRegion,
): Promise<CloudAppliance[]> {
  const url = `${asset}/api/account/v2/accounts/${encodeURIComponent(accountId)}/paired-appliances`;
  const answer = await assetGet(http, url, token, region, 'reading the list of appliances');
  const list = (parseJson(answer.body) as { appliances?: unknown } | undefined)?.appliances;
  if (!Array.isArray(list)) throw malformed(hostOf(url), 'a list of appliances');
  const out: CloudAppliance[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const a = item as Record<string, unknown>;
    if (typeof a.haId !== 'string' || a.haId === '') continue;
    const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
    const appliance: CloudAppliance = { haId: a.haId, isDemo: a.isDemo === true };
    const fields = { haType: str(a.haType), brand: str(a.brand), vib: str(a.vib), serialNumber: str(a.serialNumber), mac: str(a.mac) };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (appliance as unknown as Record<string, string>)[k] = v;
    out.push(appliance);
  }
  return out;
}

/** The key or IV in storage form (unpadded base64url), or undefined when it is not one. */
function normalizeSecret(value: unknown, what: 'key' | 'iv'): string | undefined {
  return tryDecodeKey(value, what)?.toString('base64url');
}

/** Step 7: `{tls:{key}}` or `{aes:{key,iv}}`. */
export async function getEncryptionInfo(
  http: CloudHttp,
  asset: string,
  haId: string,
  token: string,
  region: CloudRegion,
): Promise<EncryptionInfo> {
  const url = `${asset}/api/appliance/v2/appliances/${encodeURIComponent(haId)}/encryption-information`;
  const answer = await assetGet(http, url, token, region, `reading the key of ${haId}`);
  const json = parseJson(answer.body) as { tls?: { key?: unknown }; aes?: { key?: unknown; iv?: unknown } } | undefined;
  const host = hostOf(url);
  if (json?.aes && typeof json.aes === 'object') {
    const key = normalizeSecret(json.aes.key, 'key');
    const iv = normalizeSecret(json.aes.iv, 'iv');
    if (!key || !iv) throw malformed(host, `an AES key or IV for ${haId}`);
    return { connectionType: 'AES', key, iv };
  }
  if (json?.tls && typeof json.tls === 'object') {
    const key = normalizeSecret(json.tls.key, 'key');
    if (!key) throw malformed(host, `a TLS key for ${haId}`);
    return { connectionType: 'TLS', key };
  }
  throw malformed(host, `encryption information for ${haId}`);
}

function findEntry(files: Map<string, Uint8Array>, haId: string, suffix: string): Uint8Array | undefined {
  const names = [...files.keys()];
  const exact = names.find((n) => n.split('/').pop() === `${haId}${suffix}`);
  const bySuffix = names.find((n) => n.toLowerCase().endsWith(suffix.toLowerCase()));
  const name = exact ?? bySuffix;
  return name === undefined ? undefined : files.get(name);
}

/** Step 8: the IDDF ZIP with the two XML files. */
export async function getApplianceFiles(
  http: CloudHttp,
  asset: string,
  haId: string,
  token: string,
  region: CloudRegion,
): Promise<ApplianceFiles> {
  const url = `${asset}/api/iddf/v1/iddf/${encodeURIComponent(haId)}`;
  const answer = await assetGet(http, url, token, region, `downloading the profile of ${haId}`);
  const host = hostOf(url);
  let files: Map<string, Uint8Array>;
  try {
    // The same bounded reader as file imports: declared sizes, entry counts and overlaps checked.
    files = unzipEntries(new Uint8Array(answer.body), `The profile ZIP for ${haId} from ${host}`);
  } catch (e) {
    if (isHomeConnectError(e)) throw new HomeConnectError('cloud', e.message, { details: { host } });
    throw malformed(host, `a profile ZIP for ${haId}`);
  }
  const description = findEntry(files, haId, '_DeviceDescription.xml');
  const mapping = findEntry(files, haId, '_FeatureMapping.xml');
  if (!description || !mapping) {
    throw new HomeConnectError(
      'cloud',
      `The profile ZIP for ${haId} from the Home Connect cloud at ${host} lacks the ${!description ? 'DeviceDescription' : 'FeatureMapping'} file`,
    );
  }
  const utf8 = new TextDecoder('utf-8');
  return { deviceDescription: utf8.decode(description), featureMapping: utf8.decode(mapping) };
}
