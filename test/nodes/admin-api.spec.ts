import * as assert from 'assert';
import { strToU8, zipSync } from 'fflate';
import * as fs from 'fs';
import * as path from 'path';
import { ADMIN_PREFIX, DEPLOY_SCOPE, READ_SCOPE, WRITE_SCOPE, registerAdminApi } from '../../nodes/admin-api';
import type { RedAPI } from '../../nodes/red-types';
import { writeProfileZip } from '../../src/profile/import';
import type { ApplianceRecord } from '../../src/profile/types';
import { demoDishwasher, demoRecords, demoWasher } from '../../src/simulator/demo-profiles';
import { browserLogin, fakeApplianceFrom, startFakeCloud, type FakeAppliance, type FakeCloud } from '../support/fake-cloud';
import { fixturesDir } from '../support/paths';
import { assertNoSecret } from '../support/secrets';
import { ACCOUNT_ID, homeconnectNodes, nodeRedHelper, nodeRedModule, testAccount, useNodeRedServer } from '../support/node-red-helper';

const helper = nodeRedHelper();
const nodes = homeconnectNodes();
// supertest against the helper's admin app
const request = (): any => (helper as unknown as { request(): any }).request();

const P = ADMIN_PREFIX;

/** Every route of the contract, with the scope its guard must carry. */
const ROUTES: Array<[method: 'get' | 'post', path: string, scopes: string[]]> = [
  // Endpoints handing out new secrets need the deploy permission too.
  ['post', `${P}/login/start`, [WRITE_SCOPE, DEPLOY_SCOPE]],
  ['post', `${P}/login/complete`, [WRITE_SCOPE, DEPLOY_SCOPE]],
  ['post', `${P}/import`, [WRITE_SCOPE, DEPLOY_SCOPE]],
  ['post', `${P}/profile`, [WRITE_SCOPE]],
  ['get', `${P}/account/:id/appliance/:haId/profile`, [READ_SCOPE]],
  ['get', `${P}/account/:id/appliance/:haId/live`, [READ_SCOPE]],
  ['post', `${P}/test-connection`, [WRITE_SCOPE]],
  ['get', `${P}/account/:id/diagnostics`, [READ_SCOPE]],
  ['get', `${P}/discover`, [READ_SCOPE]],
];

describe('admin API: permissions (structural)', function () {
  it('registers every route once, each behind needsPermission with read for GET and write for POST', function () {
    const seen: Array<{ method: string; path: string; handlers: unknown[] }> = [];
    const guards = new Map<unknown, string>();
    const app = {
      get: (p: string, ...handlers: unknown[]) => seen.push({ method: 'get', path: p, handlers }),
      post: (p: string, ...handlers: unknown[]) => seen.push({ method: 'post', path: p, handlers }),
    };
    const red = {
      nodes: { createNode() {}, registerType() {}, getNode: () => null },
      events: { on() {}, removeListener() {} },
      _: (k: string) => k,
      httpAdmin: app,
      auth: {
        needsPermission(scope: string) {
          const guard = (_req: unknown, _res: unknown, next: () => void) => next();
          guards.set(guard, scope);
          return guard;
        },
      },
    } as unknown as RedAPI;
    registerAdminApi(red);
    registerAdminApi(red); // a second module init on the same app adds nothing
    assert.deepStrictEqual(seen.map((r) => [r.method, r.path]).sort(), ROUTES.map(([m, p]) => [m, p]).sort());
    for (const [method, p, scopes] of ROUTES) {
      const r = seen.find((x) => x.method === method && x.path === p)!;
      // guards, then (POST) the JSON-only check, then the handler
      assert.strictEqual(r.handlers.length, scopes.length + (method === 'post' ? 2 : 1), `${p}: guards + handler`);
      assert.deepStrictEqual(
        r.handlers.slice(0, scopes.length).map((h) => guards.get(h)),
        scopes,
        `${method} ${p} is guarded by ${scopes.join(', ')}`,
      );
      if (method === 'post') assert.strictEqual(guards.get(r.handlers[scopes.length]), undefined, 'then a non-guard');
    }
  });

  it('does nothing when the runtime has no admin API', function () {
    const red = {
      nodes: { createNode() {}, registerType() {}, getNode: () => null },
      events: { on() {}, removeListener() {} },
      _: (k: string) => k,
    };
    assert.doesNotThrow(() => registerAdminApi(red));
  });
});

describe(`admin API over HTTP (${nodeRedModule})`, function () {
  useNodeRedServer(helper);

  const records = demoRecords().map((r) => ({ ...r, host: '127.0.0.1:1' }));

  async function loadAccount(recs: ApplianceRecord[] = records): Promise<void> {
    const account = testAccount(recs);
    await helper.load(nodes, [account.node], account.credentials);
  }

  describe('404 and 400 paths', function () {
    beforeEach(() => loadAccount());

    it('GET routes answer 404 with a sentence for an account that is not deployed', async function () {
      for (const url of [
        `${P}/account/nope/appliance/${records[0].haId}/profile`,
        `${P}/account/nope/appliance/${records[0].haId}/live`,
        `${P}/account/nope/diagnostics`,
      ]) {
        const res = await request().get(url).expect(404);
        assert.match(res.body.error, /not deployed/, url);
      }
    });

    it('a deployed node of another type is not an account (404)', async function () {
      await helper.unload();
      await helper.load(nodes, [
        { id: 'in1', type: 'homeconnect-local-in', account: '', appliance: 'x', output: 'changes', filter: '', initial: true, wires: [[]] },
      ]);
      await request().get(`${P}/account/in1/diagnostics`).expect(404);
    });

    it('an unknown appliance of a deployed account is 404', async function () {
      for (const what of ['profile', 'live']) {
        const res = await request().get(`${P}/account/${ACCOUNT_ID}/appliance/NOPE/${what}`).expect(404);
        assert.match(res.body.error, /no appliance NOPE/);
      }
    });

    it('an appliance without stored profile gives 404 for its profile view', async function () {
      await helper.unload();
      const account = testAccount(records);
      await helper.load(nodes, [account.node], testAccount([records[0]]).credentials);
      const res = await request().get(`${P}/account/${ACCOUNT_ID}/appliance/${records[1].haId}/profile`).expect(404);
      assert.match(res.body.error, /No key and profile/);
    });

    it('bad bodies are 400 with a sentence', async function () {
      const cases: Array<[string, unknown, RegExp]> = [
        [`${P}/login/start`, { region: 'MARS' }, /region must be EU, NA or CN/],
        [`${P}/login/complete`, { loginId: 'unknown', address: 'hcauth://auth/prod?code=x' }, /This login has expired, press Log in again/],
        [`${P}/login/complete`, {}, /This login has expired/],
        [`${P}/import`, { files: [] }, /at least one file/],
        [`${P}/import`, {}, /at least one file/],
        [`${P}/profile`, {}, /record/],
        [`${P}/profile`, { record: { deviceDescription: '<nope/>', featureMapping: '<nope/>' } }, /./],
        [`${P}/profile`, { record: {} }, /no device profile/],
        [`${P}/test-connection`, {}, /key and profile/],
        [
          `${P}/test-connection`,
          {
            host: '127.0.0.1:1',
            key: 'short',
            deviceDescription: demoDishwasher.deviceDescription,
            featureMapping: demoDishwasher.featureMapping,
          },
          /key/,
        ],
      ];
      for (const [url, body, re] of cases) {
        const res = await request().post(url).send(body).expect(400);
        assert.match(res.body.error, re, `${url} ${JSON.stringify(body).slice(0, 80)}`);
      }
      // a JSON array is not an object body
      await request().post(`${P}/login/start`).send([1, 2]).expect(400);
    });

    it('test-connection names a missing deployed account or appliance with 404', async function () {
      let res = await request()
        .post(`${P}/test-connection`)
        .send({ account: 'nope', haId: records[0].haId, host: '127.0.0.1:1' })
        .expect(404);
      assert.match(res.body.error, /not deployed/);
      res = await request().post(`${P}/test-connection`).send({ account: ACCOUNT_ID, haId: 'NOPE', host: '127.0.0.1:1' }).expect(404);
      assert.match(res.body.error, /no key and profile for NOPE/);
    });
  });

  describe('import', function () {
    beforeEach(() => helper.load(nodes, []));

    it('reads a profile ZIP and an hcpy devices.json, and reports a bad file without failing the others', async function () {
      const zip = writeProfileZip(demoWasher);
      const hcpy = fs.readFileSync(path.join(fixturesDir, 'import', 'hcpy-devices.json'));
      const res = await request()
        .post(`${P}/import`)
        .send({
          files: [
            { name: zip.fileName, data: Buffer.from(zip.data).toString('base64') },
            { name: 'devices.json', data: hcpy.toString('base64') },
            { name: 'notes.txt', data: Buffer.from('hello').toString('base64') },
            { name: 'empty.zip' },
          ],
        })
        .expect(200);
      const washer = res.body.records.find((r: ApplianceRecord) => r.haId === demoWasher.haId);
      assert.ok(washer, 'washer from the profile ZIP');
      assert.strictEqual(washer.key, demoWasher.key);
      assert.strictEqual(washer.iv, demoWasher.iv);
      assert.strictEqual(washer.connectionType, 'AES');
      assert.strictEqual(washer.deviceDescription, demoWasher.deviceDescription);
      const fromHcpy = res.body.records.filter((r: ApplianceRecord) => r.features !== undefined);
      assert.ok(fromHcpy.length >= 1, 'hcpy devices become records with features');
      assert.ok(fromHcpy.every((r: ApplianceRecord) => typeof r.key === 'string' && r.deviceDescription === undefined));
      assert.deepStrictEqual(
        res.body.errors.map((e: { file: string }) => e.file),
        ['notes.txt', 'empty.zip'],
      );
      assert.match(res.body.errors[0].message, /neither a profile ZIP nor a JSON/);
      assert.match(res.body.errors[1].message, /no content/);
    });

    it('an IDDF ZIP needs the key, and with key and iv it becomes a record with the given host and name', async function () {
      const iddf = zipSync({
        [`${demoWasher.haId}_DeviceDescription.xml`]: strToU8(demoWasher.deviceDescription!),
        [`${demoWasher.haId}_FeatureMapping.xml`]: strToU8(demoWasher.featureMapping!),
      });
      const file = { name: 'iddf.zip', data: Buffer.from(iddf).toString('base64') };
      let res = await request()
        .post(`${P}/import`)
        .send({ files: [file] })
        .expect(200);
      assert.deepStrictEqual(res.body.records, []);
      assert.match(res.body.errors[0].message, /without keys/);
      res = await request()
        .post(`${P}/import`)
        .send({ files: [file], key: demoWasher.key, iv: demoWasher.iv, host: '192.0.2.7', name: 'cellar washer' })
        .expect(200);
      assert.deepStrictEqual(res.body.errors, []);
      const r = res.body.records[0];
      assert.strictEqual(r.haId, demoWasher.haId);
      assert.strictEqual(r.host, '192.0.2.7');
      assert.strictEqual(r.name, 'cellar washer');
      assert.strictEqual(r.connectionType, 'AES');
    });

    it('importing into a deployed account returns only what was sent: no stored key or iv, even when the file fails', async function () {
      await helper.unload();
      await loadAccount([{ ...demoWasher, name: 'laundry', host: '192.0.2.11' }]);
      const zip = writeProfileZip(demoDishwasher);
      for (const files of [
        [{ name: zip.fileName, data: Buffer.from(zip.data).toString('base64') }],
        [{ name: 'broken.zip', data: Buffer.from('PK\u0003\u0004 not really').toString('base64') }],
      ]) {
        const res = await request().post(`${P}/import`).send({ account: ACCOUNT_ID, files }).expect(200);
        assert.ok(!res.body.records.some((r: ApplianceRecord) => r.haId === demoWasher.haId), 'the stored washer is not returned');
        assertNoSecret(res.text, [demoWasher.key, demoWasher.iv!]);
      }
    });

    it('importing into a deployed account keeps the stored names and hosts of the imported appliances', async function () {
      // The deployed account holds only the dishwasher (renamed, with a host); the washer is imported.
      const stored = { ...demoDishwasher, name: 'kitchen', host: '192.0.2.10' };
      await helper.unload();
      await loadAccount([stored]);
      const zip = writeProfileZip({ ...demoDishwasher, name: 'other', host: 'elsewhere' });
      const washerZip = writeProfileZip(demoWasher);
      const res = await request()
        .post(`${P}/import`)
        .send({
          account: ACCOUNT_ID,
          files: [
            { name: zip.fileName, data: Buffer.from(zip.data).toString('base64') },
            { name: washerZip.fileName, data: Buffer.from(washerZip.data).toString('base64') },
          ],
        })
        .expect(200);
      const byId = new Map<string, ApplianceRecord>(res.body.records.map((r: ApplianceRecord) => [r.haId, r]));
      assert.deepStrictEqual([...byId.keys()].sort(), [demoDishwasher.haId, demoWasher.haId].sort());
      assert.strictEqual(byId.get(demoDishwasher.haId)!.name, 'kitchen');
      assert.strictEqual(byId.get(demoDishwasher.haId)!.host, '192.0.2.10');
      assert.strictEqual(byId.get(demoDishwasher.haId)!.key, demoDishwasher.key);
      assert.strictEqual(byId.get(demoWasher.haId)!.key, demoWasher.key);
    });

    it('hosts typed for manual entry or test connection are checked like connecting (400 with the reason)', async function () {
      for (const path of ['/import', '/test-connection']) {
        const res = await request()
          .post(`${P}${path}`)
          .send({ host: 'evil.example:443/../x?y', key: demoDishwasher.key, files: [{ name: 'a.zip', data: 'UEsDBA==' }], features: {} })
          .expect(400);
        assert.match(res.body.error, /The appliance address "evil\.example:443\/\.\.\/x\?y" is not valid/);
      }
    });

    it('every POST refuses a body that is not JSON (415), form posts included', async function () {
      for (const path of ['/login/start', '/login/complete', '/import', '/profile', '/test-connection']) {
        const res = await request().post(`${P}${path}`).type('form').send({ region: 'EU', files: 'x' }).expect(415);
        assert.match(res.body.error, /only JSON/);
        await request().post(`${P}${path}`).set('Content-Type', 'text/plain').send('{}').expect(415);
      }
    });

    it('"imported" lists only the appliances read from the files, not the stored ones merged in', async function () {
      await helper.unload();
      await loadAccount([{ ...demoDishwasher, host: '192.0.2.10' }]);
      const washerZip = writeProfileZip(demoWasher);
      const res = await request()
        .post(`${P}/import`)
        .send({ account: ACCOUNT_ID, files: [{ name: washerZip.fileName, data: Buffer.from(washerZip.data).toString('base64') }] })
        .expect(200);
      assert.strictEqual(res.body.records.length, 1, 'no stored record (and so no stored secret) comes back');
      assert.deepStrictEqual(res.body.imported, [demoWasher.haId]);
    });
  });

  describe('profile views', function () {
    it('POST /profile: the demo dishwasher lists Eco50 with its options, enum members, units and ranges', async function () {
      await helper.load(nodes, []);
      const res = await request()
        .post(`${P}/profile`)
        .send({ record: { deviceDescription: demoDishwasher.deviceDescription, featureMapping: demoDishwasher.featureMapping } })
        .expect(200);
      const v = res.body;
      assert.strictEqual(v.description.type, 'Dishwasher');
      const eco = v.programs.find((p: { key: string }) => p.key === 'Dishcare.Dishwasher.Program.Eco50');
      assert.ok(eco, 'Eco50 present');
      assert.strictEqual(eco.shortKey, 'Eco50');
      const optionKeys = eco.options.map((o: { key: string }) => o.key);
      assert.ok(optionKeys.includes('Dishcare.Dishwasher.Option.BrillianceDry'), optionKeys.join());
      assert.strictEqual(eco.options.length, 4);
      const brilliance = eco.options.find((o: { shortKey: string }) => o.shortKey === 'BrillianceDry');
      assert.strictEqual(brilliance.type, 'boolean');
      assert.strictEqual(brilliance.default, true, 'per-program default applied');
      const startIn = eco.options.find((o: { type: string; unit?: string }) => o.type === 'number' && o.unit === 's');
      assert.ok(startIn, 'a timeSpan option with unit s');
      assert.ok(typeof startIn.max === 'number');
      const enums = [...v.settings, ...v.statuses].filter((f: { type: string }) => f.type === 'enum');
      assert.ok(enums.length > 0);
      for (const f of enums)
        assert.ok(Array.isArray(f.members) && f.members.length > 0 && f.members.every((m: unknown) => typeof m === 'string'), f.key);
      assert.ok(v.commands.some((c: { key: string }) => c.key === 'BSH.Common.Command.AbortProgram'));
      assert.ok(
        v.programs.every((p: { favourite?: boolean }) => p.favourite === undefined),
        'no favourites on the dishwasher',
      );
      assert.ok(!JSON.stringify(v).includes(demoDishwasher.key));
    });

    it('GET profile of a deployed account: the washer favourites are flagged, with their group', async function () {
      await loadAccount();
      const res = await request().get(`${P}/account/${ACCOUNT_ID}/appliance/${demoWasher.haId}/profile`).expect(200);
      const fav = res.body.programs.filter((p: { favourite?: boolean }) => p.favourite);
      assert.deepStrictEqual(fav.map((p: { shortKey: string }) => p.shortKey).sort(), ['Memory1', 'Memory2']);
      assert.ok(fav.every((p: { group: string }) => p.group === 'LaundryCare.Common.ProgramGroup.Favorites'));
      const cotton = res.body.programs.find((p: { shortKey: string }) => p.shortKey === 'Cotton');
      assert.ok(cotton && !cotton.favourite && cotton.group === undefined);
      const temp = cotton.options.find((o: { shortKey: string }) => o.shortKey === 'Temperature');
      assert.strictEqual(temp.type, 'enum');
      assert.ok(temp.members.length > 1);
      assert.ok(temp.members.includes(temp.default), `default ${temp.default} is a member name`);
    });

    it('POST /profile accepts an hcpy features map with a description', async function () {
      await helper.load(nodes, []);
      const hcpy = JSON.parse(fs.readFileSync(path.join(fixturesDir, 'import', 'hcpy-devices.json'), 'utf8'))[0];
      const res = await request()
        .post(`${P}/profile`)
        .send({ record: { features: hcpy.features, description: hcpy.description } })
        .expect(200);
      assert.strictEqual(res.body.description.brand, hcpy.description.brand);
      const door = res.body.statuses.find((s: { key: string }) => s.key === 'BSH.Common.Status.DoorState');
      assert.deepStrictEqual(door.members, ['Open', 'Closed']);
    });

    it('GET live without an open session is a disconnected empty view', async function () {
      await loadAccount();
      const res = await request().get(`${P}/account/${ACCOUNT_ID}/appliance/${records[0].haId}/live`).expect(200);
      assert.deepStrictEqual(res.body, { state: 'disconnected', values: {}, features: {}, programs: {} });
    });
  });

  describe('login against the fake cloud', function () {
    let cloud: FakeCloud | undefined;
    const saved = { api: process.env.HOMECONNECT_LOCAL_API_URL, asset: process.env.HOMECONNECT_LOCAL_ASSET_URL };

    async function useCloud(appliances: FakeAppliance[], opts: Record<string, unknown> = {}): Promise<FakeCloud> {
      cloud = await startFakeCloud({ appliances, ...opts });
      process.env.HOMECONNECT_LOCAL_API_URL = cloud.url;
      process.env.HOMECONNECT_LOCAL_ASSET_URL = cloud.url;
      return cloud;
    }

    afterEach(async () => {
      await cloud?.close();
      cloud = undefined;
      for (const [name, value] of [
        ['HOMECONNECT_LOCAL_API_URL', saved.api],
        ['HOMECONNECT_LOCAL_ASSET_URL', saved.asset],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    });

    async function startLogin(): Promise<{ loginId: string; address: string }> {
      const res = await request().post(`${P}/login/start`).send({ region: 'EU' }).expect(200);
      assert.match(res.body.loginId, /^[A-Za-z0-9_-]{16,}$/);
      assert.ok(res.body.authorizeUrl.startsWith(`${cloud!.url}/security/oauth/authorize?`), res.body.authorizeUrl);
      assert.deepStrictEqual(Object.keys(res.body).sort(), ['authorizeUrl', 'loginId'], 'no verifier in the answer');
      return { loginId: res.body.loginId, address: await browserLogin(res.body.authorizeUrl) };
    }

    it('start → browser → complete returns both appliances with keys and XML; the login is single use', async function () {
      await helper.load(nodes, []);
      await useCloud([fakeApplianceFrom(demoDishwasher), fakeApplianceFrom(demoWasher)]);
      const { loginId, address } = await startLogin();
      const res = await request().post(`${P}/login/complete`).send({ loginId, address }).expect(200);
      assert.deepStrictEqual(res.body.failures, []);
      const byId = new Map(res.body.records.map((r: ApplianceRecord) => [r.haId, r]));
      const dw = byId.get(demoDishwasher.haId) as ApplianceRecord;
      const wm = byId.get(demoWasher.haId) as ApplianceRecord;
      assert.strictEqual(dw.key, demoDishwasher.key);
      assert.strictEqual(dw.connectionType, 'TLS');
      assert.strictEqual(dw.deviceDescription, demoDishwasher.deviceDescription);
      assert.strictEqual(wm.iv, demoWasher.iv);
      assert.strictEqual(wm.featureMapping, demoWasher.featureMapping);
      // the token never reaches the editor
      for (const t of cloud!.issuedTokens) assert.ok(!JSON.stringify(res.body).includes(t));
      const again = await request().post(`${P}/login/complete`).send({ loginId, address }).expect(400);
      assert.strictEqual(again.body.error, 'This login has expired, press Log in again');
    });

    it('a pasted text without a code or with another state is 400 and keeps the login usable', async function () {
      await helper.load(nodes, []);
      await useCloud([fakeApplianceFrom(demoDishwasher)]);
      const { loginId, address } = await startLogin();
      let res = await request().post(`${P}/login/complete`).send({ loginId, address: 'hello there' }).expect(400);
      assert.match(res.body.error, /login code/);
      const other = address.replace(/state=[^&]*/, 'state=someoneelse');
      res = await request().post(`${P}/login/complete`).send({ loginId, address: other }).expect(400);
      assert.match(res.body.error, /another login attempt/);
      res = await request().post(`${P}/login/complete`).send({ loginId, address }).expect(200);
      assert.strictEqual(res.body.records.length, 1);
    });

    it('logging in again for a deployed account keeps its names and hosts', async function () {
      const mine = [{ ...demoDishwasher, name: 'kitchen dishwasher', host: '192.0.2.10' }];
      await loadAccount(mine);
      await useCloud([fakeApplianceFrom(demoDishwasher), fakeApplianceFrom(demoWasher)]);
      const { loginId, address } = await startLogin();
      const res = await request().post(`${P}/login/complete`).send({ loginId, address, account: ACCOUNT_ID }).expect(200);
      const dw = res.body.records.find((r: ApplianceRecord) => r.haId === demoDishwasher.haId);
      assert.strictEqual(dw.name, 'kitchen dishwasher');
      assert.strictEqual(dw.host, '192.0.2.10');
      assert.strictEqual(dw.key, demoDishwasher.key);
      const wm = res.body.records.find((r: ApplianceRecord) => r.haId === demoWasher.haId);
      assert.strictEqual(wm.host, demoWasher.haId, 'a new AES appliance gets the haId host convention');
    });

    it('one appliance whose files fail comes back as a failure, the other as a record', async function () {
      await helper.load(nodes, []);
      await useCloud([fakeApplianceFrom(demoDishwasher), fakeApplianceFrom(demoWasher, { failFiles: true })]);
      const { loginId, address } = await startLogin();
      const res = await request().post(`${P}/login/complete`).send({ loginId, address }).expect(200);
      assert.deepStrictEqual(
        res.body.records.map((r: ApplianceRecord) => r.haId),
        [demoDishwasher.haId],
      );
      assert.strictEqual(res.body.failures.length, 1);
      assert.strictEqual(res.body.failures[0].haId, demoWasher.haId);
    });

    it('cloud errors are 502 with the sentence and kind cloud: wrong region (401) and blocked (403)', async function () {
      await helper.load(nodes, []);
      await useCloud([fakeApplianceFrom(demoDishwasher)], { assetStatus: 401 });
      let { loginId, address } = await startLogin();
      let res = await request().post(`${P}/login/complete`).send({ loginId, address }).expect(502);
      assert.strictEqual(res.body.kind, 'cloud');
      assert.match(res.body.error, /region/i);
      await cloud!.close();
      await useCloud([fakeApplianceFrom(demoDishwasher)], { tokenStatus: 403 });
      ({ loginId, address } = await startLogin());
      res = await request().post(`${P}/login/complete`).send({ loginId, address }).expect(502);
      assert.strictEqual(res.body.kind, 'cloud');
      assert.ok(res.body.error.length > 10 && !res.body.error.includes('<html'), res.body.error);
    });

    it('an expired code is 502 with the expired-code sentence', async function () {
      await helper.load(nodes, []);
      await useCloud([fakeApplianceFrom(demoDishwasher)], { codeTtlMs: 0 });
      const { loginId, address } = await startLogin();
      const res = await request().post(`${P}/login/complete`).send({ loginId, address }).expect(502);
      const { EXPIRED_CODE_MESSAGE } = await import('../../src/cloud');
      assert.strictEqual(res.body.error, EXPIRED_CODE_MESSAGE);
    });
  });
});
