import * as assert from 'node:assert/strict';
import { HomeConnectError } from '../../src/errors';
import { profileFromRecord } from '../../src/profile';
import type { ApplianceProfile } from '../../src/profile';
import type { ConnectionState } from '../../src/protocol/types';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { MqttBridge, featureId, readCommand, topicSegment } from '../../src/mqtt';
import type { ApplianceCommand, BridgeAppliance, DiscoveryEntry, MqttMessage } from '../../src/mqtt';
import { parseCommand } from '../../src/appliance/commands';
import { discoveryProblems } from '../support/ha-discovery-schema';

const parseOut = (payload: unknown): ApplianceCommand => parseCommand(payload);

interface Fake extends BridgeAppliance {
  setState(s: ConnectionState): void;
  values: Record<string, unknown>;
}

function fakeAppliances(): Fake[] {
  return demoRecords().map((r) => {
    const profile = profileFromRecord(r);
    let state: ConnectionState = 'connecting';
    const fake: Fake = {
      haId: r.haId,
      name: r.name,
      brand: r.brand,
      vib: r.vib,
      profile,
      values: { 'BSH.Common.Status.DoorState': 'Closed', 'BSH.Common.Setting.ChildLock': false, 'BSH.Common.Event.ProgramFinished': 'Off' },
      state: () => state,
      snapshot: () => ({ ...fake.values }),
      setState: (s) => (state = s),
    };
    return fake;
  });
}

function bridgeOf(apps = fakeAppliances(), options: Partial<ConstructorParameters<typeof MqttBridge>[0]> = {}) {
  return { apps, bridge: new MqttBridge({ nodeId: 'hcl_n1', ...options }, apps) };
}

const byKey = (entries: DiscoveryEntry[], key: string) => entries.find((e) => e.key === key);
const find = (messages: MqttMessage[], topic: string) => messages.find((m) => m.topic === topic);

describe('MQTT bridge library (src/mqtt)', function () {
  it('names topics as hcpy2-0 does and keeps names to one safe level', function () {
    assert.equal(featureId('BSH.Common.Status.DoorState'), 'bsh_common_status_doorstate');
    assert.equal(topicSegment('Spülmaschine Küche'), 'Spulmaschine_Kuche');
    assert.equal(topicSegment('a/b+#c'), 'a_b__c');
    assert.equal(topicSegment('///'), 'appliance');
    assert.equal(topicSegment('x'.repeat(500)).length, 64);
  });

  it('maps every feature of every demo appliance to a discovery entry that passes the HA schema check', function () {
    const { apps, bridge } = bridgeOf();
    for (const app of apps) {
      const entries = bridge.discoveryOf(app.haId);
      assert.ok(entries.length > 5, `${app.name}: ${entries.length} entries`);
      const topics = new Set<string>();
      const ids = new Set<unknown>();
      for (const e of entries) {
        assert.deepEqual(discoveryProblems(e.topic, JSON.stringify(e.payload)), []);
        assert.ok(!topics.has(e.topic), `unique topic ${e.topic}`);
        topics.add(e.topic);
        assert.ok(!ids.has(e.payload.unique_id), `unique id ${e.payload.unique_id as string}`);
        ids.add(e.payload.unique_id);
        assert.equal(e.payload.unique_id, `${app.haId}_${e.key}`);
        assert.deepEqual(e.payload.device, { identifiers: [app.haId], manufacturer: app.brand, model: app.vib, name: app.name });
        assert.match(e.topic, new RegExp(`^homeassistant/${e.component}/hcl_n1/`));
        const availability = e.payload.availability as Array<{ topic: string }>;
        assert.equal(availability[0].topic, `homeconnect/${app.name}/LWT`);
      }
    }
    const dw = bridge.discoveryOf(apps[0].haId);
    const door = byKey(dw, 'BSH.Common.Status.DoorState')!;
    assert.equal(door.component, 'binary_sensor');
    assert.equal(door.payload.device_class, 'door');
    assert.equal(door.payload.state_topic, 'homeconnect/dishwasher/state/bsh_common_status_doorstate');
    const op = byKey(dw, 'BSH.Common.Status.OperationState')!;
    assert.equal(op.component, 'sensor');
    assert.equal(op.payload.device_class, 'enum');
    assert.ok((op.payload.options as string[]).includes('Run'));
    const temp = byKey(dw, 'Dishcare.Dishwasher.Status.WaterTemperature')!;
    assert.deepEqual([temp.payload.device_class, temp.payload.unit_of_measurement], ['temperature', '°C']);
    const remaining = byKey(dw, 'BSH.Common.Option.RemainingProgramTime')!;
    assert.deepEqual([remaining.component, remaining.payload.device_class], ['sensor', 'duration']);
    const childLock = byKey(dw, 'BSH.Common.Setting.ChildLock')!;
    assert.equal(childLock.component, 'switch');
    assert.equal(childLock.payload.payload_on, '{"uid":' + apps[0].profile.resolve('BSH.Common.Setting.ChildLock').uid + ',"value":true}');
    assert.equal(childLock.payload.state_on, 'true');
    assert.equal(byKey(dw, 'Dishcare.Dishwasher.Setting.WaterHardness')!.component, 'select');
    assert.equal(byKey(dw, 'BSH.Common.Command.AbortProgram')!.component, 'button');
    assert.equal(byKey(dw, 'BSH.Common.Command.ApplyFactoryReset'), undefined, 'dangerous commands are not offered');
    assert.equal(byKey(dw, 'BSH.Common.Command.DeactivateWiFi'), undefined);
    assert.equal(byKey(dw, 'BSH.Common.Event.ProgramFinished')!.component, 'event');
    const programs = byKey(dw, 'BSH.Common.Root.SelectedProgram')!;
    assert.equal(programs.component, 'select');
    assert.ok((programs.payload.options as string[]).includes('Eco50'));
    assert.ok(!(programs.payload.options as string[]).includes('MachineCare'), 'unavailable programs are not offered');
    assert.equal(programs.payload.command_topic, 'homeconnect/dishwasher/selectedProgram');
    assert.equal(byKey(dw, 'BSH.Common.Root.SelectedProgram.Start')!.component, 'button');
    const delay = byKey(dw, 'BSH.Common.Option.StartInRelative')!;
    assert.deepEqual(
      [delay.component, delay.payload.command_topic, delay.payload.device_class],
      ['number', 'homeconnect/dishwasher/startIn', 'duration'],
    );
    // The washer only has FinishInRelative: its delayed start number is that one.
    assert.equal(byKey(bridge.discoveryOf(apps[1].haId), 'BSH.Common.Option.FinishInRelative')!.component, 'number');

    const dangerous = bridgeOf(undefined, { allowDangerous: true, booleans: 'hcpy', discoveryPrefix: 'ha/disc', baseTopic: 'hc/' }).bridge;
    const all = dangerous.discoveryOf(apps[0].haId);
    assert.equal(byKey(all, 'BSH.Common.Command.ApplyFactoryReset')!.component, 'button');
    assert.equal(byKey(all, 'BSH.Common.Setting.ChildLock')!.payload.state_on, 'True');
    assert.match(byKey(all, 'BSH.Common.Setting.ChildLock')!.topic, /^ha\/disc\/switch\/hcl_n1\//);
    assert.equal(byKey(all, 'BSH.Common.Status.DoorState')!.payload.state_topic, 'hc/dishwasher/state/bsh_common_status_doorstate');
  });

  it('hides features the description hides, and marks controls unavailable when the live description says so', function () {
    const apps = fakeAppliances();
    const wifi = apps[0].profile.resolve('BSH.Common.Status.WiFiSignalStrength');
    wifi.access = 'none';
    wifi.attributes.access = 'none';
    // Read-only now (live description), writable by the profile: still a switch, shown unavailable.
    const lockUid = apps[0].profile.resolve('BSH.Common.Setting.ChildLock').uid;
    apps[0].profile.applyDescriptionChange({ uid: lockUid, access: 'read' });
    const { bridge } = bridgeOf(apps);
    const dw = bridge.discoveryOf(apps[0].haId);
    assert.equal(byKey(dw, 'BSH.Common.Status.WiFiSignalStrength')!.payload.enabled_by_default, false);
    assert.equal(byKey(dw, 'BSH.Common.Status.DoorState')!.payload.enabled_by_default, undefined);
    const childLock = byKey(dw, 'BSH.Common.Setting.ChildLock')!;
    assert.equal(childLock.availabilityTopic, 'homeconnect/dishwasher/available/bsh_common_setting_childlock');
    assert.equal(childLock.component, 'switch');
    const first = bridge.republish();
    assert.equal(find(first, childLock.availabilityTopic)!.payload, 'offline');
    assert.deepEqual(bridge.descriptionChanged(apps[0].haId), [], 'nothing changed, nothing published');
    const uid = lockUid;
    apps[0].profile.applyDescriptionChange({ uid, access: 'readWrite' });
    assert.deepEqual(bridge.descriptionChanged(apps[0].haId), [{ topic: childLock.availabilityTopic, payload: 'online', retain: true }]);
    apps[0].profile.applyDescriptionChange({ uid, access: 'read' });
    assert.deepEqual(bridge.descriptionChanged(apps[0].haId), [{ topic: childLock.availabilityTopic, payload: 'offline', retain: true }]);
    apps[0].profile.applyDescriptionChange({ uid, access: 'readWrite', available: false });
    assert.deepEqual(bridge.descriptionChanged(apps[0].haId), []);
    apps[0].profile.applyDescriptionChange({ uid, available: true });
    assert.deepEqual(bridge.descriptionChanged(apps[0].haId), [{ topic: childLock.availabilityTopic, payload: 'online', retain: true }]);
  });

  it('publishes state retained, events not retained, LWT from the connection, and everything on republish', function () {
    const { apps, bridge } = bridgeOf();
    const dw = apps[0];
    const changes = bridge.valuesChanged(dw.haId, [
      { key: 'BSH.Common.Status.DoorState', kind: 'status', value: 'Open' },
      { key: 'BSH.Common.Setting.ChildLock', kind: 'setting', value: true },
      { key: 'BSH.Common.Event.ProgramFinished', kind: 'event', value: 'Present' },
      { key: 'BSH.Common.Root.SelectedProgram', kind: 'root', value: 'Dishcare.Dishwasher.Program.Eco50' },
    ]);
    assert.deepEqual(changes, [
      { topic: 'homeconnect/dishwasher/state/bsh_common_status_doorstate', payload: 'Open', retain: true },
      { topic: 'homeconnect/dishwasher/state/bsh_common_setting_childlock', payload: 'true', retain: true },
      { topic: 'homeconnect/dishwasher/event/bsh_common_event_programfinished', payload: '{"event_type":"Present"}', retain: false },
      { topic: 'homeconnect/dishwasher/state/bsh_common_root_selectedprogram', payload: 'Dishcare.Dishwasher.Program.Eco50', retain: true },
    ]);
    assert.deepEqual(bridge.valuesChanged('nope', changes as never), []);

    // LWT: offline until connected; connecting keeps the last word.
    const all = bridge.republish();
    assert.equal(find(all, 'homeconnect/dishwasher/LWT')!.payload, 'offline');
    dw.setState('connected');
    assert.deepEqual(bridge.connectionChanged(dw.haId), [{ topic: 'homeconnect/dishwasher/LWT', payload: 'online', retain: true }]);
    assert.deepEqual(bridge.connectionChanged(dw.haId), []);
    dw.setState('connecting');
    assert.deepEqual(bridge.connectionChanged(dw.haId), []);
    dw.setState('offline');
    assert.deepEqual(bridge.connectionChanged(dw.haId), [{ topic: 'homeconnect/dishwasher/LWT', payload: 'offline', retain: true }]);

    const again = bridge.republish();
    assert.equal(find(again, 'homeconnect/dishwasher/state/bsh_common_status_doorstate')!.payload, 'Closed');
    assert.equal(find(again, 'homeconnect/dishwasher/event/bsh_common_event_programfinished'), undefined, 'events are not state');
    assert.equal(find(again, 'homeconnect/dishwasher/state/bsh_common_event_programfinished'), undefined);
    const discovered = apps.reduce((n, a) => n + bridge.discoveryOf(a.haId).length, 0);
    assert.strictEqual(again.filter((m) => m.topic.startsWith('homeassistant/')).length, discovered);
    assert.ok(
      again.every((m) => m.payload !== ''),
      'nothing published empty (it would delete a retained topic)',
    );
  });

  it('clears retained discovery entries of its node id that it no longer has', function () {
    const { apps, bridge } = bridgeOf(fakeAppliances().slice(0, 1));
    const own = bridge.discoveryOf(apps[0].haId)[0];
    assert.deepEqual(bridge.discoverySeen(own.topic, JSON.stringify(own.payload)), []);
    const gone = 'homeassistant/sensor/hcl_n1/HCLOCAL-DEMOWM1-000000000002_bsh_common_status_doorstate/config';
    assert.deepEqual(bridge.discoverySeen(gone, '{"name":"x"}'), [{ topic: gone, payload: '', retain: true }]);
    assert.deepEqual(bridge.discoverySeen(gone, ''), [], 'an already cleared entry');
    assert.deepEqual(bridge.discoverySeen(gone.replace('hcl_n1', 'hcl_other'), '{}'), [], 'another bridge owns it');
    assert.deepEqual(bridge.discoverySeen('homeconnect/dishwasher/set', '{}'), []);
    const off = new MqttBridge({ nodeId: 'hcl_n1', discovery: false }, apps);
    assert.deepEqual(off.discoverySeen(own.topic, '{}'), [{ topic: own.topic, payload: '', retain: true }], 'discovery turned off clears');
    assert.ok(bridge.subscriptions().includes('homeassistant/+/hcl_n1/+/config'));
    assert.ok(bridge.subscriptions().includes('homeconnect/+/set'));
  });

  it('routes command topics and reads hcpy2-0 payloads and out-node payloads into commands', function () {
    const { apps, bridge } = bridgeOf();
    const dw = apps[0];
    const p = dw.profile;
    assert.deepEqual(bridge.route('homeconnect/dishwasher/set'), { haId: dw.haId, topic: 'set' });
    assert.deepEqual(bridge.route('homeconnect/washer/activeProgram'), { haId: apps[1].haId, topic: 'activeProgram' });
    assert.equal(bridge.route('homeconnect/dishwasher/state/x'), undefined);
    assert.equal(bridge.route('homeconnect/nobody/set'), undefined);
    assert.equal(bridge.route('other/dishwasher/set'), undefined);

    const power = p.resolve('BSH.Common.Setting.PowerState');
    const onMember = Object.entries(power.enumeration!.members).find(([, v]) => v === 'On')![0];
    const set = (payload: unknown) => readCommand('set', payload, p, parseOut);
    assert.deepEqual(set(`{"uid":${power.uid},"value":${onMember}}`), {
      type: 'values',
      values: { 'BSH.Common.Setting.PowerState': 'On' },
    });
    assert.deepEqual(set(Buffer.from('{"name":"ChildLock","value":true}')), {
      type: 'values',
      values: { 'BSH.Common.Setting.ChildLock': true },
    });
    assert.deepEqual(set('[{"name":"BSH.Common.Setting.ChildLock","value":false},{"uid":"' + power.uid + '","value":"Off"}]'), {
      type: 'values',
      values: { 'BSH.Common.Setting.ChildLock': false, 'BSH.Common.Setting.PowerState': 'Off' },
    });
    assert.deepEqual(set('{"action":"stop"}'), { type: 'stop' });
    assert.deepEqual(set({ program: 'Dishcare.Dishwasher.Program.Eco50', startIn: 60 }), {
      type: 'program',
      action: 'start',
      program: 'Dishcare.Dishwasher.Program.Eco50',
      startIn: 60,
    });
    assert.throws(
      () => set('start please'),
      (e: unknown) =>
        e instanceof HomeConnectError &&
        e.kind === 'validation' &&
        /must be a JSON object/.test(e.message) &&
        !/Unknown feature/.test(e.message),
    );
    assert.throws(() => set('42'), /must be a JSON object/);
    assert.throws(() => set('[]'), /empty list/);
    assert.throws(() => set('[1]'), /Every item/);
    assert.throws(() => set('{"name":"Setting","value":1}'), /matches \d+ features/);
    assert.throws(() => set('{"name":"NoSuchThing","value":1}'), /Unknown feature/);
    assert.throws(() => set(JSON.stringify(Array.from({ length: 101 }, () => ({ uid: power.uid, value: 'On' })))), /at most 100/);
    assert.throws(() => set('x'.repeat(70 * 1024)), /too large/);
    assert.throws(() => set('['.repeat(50) + ']'.repeat(50)), /nested too deeply/);

    const eco = p.resolve('Dishcare.Dishwasher.Program.Eco50');
    const start = p.resolve('BSH.Common.Option.StartInRelative');
    assert.deepEqual(readCommand('activeProgram', `{"program":${eco.uid},"options":[{"uid":${start.uid},"value":600}]}`, p, parseOut), {
      type: 'program',
      action: 'start',
      program: eco.uid,
      options: { 'BSH.Common.Option.StartInRelative': 600 },
    });
    assert.deepEqual(readCommand('selectedProgram', '[{"program":"Eco50","options":[]}]', p, parseOut), {
      type: 'program',
      action: 'select',
      program: eco.key,
    });
    assert.deepEqual(readCommand('selectedProgram', 'Quick45', p, parseOut), {
      type: 'program',
      action: 'select',
      program: 'Dishcare.Dishwasher.Program.Quick45',
    });
    assert.deepEqual(readCommand('start', 'PRESS', p, parseOut, 0), { type: 'program', action: 'start' });
    assert.deepEqual(readCommand('start', 'PRESS', p, parseOut, 300), { type: 'program', action: 'start', startIn: 300 });

    const route = bridge.route('homeconnect/dishwasher/startIn')!;
    assert.deepEqual(bridge.setStartIn(route, '900'), [{ topic: 'homeconnect/dishwasher/state/start_in', payload: '900', retain: true }]);
    assert.deepEqual(bridge.command(bridge.route('homeconnect/dishwasher/start')!, 'PRESS', parseOut), {
      type: 'program',
      action: 'start',
      startIn: 900,
    });
    assert.throws(() => bridge.setStartIn(route, '-1'), /from 0 to 86400/);
    assert.throws(() => bridge.setStartIn(route, 'soon'), /number of seconds/);
    assert.deepEqual(bridge.result(dw.haId, { ok: false, error: 'x', kind: 'validation' }), [
      { topic: 'homeconnect/dishwasher/result', payload: '{"ok":false,"error":"x","kind":"validation"}', retain: false },
    ]);
  });

  it('gives two appliances with the same name distinct topics', function () {
    const apps = fakeAppliances();
    apps[1].name = apps[0].name;
    const { bridge } = bridgeOf(apps);
    assert.equal(bridge.topicName(apps[0].haId), 'dishwasher');
    assert.equal(bridge.topicName(apps[1].haId), `dishwasher_${apps[1].haId}`);
  });
});

export type { ApplianceProfile };

describe('HA discovery schema check (test helper)', function () {
  const base = {
    name: 'x',
    unique_id: 'id',
    device: { identifiers: ['id'] },
    availability: [{ topic: 'a/LWT', payload_available: 'online', payload_not_available: 'offline' }],
  };
  it('accepts a valid entry and names every problem of an invalid one', function () {
    assert.deepEqual(discoveryProblems('homeassistant/sensor/n/o/config', JSON.stringify({ ...base, state_topic: 's' })), []);
    assert.match(
      discoveryProblems('homeassistant/select/n/o/config', JSON.stringify({ ...base, command_topic: 'c' })).join(),
      /"options" missing/,
    );
    assert.match(
      discoveryProblems('homeassistant/number/n/o/config', JSON.stringify({ ...base, command_topic: 'c', min: 5, max: 1 })).join(),
      /min must be below max/,
    );
    assert.match(
      discoveryProblems('homeassistant/sensor/n/o/config', JSON.stringify({ ...base, state_topic: 's', options: ['a'] })).join(),
      /device_class enum/,
    );
    assert.match(
      discoveryProblems('homeassistant/switch/n/o/config', JSON.stringify({ ...base, command_topic: 'c', payload_onn: 'x' })).join(),
      /"payload_onn" is not a switch option/,
    );
    assert.match(
      discoveryProblems('homeassistant/button/n/o/config', JSON.stringify({ ...base, command_topic: 'c/#' })).join(),
      /without wildcards/,
    );
    assert.match(
      discoveryProblems(
        'homeassistant/sensor/n/o/config',
        JSON.stringify({ ...base, state_topic: 's', device: { identifiers: [] } }),
      ).join(),
      /identifiers/,
    );
    assert.match(discoveryProblems('homeassistant/sensor/n/o/config', '{nope').join(), /not JSON/);
    assert.match(discoveryProblems('homeassistant/light/n/o/config', '{}').join(), /not one the schema knows/);
    assert.match(discoveryProblems('homeassistant/sensor/o/config', '{}').join(), /not <prefix>/);
  });
});
