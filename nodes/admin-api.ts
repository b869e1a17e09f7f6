/**
 * Admin HTTP endpoints under /homeconnect-local/ for the editor's buttons and pickers
 * (contract: login, import, profile views, live view, test connection, diagnostics).
 * Registered once from the module init, guarded with RED.auth.needsPermission: GET needs
 * homeconnect-local.read, POST homeconnect-local.write. No key, iv or token is ever logged
 * or put into an error.
 */
import { completeLogin, createLoginRequest, isCloudRegion, mergeRecords, parseRedirect } from '../src/cloud';
import { discoverAppliances, discoveredLine, hostPortOf, noAnswerHint } from '../src/discovery';
import { HomeConnectError, errorMessage, isHomeConnectError } from '../src/errors';
import { profileFromRecord } from '../src/profile';
import type { ApplianceProfile } from '../src/profile';
import { importBuffer, normalizeRecord } from '../src/profile/import';
import { buildProfileView } from '../src/profile/profile-view';
import type { ApplianceRecord, HcpyFeatures } from '../src/profile/types';
import { ACCOUNT_TYPE, deviceIdFor } from './account-node';
import type { AccountNode } from './account-node';
import type { ApplianceEntry } from './account-records';
import { buildDiagnostics } from './admin/diagnostics';
import { buildLiveView, disconnectedView } from './admin/live-view';
import { runtimeLabels } from './labels-catalogue';
import { LoginStore } from './admin/login-store';
import { testConnection, withModel } from './admin/test-connection';
import type { RedAPI } from './red-types';
import { parseHost } from '../src/protocol/host-address';
import { isPlainObject } from '../src/guards';

export const ADMIN_PREFIX = '/homeconnect-local';
export const READ_SCOPE = 'homeconnect-local.read';
export const WRITE_SCOPE = 'homeconnect-local.write';
/** Node-RED's deploy permission: whoever can deploy can read credentials through a flow anyway. */
export const DEPLOY_SCOPE = 'flows.write';
/** Deepest value an admin answer carries; deeper parts become a marker (appliance data is hostile input). */
export const MAX_ANSWER_DEPTH = 32;

export interface AdminRequest {
  params: Record<string, string | undefined>;
  body?: unknown;
  /** Query string (?lang= for labels). */
  query?: Record<string, unknown>;
  headers?: Record<string, string | string[] | undefined>;
}
export interface AdminResponse {
  status(code: number): AdminResponse;
  json(body: unknown): unknown;
}
/** An Express handler as Node-RED's admin app takes it. */
type Middleware = (req: AdminRequest, res: AdminResponse, next: () => void) => unknown;

/** The admin part of RED (absent in some embedding/test set-ups). */
export interface AdminRED extends RedAPI {
  httpAdmin: {
    get(path: string, ...handlers: Middleware[]): unknown;
    post(path: string, ...handlers: Middleware[]): unknown;
  };
  auth: { needsPermission(scope: string): Middleware };
  log?: { warn(msg: unknown): void };
}

export interface AdminApiOptions {
  /** Test connection's whole time budget (default 10 s). */
  testTimeoutMs?: number;
  loginStore?: LoginStore;
}

/** An answer other than 200, with a sentence for a person. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly kind?: string,
  ) {
    super(message);
  }
}

const EXPIRED_LOGIN = 'This login has expired, press Log in again';
const registered = new WeakSet<object>();

function text(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function bodyOf(req: AdminRequest): Record<string, unknown> {
  if (!isPlainObject(req.body)) throw new HttpError(400, 'The request needs a JSON object body.');
  return req.body;
}

/** Ids come from URLs: echo them only shortened and printable. */
function shown(id: string | undefined): string {
  return (id ?? '').replace(/[^\w.:-]/g, '').slice(0, 64);
}

/** Registers every route once per admin app; does nothing when the runtime has no admin API. */
export function registerAdminApi(RED: RedAPI, options: AdminApiOptions = {}): void {
  const red = RED as Partial<AdminRED> & RedAPI;
  const app = red.httpAdmin;
  if (!app || !red.auth || typeof red.auth.needsPermission !== 'function') return;
  if (registered.has(app)) return;
  registered.add(app);

  const logins = options.loginStore ?? new LoginStore();
  const read = red.auth.needsPermission(READ_SCOPE);
  const writeGuard = red.auth.needsPermission(WRITE_SCOPE);
  const deployGuard = red.auth.needsPermission(DEPLOY_SCOPE);
  /** Every POST takes JSON only: a form post from another site's page is refused (415). */
  const jsonOnly: Middleware = (req: AdminRequest, res: AdminResponse, next: () => void) => {
    const type = req.headers?.['content-type'];
    const mime = (Array.isArray(type) ? type[0] : type)?.split(';')[0]?.trim().toLowerCase();
    if (mime === 'application/json') return next();
    res.status(415).json({ error: 'This endpoint accepts only JSON bodies (Content-Type: application/json).' });
    return undefined;
  };
  const write: Middleware[] = [writeGuard, jsonOnly];
  /** Endpoints that hand out new secrets (login, import) also need the deploy permission. */
  const writeSecrets: Middleware[] = [writeGuard, deployGuard, jsonOnly];

  function handle(fn: (req: AdminRequest) => unknown): Middleware {
    return (req: AdminRequest, res: AdminResponse) => {
      Promise.resolve()
        .then(() => fn(req))
        .then(
          (body) => answer(res, 200, limitDepth(body, MAX_ANSWER_DEPTH)),
          (e: unknown) => {
            if (e instanceof HttpError) {
              res.status(e.status).json(e.kind ? { error: e.message, kind: e.kind } : { error: e.message });
            } else if (isHomeConnectError(e)) {
              res.status(e.kind === 'cloud' ? 502 : 400).json({ error: e.message, kind: e.kind });
            } else {
              red.log?.warn(`homeconnect-local admin request failed: ${errorMessage(e)}`);
              res.status(500).json({ error: 'The request failed unexpectedly; the Node-RED log has details.' });
            }
          },
        )
        .catch((e: unknown) => {
          // Even a failing answer must answer: a request left open ties up the editor.
          red.log?.warn(`homeconnect-local admin answer failed: ${errorMessage(e)}`);
          try {
            res.status(500).json({ error: 'The answer could not be sent; the Node-RED log has details.' });
          } catch {
            // headers already sent: nothing more to do
          }
        });
    };
  }

  /** The deployed account node with this id, or undefined. */
  function deployedAccount(id: string | undefined): AccountNode | undefined {
    const n = id ? (RED.nodes.getNode(id) as AccountNode | null) : null;
    return n && n.type === ACCOUNT_TYPE && typeof n.storedRecords === 'function' ? n : undefined;
  }

  function account(id: string | undefined): AccountNode {
    const n = deployedAccount(id);
    if (!n) throw new HttpError(404, `The account ${shown(id)} is not deployed; deploy it first.`);
    return n;
  }

  function appliance(acc: AccountNode, haId: string | undefined): ApplianceEntry {
    const entry = acc.appliances.find((a) => a.haId === haId);
    if (!entry) throw new HttpError(404, `The deployed account has no appliance ${shown(haId)}.`);
    return entry;
  }

  function deployedProfile(acc: AccountNode, entry: ApplianceEntry): ApplianceProfile {
    const shared = acc.connection(entry.haId);
    if (shared) return shared.profile;
    const record = acc.storedRecords().find((r) => r.haId === entry.haId);
    if (!record) throw new HttpError(404, `No key and profile are stored for "${entry.name}"; log in or import it again.`);
    return readProfile(record);
  }

  const route = (path: string): string => `${ADMIN_PREFIX}${path}`;

  // ---- login ---------------------------------------------------------------------------

  app.post(
    route('/login/start'),
    ...writeSecrets,
    handle((req) => {
      const region = bodyOf(req).region ?? 'EU';
      if (!isCloudRegion(region)) throw new HttpError(400, 'The region must be EU, NA or CN.');
      const request = createLoginRequest(region, process.env);
      return { loginId: logins.add(request), authorizeUrl: request.authorizeUrl };
    }),
  );

  app.post(
    route('/login/complete'),
    ...writeSecrets,
    handle(async (req) => {
      const b = bodyOf(req);
      const loginId = text(b.loginId);
      const request = logins.peek(loginId);
      if (!loginId || !request) throw new HttpError(400, EXPIRED_LOGIN);
      const address = typeof b.address === 'string' ? b.address : '';
      // Bad pastes are checked before the login is used up, so the person can paste again.
      let state: string | undefined;
      try {
        state = parseRedirect(address).state;
      } catch (e) {
        throw new HttpError(400, errorMessage(e));
      }
      if (state !== undefined && state !== request.state) {
        throw new HttpError(400, 'This address belongs to another login attempt; press Log in again and paste the new address.');
      }
      logins.delete(loginId);
      const result = await completeLogin(request, address, { env: process.env });
      // Only what this login fetched: stored secrets never leave the runtime (the account node
      // merges the editor's new secrets into the stored ones on deploy).
      return { records: withStoredNames(text(b.account), result.records), failures: result.failures };
    }),
  );

  /** Fresh records with the names and hosts a deployed account already gives them; no stored secret is added. */
  function withStoredNames(accountId: string | undefined, fresh: ApplianceRecord[]): ApplianceRecord[] {
    const acc = deployedAccount(accountId);
    if (!acc) return fresh;
    const merged = mergeRecords(
      acc.appliances.map((a) => ({
        haId: a.haId,
        name: a.name,
        host: a.host,
        connectionType: a.connectionType,
        brand: a.brand ?? '',
        type: a.type ?? '',
        vib: a.vib ?? '',
        key: '',
      })),
      fresh,
    );
    const freshIds = new Set(fresh.map((r) => r.haId));
    return merged.filter((r) => freshIds.has(r.haId));
  }

  // ---- import --------------------------------------------------------------------------

  app.post(
    route('/import'),
    ...writeSecrets,
    handle((req) => {
      const b = bodyOf(req);
      if (!Array.isArray(b.files) || b.files.length === 0) throw new HttpError(400, 'Choose at least one file to import.');
      const meta: Record<string, string> = {};
      for (const k of ['key', 'iv', 'haId', 'host', 'name'] as const) {
        const v = text(b[k]);
        if (v !== undefined) meta[k] = v;
      }
      if (meta.host !== undefined) {
        try {
          parseHost(meta.host, 443);
        } catch (e) {
          throw new HttpError(400, errorMessage(e));
        }
      }
      const byHaId = new Map<string, ApplianceRecord>();
      const errors: Array<{ file: string; message: string }> = [];
      b.files.forEach((f: unknown, i: number) => {
        const file = isPlainObject(f) && typeof f.name === 'string' && f.name.trim() !== '' ? f.name.trim() : `file ${i + 1}`;
        try {
          if (!isPlainObject(f) || typeof f.data !== 'string') throw new HomeConnectError('import', `${file} has no content.`);
          const data = Buffer.from(f.data, 'base64');
          if (data.length === 0) throw new HomeConnectError('import', `${file} is empty.`);
          for (const r of importBuffer(data, file, meta)) {
            byHaId.delete(r.haId);
            byHaId.set(r.haId, r);
          }
        } catch (e) {
          errors.push({ file, message: isHomeConnectError(e) ? e.message : `${file} could not be read.` });
        }
      });
      let records = withStoredNames(text(b.account), [...byHaId.values()]);
      // A host typed in manual entry is what the person wants, even for a known appliance.
      if (meta.host !== undefined) records = records.map((r) => (byHaId.has(r.haId) ? { ...r, host: meta.host } : r));
      // `imported`: the appliances read from these files (records hold only those too; no stored secret).
      return { records, errors, imported: [...byHaId.keys()] };
    }),
  );

  // ---- profiles and live state ------------------------------------------------------------

  app.post(
    route('/profile'),
    ...write,
    handle((req) => {
      const r = bodyOf(req).record;
      if (!isPlainObject(r)) throw new HttpError(400, 'Send the appliance profile as "record".');
      const desc = isPlainObject(r.description) ? r.description : {};
      const record: ApplianceRecord = {
        haId: text(r.haId) ?? 'preview',
        name: text(r.name) ?? '',
        brand: text(r.brand) ?? text(desc.brand) ?? '',
        type: text(r.type) ?? text(desc.type) ?? '',
        vib: text(r.vib) ?? text(desc.model) ?? '',
        host: '',
        connectionType: 'TLS',
        key: '',
      };
      if (typeof r.deviceDescription === 'string') record.deviceDescription = r.deviceDescription;
      if (typeof r.featureMapping === 'string') record.featureMapping = r.featureMapping;
      if (isPlainObject(r.features)) record.features = r.features as HcpyFeatures;
      return buildProfileView(readProfile(record), { catalogue: runtimeLabels(RED, req.query?.lang) });
    }),
  );

  app.get(
    route('/account/:id/appliance/:haId/profile'),
    read,
    handle((req) => {
      const acc = account(req.params.id);
      const entry = appliance(acc, req.params.haId);
      // Live values name the favourites when the appliance is connected.
      const values = acc.connection(entry.haId)?.client.snapshot() ?? {};
      return buildProfileView(deployedProfile(acc, entry), { catalogue: runtimeLabels(RED, req.query?.lang), values });
    }),
  );

  app.get(
    route('/account/:id/appliance/:haId/live'),
    read,
    handle((req) => {
      const acc = account(req.params.id);
      const entry = appliance(acc, req.params.haId);
      const shared = acc.connection(entry.haId);
      return shared ? buildLiveView(shared.client, shared.profile) : disconnectedView();
    }),
  );

  // ---- checks --------------------------------------------------------------------------

  app.post(
    route('/test-connection'),
    ...write,
    handle(async (req) => {
      const b = bodyOf(req);
      const accountId = text(b.account);
      const haId = text(b.haId);
      const deployed = deployedAccount(accountId);
      const stored = deployed && haId ? deployed.storedRecords().find((r) => r.haId === haId) : undefined;
      const entry = deployed && haId ? deployed.appliances.find((a) => a.haId === haId) : undefined;

      const keyGiven = text(b.key);
      const hasProfile = (typeof b.deviceDescription === 'string' && typeof b.featureMapping === 'string') || isPlainObject(b.features);
      if ((!keyGiven || !hasProfile) && !stored) {
        if (accountId && !deployed)
          throw new HttpError(404, `The account ${shown(accountId)} is not deployed; enter the key and profile or deploy first.`);
        if (accountId && haId) throw new HttpError(404, `The deployed account has no key and profile for ${shown(haId)}.`);
        throw new HttpError(400, 'The test needs the appliance key and profile (log in or import first).');
      }
      const host = text(b.host) ?? entry?.host;
      if (!host) throw new HttpError(400, "Enter the appliance's host name or IP address.");
      try {
        parseHost(host, 443);
      } catch (e) {
        throw new HttpError(400, errorMessage(e));
      }
      const connectionType =
        b.connectionType === 'TLS' || b.connectionType === 'AES'
          ? b.connectionType
          : (stored?.connectionType ?? (text(b.iv) ? 'AES' : 'TLS'));
      const key = keyGiven ?? stored?.key;
      const iv = keyGiven ? text(b.iv) : connectionType === 'AES' ? (text(b.iv) ?? stored?.iv) : undefined;
      const src = (hasProfile ? b : stored) as Record<string, unknown>;
      const withXml = typeof src.deviceDescription === 'string' && typeof src.featureMapping === 'string';
      const record = normalizeRecord(
        {
          haId: haId ?? 'test-connection',
          name: entry?.name ?? haId ?? 'appliance',
          brand: stored?.brand,
          type: stored?.type,
          vib: stored?.vib,
          host,
          connectionType,
          key,
          iv: connectionType === 'AES' ? iv : undefined,
          ...(withXml ? { deviceDescription: src.deviceDescription, featureMapping: src.featureMapping } : { features: src.features }),
        },
        'Test connection',
      );
      // The shared connection already answers for exactly these settings: no second connection.
      const shared = deployed && haId ? deployed.connection(haId) : undefined;
      if (shared && stored && shared.client.state === 'connected' && sameTarget(record, { ...stored, host: entry?.host ?? stored.host })) {
        // No `ms`: nothing was connected for this answer, so there is no time to report.
        return { ok: true, state: 'connected', answer: 'connected', info: withModel(shared.client.info), shared: true };
      }
      const profile = readProfile(record);
      return testConnection(record, {
        profile,
        deviceId: deviceIdFor(deployed?.id ?? accountId ?? 'test-connection'),
        ...(options.testTimeoutMs !== undefined ? { timeoutMs: options.testTimeoutMs } : {}),
      });
    }),
  );

  // ---- discovery -----------------------------------------------------------------------

  // One browse at a time for every editor: repeated clicks share it instead of flooding the network.
  let browsing: Promise<unknown> | undefined;
  app.get(
    route('/discover'),
    read,
    handle(() => {
      browsing ??= discoverForEditor(discoverySettings(RED)).finally(() => {
        browsing = undefined;
      });
      return browsing;
    }),
  );

  app.get(
    route('/account/:id/diagnostics'),
    read,
    handle((req) => buildDiagnostics(account(req.params.id))),
  );
}

/** Sends a JSON answer; one that cannot be serialised becomes a 500 with a sentence. */
function answer(res: AdminResponse, status: number, body: unknown): void {
  let ok = true;
  try {
    JSON.stringify(body);
  } catch {
    ok = false;
  }
  if (ok) res.status(status).json(body);
  else
    res.status(500).json({ error: 'The answer could not be serialised (the appliance data is malformed); the Node-RED log has details.' });
}

/**
 * A copy cut at `depth` levels (deeper parts become a marker), so hostile nesting from an
 * appliance cannot break serialisation. Objects keyed by feature names keep `__proto__` as data.
 */
export function limitDepth(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return limitDepth(toJSON.call(value), depth);
  if (depth <= 0) return '[nested too deeply]';
  if (Array.isArray(value)) return value.map((v) => limitDepth(v, depth - 1));
  if (value instanceof Map) return limitDepth(Object.fromEntries(value), depth);
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(value)) out[k] = limitDepth((value as Record<string, unknown>)[k], depth - 1);
  return out;
}

interface DiscoverySettings {
  interface?: string;
  port?: number;
  timeoutMs?: number;
}

/** settings.homeconnectLocalDiscovery (tests: the loopback interface); default every interface, 3 s. */
function discoverySettings(RED: RedAPI): DiscoverySettings {
  const s = (RED as unknown as { settings?: Record<string, unknown> }).settings?.homeconnectLocalDiscovery;
  return s && typeof s === 'object' ? s : {};
}

/** What the editor's "Find appliances" shows: appliances found (no secrets exist in mDNS), or a hint. */
async function discoverForEditor(settings: DiscoverySettings): Promise<{ found: unknown[]; hint?: string }> {
  const seconds = Math.min(10, Math.max(0.5, (settings.timeoutMs ?? 3000) / 1000));
  const found = await discoverAppliances({
    timeoutMs: seconds * 1000,
    ...(settings.interface ? { interface: settings.interface } : {}),
    ...(settings.port ? { port: settings.port } : {}),
  }).catch((e: unknown) => {
    throw new HttpError(503, `Appliances cannot be searched for here: ${errorMessage(e)}`);
  });
  const list = found.slice(0, 100).map((a) => ({ ...discoveredLine(a), hostPort: hostPortOf(a) }));
  return list.length > 0 ? { found: list } : { found: [], hint: noAnswerHint(settings.interface, seconds) };
}

function sameTarget(a: ApplianceRecord, b: ApplianceRecord): boolean {
  return a.host === b.host && a.connectionType === b.connectionType && a.key === b.key && (a.iv ?? '') === (b.iv ?? '');
}

/** Any failure to build a profile is the sender's input: 400 with the reason. */
function readProfile(record: ApplianceRecord): ApplianceProfile {
  try {
    return profileFromRecord(record);
  } catch (e) {
    throw new HttpError(400, isHomeConnectError(e) ? e.message : `The profile cannot be read: ${errorMessage(e)}`, 'profile');
  }
}
