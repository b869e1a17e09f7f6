/**
 * Each example that needs no broker, deployed against the demo simulators: it does what its
 * comment says (a program started on the appliance, a notification sent, values shown).
 */
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
import type { FlowNode, TestNode } from '../support/node-red-helper';
import type { ApplianceSimulator } from '../../src/simulator';

const helper = nodeRedHelper();
const EXAMPLE_ACCOUNT = 'a1c0de0000demo01';

type Msg = Record<string, any>;

function collect(node: TestNode): Msg[] {
  const got: Msg[] = [];
  node.on('input', (msg: Msg) => got.push(msg));
  return got;
}

/**
 * The status texts this node showed. The helper spies on the Node prototype, so a spy's calls
 * include every node's: keep this node's own.
 */
function statusTexts(node: TestNode): string[] {
  return (node.status.getCalls() as Array<{ args: unknown[]; thisValue?: unknown }>)
    .filter((c) => c.thisValue === node)
    .map((c) => (c.args[0] as { text?: string } | undefined)?.text ?? '');
}

const CONNECTED = 'homeconnect-local.status.connected';

function byName(flow: FlowNode[], type: string, name: string): FlowNode {
  const n = flow.find((x) => x.type === type && x.name === name);
  if (!n) throw new Error(`no ${type} named ${name}`);
  return n;
}

describe(`examples do what they say (${nodeRedModule})`, function () {
  const sims = useServerWithDemoSimulators(helper);

  /**
   * Deploys an example; `beforeConnect` runs after the nodes exist but before any appliance
   * accepts the connection (upgrades refused meanwhile), so it can attach listeners in time.
   */
  async function deploy(file: string, beforeConnect?: () => void, extra: FlowNode[] = []): Promise<FlowNode[]> {
    const example = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', file), 'utf8')) as FlowNode[];
    const tabs = new Set(example.map((n) => n.z).filter((z): z is string => typeof z === 'string'));
    // Nodes the test adds (e.g. an out node to clean up) go on the example's first tab.
    const flow: FlowNode[] = [...example, ...extra.map((n) => ({ z: [...tabs][0], ...n }))];
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
      coreNode('common/90-comment.js'),
      coreNode('function/10-function.js'),
      coreNode('function/15-change.js'),
      homeconnectNodes(),
    ];
    if (beforeConnect) for (const sim of [sims.dishwasher, sims.washer]) sim.faults.rejectUpgrade(503);
    try {
      await helper.load(modules, nodes, account.credentials);
      beforeConnect?.();
    } finally {
      for (const sim of [sims.dishwasher, sims.washer]) sim.faults.rejectUpgrade(undefined);
    }
    const attached = new Set(['homeconnect-local-in', 'homeconnect-local-out', 'homeconnect-local-smart-start']);
    for (const n of flow.filter((x) => attached.has(x.type))) {
      await waitFor(() => statusTexts(helper.getNode(n.id)).at(-1) === CONNECTED, `${n.id} connected`);
    }
    return flow;
  }

  /** Stops whatever the example started (through the example's own out node), so later tests find an idle appliance. */
  async function stopProgram(outId: string, sim: ApplianceSimulator): Promise<void> {
    if (sim.programPhase === 'idle') return;
    helper.getNode(outId).receive({ payload: { action: 'stop' } });
    await waitFor(() => sim.programPhase === 'idle', 'program stopped', 10000);
  }

  it('watch-an-appliance: connection first, then every value of the dishwasher; the washer state as one object', async function () {
    const flow = await deployAndCollect('watch-an-appliance.json');
    const [changes, state] = flow.collected;
    const dw = sims.records[0];
    await waitFor(() => changes.some((m) => m.topic === `${dw.name}/BSH.Common.Status.DoorState`), 'dishwasher DoorState');
    const connectedAt = changes.findIndex((m) => m.topic === `${dw.name}/connection` && m.payload === 'connected');
    const firstValue = changes.findIndex((m) => m.topic !== `${dw.name}/connection`);
    assert.ok(
      connectedAt >= 0 && connectedAt < firstValue,
      `connected before the values: ${changes
        .slice(0, 5)
        .map((m) => m.topic)
        .join(', ')}`,
    );
    assert.ok(changes.filter((m) => m.topic !== `${dw.name}/connection`).length >= 20, 'every initial value');
    await waitFor(() => state.some((m) => typeof m.payload === 'object' && m.payload !== null), 'washer state');
    const washerState = state.find((m) => typeof m.payload === 'object')!;
    assert.strictEqual(washerState.payload['BSH.Common.Status.OperationState'], 'Ready');
  });

  async function deployAndCollect(file: string): Promise<{ flow: FlowNode[]; collected: Msg[][] }> {
    const example = JSON.parse(fs.readFileSync(path.join(repoRoot, 'examples', file), 'utf8')) as FlowNode[];
    const debugIds = example.filter((n) => n.type === 'debug').map((n) => n.id);
    const collected: Msg[][] = debugIds.map(() => []);
    const flow = await deploy(file, () => debugIds.forEach((id, i) => helper.getNode(id).on('input', (m: Msg) => collected[i].push(m))));
    return { flow, collected };
  }

  it('start-dishwasher-when-power-is-cheap: waits for remote start, then the smart start arms the dishwasher from the sample prices with one start', async function () {
    const sim = sims.dishwasher;
    sim.setValue('BSH.Common.Status.RemoteControlStartAllowed', false);
    // An out node of the test's own, to leave the dishwasher idle for the next test.
    const stopper: FlowNode = {
      id: 'stop-dw',
      type: 'homeconnect-local-out',
      account: ACCOUNT_ID,
      appliance: sims.records[0].haId,
      wires: [],
    };
    const flow = await deploy('start-dishwasher-when-power-is-cheap.json', undefined, [stopper]);
    const smart = helper.getNode(byName(flow, 'homeconnect-local-smart-start', 'dishwasher: cheapest window').id);
    const plans = collect(helper.getNode(byName(flow, 'debug', 'plan').id));
    const refused = collect(helper.getNode(byName(flow, 'debug', 'refused').id));
    const startsSent = () => sim.received.filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST');
    const before = startsSent().length;
    try {
      helper.getNode(byName(flow, 'inject', 'prices arrive').id).receive({});
      await waitFor(() => statusTexts(smart).at(-1) === 'homeconnect-local.smart.status.waiting-remote-start', 'waiting for remote start');
      assert.strictEqual(startsSent().length, before, 'nothing sent while remote start is off');
      sim.setValue('BSH.Common.Status.RemoteControlStartAllowed', true);
      await waitFor(() => plans.length === 1, 'the plan');
      const plan = plans[0].payload;
      assert.strictEqual(plan.program, 'Dishcare.Dishwasher.Program.Eco50');
      assert.strictEqual(plan.armedWith, 'StartInRelative');
      // Done by 07:00, unless it is already too late for Eco 50's 3 h 55 today: then it starts at once and says so.
      if (plan.note === 'deadline-too-close') assert.strictEqual(plan.startIn, 0, 'too late for the deadline: starts now');
      else assert.ok(Date.parse(plan.finish) <= Date.parse(plan.deadline), `done ${plan.finish} by ${plan.deadline}`);
      assert.ok(plan.cost <= plan.costIfNow, `cost ${plan.cost}, now ${plan.costIfNow}`);
      const state = () => sim.getValue('BSH.Common.Status.OperationState') as string;
      await waitFor(() => state() === 'DelayedStart' || state() === 'Run', 'dishwasher armed');
      const sent = startsSent().slice(before);
      assert.strictEqual(sent.length, 1, 'exactly one start sent');
      if (plan.optionValue !== undefined) {
        const uid = sim.profile.resolve('BSH.Common.Option.StartInRelative').uid;
        const options = (sent[0].data as Array<{ options?: Array<{ uid: number; value: unknown }> }>)[0].options ?? [];
        assert.strictEqual(options.find((o) => o.uid === uid)?.value, plan.optionValue, "the plan's delayed start");
      }
      assert.deepStrictEqual(refused, [], 'nothing refused');
    } finally {
      await stopProgram(stopper.id, sim);
      sim.setValue('BSH.Common.Status.RemoteControlStartAllowed', true);
    }
  });

  it('start-dishwasher-delayed: the dishwasher waits 3 h to start, the washer finishes in 8 h', async function () {
    const flow = await deploy('start-dishwasher-delayed.json');
    const dwInject = byName(flow, 'inject', 'dishwasher: start in 3 h');
    const wmInject = byName(flow, 'inject', 'washer: finish in 8 h');
    const dwOut = (dwInject.wires as string[][])[0][0];
    const wmOut = (wmInject.wires as string[][])[0][0];
    const refused = collect(helper.getNode(byName(flow, 'debug', 'refused').id));
    try {
      helper.getNode(dwInject.id).receive({});
      helper.getNode(wmInject.id).receive({});
      await waitFor(() => sims.dishwasher.programPhase === 'delayed', 'dishwasher delayed start');
      assert.deepStrictEqual(refused, [], 'nothing refused');
      await waitFor(() => sims.washer.programPhase !== 'idle', 'washer program planned');
      const dwStartIn = Number(sims.dishwasher.getValue('BSH.Common.Option.StartInRelative'));
      assert.ok(dwStartIn > 10000 && dwStartIn <= 10800, `StartInRelative ${dwStartIn}`);
      const wmFinishIn = Number(sims.washer.getValue('BSH.Common.Option.FinishInRelative'));
      assert.ok(wmFinishIn > 28000 && wmFinishIn <= 28800, `FinishInRelative ${wmFinishIn}`);
    } finally {
      await stopProgram(dwOut, sims.dishwasher);
      await stopProgram(wmOut, sims.washer);
    }
  });

  it('notify-when-a-program-finishes: one notification per finished program, nothing else', async function () {
    const flow = await deploy('notify-when-a-program-finishes.json');
    const debug = flow.find((n) => n.type === 'debug')!;
    const got = collect(helper.getNode(debug.id));
    sims.washer.setValue('BSH.Common.Event.ProgramFinished', 'Present');
    await waitFor(() => got.length > 0, 'notification');
    assert.deepStrictEqual(
      got.map((m) => m.payload),
      [`The ${sims.records[1].name} has finished.`],
    );
    sims.washer.setValue('BSH.Common.Event.ProgramFinished', 'Off');
  });
});
