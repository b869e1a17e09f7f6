import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { repoRoot } from '../support/paths';
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
import type { FlowNode } from '../support/node-red-helper';

const helper = nodeRedHelper();
const examplesDir = path.join(repoRoot, 'examples');
const EXAMPLE_ACCOUNT = 'a1c0de0000demo01';

describe(`examples deploy (${nodeRedModule})`, function () {
  const sims = useServerWithDemoSimulators(helper);

  const files = fs
    .readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();

  it('has an example for every non-config node, each starting with a comment node and holding no keys', function () {
    const types = new Set<string>();
    for (const f of files) {
      const text = fs.readFileSync(path.join(examplesDir, f), 'utf8');
      const flow = JSON.parse(text) as FlowNode[];
      assert.strictEqual(flow[0].type, 'comment', f);
      for (const n of flow) types.add(n.type);
      for (const r of sims.records) assert.ok(!text.includes(r.key), `${f} holds no key`);
      assert.ok(!flow.some((n) => n.type === 'homeconnect-local-account'), `${f}: the account comes from the user`);
    }
    assert.ok(types.has('homeconnect-local-in') && types.has('homeconnect-local-out') && types.has('homeconnect-local-mqtt'));
  });

  for (const file of files) {
    it(`deploys ${file} with a test account`, async function () {
      const flow = JSON.parse(fs.readFileSync(path.join(examplesDir, file), 'utf8')) as FlowNode[];
      const tabs = new Set(flow.map((n) => n.z).filter((z): z is string => typeof z === 'string'));
      const account = testAccount(sims.records);
      const nodes: FlowNode[] = [
        ...[...tabs].map((id) => ({ id, type: 'tab', label: id })),
        account.node,
        ...flow.map((n) => (n.account === EXAMPLE_ACCOUNT ? { ...n, account: ACCOUNT_ID } : n)),
      ];
      const modules = [
        coreNode('common/20-inject.js'),
        coreNode('common/21-debug.js'),
        coreNode('common/25-catch.js'),
        coreNode('common/25-status.js'),
        coreNode('common/90-comment.js'),
        coreNode('function/10-function.js'),
        coreNode('function/10-switch.js'),
        coreNode('function/15-change.js'),
        coreNode('network/10-mqtt.js'),
        homeconnectNodes(),
      ];
      await helper.load(modules, nodes, account.credentials);
      for (const n of nodes) {
        if (n.type === 'tab') continue;
        assert.ok(helper.getNode(n.id), `${n.type} ${n.id} was created`);
      }
      const hc = flow.filter((n) => n.type.startsWith('homeconnect-local-') && n.type !== 'homeconnect-local-account');
      assert.ok(hc.length > 0);
      for (const n of hc) {
        await waitFor(
          () => helper.getNode(n.id).status.calledWithMatch({ text: 'homeconnect-local.status.connected' }),
          `${n.id} connected`,
        );
      }
      const errors = helper
        .log()
        .args.filter((a) => (a[0] as { level?: number })?.level !== undefined && (a[0] as { level: number }).level <= 20);
      assert.deepStrictEqual(
        errors.map((e) => (e[0] as { msg?: unknown }).msg),
        [],
        'no errors logged',
      );
    });
  }

  it('start-washer-with-solar-surplus.json arms the washer (delayed start, or at once when the sun is gone)', async function () {
    const flow = JSON.parse(fs.readFileSync(path.join(examplesDir, 'start-washer-with-solar-surplus.json'), 'utf8')) as FlowNode[];
    const account = testAccount(sims.records);
    const tab = flow[0].z as string;
    await helper.load(
      [
        coreNode('common/20-inject.js'),
        coreNode('common/21-debug.js'),
        coreNode('common/25-catch.js'),
        coreNode('common/90-comment.js'),
        coreNode('function/10-function.js'),
        homeconnectNodes(),
      ],
      [
        { id: tab, type: 'tab', label: tab },
        account.node,
        ...flow.map((n) => (n.account === EXAMPLE_ACCOUNT ? { ...n, account: ACCOUNT_ID } : n)),
      ],
      account.credentials,
    );
    const smart = helper.getNode('a700000000000064');
    await waitFor(() => smart.status.calledWithMatch({ text: 'homeconnect-local.status.connected' }), 'connected');
    const posts = () => sims.washer.received.filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST').length;
    const before = posts();
    helper.getNode('e400000000000062').receive({});
    const armed = () => smart.status.getCalls().some((c) => /smart\.status\.planned/.test(String((c.args[0] as { text?: string }).text)));
    await waitFor(armed, 'armed status');
    assert.strictEqual(posts(), before + 1, 'one start sent');
    await waitFor(
      () => ['DelayedStart', 'Run'].includes(sims.washer.getValue('BSH.Common.Status.OperationState') as string),
      'washer armed',
    );
  });
});
