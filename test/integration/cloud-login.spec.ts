import * as assert from 'assert';
import { fetch as undiciFetch } from 'undici';
import { HomeConnectError } from '../../src/errors';
import { completeLogin, createLoginRequest, mergeRecords, type LoginRequest, type LoginResult } from '../../src/cloud';
import { browserLogin, closedPort, startFakeCloud, type FakeAppliance, type FakeCloud, type FakeCloudOptions } from '../support/fake-cloud';

const TLS_KEY = Buffer.alloc(32, 0xa1).toString('base64url');
const AES_KEY = Buffer.alloc(32, 0xb2).toString('base64url');
const AES_IV = Buffer.alloc(16, 0xc3).toString('base64url');

function xml(kind: 'DeviceDescription' | 'FeatureMapping', haId: string): string {
  return kind === 'DeviceDescription'
    ? `<?xml version="1.0" encoding="UTF-8"?><device><description><type>X</type><model>${haId}</model></description></device>`
    : `<?xml version="1.0" encoding="UTF-8"?><featureMappingFile><featureDescription><feature refUID="0201">BSH.Common.Setting.PowerState</feature></featureDescription></featureMappingFile>`;
}

function appliance(haId: string, extra: Partial<FakeAppliance> = {}): FakeAppliance {
  return {
    haId,
    haType: 'Dishwasher',
    brand: 'BOSCH',
    vib: 'SMV4HCX48E',
    transport: 'TLS',
    key: TLS_KEY,
    deviceDescription: xml('DeviceDescription', haId),
    featureMapping: xml('FeatureMapping', haId),
    ...extra,
  };
}

describe('cloud login against the fake cloud (127.0.0.1)', () => {
  let fake: FakeCloud | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  async function start(opts: FakeCloudOptions): Promise<{ env: Record<string, string>; req: LoginRequest; pasted: string }> {
    fake = await startFakeCloud(opts);
    const env = { HOMECONNECT_LOCAL_API_URL: fake.url, HOMECONNECT_LOCAL_ASSET_URL: fake.url + '/' };
    const req = createLoginRequest('EU', env);
    const pasted = await browserLogin(req.authorizeUrl);
    return { env, req, pasted };
  }

  function noSecrets(text: string, extra: string[] = []): void {
    for (const secret of [...(fake?.issuedTokens ?? []), TLS_KEY, AES_KEY, AES_IV, ...extra]) {
      assert.ok(!text.includes(secret), 'secret leaked into: ' + text);
    }
  }

  async function loginFails(req: LoginRequest, pasted: string, env: Record<string, string>, timeoutMs?: number): Promise<HomeConnectError> {
    try {
      await completeLogin(req, pasted, { env, ...(timeoutMs ? { timeoutMs } : {}) });
    } catch (e) {
      assert.ok(e instanceof HomeConnectError, String(e));
      assert.strictEqual(e.kind, 'cloud');
      noSecrets(e.message + JSON.stringify(e.details ?? {}), [req.verifier, new URL(pasted).searchParams.get('code') ?? '']);
      return e;
    }
    assert.fail('expected the login to fail');
  }

  it('logs in end to end: TLS and AES records, demo skipped, names unique', async () => {
    const { env, req, pasted } = await start({
      accountId: 'account-42',
      appliances: [
        appliance('013110426187000262', { serialNumber: 'SN1', mac: '68-A4-0E-00-00-01' }),
        appliance('SIEMENS-HB578G5S6-68A40E000002', {
          brand: 'SIEMENS',
          haType: 'Oven',
          vib: 'HB578G5S6',
          transport: 'AES',
          key: AES_KEY,
          iv: AES_IV,
        }),
        appliance('demo-1', { isDemo: true }),
        appliance('013110426187000999', { vib: 'SMV2' }),
      ],
    });
    assert.match(pasted, /^hcauth:\/\/auth\/prod\?code=[^&]+&state=[^&]+&grant_type=authorization_code$/);
    const result: LoginResult = await completeLogin(req, pasted, { env });
    assert.deepStrictEqual(result.failures, []);
    assert.deepStrictEqual(
      result.records.map((r) => [r.haId, r.name, r.host, r.connectionType]),
      [
        ['013110426187000262', 'dishwasher', 'BOSCH-Dishwasher-013110426187000262', 'TLS'],
        ['SIEMENS-HB578G5S6-68A40E000002', 'oven', 'SIEMENS-HB578G5S6-68A40E000002', 'AES'],
        ['013110426187000999', 'dishwasher-2', 'BOSCH-Dishwasher-013110426187000999', 'TLS'],
      ],
    );
    const [tls, aes] = result.records;
    assert.deepStrictEqual(
      { ...tls, deviceDescription: undefined, featureMapping: undefined },
      {
        haId: '013110426187000262',
        name: 'dishwasher',
        brand: 'BOSCH',
        type: 'Dishwasher',
        vib: 'SMV4HCX48E',
        host: 'BOSCH-Dishwasher-013110426187000262',
        connectionType: 'TLS',
        key: TLS_KEY,
        mac: '68-A4-0E-00-00-01',
        serialNumber: 'SN1',
        deviceDescription: undefined,
        featureMapping: undefined,
      },
    );
    assert.strictEqual(tls.deviceDescription, xml('DeviceDescription', '013110426187000262'));
    assert.strictEqual(tls.featureMapping, xml('FeatureMapping', '013110426187000262'));
    assert.ok(!('iv' in tls));
    assert.strictEqual(aes.key, AES_KEY);
    assert.strictEqual(aes.iv, AES_IV);
    assert.strictEqual(aes.type, 'Oven');
    assert.strictEqual(aes.mac, '68A40E000002', 'MAC falls back to the last haId segment');
    assert.ok(JSON.parse(JSON.stringify(result)), 'records are plain JSON');

    // Wire details: form-encoded PKCE token request, bearer on every asset call, demo never fetched.
    const f = fake!;
    const tokenReq = f.requests.find((r) => r.url === '/security/oauth/token');
    const form = new URLSearchParams(tokenReq?.body ?? '');
    assert.strictEqual(form.get('grant_type'), 'authorization_code');
    assert.strictEqual(form.get('code_verifier'), req.verifier);
    assert.strictEqual(form.get('redirect_uri'), 'hcauth://auth/prod');
    const assetCalls = f.requests.filter((r) => r.url.startsWith('/api/'));
    assert.ok(assetCalls.every((r) => r.authorization === `Bearer ${f.issuedTokens[0]}`));
    assert.ok(assetCalls.some((r) => r.url === '/api/account/v2/accounts/account-42/paired-appliances'));
    assert.ok(!assetCalls.some((r) => r.url.includes('demo-1')));
    assert.ok(!assetCalls.some((r) => r.url.includes('//api')));
  });

  it('accepts the https and bare-code forms of the pasted address', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')] });
    const code = new URL(pasted).searchParams.get('code')!;
    const result = await completeLogin(
      req,
      `  https://app.home-connect.com/auth/prod?code=${encodeURIComponent(code)}&state=${req.state} `,
      { env, fetch: undiciFetch },
    );
    assert.strictEqual(result.records.length, 1);
    const second = createLoginRequest('EU', env);
    const pasted2 = await browserLogin(second.authorizeUrl);
    const bare = new URL(pasted2).searchParams.get('code')!;
    // Node's global fetch fits the option as well.
    assert.strictEqual((await completeLogin(second, bare, { env, fetch: globalThis.fetch })).records[0].haId, '1');
  });

  it('delivers the other appliances when one profile cannot be fetched', async () => {
    const { env, req, pasted } = await start({
      appliances: [appliance('A1', { haType: 'Washer' }), appliance('B2', { failFiles: true }), appliance('C3', { haType: 'Hob' })],
    });
    const result = await completeLogin(req, pasted, { env });
    assert.deepStrictEqual(
      result.records.map((r) => r.haId),
      ['A1', 'C3'],
    );
    assert.strictEqual(result.failures.length, 1);
    assert.strictEqual(result.failures[0].haId, 'B2');
    assert.strictEqual(result.failures[0].name, 'dishwasher');
    assert.match(result.failures[0].message, /answered 500 Internal Server Error while downloading the profile of B2/);
    noSecrets(result.failures[0].message);
  });

  it('reports an expired code', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')], codeTtlMs: 0 });
    const e = await loginFails(req, pasted, env);
    assert.strictEqual(e.message, 'The code has expired or was already used; log in again and paste the address within a minute');
    assert.strictEqual(e.details?.status, 400);
  });

  it('reports a reused code', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')] });
    await completeLogin(req, pasted, { env });
    const e = await loginFails(req, pasted, env);
    assert.match(e.message, /^The code has expired or was already used/);
  });

  it('refuses an address from another login attempt before calling the cloud', async () => {
    const { env, pasted } = await start({ appliances: [appliance('1')] });
    const other = createLoginRequest('EU', env);
    const before = fake!.requests.length;
    const e = await loginFails(other, pasted, env);
    assert.match(e.message, /another login attempt, start again/i);
    assert.strictEqual(fake!.requests.length, before);
  });

  it('a wrong verifier is rejected by the fake (PKCE is really checked)', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')] });
    const e = await loginFails({ ...req, verifier: req.verifier.slice(1) + 'A' }, pasted, env);
    assert.match(e.message, /^The code has expired or was already used/);
  });

  it('reports a 401 on the asset host as the wrong region', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')], assetStatus: 401 });
    const e = await loginFails(req, pasted, env);
    assert.match(e.message, /did not accept the login \(401 Unauthorized\).*another region than EU, try another region$/);
    assert.strictEqual(e.details?.status, 401);
  });

  it('reports 403 from the token endpoint as blocked', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')], tokenStatus: 403 });
    const e = await loginFails(req, pasted, env);
    assert.match(e.message, /^The Home Connect cloud refused the request \(403 Forbidden\)/);
    assert.strictEqual(e.details?.status, 403);
  });

  it('reports 403 from the asset host as blocked', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')], assetStatus: 403 });
    const e = await loginFails(req, pasted, env);
    assert.match(e.message, /^The Home Connect cloud refused the request \(403 Forbidden\)/);
  });

  it('reports an unreachable host', async () => {
    const port = await closedPort();
    const env = { HOMECONNECT_LOCAL_API_URL: `http://127.0.0.1:${port}`, HOMECONNECT_LOCAL_ASSET_URL: `http://127.0.0.1:${port}` };
    const req = createLoginRequest('EU', env);
    const e = await loginFails(req, `hcauth://auth/prod?code=c0de&state=${req.state}`, env);
    assert.strictEqual(e.message, `Could not reach the Home Connect cloud at 127.0.0.1:${port}: the connection was refused`);
  });

  it('reports an asset host that never answers as a timeout', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1')], hangAssets: true });
    const e = await loginFails(req, pasted, env, 300);
    assert.match(e.message, /^Could not reach the Home Connect cloud at 127\.0\.0\.1:\d+: no answer within 0.3 seconds$/);
  });

  it('reports malformed appliance lists', async () => {
    const { env, req, pasted } = await start({ applianceListBody: '{"items":[]}' });
    const e = await loginFails(req, pasted, env);
    assert.match(e.message, /sent a list of appliances that could not be read$/);
  });

  it('merging a second login keeps names and hosts and refreshes keys', async () => {
    const { env, req, pasted } = await start({ appliances: [appliance('1'), appliance('2', { haType: 'Oven' })] });
    const first = await completeLogin(req, pasted, { env });
    const renamed = first.records.map((r) => (r.haId === '1' ? { ...r, name: 'kitchen', host: '10.0.0.5', key: 'stale' } : r));
    const again = createLoginRequest('EU', env);
    const second = await completeLogin(again, await browserLogin(again.authorizeUrl), { env });
    const merged = mergeRecords(renamed, second.records);
    assert.deepStrictEqual(
      merged.map((r) => [r.name, r.host, r.key]),
      [
        ['kitchen', '10.0.0.5', TLS_KEY],
        ['oven', 'BOSCH-Oven-2', TLS_KEY],
      ],
    );
  });
});
