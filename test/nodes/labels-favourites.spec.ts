/**
 * Issue 13 §2 in the nodes: favourites under their user-given name (oven demo), labels in
 * English and German (Node-RED's lang setting), startAt/finishAt in the out node, derived
 * finishAt/startAt and the end-of-program completion in the in node.
 */
import * as assert from 'assert';
import { ADMIN_PREFIX } from '../../nodes/admin-api';
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

const helper = nodeRedHelper();
const request = (): any => (helper as unknown as { request(): any }).request();
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
  async function flow(name: string, filter: string): Promise<{ seen: Msg[]; send: (msg: Msg) => Promise<{ ok?: Msg; error?: Msg }> }> {
    const r = rec(name);
    const account = testAccount(records);
    const TAB = 't1';
    const f: FlowNode[] = [
      { id: TAB, type: 'tab', label: 't' },
      account.node,
      {
        id: 'in1',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: r.haId,
        output: 'changes',
        filter,
        initial: true,
        wires: [['h1']],
      },
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
    helper.getNode('h1').on('input', (m: Msg) => seen.push(m));
    helper.getNode('h2').on('input', (m: Msg) => ok.push(m));
    helper.getNode('h3').on('input', (m: Msg) => caught.push(m));
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

  /** Options (uid → value) of the last program POST the simulator received. */
  function lastStartOptions(sim: ApplianceSimulator): Map<number, unknown> {
    const posts = sim.received.filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST');
    const data = (posts[posts.length - 1]?.data?.[0] ?? {}) as { options?: Array<{ uid: number; value: unknown }> };
    return new Map((data.options ?? []).map((o) => [o.uid, o.value]));
  }

  it('oven favourites: shown under their name, selected by it; an unavailable favourite is refused by name', async () => {
    const sim = sims.get('oven')!;
    const { seen, send } = await flow('oven', 'Favorite.*.Name, BSH.Common.Root.SelectedProgram');
    await waitFor(() => last(seen, 'BSH.Common.Setting.Favorite.001.Name') !== undefined, 'favourite name');
    const sel = await send({ payload: { program: 'sunday roast ', action: 'select' } });
    assert.strictEqual(sel.ok?.payload.ok, true, JSON.stringify(sel.error?.error));
    await waitFor(() => sim.getValue('BSH.Common.Root.SelectedProgram') === 'BSH.Common.Program.Favorite.001', 'favourite selected');
    await waitFor(() => last(seen, 'BSH.Common.Root.SelectedProgram')?.payload === 'BSH.Common.Program.Favorite.001', 'selection reported');
    const msg = last(seen, 'BSH.Common.Root.SelectedProgram')!;
    // the key stays the payload; the name is the label
    assert.strictEqual(msg.homeconnect.valueLabel, 'Sunday roast');
    assert.strictEqual(msg.homeconnect.label, 'Selected program');

    sim.setValue('BSH.Common.Setting.Favorite.002.Name', 'Pizza night');
    await waitFor(() => last(seen, 'BSH.Common.Setting.Favorite.002.Name')?.payload === 'Pizza night', 'second name');
    const posts = sim.received.filter((m) => m.resource === '/ro/selectedProgram').length;
    const refused = await send({ payload: { program: 'Pizza night', action: 'select' } });
    assert.match(
      String(refused.error?.error?.message),
      /favourite "Pizza night" \(BSH\.Common\.Program\.Favorite\.002\) is reported unavailable/,
    );
    assert.strictEqual(sim.received.filter((m) => m.resource === '/ro/selectedProgram').length, posts, 'nothing sent');

    // The editor's pickers: labels in the asked language, favourites by name, unavailable marked.
    const base = `${ADMIN_PREFIX}/account/${ACCOUNT_ID}/appliance/${rec('oven').haId}`;
    const view = (await request().get(`${base}/profile?lang=de`).expect(200)).body;
    const program = (key: string) => view.programs.find((p: Msg) => p.key === key);
    assert.deepStrictEqual(
      [program('BSH.Common.Program.Favorite.001').label, program('BSH.Common.Program.Favorite.001').favouriteName],
      ['Sunday roast', 'Sunday roast'],
    );
    assert.strictEqual(program('BSH.Common.Program.Favorite.002').label, 'Pizza night');
    assert.strictEqual(program('BSH.Common.Program.Favorite.002').available, false);
    assert.strictEqual(program('Cooking.Oven.Program.HeatingMode.HotAir').label, 'Heißluft');
    assert.strictEqual(view.settings.find((f: Msg) => f.key === 'Cooking.Oven.Setting.SabbathMode').label, 'Sabbatmodus');
    const live = (await request().get(`${base}/live`).expect(200)).body;
    assert.deepStrictEqual(live.favourites, [
      { key: 'BSH.Common.Program.Favorite.001', name: 'Sunday roast', available: true },
      { key: 'BSH.Common.Program.Favorite.002', name: 'Pizza night', available: false },
    ]);
  });

  it("out node finishAt (ISO) becomes the dryer's FinishInRelative, rounded up to its step; startAt HH:MM the dishwasher's StartInRelative", async () => {
    const dryer = sims.get('dryer')!;
    let f = await flow('dryer', 'RemainingProgramTime');
    const finishAt = new Date(Date.now() + 4 * 3600_000 + 30_000).toISOString();
    const r = await f.send({ payload: { program: 'LaundryCare.Dryer.Program.Mix', finishAt } });
    assert.strictEqual(r.ok?.payload.ok, true, JSON.stringify(r.error?.error));
    const finishIn = lastStartOptions(dryer).get(0x0227) as number;
    assert.strictEqual(finishIn % 60, 0, `step 60: ${finishIn}`);
    assert.ok(finishIn >= 4 * 3600 + 30 - 2 && finishIn <= 4 * 3600 + 30 + 60, String(finishIn));
    await helper.unload();

    const dishwasher = sims.get('dishwasher')!;
    f = await flow('dishwasher', 'StartInRelative');
    const at = new Date(Date.now() + 2 * 3600_000);
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    const s = await f.send({ payload: { program: 'Dishcare.Dishwasher.Program.Eco50', startAt: hhmm } });
    assert.strictEqual(s.ok?.payload.ok, true, JSON.stringify(s.error?.error));
    const startIn = lastStartOptions(dishwasher).get(0x022e) as number;
    assert.strictEqual(startIn % 60, 0);
    assert.ok(startIn > 2 * 3600 - 120 && startIn <= 2 * 3600, String(startIn));
    const bad = await f.send({ payload: { program: 'Dishcare.Dishwasher.Program.Eco50', startAt: 'tomorrow', action: 'start' } });
    assert.match(String(bad.error?.error?.message), /"startAt" must be an ISO date-time or "HH:MM"/);
    await f.send({ payload: { action: 'stop' } });
  });

  it('in node: derived finishAt/startAt with countdowns, and the end-of-program completion marked derived', async () => {
    const sim = sims.get('dishwasher')!;
    const { seen } = await flow('dishwasher', 'RemainingProgramTime, ProgramProgress, OperationState, StartInRelative');
    await waitFor(() => last(seen, 'BSH.Common.Status.OperationState') !== undefined, 'initial state');
    const before = Date.now();
    sim.setValue('BSH.Common.Status.OperationState', 'Run');
    sim.setValue('BSH.Common.Option.RemainingProgramTime', 1200);
    sim.setValue('BSH.Common.Option.ProgramProgress', 40);
    sim.setValue('BSH.Common.Option.StartInRelative', 600);
    await waitFor(() => last(seen, 'BSH.Common.Option.StartInRelative')?.payload === 600, 'countdowns');
    const remaining = last(seen, 'BSH.Common.Option.RemainingProgramTime')!;
    const finishAt = Date.parse(remaining.homeconnect.finishAt);
    assert.ok(finishAt >= before + 1200_000 && finishAt <= Date.now() + 1200_000, remaining.homeconnect.finishAt);
    const startAt = Date.parse(last(seen, 'BSH.Common.Option.StartInRelative')!.homeconnect.startAt);
    assert.ok(startAt >= before + 600_000 && startAt <= Date.now() + 600_000);
    assert.strictEqual(remaining.homeconnect.derived, undefined);

    const count = seen.length;
    sim.setValue('BSH.Common.Status.OperationState', 'Finished');
    await waitFor(() => seen.slice(count).some((m) => m.homeconnect?.derived), 'completion');
    const derived = seen.slice(count).filter((m) => m.homeconnect?.derived === true);
    assert.deepStrictEqual(derived.map((m) => [m.topic, m.payload, m.homeconnect.previous]).sort(), [
      ['dishwasher/BSH.Common.Option.ProgramProgress', 100, 40],
      ['dishwasher/BSH.Common.Option.RemainingProgramTime', 0, 1200],
    ]);
    // the appliance's own values are untouched: the completion lives only in the output
    assert.strictEqual(sim.getValue('BSH.Common.Option.RemainingProgramTime'), 1200);
    sim.setValue('BSH.Common.Status.OperationState', 'Ready');
  });
});
