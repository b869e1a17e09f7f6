/**
 * The in node's `connection` property: where `<name>/connection` messages go, and that a key
 * filter yields only its keys unless connection messages are asked for.
 */
import * as assert from 'assert';
import { connectionOutput } from '../../nodes/in-node';
import {
  ACCOUNT_ID,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  testAccount,
  useServerWithDemoSimulators,
  waitFor,
} from '../support/node-red-helper';
import type { FlowNode } from '../support/node-red-helper';

const helper = nodeRedHelper();
type Msg = Record<string, any>;

describe('in node connection option (unit)', function () {
  it('auto (and flows saved before the option): with the values without a filter, none with a filter', function () {
    assert.strictEqual(connectionOutput(undefined, ''), 'same');
    assert.strictEqual(connectionOutput(undefined, ' , '), 'same');
    assert.strictEqual(connectionOutput('auto', undefined), 'same');
    assert.strictEqual(connectionOutput(undefined, 'RemoteControlStartAllowed'), 'off');
    assert.strictEqual(connectionOutput('auto', 'DoorState'), 'off');
    assert.strictEqual(connectionOutput('bogus', 'DoorState'), 'off');
  });

  it('explicit choices win over the filter', function () {
    for (const c of ['same', 'second', 'off'] as const) {
      assert.strictEqual(connectionOutput(c, ''), c);
      assert.strictEqual(connectionOutput(c, 'DoorState'), c);
    }
  });
});

describe(`in node connection messages against the simulator (${nodeRedModule})`, function () {
  const sims = useServerWithDemoSimulators(helper);
  const TAB = 'tab1';

  /** Loads one in node wired to helper nodes h1 (and h2 for a second output); returns what each got. */
  async function run(props: Record<string, unknown>, outputs: number): Promise<Msg[][]> {
    const rec = sims.records[0];
    const account = testAccount(sims.records);
    const wires = outputs === 2 ? [['h1'], ['h2']] : [['h1']];
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
        initial: true,
        outputs,
        ...props,
        wires,
      },
      { id: 'h1', type: 'helper', z: TAB },
      { id: 'h2', type: 'helper', z: TAB },
    ];
    // Held off until the helpers listen, so no message can be missed.
    sims.dishwasher.faults.rejectUpgrade(503);
    const got: Msg[][] = [[], []];
    try {
      await helper.load(homeconnectNodes(), flow, account.credentials);
      helper.getNode('h1').on('input', (m: Msg) => got[0].push(m));
      helper.getNode('h2').on('input', (m: Msg) => got[1].push(m));
    } finally {
      sims.dishwasher.faults.rejectUpgrade(undefined);
    }
    await waitFor(() => got[0].some((m) => m.topic === `${rec.name}/BSH.Common.Status.RemoteControlStartAllowed`), 'initial value');
    return got;
  }

  const isConnection = (m: Msg) => typeof m.topic === 'string' && m.topic.endsWith('/connection');

  it('a filter without a connection property yields only its keys (flows saved before the option)', async function () {
    const [out1] = await run({ filter: 'RemoteControlStartAllowed' }, 1);
    assert.deepStrictEqual(
      out1.map((m) => m.payload),
      [true],
    );
    assert.ok(!out1.some(isConnection));
  });

  it('no filter, no connection property: connection messages with the values, connected first', async function () {
    const [out1] = await run({ filter: '' }, 1);
    const firstValue = out1.findIndex((m) => !isConnection(m));
    const connectedAt = out1.findIndex((m) => isConnection(m) && m.payload === 'connected');
    assert.ok(connectedAt >= 0 && connectedAt < firstValue);
  });

  it('"same" with a filter: connection messages with the filtered values', async function () {
    const [out1] = await run({ filter: 'RemoteControlStartAllowed', connection: 'same' }, 1);
    assert.ok(out1.some((m) => isConnection(m) && m.payload === 'connected'));
    assert.deepStrictEqual(
      out1.filter((m) => !isConnection(m)).map((m) => m.payload),
      [true],
    );
  });

  it('"second": connection messages only on the second output', async function () {
    const [out1, out2] = await run({ filter: 'RemoteControlStartAllowed', connection: 'second' }, 2);
    await waitFor(() => out2.some((m) => m.payload === 'connected'), 'connected on output 2');
    assert.ok(out2.every(isConnection));
    assert.ok(!out1.some(isConnection));
  });

  it('"off": no connection messages, even without a filter', async function () {
    const [out1] = await run({ filter: '', connection: 'off' }, 1);
    assert.ok(out1.length > 20);
    assert.ok(!out1.some(isConnection));
  });
  it('a node joining a session that is up (partial deploy) starts with connected, then the values', async function () {
    const got = await run({ filter: '', connection: 'same' }, 1);
    const rec = sims.records[0];
    const account = testAccount(sims.records);
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
        initial: true,
        outputs: 1,
        filter: '',
        connection: 'same',
        wires: [['h1']],
      },
      {
        id: 'in2',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: rec.haId,
        output: 'changes',
        initial: true,
        outputs: 1,
        filter: 'DoorState',
        connection: 'same',
        wires: [['h2']],
      },
      { id: 'h1', type: 'helper', z: TAB },
      { id: 'h2', type: 'helper', z: TAB },
    ];
    // Only in2 is new: it joins the session in1 keeps up.
    await helper.setFlows(flow, 'nodes', account.credentials);
    await waitFor(() => got[1].some((m) => m.topic === `${rec.name}/BSH.Common.Status.DoorState`), 'in2 initial value');
    assert.deepStrictEqual(
      got[1].map((m) => [m.topic, isConnection(m) ? m.payload : 'value']),
      [
        [`${rec.name}/connection`, 'connected'],
        [`${rec.name}/BSH.Common.Status.DoorState`, 'value'],
      ],
    );
  });
});
