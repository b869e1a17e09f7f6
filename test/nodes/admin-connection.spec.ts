import * as http from 'http';
import * as net from 'net';
import * as assert from 'assert';
import { ADMIN_PREFIX } from '../../nodes/admin-api';
import { closedPort } from '../support/fake-cloud';
import {
  ACCOUNT_ID,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  startDemoSimulators,
  testAccount,
  useNodeRedServer,
  waitFor,
  type DemoSims,
  type FlowNode,
} from '../support/node-red-helper';

const helper = nodeRedHelper();
const nodes = homeconnectNodes();
const request = (): any => (helper as unknown as { request(): any }).request();
const P = ADMIN_PREFIX;

/** Polls an admin GET until check(body) holds. */
async function pollGet(url: string, check: (body: any) => boolean, what: string): Promise<any> {
  const start = Date.now();
  for (;;) {
    const res = await request().get(url).expect(200);
    if (check(res.body)) return res.body;
    if (Date.now() - start > 10_000) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(res.body).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every encoding a key could leak in. */
function encodings(secretText: string): string[] {
  const b = Buffer.from(secretText, 'base64url');
  return [
    b.toString('base64url'),
    b.toString('base64'),
    b.toString('base64').replace(/=+$/, ''),
    b.toString('hex'),
    b.toString('hex').toUpperCase(),
    b.toString('latin1'),
  ];
}

describe(`admin API against simulated appliances (${nodeRedModule})`, function () {
  let sims: DemoSims;
  useNodeRedServer(helper);
  beforeEach(async () => {
    sims = await startDemoSimulators();
  });
  afterEach(() => sims.stop());

  const dwIn = (): FlowNode => ({
    id: 'in1',
    type: 'homeconnect-local-in',
    account: ACCOUNT_ID,
    appliance: sims.records[0].haId,
    output: 'changes',
    filter: '',
    initial: true,
    wires: [[]],
  });

  async function deployWithDishwasherSession(): Promise<void> {
    const account = testAccount(sims.records);
    await helper.load(nodes, [account.node, dwIn()], account.credentials);
  }

  it('live view of an open session: connected, values, access and programs', async function () {
    await deployWithDishwasherSession();
    const dw = sims.records[0];
    const live = await pollGet(
      `${P}/account/${ACCOUNT_ID}/appliance/${dw.haId}/live`,
      (b) => b.state === 'connected' && Object.keys(b.values).length > 0,
      'the dishwasher session',
    );
    assert.ok('BSH.Common.Status.DoorState' in live.values, Object.keys(live.values).join());
    assert.strictEqual(typeof live.values['BSH.Common.Status.DoorState'], 'string', 'user values (enum member names)');
    assert.ok(live.programs['Dishcare.Dishwasher.Program.Eco50'], 'programs listed');
    assert.strictEqual(live.programs['Dishcare.Dishwasher.Program.MachineCare'].available, false);
    const settings = Object.entries(live.features).filter(([k]) => k.includes('.Setting.'));
    assert.ok(settings.length > 0 && settings.every(([, f]: [string, any]) => typeof f.access === 'string'));
    // the washer has no session
    const washer = await request().get(`${P}/account/${ACCOUNT_ID}/appliance/${sims.records[1].haId}/live`).expect(200);
    assert.strictEqual(washer.body.state, 'disconnected');
  });

  it('diagnostics: history, traffic and profile summary per appliance, with no key or iv in any encoding', async function () {
    await deployWithDishwasherSession();
    const dw = sims.records[0];
    await pollGet(`${P}/account/${ACCOUNT_ID}/appliance/${dw.haId}/live`, (b) => b.state === 'connected', 'connected');
    const res = await request().get(`${P}/account/${ACCOUNT_ID}/diagnostics`).expect(200);
    const d = res.body;
    assert.deepStrictEqual(d.account, { id: ACCOUNT_ID, name: 'test account', region: 'EU' });
    assert.strictEqual(d.appliances.length, 2);
    const a = d.appliances.find((x: { haId: string }) => x.haId === dw.haId);
    assert.strictEqual(a.state, 'connected');
    assert.strictEqual(a.host, dw.host);
    assert.ok(a.history.some((h: { state: string }) => h.state === 'connected'));
    assert.ok(a.traffic.some((t: { direction: string }) => t.direction === 'in'));
    assert.ok(a.traffic.some((t: { direction: string }) => t.direction === 'out'));
    assert.ok(a.traffic.length <= 100);
    // Readable times (ISO 8601), not epoch milliseconds.
    for (const entry of [...a.history, ...a.traffic]) assert.match(entry.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, String(entry.at));
    assert.strictEqual(a.profile.description.type, 'Dishwasher');
    assert.ok(a.profile.counts.programs > 0);
    const w = d.appliances.find((x: { haId: string }) => x.haId === sims.records[1].haId);
    assert.strictEqual(w.state, 'disconnected');
    assert.deepStrictEqual(w.history, []);
    assert.strictEqual(w.profile.description.type, 'Washer');

    const text = res.text as string;
    for (const r of sims.records) {
      for (const secret of [r.key, r.iv].filter((s): s is string => typeof s === 'string')) {
        for (const enc of encodings(secret)) {
          assert.ok(!text.includes(enc) && !text.toLowerCase().includes(enc.toLowerCase()), `diagnostics leak ${enc.slice(0, 6)}…`);
        }
      }
    }
  });

  it('test-connection with the settings on screen (not deployed): ok with the appliance info', async function () {
    await helper.load(nodes, []);
    const dw = sims.records[0];
    const res = await request()
      .post(`${P}/test-connection`)
      .send({
        host: dw.host,
        connectionType: 'TLS',
        key: dw.key,
        deviceDescription: dw.deviceDescription,
        featureMapping: dw.featureMapping,
      })
      .expect(200);
    assert.strictEqual(res.body.ok, true, JSON.stringify(res.body));
    assert.strictEqual(res.body.state, 'connected');
    assert.strictEqual(res.body.info.model, dw.vib);
    assert.strictEqual(res.body.info.brand, dw.brand);
    assert.match(res.body.info.swVersion, /^\d+\.\d+/);
    assert.strictEqual(typeof res.body.ms, 'number');
    assert.ok(!res.text.includes(dw.key));
    // the test connection is closed again (the simulator notices the close shortly after)
    await waitFor(() => sims.dishwasher.activeConnections === 0, 'the test connection to close');
  });

  it('test-connection for a deployed AES appliance takes key, iv and profile from the account', async function () {
    const account = testAccount(sims.records);
    await helper.load(nodes, [account.node], account.credentials);
    const wm = sims.records[1];
    const res = await request().post(`${P}/test-connection`).send({ account: ACCOUNT_ID, haId: wm.haId, host: wm.host }).expect(200);
    assert.strictEqual(res.body.ok, true, JSON.stringify(res.body));
    assert.strictEqual(res.body.info.model, wm.vib);
    assert.ok(!res.text.includes(wm.key) && !res.text.includes(wm.iv!));
  });

  it('test-connection while the shared session is connected answers from it without a second connection', async function () {
    await deployWithDishwasherSession();
    const dw = sims.records[0];
    await pollGet(`${P}/account/${ACCOUNT_ID}/appliance/${dw.haId}/live`, (b) => b.state === 'connected', 'connected');
    const before = sims.dishwasher.connectionCount;
    const res = await request().post(`${P}/test-connection`).send({ account: ACCOUNT_ID, haId: dw.haId, host: dw.host }).expect(200);
    assert.strictEqual(res.body.ok, true);
    assert.strictEqual(res.body.shared, true);
    assert.strictEqual(res.body.ms, undefined, 'no connect time for an answer from the open session');
    assert.strictEqual(res.body.info.model, dw.vib);
    assert.strictEqual(sims.dishwasher.connectionCount, before);
  });

  it('test-connection is no port scanner: other hosts get one of three answers, never a raw socket error', async function () {
    await helper.load(nodes, []);
    const servers: Array<net.Server> = [];
    const listen = async (server: net.Server): Promise<string> => {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
      return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    };
    try {
      const hosts = {
        closed: `127.0.0.1:${await closedPort()}`,
        http: await listen(http.createServer((_req, res) => res.end('hello'))),
        ssh: await listen(net.createServer((s) => s.end('SSH-2.0-OpenSSH_9.6\r\n'))),
        reset: await listen(net.createServer((s) => s.resetAndDestroy())),
      };
      for (const r of sims.records) {
        for (const [what, host] of Object.entries(hosts)) {
          const body = {
            host,
            connectionType: r.connectionType,
            key: r.key,
            ...(r.iv ? { iv: r.iv } : {}),
            deviceDescription: r.deviceDescription,
            featureMapping: r.featureMapping,
          };
          const res = await request().post(`${P}/test-connection`).send(body).expect(200);
          assert.strictEqual(res.body.ok, false, what);
          assert.ok(['not a Home Connect appliance', 'unreachable'].includes(res.body.answer), `${what}: ${res.text}`);
          assert.doesNotMatch(
            res.body.reason,
            /ECONN|EPIPE|socket|hang up|SSH|hello|wrong version|HTTP\/|Parse Error|status code/i,
            `${what}: ${res.body.reason}`,
          );
          if (what === 'closed') assert.strictEqual(res.body.answer, 'unreachable', res.text);
          if (what === 'http') assert.strictEqual(res.body.answer, 'not a Home Connect appliance', `${r.connectionType}: ${res.text}`);
        }
      }
    } finally {
      for (const s of servers) s.close();
    }
  });

  it('test-connection failures: nothing listening is offline, a wrong key is auth-failed, HTTP 404 asks for a power cycle', async function () {
    await helper.load(nodes, []);
    const dw = sims.records[0];
    const wm = sims.records[1];
    const onScreen = (r: typeof dw, extra: Record<string, unknown> = {}) => ({
      host: r.host,
      connectionType: r.connectionType,
      key: r.key,
      ...(r.iv ? { iv: r.iv } : {}),
      deviceDescription: r.deviceDescription,
      featureMapping: r.featureMapping,
      ...extra,
    });
    const wrongKey = Buffer.alloc(32, 7).toString('base64url');

    let res = await request()
      .post(`${P}/test-connection`)
      .send(onScreen(dw, { host: `127.0.0.1:${await closedPort()}` }))
      .expect(200);
    assert.strictEqual(res.body.ok, false);
    assert.strictEqual(res.body.kind, 'offline', JSON.stringify(res.body));
    assert.strictEqual(res.body.answer, 'unreachable');
    assert.match(res.body.reason, /^No Home Connect appliance is reachable at 127\.0\.0\.1:\d+\.$/);

    for (const r of [dw, wm]) {
      res = await request()
        .post(`${P}/test-connection`)
        .send(onScreen(r, { key: wrongKey }))
        .expect(200);
      assert.strictEqual(res.body.ok, false, r.connectionType);
      assert.strictEqual(res.body.kind, 'auth-failed', `${r.connectionType}: ${JSON.stringify(res.body)}`);
      assert.ok(!res.text.includes(wrongKey));
    }

    sims.washer.faults.rejectUpgrade(404);
    res = await request().post(`${P}/test-connection`).send(onScreen(wm)).expect(200);
    assert.strictEqual(res.body.ok, false);
    assert.match(res.body.reason, /power[- ]cycl/);
    assert.match(res.body.reason, /404/);
  });
});
