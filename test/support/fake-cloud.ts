/**
 * A stand-in for the Home Connect cloud on 127.0.0.1 (protocol.md §5.2): authorize (answers
 * the hcauth:// redirect straight away, as if the person had logged in), token with PKCE
 * S256 checks and single-use expiring codes, and the three asset endpoints.
 */
import { createHash, randomBytes } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { zipSync, strToU8 } from 'fflate';
import { fetch } from 'undici';
import type { ApplianceRecord, ConnectionType } from '../../src/profile/types';

export const FAKE_CLIENT_ID = '9B75AC9EC512F36C84256AC47D813E2C1DD0D6520DF774B020E1E6E2EB29B1F3';
export const FAKE_REDIRECT_URI = 'hcauth://auth/prod';

export interface FakeAppliance {
  haId: string;
  haType: string;
  brand: string;
  vib: string;
  mac?: string;
  serialNumber?: string;
  isDemo?: boolean;
  transport: ConnectionType;
  /** As the cloud sends it (base64url). */
  key: string;
  iv?: string;
  deviceDescription: string;
  featureMapping: string;
  /** 500 on this appliance's IDDF ZIP. */
  failFiles?: boolean;
}

/** The cloud's view of a stored record (its profile files as the IDDF ZIP would hold them). */
export function fakeApplianceFrom(record: ApplianceRecord, extra: Partial<FakeAppliance> = {}): FakeAppliance {
  return {
    haId: record.haId,
    haType: record.type,
    brand: record.brand,
    vib: record.vib,
    transport: record.connectionType,
    key: record.key,
    ...(record.iv ? { iv: record.iv } : {}),
    deviceDescription: record.deviceDescription!,
    featureMapping: record.featureMapping!,
    ...extra,
  };
}

export interface FakeCloudOptions {
  appliances?: FakeAppliance[];
  accountId?: string;
  /** Token endpoint answers this status (e.g. 403 HTML page). */
  tokenStatus?: number;
  /** Every asset endpoint answers this status (e.g. 401 for the wrong region). */
  assetStatus?: number;
  /** Codes expire after this long (default 60 s); 0 = every code is already expired. */
  codeTtlMs?: number;
  /** Replace the token answer body (malformed answers). */
  tokenBody?: string;
  /** Replace the appliance list body. */
  applianceListBody?: string;
  /** Asset endpoints never answer (client timeouts). */
  hangAssets?: boolean;
}

export interface FakeRequest {
  method: string;
  /** Path and query. */
  url: string;
  authorization?: string;
  body?: string;
}

export interface FakeCloud {
  url: string;
  requests: FakeRequest[];
  /** Access tokens handed out so far (tests check they never leak). */
  issuedTokens: string[];
  close(): Promise<void>;
}

interface PendingCode {
  challenge: string;
  issuedAt: number;
  used: boolean;
}

function b64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

function send(res: http.ServerResponse, status: number, body: string | Uint8Array, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

function oauthError(res: http.ServerResponse, error: string, description: string): void {
  send(res, 400, JSON.stringify({ error, error_description: description }));
}

export async function startFakeCloud(opts: FakeCloudOptions = {}): Promise<FakeCloud> {
  const appliances = opts.appliances ?? [];
  const accountId = opts.accountId ?? 'acc-' + randomBytes(6).toString('hex');
  const ttl = opts.codeTtlMs ?? 60_000;
  const codes = new Map<string, PendingCode>();
  const tokens = new Set<string>();
  const requests: FakeRequest[] = [];
  const issuedTokens: string[] = [];

  function authorize(res: http.ServerResponse, q: URLSearchParams): void {
    if (q.get('response_type') !== 'code') return oauthError(res, 'unsupported_response_type', 'response_type');
    if (q.get('client_id') !== FAKE_CLIENT_ID) return oauthError(res, 'invalid_client', 'client_id');
    if (q.get('redirect_uri') !== FAKE_REDIRECT_URI) return oauthError(res, 'invalid_request', 'redirect_uri');
    const challenge = q.get('code_challenge');
    if (!challenge || q.get('code_challenge_method') !== 'S256') return oauthError(res, 'invalid_request', 'PKCE');
    const state = q.get('state') ?? '';
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { challenge, issuedAt: Date.now(), used: false });
    const location = `${FAKE_REDIRECT_URI}?code=${encodeURIComponent(code)}&state=${encodeURIComponent(state)}&grant_type=authorization_code`;
    res.writeHead(302, { location });
    res.end();
  }

  function token(res: http.ServerResponse, body: string): void {
    if (opts.tokenStatus !== undefined) {
      return send(res, opts.tokenStatus, '<html><body><h1>Forbidden</h1></body></html>', 'text/html');
    }
    const f = new URLSearchParams(body);
    if (f.get('grant_type') !== 'authorization_code') return oauthError(res, 'unsupported_grant_type', 'grant_type');
    if (f.get('client_id') !== FAKE_CLIENT_ID) {
      return send(res, 401, JSON.stringify({ error: 'invalid_client' }));
    }
    if (f.get('redirect_uri') !== FAKE_REDIRECT_URI) return oauthError(res, 'invalid_grant', 'redirect_uri mismatch');
    const pending = codes.get(f.get('code') ?? '');
    if (!pending) return oauthError(res, 'invalid_grant', 'unknown code');
    if (pending.used) return oauthError(res, 'invalid_grant', 'code already used');
    pending.used = true;
    if (Date.now() - pending.issuedAt >= ttl) return oauthError(res, 'invalid_grant', 'code expired');
    if (s256(f.get('code_verifier') ?? '') !== pending.challenge) return oauthError(res, 'invalid_grant', 'PKCE mismatch');
    if (opts.tokenBody !== undefined) return send(res, 200, opts.tokenBody);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
    const payload = b64url(JSON.stringify({ sub: accountId, exp: Math.floor(Date.now() / 1000) + 86400 }));
    const accessToken = `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
    tokens.add(accessToken);
    issuedTokens.push(accessToken);
    send(
      res,
      200,
      JSON.stringify({
        access_token: accessToken,
        expires_in: 86400,
        refresh_token: randomBytes(16).toString('base64url'),
        scope: 'ReadAccount ReadOrigApi',
        token_type: 'Bearer',
      }),
    );
  }

  function asset(res: http.ServerResponse, path: string, auth: string | undefined): void {
    if (opts.hangAssets) return; // left open until close()
    if (opts.assetStatus !== undefined) return send(res, opts.assetStatus, JSON.stringify({ error: 'forced' }));
    const bearer = auth?.startsWith('Bearer ') ? auth.slice(7) : '';
    if (!tokens.has(bearer)) return send(res, 401, JSON.stringify({ error: 'unauthorized' }));
    let m = /^\/api\/account\/v2\/accounts\/([^/]+)\/paired-appliances$/.exec(path);
    if (m) {
      if (decodeURIComponent(m[1]) !== accountId) return send(res, 403, JSON.stringify({ error: 'other account' }));
      if (opts.applianceListBody !== undefined) return send(res, 200, opts.applianceListBody);
      const list = appliances.map((a) => {
        const item: Record<string, unknown> = { haId: a.haId, haType: a.haType, brand: a.brand, vib: a.vib };
        if (a.serialNumber) item.serialNumber = a.serialNumber;
        if (a.mac) item.mac = a.mac;
        if (a.isDemo !== undefined) item.isDemo = a.isDemo;
        return item;
      });
      return send(res, 200, JSON.stringify({ appliances: list }));
    }
    m = /^\/api\/appliance\/v2\/appliances\/([^/]+)\/encryption-information$/.exec(path);
    const find = (id: string): FakeAppliance | undefined => appliances.find((a) => a.haId === decodeURIComponent(id));
    if (m) {
      const a = find(m[1]);
      if (!a) return send(res, 404, JSON.stringify({ error: 'not found' }));
      const info = a.transport === 'AES' ? { aes: { key: a.key, iv: a.iv } } : { tls: { key: a.key } };
      return send(res, 200, JSON.stringify(info));
    }
    m = /^\/api\/iddf\/v1\/iddf\/([^/]+)$/.exec(path);
    if (m) {
      const a = find(m[1]);
      if (!a) return send(res, 404, JSON.stringify({ error: 'not found' }));
      if (a.failFiles) return send(res, 500, JSON.stringify({ error: 'internal' }));
      const zip = zipSync({
        [`${a.haId}_DeviceDescription.xml`]: strToU8(a.deviceDescription),
        [`${a.haId}_FeatureMapping.xml`]: strToU8(a.featureMapping),
      });
      return send(res, 200, zip, 'application/zip');
    }
    send(res, 404, JSON.stringify({ error: 'not found' }));
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      try {
        const body = Buffer.concat(chunks).toString('utf8');
        const u = new URL(req.url ?? '/', 'http://127.0.0.1');
        const entry: FakeRequest = { method: req.method ?? '', url: u.pathname + u.search };
        if (req.headers.authorization) entry.authorization = req.headers.authorization;
        if (body) entry.body = body;
        requests.push(entry);
        if (req.method === 'GET' && u.pathname === '/security/oauth/authorize') return authorize(res, u.searchParams);
        if (req.method === 'POST' && u.pathname === '/security/oauth/token') return token(res, body);
        if (req.method === 'GET' && u.pathname.startsWith('/api/')) return asset(res, u.pathname, req.headers.authorization);
        send(res, 404, JSON.stringify({ error: 'not found' }));
      } catch {
        if (!res.headersSent) send(res, 500, '{}');
        else res.destroy();
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Plays the browser: opens the authorize URL and returns the hcauth:// address it ends on. */
export async function browserLogin(authorizeUrl: string): Promise<string> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`fake authorize answered ${res.status}`);
  return location;
}

/** A 127.0.0.1 port with nothing listening (opened, then closed). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
