/**
 * examples/mqtt-bridge.json end to end: the example flow in a Node-RED runtime with the core mqtt
 * nodes, a real mosquitto broker on 127.0.0.1, the demo simulators behind the account, and a raw
 * MQTT client (Node-RED's own `mqtt` dependency) observing and commanding as a user would.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  ACCOUNT_ID,
  coreNode,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  startDemoSimulators,
  TEST_TIMING,
  startServer,
  stopServer,
  testAccount,
  waitFor,
} from '../support/node-red-helper';
import type { DemoSims, FlowNode } from '../support/node-red-helper';
import { connectClient, endClient, findMosquitto, publish, startMosquitto, subscribe } from '../support/mosquitto';
import type { Mosquitto, MqttClient } from '../support/mosquitto';
import { repoRoot } from '../support/paths';

const EXAMPLE = path.join(repoRoot, 'examples', 'mqtt-bridge.json');
const EXAMPLE_ACCOUNT = 'a1c0de0000demo01';
const STATE_FIELDS = ['state', 'door', 'remaining', 'remainingseconds', 'power', 'lowwaterpressure', 'aquastop', 'error'];

interface Received {
  topic: string;
  payload: any;
  retain: boolean;
}

/** H:MM as hcpy prints remaining time. */
function hmm(seconds: number): string {
  return `${Math.floor(seconds / 3600)}:${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}`;
}

describe(`MQTT bridge example against mosquitto (${nodeRedModule})`, function () {
  const helper = nodeRedHelper();
  const binary = findMosquitto();
  let broker: Mosquitto | undefined;
  let sims: DemoSims | undefined;
  let client: MqttClient | undefined;
  let serverStarted = false;
  const got: Received[] = [];

  before(async function () {
    if (!binary) {
      if (process.env.CI) throw new Error('mosquitto is not installed, but CI needs this test: install the "mosquitto" package.');
      console.log('    (skipped: no mosquitto binary found; install mosquitto to run the MQTT example test)');
      this.skip();
    }
    broker = await startMosquitto(binary);
    sims = await startDemoSimulators();
    // The core mqtt nodes reconnect after mqttReconnectTime (5 s by default).
    helper.settings({ homeconnectLocalAccountTiming: TEST_TIMING, mqttReconnectTime: 200 });
    await startServer(helper);
    serverStarted = true;
    client = await connectClient(broker.url);
    client.on('message', (topic, payload, packet) => {
      let value: unknown = payload.toString();
      try {
        value = JSON.parse(value as string);
      } catch {
        // keep the text
      }
      got.push({ topic, payload: value, retain: packet.retain });
    });
    await subscribe(client, 'homeconnect/#');
  });

  afterEach(() => helper.unload());

  after(async function () {
    await helper.unload().catch(() => undefined);
    helper.settings({ homeconnectLocalAccountTiming: TEST_TIMING });
    if (client) await endClient(client);
    if (serverStarted) await stopServer(helper);
    if (sims) await sims.stop();
    if (broker) await broker.stop();
  });

  /** The example as shipped, with our test account and the broker pointed at the test broker. */
  function exampleFlow(): { flow: FlowNode[]; credentials: object } {
    const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as FlowNode[];
    const brokers = example.filter((n) => n.type === 'mqtt-broker');
    assert.strictEqual(brokers.length, 1, 'the example has one broker config node');
    const account = testAccount(sims!.records);
    const tabs = new Set(example.map((n) => n.z).filter((z): z is string => typeof z === 'string'));
    const flow: FlowNode[] = [
      ...[...tabs].map((id) => ({ id, type: 'tab', label: id })),
      account.node,
      ...example.map((n) => {
        if (n.account === EXAMPLE_ACCOUNT) return { ...n, account: ACCOUNT_ID };
        if (n.type === 'mqtt-broker') return { ...n, broker: '127.0.0.1', port: String(broker!.port) };
        return n;
      }),
    ];
    return { flow, credentials: account.credentials };
  }

  const stateTopic = 'homeconnect/dishwasher/state';
  const statesSince = (n: number) => got.slice(n).filter((m) => m.topic === stateTopic);

  it('publishes the simplified hcpy state, follows changes and passes /set commands to the appliance', async function () {
    const { flow, credentials } = exampleFlow();
    const modules = [
      coreNode('common/25-catch.js'),
      coreNode('common/25-status.js'),
      coreNode('common/90-comment.js'),
      coreNode('function/10-function.js'),
      coreNode('function/10-switch.js'),
      coreNode('network/10-mqtt.js'),
      homeconnectNodes(),
    ];
    await helper.load(modules, flow, credentials);
    const sim = sims!.dishwasher;

    // Initial state: every hcpy field, values as the appliance has them.
    await waitFor(() => statesSince(0).length > 0, 'first state message');
    const first = statesSince(0)[0].payload;
    assert.deepStrictEqual(Object.keys(first).sort(), [...STATE_FIELDS].sort(), JSON.stringify(first));
    const seconds = sim.getValue('BSH.Common.Option.RemainingProgramTime') as number;
    assert.deepStrictEqual(first, {
      state: sim.getValue('BSH.Common.Status.OperationState'),
      door: sim.getValue('BSH.Common.Status.DoorState'),
      remaining: hmm(seconds),
      remainingseconds: seconds,
      power: sim.getValue('BSH.Common.Setting.PowerState') === 'On',
      lowwaterpressure: false,
      aquastop: false,
      error: false,
    });
    assert.strictEqual(first.state, 'Ready');
    assert.strictEqual(first.power, true);

    // The AES washer goes through the same bridge.
    await waitFor(() => got.some((m) => m.topic === 'homeconnect/washer/state'), 'washer state');
    const washer = got.find((m) => m.topic === 'homeconnect/washer/state')!.payload;
    assert.deepStrictEqual(Object.keys(washer).sort(), [...STATE_FIELDS].sort(), JSON.stringify(washer));
    assert.strictEqual(washer.door, sims!.washer.getValue('BSH.Common.Status.DoorState'));

    // The state is retained: a client subscribing later gets it at once.
    const late = await connectClient(broker!.url);
    try {
      const retained: Received[] = [];
      late.on('message', (topic, payload, packet) =>
        retained.push({ topic, payload: JSON.parse(payload.toString()), retain: packet.retain }),
      );
      await subscribe(late, stateTopic);
      await waitFor(() => retained.length > 0, 'retained state');
      assert.strictEqual(retained[0].retain, true);
      assert.deepStrictEqual(retained[0].payload, statesSince(0).at(-1)!.payload);
    } finally {
      await endClient(late);
    }

    // A door opened on the appliance publishes a new state.
    const door = first.door === 'Open' ? 'Closed' : 'Open';
    let n = got.length;
    sim.setValue('BSH.Common.Status.DoorState', door);
    await waitFor(() => statesSince(n).some((m) => m.payload.door === door), `door ${door} published`);
    assert.deepStrictEqual(statesSince(n).at(-1)!.payload, { ...first, door });

    // Remaining time in H:MM and seconds.
    n = got.length;
    sim.setValue('BSH.Common.Option.RemainingProgramTime', 10140);
    await waitFor(() => statesSince(n).some((m) => m.payload.remainingseconds === 10140), 'remaining time published');
    assert.strictEqual(statesSince(n).at(-1)!.payload.remaining, '2:49');

    // Events become the hcpy flags.
    n = got.length;
    sim.setValue('BSH.Common.Event.LowWaterPressure', 'Present');
    await waitFor(() => statesSince(n).some((m) => m.payload.lowwaterpressure === true), 'low water pressure published');
    n = got.length;
    sim.setValue('BSH.Common.Event.AquaStopOccured', 'Present');
    await waitFor(() => statesSince(n).some((m) => m.payload.aquastop === true), 'aquastop published');
    assert.strictEqual(statesSince(n).at(-1)!.payload.lowwaterpressure, true);

    // A setting published to /set reaches the appliance; the result is published.
    const resultTopic = 'homeconnect/dishwasher/result';
    const want = !sim.getValue('BSH.Common.Setting.ChildLock');
    n = got.length;
    await publish(client!, 'homeconnect/dishwasher/set', JSON.stringify({ 'BSH.Common.Setting.ChildLock': want }));
    await waitFor(() => sim.getValue('BSH.Common.Setting.ChildLock') === want, 'ChildLock written by the simulator');
    await waitFor(() => got.slice(n).some((m) => m.topic === resultTopic), 'result published');
    assert.strictEqual(got.slice(n).find((m) => m.topic === resultTopic)!.payload.ok, true);

    // A command the out node refuses comes back as an error result; nothing reaches the appliance.
    n = got.length;
    const posts = sim.received.filter((m) => m.action === 'POST').length;
    await publish(client!, 'homeconnect/dishwasher/set', JSON.stringify({ NoSuchSetting: 1 }));
    await waitFor(() => got.slice(n).some((m) => m.topic === resultTopic), 'error result published');
    const refused = got.slice(n).find((m) => m.topic === resultTopic)!.payload;
    assert.strictEqual(refused.ok, false);
    assert.match(refused.error, /NoSuchSetting/);
    assert.strictEqual(sim.received.filter((m) => m.action === 'POST').length, posts);

    // A program start from MQTT runs on the appliance and the state follows.
    n = got.length;
    sim.setValue('BSH.Common.Status.DoorState', 'Closed');
    await publish(client!, 'homeconnect/dishwasher/set', JSON.stringify({ program: 'Dishcare.Dishwasher.Program.Eco50' }));
    await waitFor(() => got.slice(n).some((m) => m.topic === resultTopic), 'start result published');
    const started = got.slice(n).find((m) => m.topic === resultTopic)!.payload;
    assert.strictEqual(started.ok, true, JSON.stringify(started));
    await waitFor(() => statesSince(n).some((m) => m.payload.state === 'Run'), 'state Run published');

    // A payload that is not JSON gets a clear error result and reaches no appliance.
    n = got.length;
    const postsBefore = sims!.washer.received.filter((m) => m.action === 'POST').length;
    await publish(client!, 'homeconnect/washer/set', 'start please');
    await waitFor(() => got.slice(n).some((m) => m.topic === 'homeconnect/washer/result'), 'error result for a non-JSON payload');
    const bad = got.slice(n).find((m) => m.topic === 'homeconnect/washer/result')!.payload;
    assert.strictEqual(bad.ok, false);
    assert.match(bad.error, /must be a JSON object/);
    assert.doesNotMatch(bad.error, /Unknown feature/);
    assert.strictEqual(sims!.washer.received.filter((m) => m.action === 'POST').length, postsBefore);

    // Availability instead of junk: no connection/state topic, LWT online for both appliances.
    assert.deepStrictEqual(
      got.filter((m) => m.topic.includes('/connection')).map((m) => m.topic),
      [],
      'no topic of a connection message',
    );
    for (const name of ['dishwasher', 'washer']) {
      const lwt = got.filter((m) => m.topic === `homeconnect/${name}/LWT`).at(-1);
      assert.strictEqual(lwt?.payload, 'online', `${name} LWT`);
    }
  });

  it('publishes the state again when the broker restarts (retained state is not lost)', async function () {
    const { flow, credentials } = exampleFlow();
    const modules = [
      coreNode('common/25-catch.js'),
      coreNode('common/25-status.js'),
      coreNode('common/90-comment.js'),
      coreNode('function/10-function.js'),
      coreNode('function/10-switch.js'),
      coreNode('network/10-mqtt.js'),
      homeconnectNodes(),
    ];
    const n = got.length;
    await helper.load(modules, flow, credentials);
    await waitFor(() => got.slice(n).some((m) => m.topic === 'homeconnect/washer/state'), 'washer state after the deploy');

    // The broker has no persistence: after a restart it knows nothing retained until the bridge publishes again.
    await endClient(client!);
    client = undefined;
    await broker!.restart();
    // Published live or found retained: either way the bridge published again after the restart.
    const retained = new Map<string, Received>();
    const late = await connectClient(broker!.url);
    try {
      late.on('message', (topic, payload, packet) => retained.set(topic, { topic, payload: payload.toString(), retain: packet.retain }));
      await subscribe(late, 'homeconnect/#');
      for (const name of ['dishwasher', 'washer']) {
        await waitFor(() => retained.has(`homeconnect/${name}/state`), `${name} state after the broker restart`);
        // The last word may be an older offline first (kept from before the redeploy), then online.
        await waitFor(() => retained.get(`homeconnect/${name}/LWT`)?.payload === 'online', `${name} LWT online after the broker restart`);
      }
      // A late subscriber sees them retained and current.
      const late2 = await connectClient(broker!.url);
      try {
        const seen = new Map<string, { payload: string; retain: boolean }>();
        // The first delivery per topic is the retained one (a program still running publishes more).
        late2.on('message', (topic, payload, packet) => {
          if (!seen.has(topic)) seen.set(topic, { payload: payload.toString(), retain: packet.retain });
        });
        await subscribe(late2, 'homeconnect/+/state');
        await waitFor(() => seen.size === 2, 'both states delivered as retained');
        const dw = JSON.parse(seen.get('homeconnect/dishwasher/state')!.payload);
        assert.strictEqual(seen.get('homeconnect/dishwasher/state')!.retain, true);
        assert.ok(['Open', 'Closed'].includes(dw.door), dw.door);
        assert.deepStrictEqual(Object.keys(dw).sort(), [...STATE_FIELDS].sort());
      } finally {
        await endClient(late2);
      }
    } finally {
      await endClient(late);
    }
  });
});
