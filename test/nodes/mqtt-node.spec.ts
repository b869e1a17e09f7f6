import * as assert from 'assert';
import {
  ACCOUNT_ID,
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

describe(`appliance mqtt node (${nodeRedModule})`, function () {
  const sims = useServerWithDemoSimulators(helper);
  const TAB = 'tab1';

  function flowFor(extra: FlowNode[], records = sims.records): { flow: FlowNode[]; credentials: object } {
    const account = testAccount(records);
    return { flow: [{ id: TAB, type: 'tab', label: 't' }, account.node, ...extra], credentials: account.credentials };
  }
  const bridgeNode = (props: Record<string, unknown> = {}): FlowNode => ({
    id: 'm1',
    type: 'homeconnect-local-mqtt',
    z: TAB,
    account: ACCOUNT_ID,
    appliance: '*',
    baseTopic: 'homeconnect',
    discovery: true,
    discoveryPrefix: 'homeassistant',
    booleans: 'json',
    allowDangerous: false,
    wires: [['pub'], ['sub']],
    ...props,
  });

  it('without an account shows a red ring no-config status and adds no listeners', async function () {
    await helper.load(nodes, [{ id: TAB, type: 'tab', label: 't' }, bridgeNode({ account: 'missing' })]);
    const n = helper.getNode('m1');
    assert.ok(n.status.calledWithMatch({ fill: 'red', shape: 'ring', text: 'homeconnect-local.status.no-config' }));
    assert.strictEqual(n.listeners('input').length, 0);
  });

  it('an unknown appliance shows the no-appliance status', async function () {
    const { flow, credentials } = flowFor([bridgeNode({ appliance: 'NOPE' })]);
    await helper.load(nodes, flow, credentials);
    assert.ok(helper.getNode('m1').status.calledWithMatch({ fill: 'red', shape: 'ring', text: 'homeconnect-local.status.no-appliance' }));
  });

  it('subscribes its mqtt in, publishes on broker connect, and answers commands on /result', async function () {
    const { flow, credentials } = flowFor([bridgeNode(), { id: 'pub', type: 'helper', z: TAB }, { id: 'sub', type: 'helper', z: TAB }]);
    await helper.load(nodes, flow, credentials);
    const pub = collect(helper.getNode('pub'));
    const sub = collect(helper.getNode('sub'));
    await waitFor(() => sub.length > 0, 'subscribe control message');
    assert.strictEqual(sub[0].action, 'subscribe');
    const topics = sub[0].topic.map((t: { topic: string }) => t.topic);
    assert.ok(topics.includes('homeconnect/+/set') && topics.includes('homeassistant/+/hcl_m1/+/config'), topics.join());
    await waitFor(
      () => helper.getNode('m1').status.calledWithMatch({ fill: 'green', text: 'homeconnect-local.status.connected' }),
      'both connected',
    );
    await waitFor(() => pub.some((m) => m.topic === 'homeconnect/washer/LWT' && m.payload === 'online'), 'LWT online');

    // A Status node's "connected" republishes everything (what a broker reconnect needs).
    let n = pub.length;
    helper.getNode('m1').receive({ status: { fill: 'green', shape: 'dot', text: 'node-red:common.status.connected' } });
    await waitFor(() => pub.slice(n).some((m) => m.topic.startsWith('homeassistant/') && m.retain === true), 'discovery republished');
    const again = pub.slice(n);
    assert.ok(again.some((m) => m.topic === 'homeconnect/dishwasher/state/bsh_common_status_doorstate' && m.retain === true));
    assert.ok(again.every((m) => typeof m.payload === 'string' && m.qos === 1));
    // Other statuses (connecting, disconnected) do nothing.
    n = pub.length;
    helper.getNode('m1').receive({ status: { fill: 'red', shape: 'ring', text: 'node-red:common.status.disconnected' } });
    helper.getNode('m1').receive({ topic: 'somewhere/else', payload: 'x' });
    await new Promise((r) => setImmediate(r));

    // A hcpy2-0 write reaches the simulator and its result is published.
    const want = !sims.dishwasher.getValue('BSH.Common.Setting.ChildLock');
    helper.getNode('m1').receive({ topic: 'homeconnect/dishwasher/set', payload: JSON.stringify({ name: 'ChildLock', value: want }) });
    await waitFor(() => sims.dishwasher.getValue('BSH.Common.Setting.ChildLock') === want, 'ChildLock written');
    await waitFor(() => pub.slice(n).some((m) => m.topic === 'homeconnect/dishwasher/result'), 'result');
    assert.strictEqual(JSON.parse(pub.slice(n).find((m) => m.topic === 'homeconnect/dishwasher/result')!.payload).ok, true);
    assert.ok(
      pub.slice(n).every((m) => !m.topic.startsWith('homeassistant/')),
      'the other statuses and topics published nothing',
    );

    // A dangerous command is refused with the command model's error fields.
    n = pub.length;
    helper.getNode('m1').receive({ topic: 'homeconnect/washer/set', payload: '{"command":"BSH.Common.Command.ApplyFactoryReset"}' });
    await waitFor(() => pub.slice(n).some((m) => m.topic === 'homeconnect/washer/result'), 'refusal');
    const refused = JSON.parse(pub.slice(n).find((m) => m.topic === 'homeconnect/washer/result')!.payload);
    assert.deepStrictEqual([refused.ok, refused.kind], [false, 'validation']);
    assert.match(refused.message, /ApplyFactoryReset/);

    // The live description switches a control's availability (the entity stays).
    n = pub.length;
    const available = 'homeconnect/dishwasher/available/bsh_common_setting_childlock';
    sims.dishwasher.setDescription('BSH.Common.Setting.ChildLock', { available: false });
    await waitFor(() => pub.slice(n).some((m) => m.topic === available && m.payload === 'offline'), 'ChildLock unavailable');
    sims.dishwasher.setDescription('BSH.Common.Setting.ChildLock', { available: true });
    await waitFor(() => pub.slice(n).some((m) => m.topic === available && m.payload === 'online'), 'ChildLock available again');
    assert.ok(
      pub.slice(n).every((m) => !m.topic.startsWith('homeassistant/')),
      'no discovery churn',
    );

    // A stale discovery entry of this node is cleared; one of another node is not touched.
    n = pub.length;
    helper.getNode('m1').receive({ topic: 'homeassistant/sensor/hcl_m1/GONE_x/config', payload: '{"name":"x"}' });
    helper.getNode('m1').receive({ topic: 'homeassistant/sensor/hcl_other/GONE_x/config', payload: '{"name":"x"}' });
    await waitFor(() => pub.length > n, 'clear');
    await new Promise((r) => setImmediate(r));
    assert.deepStrictEqual(
      pub.slice(n).map((m) => [m.topic, m.payload, m.retain]),
      [['homeassistant/sensor/hcl_m1/GONE_x/config', '', true]],
    );

    // Nothing published carries a key or iv.
    const all = JSON.stringify(pub);
    for (const r of sims.records) {
      assert.ok(!all.includes(r.key), 'no key published');
      if (r.iv) assert.ok(!all.includes(r.iv), 'no iv published');
    }
  });

  it('bridges one appliance when one is chosen', async function () {
    const { flow, credentials } = flowFor([
      bridgeNode({ appliance: sims.records[1].haId, discovery: false }),
      { id: 'pub', type: 'helper', z: TAB },
      { id: 'sub', type: 'helper', z: TAB },
    ]);
    await helper.load(nodes, flow, credentials);
    const pub = collect(helper.getNode('pub'));
    await waitFor(() => pub.some((m) => m.topic === 'homeconnect/washer/LWT' && m.payload === 'online'), 'washer online');
    helper.getNode('m1').receive({ action: 'republish' });
    await waitFor(() => pub.some((m) => m.topic === 'homeconnect/washer/state/bsh_common_status_doorstate'), 'washer state');
    assert.ok(pub.every((m) => !m.topic.startsWith('homeconnect/dishwasher/') && !m.topic.startsWith('homeassistant/')));
  });
});
