import * as assert from 'assert';
import {
  ACCOUNT_ID,
  coreNode,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  testAccount,
  useServerWithDemoSimulators,
  waitFor,
} from '../support/node-red-helper';
import type { FlowNode, TestNode } from '../support/node-red-helper';

const helper = nodeRedHelper();
const nodes = [homeconnectNodes()];

type Msg = Record<string, any>;

describe(`out node start paths (${nodeRedModule})`, function () {
  const sims = useServerWithDemoSimulators(helper);
  const TAB = 'tab1';

  afterEach(async () => {
    sims.dishwasher.quirks.set({});
  });

  async function deploy(): Promise<{ out1: TestNode; out2: TestNode; got: Msg[]; caught: Msg[] }> {
    const account = testAccount(sims.records);
    const haId = sims.records[0].haId;
    const flow: FlowNode[] = [
      { id: TAB, type: 'tab', label: 't' },
      account.node,
      { id: 'out1', type: 'homeconnect-local-out', z: TAB, account: ACCOUNT_ID, appliance: haId, wires: [['h1']] },
      { id: 'out2', type: 'homeconnect-local-out', z: TAB, account: ACCOUNT_ID, appliance: haId, wires: [['h1']] },
      { id: 'h1', type: 'helper', z: TAB },
      { id: 'c1', type: 'catch', z: TAB, scope: null, uncaught: false, wires: [['h2']] },
      { id: 'h2', type: 'helper', z: TAB },
    ];
    await helper.load([coreNode('common/25-catch.js'), ...nodes], flow, account.credentials);
    const got: Msg[] = [];
    const caught: Msg[] = [];
    helper.getNode('h1').on('input', (m: Msg) => got.push(m));
    helper.getNode('h2').on('input', (m: Msg) => caught.push(m));
    const out1 = helper.getNode('out1');
    const out2 = helper.getNode('out2');
    await waitFor(() => out1.status.calledWithMatch({ text: 'homeconnect-local.status.connected' }), 'connected');
    return { out1, out2, got, caught };
  }

  it('msg.payload.startPath names the path that worked; the account tries it first next time, from any out node', async function () {
    const sim = sims.dishwasher;
    await waitFor(() => sim.programPhase === 'idle', 'idle dishwasher');
    sim.quirks.set({ refuseStartWithOptions: 400 });
    const { out1, out2, got, caught } = await deploy();
    const payload = { program: 'Dishcare.Dishwasher.Program.Eco50', options: { 'Dishcare.Dishwasher.Option.IntensivZone': true } };

    out1.receive({ payload });
    await waitFor(() => got.length + caught.length > 0, 'first start');
    assert.strictEqual(caught.length, 0, JSON.stringify(caught[0]?.error));
    assert.strictEqual(got[0].payload.ok, true);
    assert.strictEqual(got[0].payload.startPath, 'select-then-start');
    assert.deepStrictEqual(
      got[0].payload.refused.map((r: Msg) => [r.startPath, r.code]),
      [['direct', 400]],
    );

    out1.receive({ payload: { action: 'stop' } });
    await waitFor(() => got.length === 2 && sim.programPhase === 'idle', 'stopped');

    const n = sim.received.length;
    out2.receive({ payload });
    await waitFor(() => got.length + caught.length > 2, 'second start');
    assert.strictEqual(caught.length, 0, JSON.stringify(caught[0]?.error));
    assert.strictEqual(got[2].payload.startPath, 'select-then-start');
    assert.strictEqual(got[2].payload.refused, undefined, 'the remembered path went first: nothing refused');
    const posts = sim.received
      .slice(n)
      .filter((m) => m.action === 'POST')
      .map((m) => m.resource);
    assert.deepStrictEqual(posts, ['/ro/selectedProgram', '/ro/activeProgram']);

    out2.receive({ payload: { action: 'stop' } });
    await waitFor(() => got.length === 4 && sim.programPhase === 'idle', 'stopped again');
  });
});
