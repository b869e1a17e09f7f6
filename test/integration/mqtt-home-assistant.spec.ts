/**
 * examples/mqtt-home-assistant.json end to end: the appliance mqtt node with core mqtt nodes, a
 * real mosquitto broker on 127.0.0.1, both demo simulators behind the account, and raw MQTT
 * clients acting as Home Assistant would (reading retained discovery, writing command topics).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  ACCOUNT_ID,
  TEST_TIMING,
  coreNode,
  homeconnectNodes,
  nodeRedHelper,
  nodeRedModule,
  startDemoSimulators,
  startServer,
  stopServer,
  testAccount,
  waitFor,
} from '../support/node-red-helper';
import type { DemoSims, FlowNode } from '../support/node-red-helper';
import { connectClient, endClient, findMosquitto, publish, startMosquitto, subscribe } from '../support/mosquitto';
import type { Mosquitto, MqttClient } from '../support/mosquitto';
import { discoveryProblems } from '../support/ha-discovery-schema';
import { repoRoot } from '../support/paths';
import type { ApplianceRecord } from '../../src/profile/types';

const EXAMPLE = path.join(repoRoot, 'examples', 'mqtt-home-assistant.json');
const EXAMPLE_ACCOUNT = 'a1c0de0000demo01';
const BRIDGE_ID = 'a500000000000062';

/** The latest retained-or-live payload of every topic a client saw, plus the full log. */
class Observer {
  readonly latest = new Map<string, string>();
  readonly log: Array<{ topic: string; payload: string; retain: boolean }> = [];
  constructor(readonly client: MqttClient) {
    client.on('message', (topic, payload, packet) => {
      const text = payload.toString();
      this.latest.set(topic, text);
      this.log.push({ topic, payload: text, retain: packet.retain });
    });
  }
  static async open(url: string, ...topics: string[]): Promise<Observer> {
    const o = new Observer(await connectClient(url));
    for (const t of topics) await subscribe(o.client, t);
    return o;
  }
  /** Retained discovery entries with a payload (cleared ones are empty). */
  discovery(): Map<string, Record<string, any>> {
    const out = new Map<string, Record<string, any>>();
    for (const [topic, text] of this.latest) {
      if (topic.startsWith('homeassistant/') && text !== '') out.set(topic, JSON.parse(text));
    }
    return out;
  }
  entity(uniqueId: string): { topic: string; payload: Record<string, any> } | undefined {
    for (const [topic, payload] of this.discovery()) if (payload.unique_id === uniqueId) return { topic, payload };
    return undefined;
  }
}

/** Renders HA's `{{ value }}` in a command template. */
const render = (template: string, value: string) => template.replace(/\{\{\s*value\s*\}\}/g, value);

describe(`MQTT with Home Assistant discovery example against mosquitto (${nodeRedModule})`, function () {
  const helper = nodeRedHelper();
  const binary = findMosquitto();
  let broker: Mosquitto | undefined;
  let sims: DemoSims | undefined;
  let serverStarted = false;
  const observers: Observer[] = [];

  before(async function () {
    if (!binary) {
      if (process.env.CI) throw new Error('mosquitto is not installed, but CI needs this test: install the "mosquitto" package.');
      console.log('    (skipped: no mosquitto binary found; install mosquitto to run the MQTT example test)');
      this.skip();
    }
    broker = await startMosquitto(binary);
    sims = await startDemoSimulators();
    helper.settings({ homeconnectLocalAccountTiming: TEST_TIMING, mqttReconnectTime: 200 });
    await startServer(helper);
    serverStarted = true;
  });

  after(async function () {
    await helper.unload().catch(() => undefined);
    helper.settings({ homeconnectLocalAccountTiming: TEST_TIMING });
    for (const o of observers) await endClient(o.client);
    if (serverStarted) await stopServer(helper);
    if (sims) await sims.stop();
    if (broker) await broker.stop();
  });

  async function observe(...topics: string[]): Promise<Observer> {
    const o = await Observer.open(broker!.url, ...topics);
    observers.push(o);
    return o;
  }

  async function deploy(records: ApplianceRecord[]): Promise<void> {
    const example = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8')) as FlowNode[];
    const account = testAccount(records);
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
    await helper.load(
      [coreNode('common/25-status.js'), coreNode('common/90-comment.js'), coreNode('network/10-mqtt.js'), homeconnectNodes()],
      flow,
      account.credentials,
    );
  }

  it('publishes discovery, state and LWT for both demo appliances, takes commands, survives a broker restart and clears removed appliances', async function () {
    const [dwRecord, wmRecord] = sims!.records as [ApplianceRecord, ApplianceRecord];
    const dw = sims!.dishwasher;
    await deploy(sims!.records);
    const ha = await observe('homeassistant/#', 'homeconnect/#');

    // LWT online, state with decoded values.
    for (const name of ['dishwasher', 'washer']) {
      await waitFor(() => ha.latest.get(`homeconnect/${name}/LWT`) === 'online', `${name} LWT online`);
    }
    // The bridge's own availability, from the example's broker birth message (hcpy2-0's homeconnect/LWT).
    await waitFor(() => ha.latest.get('homeconnect/LWT') === 'online', 'bridge LWT online');
    const state = (name: string, key: string) => ha.latest.get(`homeconnect/${name}/state/${key.toLowerCase().replace(/\./g, '_')}`);
    await waitFor(() => state('dishwasher', 'BSH.Common.Status.OperationState') !== undefined, 'dishwasher state');
    assert.strictEqual(state('dishwasher', 'BSH.Common.Status.OperationState'), dw.getValue('BSH.Common.Status.OperationState'));
    assert.strictEqual(state('dishwasher', 'BSH.Common.Status.DoorState'), dw.getValue('BSH.Common.Status.DoorState'));
    assert.strictEqual(state('dishwasher', 'BSH.Common.Setting.PowerState'), 'On');
    assert.strictEqual(state('dishwasher', 'BSH.Common.Setting.ChildLock'), String(dw.getValue('BSH.Common.Setting.ChildLock')));
    await waitFor(() => state('washer', 'BSH.Common.Status.DoorState') !== undefined, 'washer state');

    // Discovery: valid JSON, schema-checked, with unique_id, device and availability, for both appliances.
    await waitFor(() => ha.entity(`${wmRecord.haId}_BSH.Common.Root.SelectedProgram.Start`) !== undefined, 'washer discovery');
    await waitFor(() => ha.entity(`${dwRecord.haId}_BSH.Common.Root.SelectedProgram.Start`) !== undefined, 'dishwasher discovery');
    const entries = ha.discovery();
    for (const record of [dwRecord, wmRecord]) {
      const mine = [...entries].filter(([, p]) => p.device?.identifiers?.[0] === record.haId);
      assert.ok(mine.length > 20, `${record.name}: ${mine.length} entries`);
      for (const [topic, payload] of mine) {
        assert.deepStrictEqual(discoveryProblems(topic, JSON.stringify(payload)), []);
        assert.ok(topic.startsWith(`homeassistant/`) && topic.includes(`/hcl_${BRIDGE_ID}/`), topic);
        assert.match(payload.unique_id, new RegExp(`^${record.haId}_`));
        assert.deepStrictEqual(payload.device, {
          identifiers: [record.haId],
          manufacturer: record.brand,
          model: record.vib,
          name: record.name,
        });
        assert.strictEqual(payload.availability[0].topic, `homeconnect/${record.name}/LWT`);
      }
    }
    const door = ha.entity(`${dwRecord.haId}_BSH.Common.Status.DoorState`)!;
    assert.ok(door.topic.startsWith('homeassistant/binary_sensor/'));
    assert.strictEqual(door.payload.device_class, 'door');

    // A select written as HA writes it changes the simulator.
    const hardness = ha.entity(`${dwRecord.haId}_Dishcare.Dishwasher.Setting.WaterHardness`)!;
    assert.ok(hardness.topic.startsWith('homeassistant/select/'));
    const wantHardness = dw.getValue('Dishcare.Dishwasher.Setting.WaterHardness') === 'H05' ? 'H03' : 'H05';
    await publish(ha.client, hardness.payload.command_topic, render(hardness.payload.command_template, wantHardness));
    await waitFor(() => dw.getValue('Dishcare.Dishwasher.Setting.WaterHardness') === wantHardness, 'WaterHardness written');
    await waitFor(() => ha.latest.get(hardness.payload.state_topic) === wantHardness, 'WaterHardness state published');
    await waitFor(() => ha.latest.get('homeconnect/dishwasher/result') !== undefined, 'result published');
    assert.strictEqual(
      JSON.parse(ha.latest.get('homeconnect/dishwasher/result')!).ok,
      true,
      ha.latest.get('homeconnect/dishwasher/result'),
    );

    // hcpy2-0 forms on /set: uid with a wire enum number, and a non-JSON payload gets a clear error.
    const childLock = ha.entity(`${dwRecord.haId}_BSH.Common.Setting.ChildLock`)!;
    const wantLock = !dw.getValue('BSH.Common.Setting.ChildLock');
    await publish(ha.client, childLock.payload.command_topic, wantLock ? childLock.payload.payload_on : childLock.payload.payload_off);
    let n = ha.log.length;
    await waitFor(() => dw.getValue('BSH.Common.Setting.ChildLock') === wantLock, 'ChildLock switched');
    await waitFor(() => ha.log.slice(n).some((m) => m.topic === 'homeconnect/dishwasher/result'), 'ChildLock result');
    n = ha.log.length;
    await publish(ha.client, 'homeconnect/dishwasher/set', 'ChildLock on');
    await waitFor(() => ha.log.slice(n).some((m) => m.topic === 'homeconnect/dishwasher/result'), 'error result');
    const refused = JSON.parse(ha.log.slice(n).find((m) => m.topic === 'homeconnect/dishwasher/result')!.payload);
    assert.strictEqual(refused.ok, false);
    assert.strictEqual(refused.kind, 'validation');
    assert.match(refused.message, /must be a JSON object/);

    // The program select and the start button start a program.
    dw.setValue('BSH.Common.Status.DoorState', 'Closed');
    const programs = ha.entity(`${dwRecord.haId}_BSH.Common.Root.SelectedProgram`)!;
    assert.ok(programs.payload.options.includes('Quick45'));
    await publish(ha.client, programs.payload.command_topic, render(programs.payload.command_template, 'Quick45'));
    await waitFor(() => dw.getValue('BSH.Common.Root.SelectedProgram') === 'Dishcare.Dishwasher.Program.Quick45', 'Quick45 selected');
    await waitFor(
      () => state('dishwasher', 'BSH.Common.Root.SelectedProgram') === 'Dishcare.Dishwasher.Program.Quick45',
      'selected program published',
    );
    const startButton = ha.entity(`${dwRecord.haId}_BSH.Common.Root.SelectedProgram.Start`)!;
    n = ha.log.length;
    await publish(ha.client, startButton.payload.command_topic, startButton.payload.payload_press);
    await waitFor(() => dw.getValue('BSH.Common.Status.OperationState') === 'Run', 'program running');
    await waitFor(() => state('dishwasher', 'BSH.Common.Status.OperationState') === 'Run', 'Run published');
    assert.strictEqual(dw.getValue('BSH.Common.Root.ActiveProgram'), 'Dishcare.Dishwasher.Program.Quick45');
    const abort = ha.entity(`${dwRecord.haId}_BSH.Common.Command.AbortProgram`)!;
    await publish(ha.client, abort.payload.command_topic, abort.payload.payload_press);
    await waitFor(() => dw.getValue('BSH.Common.Status.OperationState') !== 'Run', 'program aborted by the button');

    // An event reaches its event entity's topic as {"event_type": …}.
    const finished = ha.entity(`${wmRecord.haId}_BSH.Common.Event.ProgramFinished`)!;
    assert.ok(finished.topic.startsWith('homeassistant/event/'));
    sims!.washer.setValue('BSH.Common.Event.ProgramFinished', 'Present');
    await waitFor(() => ha.latest.get(finished.payload.state_topic) !== undefined, 'event published');
    assert.deepStrictEqual(JSON.parse(ha.latest.get(finished.payload.state_topic)!), { event_type: 'Present' });
    assert.ok(finished.payload.event_types.includes('Present'));

    // A broker restart (no persistence: everything retained is gone) brings back LWT, state and discovery.
    await broker!.restart();
    const late = await observe('homeassistant/#', 'homeconnect/#');
    for (const name of ['dishwasher', 'washer']) {
      await waitFor(() => late.latest.get(`homeconnect/${name}/LWT`) === 'online', `${name} LWT after the restart`);
    }
    await waitFor(
      () => late.latest.get('homeconnect/dishwasher/state/bsh_common_status_doorstate') === 'Closed',
      'state after the restart',
    );
    await waitFor(() => late.entity(door.payload.unique_id) !== undefined, 'discovery after the restart');

    // Removing the washer from the account clears its entries (and only its).
    await helper.unload();
    await deploy([dwRecord]);
    const cleared = (o: Observer) => [...o.discovery().values()].filter((p) => p.device?.identifiers?.[0] === wmRecord.haId).length;
    await waitFor(() => cleared(late) === 0, 'washer entries cleared');
    const fresh = await observe('homeassistant/#');
    await waitFor(() => fresh.entity(door.payload.unique_id) !== undefined, 'dishwasher entries still retained');
    assert.strictEqual(cleared(fresh), 0, 'no washer entry retained');
  });
});
