import * as assert from 'assert';
import type { ApplianceRecord } from '../../src/profile/types';
import type { Message } from '../../src/protocol/message';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import type { ServiceSetName } from '../../src/simulator/service-sets';
import { rawProfilePairs } from '../support/paths';
import { type RawClient, realRecord } from '../support/raw-client';
import { simulatorHarness } from '../support/simulator-harness';

const EXPECTED_SERVICES: Record<ServiceSetName, Array<{ service: string; version: number }>> = {
  iz: [
    { service: 'ci', version: 3 },
    { service: 'ei', version: 2 },
    { service: 'iz', version: 1 },
    { service: 'ni', version: 1 },
    { service: 'ro', version: 1 },
  ],
  ci2: [
    { service: 'ci', version: 2 },
    { service: 'ei', version: 2 },
    { service: 'ni', version: 1 },
    { service: 'ro', version: 1 },
  ],
  legacy: [
    { service: 'ci', version: 1 },
    { service: 'ei', version: 1 },
    { service: 'ro', version: 1 },
  ],
};

describe('simulator handshake (integration)', function () {
  this.timeout(10000);
  const h = simulatorHarness();

  async function open(record: ApplianceRecord, services: ServiceSetName, transport = record.connectionType): Promise<RawClient> {
    return h.open({ record, services, transport });
  }

  for (const [record, transport] of [
    [demoDishwasher, 'TLS'],
    [demoWasher, 'AES'],
  ] as const) {
    for (const services of ['iz', 'ci2', 'legacy'] as const) {
      it(`${transport}: a correct client completes the ${services} handshake without violations`, async () => {
        const c = await open(record, services, transport);
        const r = await c.handshake();
        // initialValues is the appliance's first message, with 32-bit ids above 2^31 by default.
        assert.strictEqual(c.inbox[0].resource, '/ei/initialValues');
        assert.strictEqual(c.inbox[0].action, 'POST');
        assert.deepStrictEqual(Object.keys(c.inbox[0]), ['sID', 'msgID', 'resource', 'version', 'action', 'data']);
        assert.ok(c.sID >= 2 ** 31, 'sID above 2^31');
        assert.strictEqual(c.inbox[0].version, services === 'legacy' ? 1 : 2);
        assert.deepStrictEqual(r.services.data, EXPECTED_SERVICES[services]);
        assert.strictEqual(r.services.code, undefined);
        const info = r.info!.data![0] as Record<string, unknown>;
        assert.strictEqual(info.deviceID, record.haId);
        for (const k of [
          'eNumber',
          'brand',
          'vib',
          'mac',
          'haVersion',
          'swVersion',
          'hwVersion',
          'deviceType',
          'deviceInfo',
          'customerIndex',
          'serialNumber',
          'fdString',
          'shipSki',
        ]) {
          assert.ok(k in info, `info has ${k}`);
        }
        assert.strictEqual(typeof info.deviceType, services === 'legacy' ? 'number' : 'string');
        assert.ok(r.values.data!.length > 5);
        assert.ok(r.descriptions.data!.length > 5);
        // Every RESPONSE keeps the envelope order and echoes msgID/resource/version.
        for (const m of c.inbox.filter((x) => x.action === 'RESPONSE')) {
          assert.deepStrictEqual(Object.keys(m).slice(0, 5), ['sID', 'msgID', 'resource', 'version', 'action']);
        }
        assert.deepStrictEqual(h.sim!.violations, []);
        assert.strictEqual(h.sim!.connectionCount, 1);
        assert.strictEqual(h.sim!.activeConnections, 1);
        assert.ok(h.sim!.received.length >= 6);
      });
    }
  }

  it('answers identification resources per service set (§3.4 gating)', async () => {
    const c = await open(demoDishwasher, 'ci2');
    const init = await c.initialValues();
    await c.replyInitialValues(init);
    const services = (await c.request('/ci/services'))!;
    for (const s of services.data as Array<{ service: string; version: number }>) c.versions.set(s.service, s.version);
    assert.strictEqual((await c.request('/iz/info'))!.code, 404, '/iz/info absent without iz');
    const auth = (await c.request('/ci/authentication', 'GET', [{ nonce: 'n'.repeat(43) }]))!;
    assert.match((auth.data![0] as { response: string }).response, /^[A-Za-z0-9_-]{43}$/);
    assert.strictEqual((await c.request('/ni/info'))!.code, 403, '/ni/info before deviceReady');
    await c.request('/ei/deviceReady', 'NOTIFY');
    const ni = (await c.request('/ni/info'))!;
    assert.strictEqual(ni.code, undefined);
    assert.strictEqual((ni.data![0] as { type: string }).type, 'WiFi');
    assert.strictEqual((await c.request('/ro/values'))!.code, 400, 'GET /ro/values');
    assert.strictEqual((await c.request('/ci/nothingHere'))!.code, 404, 'unknown resource');
    assert.strictEqual((await c.request('/ce/status'))!.code, 404, 'service not offered');
  });

  it('iz appliances answer /ci/authentication with 404 and /ni/info 404 on legacy', async () => {
    const c = await open(demoDishwasher, 'iz');
    await c.handshake();
    assert.strictEqual((await c.request('/ci/authentication', 'GET', [{ nonce: 'n'.repeat(43) }]))!.code, 404);
    await h.sim!.stop();
    h.client!.close();
    const c2 = await open(demoDishwasher, 'legacy');
    await c2.handshake();
    assert.strictEqual((await c2.request('/ni/info'))!.code, 404);
    assert.strictEqual((await c2.request('/iz/info'))!.code, 404);
  });

  it('allMandatoryValues carries the start state (Ready, door closed, power on, remote start allowed)', async () => {
    const c = await open(demoDishwasher, 'iz');
    const r = await c.handshake();
    const values = new Map((r.values.data as Array<{ uid: number; value: unknown }>).map((i) => [i.uid, i.value]));
    const p = h.sim!.profile;
    assert.strictEqual(values.get(p.resolve('BSH.Common.Status.OperationState').uid), 1);
    assert.strictEqual(values.get(p.resolve('BSH.Common.Status.DoorState').uid), 1);
    assert.strictEqual(values.get(p.resolve('BSH.Common.Setting.PowerState').uid), 2);
    assert.strictEqual(values.get(p.resolve('BSH.Common.Status.RemoteControlStartAllowed').uid), true);
    assert.strictEqual(values.get(256), 0, 'no active program');
    for (const item of r.values.data as Array<Record<string, unknown>>) assert.deepStrictEqual(Object.keys(item), ['uid', 'value']);
    const desc = r.descriptions.data as Array<Record<string, unknown>>;
    assert.ok(desc.every((d) => Object.keys(d)[0] === 'uid'));
    assert.ok(
      desc.some((d) => d.access === 'READWRITE'),
      'access is upper-case as on real appliances',
    );
    assert.strictEqual(h.sim!.getValue('OperationState'), 'Ready');
  });

  it('keeps only the most recent client messages in received (10 000 by default)', async () => {
    const c = await open(demoDishwasher, 'iz');
    assert.strictEqual(h.sim!.receivedLimit, 10_000);
    h.sim!.receivedLimit = 3;
    await c.handshake();
    assert.deepStrictEqual(
      h.sim!.received.map((m) => m.resource),
      ['/ni/info', '/ro/allDescriptionChanges', '/ro/allMandatoryValues'],
    );
  });

  it('local changes are pushed as NOTIFY /ro/values with increasing appliance msgIDs', async () => {
    const c = await open(demoWasher, 'ci2');
    await c.handshake();
    h.sim!.setValue('BSH.Common.Status.DoorState', 'Open');
    h.sim!.setValue('BSH.Common.Status.DoorState', 'Closed');
    h.sim!.setDescription('BSH.Common.Setting.ChildLock', { access: 'read' });
    const door = h.sim!.profile.resolve('BSH.Common.Status.DoorState').uid;
    const n1 = await c.waitFor((m) => m.action === 'NOTIFY' && m.resource === '/ro/values', 'door open');
    const n2 = await c.waitFor((m) => m.action === 'NOTIFY' && m.resource === '/ro/values', 'door closed');
    const d = await c.waitFor((m) => m.action === 'NOTIFY' && m.resource === '/ro/descriptionChange', 'description change');
    assert.deepStrictEqual(n1.data, [{ uid: door, value: 0 }]);
    assert.deepStrictEqual(n2.data, [{ uid: door, value: 1 }]);
    assert.strictEqual(n2.msgID, n1.msgID + 1);
    assert.strictEqual(d.msgID, n2.msgID + 1);
    assert.strictEqual((d.data![0] as { access: string }).access, 'READ');
    assert.strictEqual(n1.sID, c.sID);
  });

  it('every real profile in test/fixtures/profiles/raw serves a clean handshake', async () => {
    for (const pair of rawProfilePairs()) {
      const record = realRecord(pair.name, 'TLS');
      const c = await open(record, 'iz');
      const r = await c.handshake();
      assert.ok(r.values.data!.length > 0, `${pair.name}: mandatory values`);
      assert.ok(r.descriptions.data!.length > 0, `${pair.name}: description changes`);
      assert.deepStrictEqual(h.sim!.violations, [], pair.name);
      await h.close();
    }
  });

  it('serves a real profile (SIEMENS SX65EX56CN) over TLS and AES', async () => {
    for (const transport of ['TLS', 'AES'] as const) {
      const record = realRecord('SIEMENS-SX65EX56CN', transport);
      const c = await open(record, 'iz');
      const r = await c.handshake();
      const values = new Map((r.values.data as Array<{ uid: number; value: unknown }>).map((i) => [i.uid, i.value]));
      assert.strictEqual(values.get(0x0228), 1, 'OperationState Ready');
      assert.strictEqual(values.get(0x020f), 1, 'DoorState Closed');
      assert.strictEqual(values.get(0x0205), true, 'RemoteControlStartAllowed');
      const res = (await c.request('/ro/activeProgram', 'POST', [{ program: 0x2004 }])) as Message;
      assert.strictEqual(res.code, undefined);
      const run = await c.waitFor(
        (m) =>
          m.resource === '/ro/values' && (m.data as Array<{ uid: number; value: unknown }>).some((i) => i.uid === 0x0228 && i.value === 3),
        'OperationState Run',
      );
      assert.ok(run);
      assert.deepStrictEqual(h.sim!.violations, []);
      await h.close();
    }
  });
});
