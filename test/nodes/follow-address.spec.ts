import * as assert from 'assert';
import { ApplianceSimulator } from '../../src/simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
import {
  ACCOUNT_ID,
  TEST_TIMING,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  startServer,
  stopServer,
  testAccount,
  waitFor,
} from '../support/node-red-helper';

const helper = nodeRedHelper();
/** Loopback only, on a port of this run's own (another test run on the machine must not answer). */
const MDNS = { interface: '127.0.0.1', port: 20_000 + Math.floor(Math.random() * 20_000) };
type Msg = Record<string, any>;

describe(`account follows a moved appliance (${nodeRedModule}, mDNS on loopback)`, function () {
  this.timeout(30_000);
  let sim: ApplianceSimulator;
  before(async () => {
    // Address lookups ask on the loopback interface only; an offline appliance is looked up after 300 ms.
    helper.settings({
      homeconnectLocalAccountTiming: { ...TEST_TIMING, followAfterMs: 300 },
      homeconnectLocalDiscovery: { ...MDNS, timeoutMs: 1500 },
    });
    await startServer(helper);
  });
  after(async () => {
    await stopServer(helper);
    nodeRedHelper(); // back to the shared settings
  });
  beforeEach(async () => {
    sim = new ApplianceSimulator({ record: demoRecords()[0], advertise: MDNS });
    await sim.start();
  });
  afterEach(async () => {
    await helper.unload();
    await sim.stop();
  });

  async function deploy(entryExtra: Record<string, unknown>): Promise<Msg[]> {
    const record = { ...sim.record, host: `127.0.0.1:${sim.port}` };
    const account = testAccount([record]);
    const appliances = (account.node.appliances as Array<Record<string, unknown>>).map((a) => ({ ...a, ...entryExtra }));
    await helper.load(
      homeconnectNodes(),
      [
        { id: 't', type: 'tab', label: 't' },
        { ...account.node, appliances },
        {
          id: 'in1',
          type: 'homeconnect-local-in',
          z: 't',
          account: ACCOUNT_ID,
          appliance: record.haId,
          output: 'changes',
          filter: '',
          initial: false,
          wires: [['h']],
        },
        { id: 'h', type: 'helper', z: 't' },
      ],
      account.credentials,
    );
    const got: Msg[] = [];
    helper.getNode('h').on('input', (m: Msg) => got.push(m));
    return got;
  }

  const connections = (got: Msg[]) => got.filter((m) => m.topic.endsWith('/connection'));

  it('an appliance marked "follow" is found at its new port and reconnects without a redeploy', async () => {
    const got = await deploy({ follow: true });
    await waitFor(() => connections(got).some((m) => m.payload === 'connected'), 'connected', 10_000);
    await sim.moveTo({ port: 0 });
    await waitFor(() => connections(got).filter((m) => m.payload === 'connected').length === 2, 'reconnected at the new port', 15_000);
    const reasons = connections(got).map((m) => `${m.payload}:${m.homeconnect.reason ?? ''}`);
    assert.ok(
      reasons.some((r) => r === `connecting:address changed to 127.0.0.1:${sim.port}`),
      reasons.join(' | '),
    );
    assert.ok(
      helper
        .log()
        .args.some((a) => /address changed to 127\.0\.0\.1:\d+ \(was 127\.0\.0\.1:\d+\)/.test(String((a[0] as { msg?: unknown }).msg))),
      'said once in the log',
    );
  });

  it("GET /homeconnect-local/discover lists what answered (the editor's Find appliances), or a hint", async () => {
    await deploy({});
    const request = () => (helper as unknown as { request(): any }).request();
    const res = await request().get('/homeconnect-local/discover').expect(200);
    const mine = res.body.found.find((a: Msg) => a.haId === sim.record.haId);
    assert.ok(mine, JSON.stringify(res.body));
    assert.deepStrictEqual([mine.host, mine.port, mine.transport, mine.hostPort], ['127.0.0.1', sim.port, 'tls', `127.0.0.1:${sim.port}`]);
    await sim.stop();
    const none = await request().get('/homeconnect-local/discover').expect(200);
    assert.deepStrictEqual(none.body.found, []);
    assert.match(none.body.hint, /no mDNS answers on 127\.0\.0\.1 .*container without host networking/);
  });

  it('a host the user typed stays pinned: no lookup, the appliance stays offline', async () => {
    const got = await deploy({});
    await waitFor(() => connections(got).some((m) => m.payload === 'connected'), 'connected', 10_000);
    await sim.moveTo({ port: 0 });
    await waitFor(() => connections(got).some((m) => m.payload === 'offline'), 'offline');
    await new Promise((r) => setTimeout(r, 1500));
    assert.strictEqual(connections(got).filter((m) => m.payload === 'connected').length, 1);
    assert.strictEqual(sim.connectionCount, 1, 'nobody connected to the new port');
  });
});
