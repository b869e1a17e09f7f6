import * as assert from 'assert';
import { ApplianceSimulator } from '../../src/simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
import type { ApplianceRecord } from '../../src/profile/types';
import {
  ACCOUNT_ID,
  coreNode,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  startServer,
  stopServer,
  testAccount,
  waitFor,
} from '../support/node-red-helper';
import type { FlowNode, TestNode } from '../support/node-red-helper';

const helper = nodeRedHelper();
type Msg = Record<string, any>;
const H = 3_600_000;
/** Program seconds per real second: a 3 h delayed start passes in about 5 s. */
const TIME_SCALE = 2000;

function collect(node: TestNode): Msg[] {
  const got: Msg[] = [];
  node.on('input', (msg: Msg) => got.push(msg));
  return got;
}

/** Hourly prices from the current hour: expensive, except two cheap hours from +3 h. */
function series(): Array<{ start: string; price: number }> {
  const hour = Math.floor(Date.now() / H) * H;
  return Array.from({ length: 12 }, (_, i) => ({ start: new Date(hour + i * H).toISOString(), price: i === 3 || i === 4 ? 0.12 : 0.4 }));
}

/** The StartInRelative value of the last POST /ro/activeProgram the simulator received. */
function startInReceived(sim: ApplianceSimulator, uid: number): number | undefined {
  const posts = sim.received.filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST');
  const last = posts[posts.length - 1];
  const item = (last?.data as Array<{ options?: Array<{ uid: number; value: unknown }> }> | undefined)?.[0];
  const v = item?.options?.find((o) => o.uid === uid)?.value;
  return typeof v === 'number' ? v : undefined;
}

describe(`smart start node against the simulator (${nodeRedModule})`, function () {
  this.timeout(30_000);
  let sim: ApplianceSimulator;
  let record: ApplianceRecord;
  before(async () => {
    await startServer(helper);
  });
  after(async () => {
    await stopServer(helper);
  });
  beforeEach(async () => {
    const [dw] = demoRecords();
    sim = new ApplianceSimulator({ record: dw, timeScale: TIME_SCALE });
    await sim.start();
    record = { ...dw, host: sim.hostPort };
  });
  afterEach(async () => {
    await helper.unload();
    await sim.stop();
  });

  function flow(extra: Record<string, unknown> = {}): { flow: FlowNode[]; credentials: object } {
    const account = testAccount([record]);
    return {
      flow: [
        { id: 'tab', type: 'tab', label: 't' },
        account.node,
        {
          id: 'ss',
          type: 'homeconnect-local-smart-start',
          z: 'tab',
          account: ACCOUNT_ID,
          appliance: record.haId,
          program: 'Dishcare.Dishwasher.Program.Eco50',
          deadline: '10h',
          objective: 'cheapest',
          fallback: 'now',
          duration: '7200',
          wires: [['out']],
          ...extra,
        },
        { id: 'out', type: 'helper', z: 'tab' },
        { id: 'c1', type: 'catch', z: 'tab', scope: null, uncaught: false, wires: [['caught']] },
        { id: 'caught', type: 'helper', z: 'tab' },
      ],
      credentials: account.credentials,
    };
  }

  async function load(extra: Record<string, unknown> = {}): Promise<{ out: Msg[]; caught: Msg[]; ss: TestNode }> {
    const f = flow(extra);
    await helper.load([homeconnectNodes(), coreNode('common/25-catch.js')], f.flow, f.credentials);
    const ss = helper.getNode('ss');
    await waitFor(() => ss.status.calledWithMatch({ text: 'homeconnect-local.status.connected' }), 'connected', 10_000);
    return { out: collect(helper.getNode('out')), caught: collect(helper.getNode('caught')), ss };
  }

  it('arms the delayed start the plan chose (to the step): DelayedStart, then Run at the planned time', async () => {
    const { out, ss } = await load();
    helper.getNode('ss').receive({ payload: series() });
    await waitFor(() => out.length === 1, 'the plan');
    const plan = out[0].payload;
    assert.strictEqual(plan.armedWith, 'StartInRelative');
    assert.strictEqual(plan.program, 'Dishcare.Dishwasher.Program.Eco50');
    const hour = Math.floor(Date.now() / H) * H;
    assert.ok(Math.abs(Date.parse(plan.start) - (hour + 3 * H)) <= 60_000, `start ${plan.start} at the cheap hours`);
    assert.ok(plan.cost < 0.13, `cost ${plan.cost}`);
    assert.ok(plan.saving > 0.2);
    assert.strictEqual(plan.optionValue % 60, 0, 'on the option step');
    assert.ok(Math.abs(plan.optionValue - plan.startIn) <= 60);
    // the appliance received exactly that value, and waits in DelayedStart counting it down
    assert.strictEqual(startInReceived(sim, 0x22e), plan.optionValue);
    await waitFor(() => sim.getValue('BSH.Common.Status.OperationState') === 'DelayedStart', 'DelayedStart', 5000);
    const remaining = sim.getValue('BSH.Common.Option.StartInRelative') as number;
    assert.ok(remaining <= plan.optionValue && remaining > plan.optionValue - 1800, `countdown from ${plan.optionValue}: ${remaining}`);
    assert.ok(ss.status.calledWithMatch({ fill: 'green', shape: 'dot' }));
    // the test runtime's RED._ answers the key; the catalogue turns it into "starts 02:15, done 04:05, saves 23 %"
    assert.ok(ss.status.calledWithMatch({ fill: 'green', shape: 'dot', text: 'homeconnect-local.smart.status.planned-saving' }));
    await waitFor(() => sim.getValue('BSH.Common.Status.OperationState') === 'Run', 'Run after the delayed start', 20_000);
  });

  it('waits for remote start, then arms as soon as it is allowed', async () => {
    sim.setValue('BSH.Common.Status.RemoteControlStartAllowed', false);
    const { out, ss } = await load();
    helper.getNode('ss').receive({ payload: series() });
    await waitFor(() => ss.status.calledWithMatch({ text: 'homeconnect-local.smart.status.waiting-remote-start' }), 'waiting status');
    assert.strictEqual(out.length, 0);
    assert.strictEqual(startInReceived(sim, 0x22e), undefined, 'nothing sent while remote start is off');
    sim.setValue('BSH.Common.Status.RemoteControlStartAllowed', true);
    await waitFor(() => out.length === 1, 'armed after remote start was allowed');
    assert.strictEqual(startInReceived(sim, 0x22e), out[0].payload.optionValue);
  });

  it('a new series while armed keeps the plan when the appliance does not allow changing the delayed start', async () => {
    const { out } = await load();
    helper.getNode('ss').receive({ payload: series() });
    await waitFor(() => out.length === 1, 'armed');
    await waitFor(() => sim.getValue('BSH.Common.Status.OperationState') === 'DelayedStart', 'DelayedStart');
    const hour = Math.floor(Date.now() / H) * H;
    const moved = Array.from({ length: 12 }, (_, i) => ({
      start: new Date(hour + i * H).toISOString(),
      price: i === 6 || i === 7 ? 0.05 : 0.4,
    }));
    helper.getNode('ss').receive({ payload: moved });
    await waitFor(() => out.length === 2, 'second answer');
    assert.strictEqual(out[1].payload.kept, true);
    assert.match(out[1].payload.reason, /does not allow changing StartInRelative/);
    const starts = sim.received.filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST');
    assert.strictEqual(starts.length, 1, 'never a second start');
  });

  it('without a series, the fallback "deadline" finishes exactly at the deadline (on the step)', async () => {
    const { out } = await load({ fallback: 'deadline', deadline: '5h' });
    const before = Date.now();
    helper.getNode('ss').receive({ payload: [] });
    await waitFor(() => out.length === 1, 'plan');
    const plan = out[0].payload;
    assert.strictEqual(plan.fallback, 'deadline');
    assert.strictEqual(plan.cost, null);
    assert.ok(plan.optionValue >= 3 * 3600 - 120 && plan.optionValue <= 3 * 3600, `start in ~3 h: ${plan.optionValue}`);
    assert.ok(Date.parse(plan.finish) <= before + 5 * H + 1000);
    assert.strictEqual(startInReceived(sim, 0x22e), plan.optionValue);
  });

  it('errors reach a Catch node with the out node shape, and nothing is sent', async () => {
    const { out, caught } = await load();
    helper.getNode('ss').receive({ payload: { rates: [1, 2] } });
    await waitFor(() => caught.length === 1, 'caught');
    assert.match(caught[0].error.message, /unknown shape; expected/);
    assert.strictEqual(caught[0].error.cause.kind, 'validation');
    helper.getNode('ss').receive({ payload: series(), deadline: 'whenever' });
    await waitFor(() => caught.length === 2, 'caught deadline');
    assert.match(caught[1].error.message, /deadline must be a time "HH:MM"/);
    assert.strictEqual(out.length, 0);
    assert.strictEqual(sim.received.filter((m) => m.resource === '/ro/activeProgram').length, 0);
  });
});
