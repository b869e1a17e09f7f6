import * as assert from 'assert';
import {
  ACCOUNT_ID,
  activeResources,
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

function collect(node: TestNode): Msg[] {
  const got: Msg[] = [];
  node.on('input', (msg: Msg) => got.push(msg));
  return got;
}

describe(`nodes against the simulator (${nodeRedModule})`, function () {
  const sims = useServerWithDemoSimulators(helper);

  const TAB = 'tab1';
  function flowFor(extra: FlowNode[]): { flow: FlowNode[]; credentials: object } {
    const account = testAccount(sims.records);
    return { flow: [{ id: TAB, type: 'tab', label: 't' }, account.node, ...extra], credentials: account.credentials };
  }
  const dw = () => sims.records[0];
  const wm = () => sims.records[1];

  for (const which of ['dishwasher (TLS)', 'washer (AES)'] as const) {
    it(`in node (changes): connection message, initial state and live changes — ${which}`, async function () {
      const rec = which.startsWith('dish') ? dw() : wm();
      const sim = which.startsWith('dish') ? sims.dishwasher : sims.washer;
      const { flow, credentials } = flowFor([
        {
          id: 'in1',
          type: 'homeconnect-local-in',
          z: TAB,
          account: ACCOUNT_ID,
          appliance: rec.haId,
          output: 'changes',
          filter: '',
          initial: true,
          wires: [['h1']],
        },
        { id: 'h1', type: 'helper', z: TAB },
      ]);
      await helper.load(nodes, flow, credentials);
      const got = collect(helper.getNode('h1'));
      await waitFor(() => got.some((m) => m.topic === `${rec.name}/BSH.Common.Status.DoorState`), 'initial DoorState');
      const conn = got.filter((m) => m.topic === `${rec.name}/connection`).map((m) => m.payload);
      assert.ok(conn.includes('connected'), `connection messages: ${conn.join(',')}`);
      // connected first, then the initial values
      const firstValue = got.findIndex((m) => m.topic !== `${rec.name}/connection`);
      const connectedAt = got.findIndex((m) => m.topic === `${rec.name}/connection` && m.payload === 'connected');
      assert.ok(
        connectedAt >= 0 && connectedAt < firstValue,
        `order: ${got
          .map((m) => m.topic)
          .slice(0, 4)
          .join(', ')}`,
      );
      const door = got.find((m) => m.topic === `${rec.name}/BSH.Common.Status.DoorState`)!;
      assert.ok(['Open', 'Closed'].includes(door.payload));
      assert.strictEqual(door.homeconnect.haId, rec.haId);
      assert.strictEqual(door.homeconnect.appliance, rec.name);
      assert.strictEqual(door.homeconnect.key, 'BSH.Common.Status.DoorState');
      assert.strictEqual(door.homeconnect.uid, 527);
      assert.strictEqual(door.homeconnect.kind, 'status');
      assert.strictEqual(typeof door.homeconnect.raw, 'number');
      assert.ok(helper.getNode('in1').status.calledWithMatch({ fill: 'green', shape: 'dot', text: 'homeconnect-local.status.connected' }));

      const next = door.payload === 'Open' ? 'Closed' : 'Open';
      const before = got.length;
      sim.setValue('BSH.Common.Status.DoorState', next);
      await waitFor(() => got.slice(before).some((m) => m.topic === `${rec.name}/BSH.Common.Status.DoorState`), 'door change');
      const change = got.slice(before).find((m) => m.topic === `${rec.name}/BSH.Common.Status.DoorState`)!;
      assert.strictEqual(change.payload, next);
      assert.strictEqual(change.homeconnect.previous, door.payload);
      sim.setValue('BSH.Common.Status.DoorState', door.payload); // later tests start programs
    });
  }

  it('in node (state, filtered, initial off): one object per batch with only matching keys', async function () {
    const { flow, credentials } = flowFor([
      {
        id: 'in1',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: dw().haId,
        output: 'state',
        filter: 'DoorState, BSH.Common.Setting.*',
        initial: false,
        connection: 'same',
        wires: [['h1']],
      },
      { id: 'h1', type: 'helper', z: TAB },
    ]);
    await helper.load(nodes, flow, credentials);
    const got = collect(helper.getNode('h1'));
    await waitFor(() => got.some((m) => m.payload === 'connected'), 'connected');
    // initial off: the initial read produces no state message
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(got.filter((m) => m.topic === dw().name).length, 0);
    const current = sims.dishwasher.getValue('BSH.Common.Setting.ChildLock');
    sims.dishwasher.setValue('BSH.Common.Setting.ChildLock', !current);
    await waitFor(() => got.some((m) => m.topic === dw().name), 'state message');
    const state = got.find((m) => m.topic === dw().name)!;
    assert.strictEqual(state.payload['BSH.Common.Setting.ChildLock'], !current);
    assert.ok('BSH.Common.Status.DoorState' in state.payload);
    for (const key of Object.keys(state.payload)) {
      assert.ok(key === 'BSH.Common.Status.DoorState' || key.startsWith('BSH.Common.Setting.'), key);
    }
  });

  describe('out node', function () {
    let got: Msg[];
    let caught: Msg[];
    async function deploy(haId: string, allowDangerous = false): Promise<TestNode> {
      const { flow, credentials } = flowFor([
        { id: 'out1', type: 'homeconnect-local-out', z: TAB, account: ACCOUNT_ID, appliance: haId, allowDangerous, wires: [['h1']] },
        { id: 'h1', type: 'helper', z: TAB },
        { id: 'c1', type: 'catch', z: TAB, scope: null, uncaught: false, wires: [['h2']] },
        { id: 'h2', type: 'helper', z: TAB },
      ]);
      await helper.load([coreNode('common/25-catch.js'), ...nodes], flow, credentials);
      got = collect(helper.getNode('h1'));
      caught = collect(helper.getNode('h2'));
      const out = helper.getNode('out1');
      await waitFor(() => out.status.calledWithMatch({ text: 'homeconnect-local.status.connected' }), 'connected');
      return out;
    }
    async function send(out: TestNode, msg: Msg): Promise<Msg> {
      const [g, c] = [got.length, caught.length];
      out.receive(msg);
      await waitFor(() => got.length > g || caught.length > c, 'result or error');
      if (caught.length > c) return { error: caught[caught.length - 1] };
      return { ok: got[got.length - 1] };
    }

    it('settings object and topic/payload', async function () {
      const out = await deploy(dw().haId);
      const want = !sims.dishwasher.getValue('BSH.Common.Setting.ChildLock');
      const r1 = await send(out, { payload: { ChildLock: want } });
      assert.strictEqual(r1.ok?.payload.ok, true, JSON.stringify(r1.error?.error));
      await waitFor(() => sims.dishwasher.getValue('BSH.Common.Setting.ChildLock') === want, 'ChildLock written');
      const r2 = await send(out, { topic: 'BSH.Common.Setting.ChildLock', payload: !want });
      assert.strictEqual(r2.ok?.payload.ok, true, JSON.stringify(r2.error?.error));
      await waitFor(() => sims.dishwasher.getValue('BSH.Common.Setting.ChildLock') === !want, 'ChildLock written back');
    });

    it('program start with startIn (dishwasher: StartInRelative), then stop', async function () {
      const out = await deploy(dw().haId);
      const n = sims.dishwasher.received.length;
      const r = await send(out, { payload: { program: 'Dishcare.Dishwasher.Program.Eco50', action: 'start', startIn: 600 } });
      assert.strictEqual(r.ok?.payload.ok, true, JSON.stringify(r.error?.error));
      const start = sims.dishwasher.received.slice(n).find((m) => m.resource === '/ro/activeProgram')!;
      assert.deepStrictEqual(start.data, [{ program: 8196, options: [{ uid: 558, value: 600 }] }]);
      const s = await send(out, { payload: { action: 'stop' } });
      assert.strictEqual(s.ok?.payload.ok, true, JSON.stringify(s.error?.error));
    });

    it('washer start with finishIn maps to FinishInRelative', async function () {
      const out = await deploy(wm().haId);
      const n = sims.washer.received.length;
      const r = await send(out, { payload: { program: 'LaundryCare.Washer.Program.Cotton', finishIn: 7200 } });
      assert.strictEqual(r.ok?.payload.ok, true, JSON.stringify(r.error?.error));
      const start = sims.washer.received.slice(n).find((m) => m.resource === '/ro/activeProgram')!;
      const opts = (start.data as Array<{ options: Array<{ uid: number; value: unknown }> }>)[0].options;
      assert.ok(
        opts.some((o) => o.uid === 551 && o.value === 7200),
        JSON.stringify(opts),
      );
      await send(out, { payload: { command: 'BSH.Common.Command.AbortProgram' } });
    });

    it('raw GET answers with the appliance data', async function () {
      const out = await deploy(dw().haId);
      const r = await send(out, { payload: { resource: '/ro/allMandatoryValues', action: 'GET' } });
      assert.strictEqual(r.ok?.payload.ok, true, JSON.stringify(r.error?.error));
      assert.ok(Array.isArray(r.ok?.payload.data));
    });

    it('validation errors reach a Catch node before anything is sent', async function () {
      const out = await deploy(dw().haId);
      const n = sims.dishwasher.received.length;
      for (const payload of [{ NoSuchSetting: 1 }, { action: 'dance' }, 42, { 'BSH.Common.Status.DoorState': 'Open' }]) {
        const r = await send(out, { payload });
        assert.ok(r.error, `refused: ${JSON.stringify(payload)}`);
        assert.strictEqual(r.error.error.source.id, 'out1');
        assert.ok(r.error.error.message.length > 20, r.error.error.message);
      }
      assert.strictEqual(sims.dishwasher.received.slice(n).filter((m) => m.action === 'POST').length, 0, 'nothing sent');
    });

    it('dangerous commands are refused unless allowed', async function () {
      const out = await deploy(dw().haId);
      const n = sims.dishwasher.received.length;
      for (const payload of [
        { command: 'BSH.Common.Command.ApplyFactoryReset' },
        { command: 'DeactivateWiFi' },
        { resource: '/ni/config', action: 'POST', data: [] },
      ]) {
        const r = await send(out, { payload });
        assert.ok(r.error, JSON.stringify(payload));
        assert.match(r.error.error.message, /dangerous/);
      }
      assert.strictEqual(sims.dishwasher.received.length, n, 'nothing sent');
    });

    it('raw /ro/values writes of a dangerous uid are refused in every form', async function () {
      const out = await deploy(dw().haId);
      const n = sims.dishwasher.received.length;
      // 553 = ApplyFactoryReset, 1 = DeactivateWiFi in the demo dishwasher.
      const forms: unknown[] = [
        553,
        '553',
        ' 553 ',
        '0x229',
        '5.53e2',
        553.0000001,
        '553.0000001',
        1,
        '1',
        '1.0',
        'abc',
        '',
        true,
        null,
        [553],
        { n: 553 },
        -1,
        1e21,
      ];
      for (const uid of forms) {
        const r = await send(out, { payload: { resource: '/ro/values', action: 'POST', data: [{ uid, value: true }] } });
        assert.ok(r.error, `refused: ${JSON.stringify(uid)}`);
        assert.match(r.error.error.message, /dangerous/);
      }
      const missing = await send(out, { payload: { resource: '/ro/values', action: 'POST', data: [{ value: true }] } });
      assert.ok(missing.error, 'an item without a uid is refused');
      assert.strictEqual(sims.dishwasher.received.length, n, 'nothing sent');
    });

    it('appliance error responses carry code and name in msg.error', async function () {
      const out = await deploy(dw().haId);
      // read-only status written raw: the appliance itself refuses it
      const r = await send(out, { payload: { resource: '/ro/values', action: 'POST', data: [{ uid: 527, value: 0 }] } });
      assert.ok(r.error, 'refused');
      assert.strictEqual(typeof r.error.error.code, 'number');
      assert.strictEqual(r.error.error.cause.code, r.error.error.code);
      assert.match(String(r.error.error.cause.name), /^BSH\.Common\.Error\./);
      assert.ok(r.error.error.message.includes(r.error.error.cause.name));
    });
  });

  it('shares one connection, survives a partial redeploy, closes on removal and leaks nothing', async function () {
    await waitFor(() => sims.dishwasher.activeConnections === 0 && sims.washer.activeConnections === 0, 'idle simulators');
    const baseline = activeResources();
    const users: FlowNode[] = [
      {
        id: 'in1',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: dw().haId,
        output: 'changes',
        filter: '',
        initial: true,
        wires: [[]],
      },
      { id: 'out1', type: 'homeconnect-local-out', z: TAB, account: ACCOUNT_ID, appliance: dw().haId, allowDangerous: false, wires: [[]] },
      {
        id: 'in2',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: wm().haId,
        output: 'state',
        filter: '',
        initial: true,
        wires: [[]],
      },
    ];
    const { flow, credentials } = flowFor(users);
    await helper.load(nodes, flow, credentials);
    const account = () => helper.getNode(ACCOUNT_ID);
    await waitFor(() => sims.dishwasher.activeConnections === 1 && sims.washer.activeConnections === 1, 'both connected');
    assert.deepStrictEqual(account().openConnections().sort(), [dw().haId, wm().haId].sort());
    const dwConnections = sims.dishwasher.connectionCount;

    // partial deploy changing only in1: the shared session stays up, in1 gets the current state
    const changed = flow.map((n) => (n.id === 'in1' ? { ...n, filter: 'DoorState' } : n));
    await helper.setFlows(changed, 'nodes', credentials);
    assert.strictEqual(sims.dishwasher.connectionCount, dwConnections, 'no reconnect on a partial deploy');
    assert.deepStrictEqual(account().openConnections().sort(), [dw().haId, wm().haId].sort());

    // remove the washer's only user: its connection closes; the dishwasher keeps one user
    await helper.setFlows(
      changed.filter((n) => n.id !== 'in2' && n.id !== 'in1'),
      'nodes',
      credentials,
    );
    assert.deepStrictEqual(account().openConnections(), [dw().haId]);
    await waitFor(() => sims.washer.activeConnections === 0, 'washer socket closed');

    // full redeploy: a new account node, a new connection, the old one closed
    await helper.setFlows(
      changed.filter((n) => n.id !== 'in2' && n.id !== 'in1'),
      'full',
      credentials,
    );
    await waitFor(() => sims.dishwasher.activeConnections === 1, 'dishwasher reconnected');

    // remove every user and the account: nothing may remain
    await helper.setFlows([{ id: TAB, type: 'tab', label: 't' }], 'full', {});
    await waitFor(() => sims.dishwasher.activeConnections === 0, 'dishwasher socket closed');
    await waitFor(
      () => {
        const now = activeResources();
        return Object.keys(now).every((k) => (now[k] ?? 0) <= (baseline[k] ?? 0));
      },
      `resources back to baseline ${JSON.stringify(baseline)} (now ${JSON.stringify(activeResources())})`,
    );
  });
});
