import * as assert from 'assert';
import {
  ACCOUNT_ID,
  coreNode,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  startDemoSimulators,
  startServer,
  stopServer,
  testAccount,
} from '../support/node-red-helper';
import type { DemoSims, FlowNode, TestNode } from '../support/node-red-helper';
import type { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { FAULT_TIMING, InvariantWatch, sendAsAppliance, until } from './fault-harness';

type Msg = Record<string, any>;
const TAB = 'tab1';

/**
 * The same faults inside a running Node-RED: the in node reports them as connection messages,
 * recovers, Node-RED keeps running (out-node writes still work) and nothing escapes as an
 * uncaught exception or unhandled rejection.
 */
describe(`reliability: faults inside Node-RED (${nodeRedModule})`, function () {
  this.timeout(60_000);
  const helper = nodeRedHelper();
  let sims: DemoSims;
  let watch: InvariantWatch;
  let got: Msg[];
  let results: Msg[];
  let caught: Msg[];

  before(async () => {
    await startServer(helper);
    sims = await startDemoSimulators();
    for (const s of [sims.dishwasher, sims.washer]) s.faults.refuseSecondConnection(false);
  });
  after(async () => {
    await helper.unload();
    await sims.stop();
    await stopServer(helper);
    nodeRedHelper(); // back to the shared test timings for later suites
  });

  beforeEach(async function () {
    // A burst queued by the in-process simulator blocks the event loop for longer than 400 ms.
    const burst = /burst/.test(this.currentTest?.title ?? '');
    helper.settings({
      homeconnectLocalAccountTiming: burst ? { ...FAULT_TIMING, pingIntervalMs: 1000, deadAfterMs: 15_000 } : FAULT_TIMING,
    });
    watch = new InvariantWatch([sims.dishwasher, sims.washer]).install();
    const account = testAccount(sims.records);
    const flow: FlowNode[] = [
      { id: TAB, type: 'tab', label: 'faults' },
      account.node,
      {
        id: 'in1',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: sims.records[0].haId,
        output: 'changes',
        filter: '',
        initial: true,
        wires: [['h1']],
      },
      {
        id: 'in2',
        type: 'homeconnect-local-in',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: sims.records[1].haId,
        output: 'changes',
        filter: '',
        initial: true,
        wires: [['h1']],
      },
      {
        id: 'out1',
        type: 'homeconnect-local-out',
        z: TAB,
        account: ACCOUNT_ID,
        appliance: sims.records[1].haId,
        allowDangerous: false,
        wires: [['h2']],
      },
      { id: 'h1', type: 'helper', z: TAB },
      { id: 'h2', type: 'helper', z: TAB },
      { id: 'c1', type: 'catch', z: TAB, scope: null, uncaught: false, wires: [['h3']] },
      { id: 'h3', type: 'helper', z: TAB },
    ];
    await helper.load([coreNode('common/25-catch.js'), homeconnectNodes()], flow, account.credentials);
    got = collect(helper.getNode('h1'));
    results = collect(helper.getNode('h2'));
    caught = collect(helper.getNode('h3'));
    await bothConnected(0);
  });

  afterEach(async () => {
    await helper.unload();
    watch.uninstall();
    for (const s of [sims.dishwasher, sims.washer]) {
      s.faults.stall(false);
      s.faults.rejectUpgrade(undefined);
    }
    await until(() => sims.dishwasher.activeConnections === 0 && sims.washer.activeConnections === 0, 'simulators idle');
  });

  function collect(node: TestNode): Msg[] {
    const out: Msg[] = [];
    node.on('input', (m: Msg) => out.push(m));
    return out;
  }

  const connectionMsgs = (from: number, name: string): string[] =>
    got
      .slice(from)
      .filter((m) => m.topic === `${name}/connection`)
      .map((m) => String(m.payload));

  async function bothConnected(from: number): Promise<void> {
    for (const r of sims.records) {
      await until(() => connectionMsgs(from, r.name).includes('connected'), `${r.name} connected`);
    }
  }

  /** Out-node write through the running flow: proves Node-RED and the session still work. */
  async function writeWorks(): Promise<void> {
    const key = 'BSH.Common.Setting.ChildLock';
    const want = !sims.washer.getValue(key);
    const [r, c] = [results.length, caught.length];
    helper.getNode('out1').receive({ payload: { [key]: want } });
    await until(() => results.length > r || caught.length > c, 'write result');
    assert.strictEqual(caught.length, c, JSON.stringify(caught[caught.length - 1]?.error));
    await until(() => sims.washer.getValue(key) === want, 'write reached the washer');
  }

  const faults: Array<[string, (s: ApplianceSimulator) => void | Promise<void>, ((s: ApplianceSimulator) => void) | undefined, RegExp]> = [
    ['drop', (s) => s.faults.drop(), undefined, /^offline$/],
    ['stall', (s) => s.faults.stall(true), (s) => s.faults.stall(false), /^disconnected$/],
    ['garbage frame', (s) => s.faults.sendGarbage(), undefined, /^error$/],
    ['mis-tagged frame', (s) => s.faults.sendMisTagged(), undefined, /^error$/],
    ['oversized frame', (s) => s.faults.oversizedFrame(), undefined, /^error$/],
    ['malformed JSON', (s) => sendAsAppliance(s, '{"action":'), undefined, /^error$/],
    ['appliance restart', (s) => s.faults.restart(), undefined, /^offline$/],
    [
      'upgrade 404 after a drop',
      (s) => {
        s.faults.rejectUpgrade(404);
        s.faults.drop();
      },
      (s) => s.faults.rejectUpgrade(undefined),
      /^(offline|error)$/,
    ],
  ];

  for (const [name, inject, stop, expected] of faults) {
    it(`${name}: reported by the in nodes, recovered, Node-RED keeps running`, async () => {
      const from = got.length;
      for (const s of [sims.dishwasher, sims.washer]) await inject(s);
      for (const r of sims.records) {
        await until(
          () => connectionMsgs(from, r.name).some((p) => expected.test(p)),
          `${r.name}: ${expected} (got ${connectionMsgs(from, r.name).join(',')})`,
        );
      }
      if (stop) {
        await new Promise((r) => setTimeout(r, 3 * FAULT_TIMING.backoffMinMs));
        for (const s of [sims.dishwasher, sims.washer]) stop(s);
      }
      await bothConnected(from);
      await writeWorks();
      watch.check();
      const inStatus = helper.getNode('in1').status;
      assert.ok(inStatus.calledWithMatch({ text: 'homeconnect-local.status.connected' }));
    });
  }

  it('a burst of 10 000 notifications reaches the flow complete and in order', async () => {
    const topic = `${sims.records[1].name}/BSH.Common.Option.ProgramProgress`;
    const from = got.length;
    const initial = sims.washer.getValue('BSH.Common.Option.ProgramProgress');
    await sims.washer.faults.burst(10_000);
    const want: unknown[] = [];
    let last = initial;
    for (let i = 0; i < 10_000; i++) {
      const v = i === 9_999 ? initial : i % 100;
      if (v !== last) want.push(v);
      last = v;
    }
    await until(() => got.slice(from).filter((m) => m.topic === topic).length >= want.length, 'all burst messages', 30_000);
    assert.deepStrictEqual(
      got
        .slice(from)
        .filter((m) => m.topic === topic)
        .map((m) => m.payload),
      want,
    );
    await writeWorks();
    watch.check();
  });
});
