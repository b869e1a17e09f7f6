/**
 * Issue 13 §2 in the nodes: favourites under their user-given name (oven demo), labels in
 * English and German (Node-RED's lang setting), startAt/finishAt in the out node, derived
 * finishAt/startAt and the end-of-program completion in the in node.
 */
import * as assert from 'assert';
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
  type TestNode,
} from '../support/node-red-helper';

const helper = nodeRedHelper();
const nodes = [coreNode('common/25-catch.js'), homeconnectNodes()];
type Msg = Record<string, any>;

function demo(name: string): ApplianceRecord {
  return demoRecords().find((r) => r.name === name)!;
}

describe(`labels, favourites, absolute times and end of program in the nodes (${nodeRedModule})`, function () {
  this.timeout(20000);
  const sims = new Map<string, ApplianceSimulator>();
  const records: ApplianceRecord[] = [];

  before(async () => {
    await startServer(helper);
    for (const name of ['oven', 'dishwasher', 'dryer']) {
      const record = demo(name);
      const sim = new ApplianceSimulator({ record, timeScale: 1 });
      await sim.start();
      sims.set(name, sim);
      records.push({ ...record, host: sim.hostPort });
    }
  });
  after(async () => {
    for (const sim of sims.values()) await sim.stop();
    await stopServer(helper);
  });
  afterEach(async () => {
    await helper.unload();
    helper.settings({ lang: undefined });
  });

  function rec(name: string): ApplianceRecord {
    return records.find((r) => r.name === name)!;
  }

  /** An in node (changes, filter) and an out node with a catch, on one appliance. */
  async function flow(name: string, filter: string): Promise<{ seen: Msg[]; send(msg: Msg): Promise<{ ok?: Msg; error?: Msg }> }> {
    const r = rec(name);
    const account = testAccount(records);
    const TAB = 't1';
    const f: FlowNode[] = [
      { id: TAB, type: 'tab', label: 't' },
      account.node,
      { id: 'in1', type: 'homeconnect-local-in', z: TAB, account: ACCOUNT_ID, appliance: r.haId, output: 'changes', filter, initial: true, wires: [['h1']] },
      { id: 'h1', type: 'helper', z: TAB },
      { id: 'out1', type: 'homeconnect-local-out', z: TAB, account: ACCOUNT_ID, appliance: r.haId, allowDangerous: false, wires: [['h2']] },
      { id: 'h2', type: 'helper', z: TAB },
      { id: 'c1', type: 'catch', z: TAB, scope: ['out1'], uncaught: false, wires: [['h3']] },
      { id: 'h3', type: 'helper', z: TAB },
    ];
    await helper.load(nodes, f, account.credentials);
    const seen: Msg[] = [];
    const ok: Msg[] = [];
    const caught: Msg[] = [];
    (helper.getNode('h1') as TestNode).on('input', (m: Msg) => seen.push(m));
    (helper.getNode('h2') as TestNode).on('input', (m: Msg) => ok.push(m));
    (helper.getNode('h3') as TestNode).on('input', (m: Msg) => caught.push(m));
    const out = helper.getNode('out1');
    await waitFor(() => out.status.calledWithMatch({ text: 'homeconnect-local.status.connected' }), 'out node connected');
    return {
      seen,
      async send(msg: Msg) {
        const [g, e] = [ok.length, caught.length];
        out.receive(msg);
        await waitFor(() => ok.length > g || caught.length > e, 'result or error');
        return caught.length > e ? { error: caught[caught.length - 1] } : { ok: ok[ok.length - 1] };
      },
    };
  }

  const last = (seen: Msg[], key: string): Msg | undefined => [...seen].reverse().find((m) => m.homeconnect?.key === key);

  it('labels keys and enum values in English; keys and payloads stay machine values', async () => {
    const { seen } = await flow('dishwasher', 'DoorState, OperationState, Dishcare.Dishwasher.Setting.*');
    await waitFor(() => last(seen, 'BSH.Common.Status.DoorState') !== undefined, 'door state');
    const door = last(seen, 'BSH.Common.Status.DoorState')!;
    assert.strictEqual(door.topic, 'dishwasher/BSH.Common.Status.DoorState');
    assert.strictEqual(door.homeconnect.label, 'Door');
    assert.strictEqual(door.homeconnect.valueLabel, door.payload === 'Closed' ? 'Closed' : 'Open');
    assert.ok(['Open', 'Closed'].includes(door.payload));
    const op = last(seen, 'BSH.Common.Status.OperationState')!;
    assert.strictEqual(op.payload, 'Ready');
    assert.strictEqual(op.homeconnect.label, 'Operation state');
    assert.strictEqual(op.homeconnect.valueLabel, 'Ready');
  });

  it('labels in German with Node-RED set to de', async () => {
    helper.settings({ lang: 'de' });
    const { seen } = await flow('dishwasher', 'DoorState, OperationState, Dishcare.Dishwasher.Setting.*');
    await waitFor(() => last(seen, 'BSH.Common.Status.OperationState') !== undefined, 'operation state');
    const op = last(seen, 'BSH.Common.Status.OperationState')!;
    assert.strictEqual(op.payload, 'Ready');
    assert.strictEqual(op.homeconnect.label, 'Betriebszustand');
    assert.strictEqual(op.homeconnect.valueLabel, 'Bereit');
    const door = last(seen, 'BSH.Common.Status.DoorState')!;
    assert.strictEqual(door.homeconnect.label, 'Tür');
    const extraDry = last(seen, 'Dishcare.Dishwasher.Setting.ExtraDry')!;
    assert.strictEqual(extraDry.homeconnect.label, 'Extra trocken');
    assert.strictEqual(extraDry.homeconnect.valueLabel, extraDry.payload ? 'Ja' : 'Nein');
  });
});
