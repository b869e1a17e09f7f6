import * as assert from 'assert';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { deviceIdFor } from '../../nodes/account-node';
import { ACCOUNT_ID, homeconnectNodes, nodeRedHelper, nodeRedModule, testAccount, useNodeRedServer } from '../support/node-red-helper';
import type { FlowNode } from '../support/node-red-helper';

const helper = nodeRedHelper();
const nodes = homeconnectNodes();

describe(`nodes: load, defaults, credentials, missing config (${nodeRedModule})`, function () {
  useNodeRedServer(helper);

  // Hosts nobody listens on: these tests never need a connection.
  const records = demoRecords().map((r) => ({ ...r, host: '127.0.0.1:1' }));

  it('registers the three types and keeps the profiles credential on the account node only', async function () {
    const account = testAccount(records);
    const flow: FlowNode[] = [account.node];
    await helper.load(nodes, flow, account.credentials);
    const n = helper.getNode(ACCOUNT_ID);
    assert.strictEqual(n.type, 'homeconnect-local-account');
    assert.strictEqual(typeof n.credentials?.profiles, 'string');
    assert.deepStrictEqual(
      n.appliances.map((a: { haId: string }) => a.haId),
      records.map((r) => r.haId),
    );
    // appliances hold no secrets
    assert.ok(!JSON.stringify(n.appliances).includes(records[0].key));
    assert.deepStrictEqual(n.openConnections(), [], 'no connection without users');
  });

  it('uses a stable device id per config node', function () {
    assert.strictEqual(deviceIdFor('abc'), deviceIdFor('abc'));
    assert.notStrictEqual(deviceIdFor('abc'), deviceIdFor('abd'));
    assert.match(deviceIdFor('abc'), /^[0-9a-f]{16}$/);
  });

  it('in and out nodes without an account show a red ring no-config status and add no listeners', async function () {
    const flow: FlowNode[] = [
      {
        id: 'in1',
        type: 'homeconnect-local-in',
        account: 'missing',
        appliance: records[0].haId,
        output: 'changes',
        filter: '',
        initial: true,
        wires: [[]],
      },
      { id: 'out1', type: 'homeconnect-local-out', account: '', appliance: records[0].haId, allowDangerous: false, wires: [[]] },
    ];
    await helper.load(nodes, flow);
    for (const id of ['in1', 'out1']) {
      const n = helper.getNode(id);
      assert.ok(n.status.calledWithMatch({ fill: 'red', shape: 'ring', text: 'homeconnect-local.status.no-config' }), id);
      assert.strictEqual(n.listeners('input').length, 0, `${id} has no input listener`);
    }
  });

  it('an unknown appliance and missing profiles give their own status keys', async function () {
    const account = testAccount(records);
    const flow: FlowNode[] = [
      account.node,
      {
        id: 'in1',
        type: 'homeconnect-local-in',
        account: ACCOUNT_ID,
        appliance: 'NOPE',
        output: 'changes',
        filter: '',
        initial: true,
        wires: [[]],
      },
      { id: 'out1', type: 'homeconnect-local-out', account: ACCOUNT_ID, appliance: records[1].haId, allowDangerous: false, wires: [[]] },
    ];
    // credentials only for the dishwasher
    const creds = testAccount([records[0]]).credentials;
    await helper.load(nodes, flow, creds);
    assert.ok(helper.getNode('in1').status.calledWithMatch({ fill: 'red', text: 'homeconnect-local.status.no-appliance' }));
    assert.ok(helper.getNode('out1').status.calledWithMatch({ fill: 'red', text: 'homeconnect-local.status.no-profile' }));
    assert.deepStrictEqual(helper.getNode(ACCOUNT_ID).openConnections(), []);
  });

  it('in/out nodes open one shared session and show connecting/offline, never a secret', async function () {
    const account = testAccount(records);
    const flow: FlowNode[] = [
      account.node,
      {
        id: 'in1',
        type: 'homeconnect-local-in',
        account: ACCOUNT_ID,
        appliance: records[0].haId,
        output: 'changes',
        filter: '',
        initial: true,
        wires: [[]],
      },
      { id: 'out1', type: 'homeconnect-local-out', account: ACCOUNT_ID, appliance: records[0].haId, allowDangerous: false, wires: [[]] },
    ];
    await helper.load(nodes, flow, account.credentials);
    assert.deepStrictEqual(helper.getNode(ACCOUNT_ID).openConnections(), [records[0].haId]);
    const calls = helper
      .getNode('in1')
      .status.getCalls()
      .map((c) => c.args[0] as { text?: string });
    assert.ok(calls.length > 0);
    for (const c of calls) {
      assert.match(String(c.text), /^homeconnect-local\.status\./);
      assert.ok(!String(c.text).includes(records[0].key));
    }
  });
});
