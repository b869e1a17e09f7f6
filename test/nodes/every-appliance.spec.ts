import * as assert from 'assert';
import { parseKeyFilter } from '../../nodes/key-filter';
import { profileFromRecord } from '../../src/profile';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoRecords } from '../../src/simulator/demo-profiles';
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
  type FlowNode,
} from '../support/node-red-helper';
import { rawProfilePairs } from '../support/paths';
import { realRecord } from '../support/raw-client';

const helper = nodeRedHelper();
const nodes = [coreNode('common/25-catch.js'), homeconnectNodes()];
type Msg = Record<string, any>;

interface Case {
  /** In-node filter and one key it must deliver in the initial state. */
  filter: string;
  initialKey: string;
  /** Out-node message that writes something, and the key/value to find on the simulator. */
  write: Msg;
  check: [string, unknown];
  /** Out-node start message, or the refusal sentence expected from the library. */
  start?: Msg;
  refusal?: RegExp;
  /** The program the refused start names (default: the first program). */
  program?: string;
}

const DEMO: Record<string, Case> = {
  dishwasher: {
    filter: 'DoorState',
    initialKey: 'BSH.Common.Status.DoorState',
    write: { payload: { ExtraDry: true } },
    check: ['Dishcare.Dishwasher.Setting.ExtraDry', true],
    start: { payload: { program: 'Dishcare.Dishwasher.Program.Eco50', action: 'start' } },
  },
  washer: {
    filter: 'LaundryCare.*',
    initialKey: 'LaundryCare.Common.Setting.SignalVolume',
    write: { topic: 'SignalVolume', payload: 'High' },
    check: ['LaundryCare.Common.Setting.SignalVolume', 'High'],
    start: { payload: { program: 'LaundryCare.Washer.Program.Cotton', options: { Temperature: 'GC30' } } },
  },
  oven: {
    filter: 'Cavity.001.*, Favorite.*.Name',
    initialKey: 'Cooking.Oven.Status.Cavity.001.CurrentTemperature',
    write: { payload: { 'Favorite.001.Name': 'Sunday bread' } },
    check: ['BSH.Common.Setting.Favorite.001.Name', 'Sunday bread'],
    start: {
      payload: { program: 'Cooking.Oven.Program.HeatingMode.TopBottomHeating', options: { SetpointTemperature: 220, Duration: 3600 } },
    },
  },
  hob: {
    filter: 'Zone.*.PowerLevel',
    initialKey: 'Cooking.Hob.Status.Zone.100.PowerLevel',
    write: { topic: 'AlarmClock', payload: 600 },
    check: ['BSH.Common.Setting.AlarmClock', 600],
    refusal: /hob \(HCLOCAL-DEMOEX1-000000000004\) does not allow remote starts: .*Nothing was sent\.$/,
  },
  hood: {
    filter: 'Cooking.Common.*',
    initialKey: 'Cooking.Common.Setting.Lighting',
    write: { payload: { Lighting: true, LightingBrightness: 60 } },
    check: ['Cooking.Common.Setting.LightingBrightness', 60],
    start: { payload: { program: 'Cooking.Common.Program.Hood.Venting', options: { VentingLevel: 'FanStage04' } } },
  },
  fridge: {
    filter: 'Refrigeration.FridgeFreezer.Setting.*',
    initialKey: 'Refrigeration.FridgeFreezer.Setting.SetpointTemperatureRefrigerator',
    write: { payload: { SetpointTemperatureRefrigerator: 6, SuperModeFreezer: true } },
    check: ['Refrigeration.FridgeFreezer.Setting.SetpointTemperatureRefrigerator', 6],
    refusal: /fridge \(HCLOCAL-DEMOKG1-000000000006\) does not allow remote starts: it has no programs/,
  },
  dryer: {
    filter: 'LaundryCare.Dryer.*',
    initialKey: 'LaundryCare.Dryer.Option.DryingTarget',
    write: { payload: { ChildLock: true } },
    check: ['BSH.Common.Setting.ChildLock', true],
    start: { payload: { program: 'LaundryCare.Dryer.Program.Mix', options: { DryingTarget: 'IronDry' }, finishIn: 4 * 3600 } },
  },
  coffee: {
    filter: 'ConsumerProducts.CoffeeMaker.Status.BeverageCounter*',
    initialKey: 'ConsumerProducts.CoffeeMaker.Status.BeverageCounterCoffee',
    write: { payload: { CupWarmer: true } },
    check: ['ConsumerProducts.CoffeeMaker.Setting.CupWarmer', true],
    start: {
      payload: { program: 'ConsumerProducts.CoffeeMaker.Program.Beverage.Cappuccino', options: { FillQuantity: 200, BeanAmount: 'Mild' } },
    },
  },
};

/** The same cycle for a real profile, derived from what it offers. */
function realCase(record: ApplianceRecord): Case {
  const p = profileFromRecord(record);
  const setting = p
    .settings()
    .find(
      (f) =>
        (f.access === 'readWrite' || f.access === 'writeOnly') &&
        f.available !== false &&
        f.protocolType === 'Boolean' &&
        !/wifi|reset/i.test(f.key),
    )!;
  const initial = p.statuses().find((f) => f.key.startsWith('BSH.Common.Status.'))!;
  const startable = p.programs().filter((x) => x.execution !== 'none' && x.execution !== 'selectOnly');
  const program = startable.find((x) => x.available !== false) ?? startable[0];
  const rootWritable = p.roots.activeProgram?.access === 'readWrite';
  return {
    filter: 'BSH.Common.Status.*',
    initialKey: initial.key,
    write: { topic: setting.key, payload: true },
    check: [setting.key, true],
    ...(rootWritable
      ? { start: { payload: { program: program.key, action: 'start' } } }
      : { refusal: /does not accept a request to start a program right now/, program: program.key }),
  };
}

describe(`every appliance type in the in and out nodes (${nodeRedModule})`, function () {
  this.timeout(20000);
  const sims = new Map<string, ApplianceSimulator>();
  const records: ApplianceRecord[] = [];
  const cases = new Map<string, Case>();

  before(async () => {
    await startServer(helper);
    const all = [
      ...demoRecords().map((r) => ({ record: r, c: DEMO[r.name] })),
      ...rawProfilePairs().map((pair, i) => {
        const r = realRecord(pair.name, i % 2 === 0 ? 'AES' : 'TLS');
        return { record: r, c: realCase(r) };
      }),
    ];
    for (const { record, c } of all) {
      const sim = new ApplianceSimulator({ record, timeScale: 1 });
      await sim.start();
      sims.set(record.haId, sim);
      records.push({ ...record, host: sim.hostPort });
      cases.set(record.haId, c);
    }
  });
  after(async () => {
    for (const sim of sims.values()) await sim.stop();
    await stopServer(helper);
  });
  afterEach(() => helper.unload());

  const names = [
    ...demoRecords().map((r) => `demo ${r.name} (${r.type}, ${r.connectionType})`),
    ...rawProfilePairs().map((p) => `real ${p.name}`),
  ];
  names.forEach((label, index) => {
    it(`${label}: in node initial state through its filter, out node write, ${index < 8 && DEMO[demoRecords()[index].name].refusal ? 'start refused locally' : 'start or refusal'}`, async () => {
      const rec = records[index];
      const sim = sims.get(rec.haId)!;
      const c = cases.get(rec.haId)!;
      const account = testAccount(records);
      const TAB = 't1';
      const flow: FlowNode[] = [
        { id: TAB, type: 'tab', label: 't' },
        account.node,
        {
          id: 'in1',
          type: 'homeconnect-local-in',
          z: TAB,
          account: ACCOUNT_ID,
          appliance: rec.haId,
          output: 'changes',
          filter: c.filter,
          initial: true,
          wires: [['h1']],
        },
        { id: 'h1', type: 'helper', z: TAB },
        {
          id: 'out1',
          type: 'homeconnect-local-out',
          z: TAB,
          account: ACCOUNT_ID,
          appliance: rec.haId,
          allowDangerous: false,
          wires: [['h2']],
        },
        { id: 'h2', type: 'helper', z: TAB },
        { id: 'c1', type: 'catch', z: TAB, scope: ['out1'], uncaught: false, wires: [['h3']] },
        { id: 'h3', type: 'helper', z: TAB },
      ];
      await helper.load(nodes, flow, account.credentials);
      const seen: Msg[] = [];
      const ok: Msg[] = [];
      const caught: Msg[] = [];
      helper.getNode('h1').on('input', (m: Msg) => seen.push(m));
      helper.getNode('h2').on('input', (m: Msg) => ok.push(m));
      helper.getNode('h3').on('input', (m: Msg) => caught.push(m));

      // In node: the initial state arrives through the filter, and nothing outside it.
      await waitFor(() => seen.some((m) => m.topic === `${rec.name}/${c.initialKey}`), `initial ${c.initialKey}`);
      const filter = parseKeyFilter(c.filter);
      for (const m of seen) if (m.homeconnect?.key) assert.ok(filter(m.homeconnect.key), `${m.homeconnect.key} passes ${c.filter}`);

      const out = helper.getNode('out1');
      await waitFor(() => out.status.calledWithMatch({ text: 'homeconnect-local.status.connected' }), 'out node connected');
      const send = async (msg: Msg): Promise<{ ok?: Msg; error?: Msg }> => {
        const [g, e] = [ok.length, caught.length];
        out.receive(msg);
        await waitFor(() => ok.length > g || caught.length > e, 'result or error');
        return caught.length > e ? { error: caught[caught.length - 1] } : { ok: ok[ok.length - 1] };
      };

      const w = await send(c.write);
      assert.strictEqual(w.ok?.payload.ok, true, JSON.stringify(w.error?.error));
      await waitFor(() => sim.getValue(c.check[0]) === c.check[1], `${c.check[0]} written`);

      const posted = () => sim.received.filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST').length;
      const before = posted();
      if (c.start) {
        const s = await send(c.start);
        assert.strictEqual(s.ok?.payload.ok, true, JSON.stringify(s.error?.error));
        await waitFor(() => sim.getValue('BSH.Common.Status.OperationState') !== 'Ready', 'program started');
        assert.strictEqual(posted(), before + 1);
        await send({ payload: { action: 'stop' } });
        await waitFor(() => sim.programPhase === 'idle', 'stopped');
      } else {
        const program = c.program ?? profileFromRecord(rec).programs()[0]?.key ?? 'Anything';
        const s = await send({ payload: { program, action: 'start' } });
        assert.ok(s.error, 'refused');
        assert.match(s.error.error.message, c.refusal!);
        assert.strictEqual(posted(), before, 'nothing sent');
      }
    });
  });
});
