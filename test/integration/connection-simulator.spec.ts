import * as assert from 'assert';
import * as net from 'net';
import { HomeConnectError } from '../../src/errors';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceConnection, type ConnectionTiming } from '../../src/protocol/appliance-connection';
import type { ConnectionState, StateChange, ValueChange } from '../../src/protocol/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import type { ServiceSetName } from '../../src/simulator/service-sets';

const FAST: Partial<ConnectionTiming> = {
  connectTimeoutMs: 3000,
  handshakeTimeoutMs: 5000,
  requestTimeoutMs: 3000,
  pingIntervalMs: 200,
  deadAfterMs: 3000,
  backoffMinMs: 20,
  backoffMaxMs: 200,
};

function waitFor(conn: ApplianceConnection, state: ConnectionState, matching?: RegExp): Promise<StateChange> {
  return new Promise((resolve) => {
    const l = (c: StateChange): void => {
      if (c.state === state && (!matching || matching.test(c.reason ?? ''))) {
        conn.off('state', l);
        resolve(c);
      }
    };
    conn.on('state', l);
  });
}

function valuesMatching(conn: ApplianceConnection, pred: (v: ValueChange) => boolean): Promise<ValueChange> {
  return new Promise((resolve) => {
    const l = (vs: ValueChange[]): void => {
      const hit = vs.find(pred);
      if (hit) {
        conn.off('values', l);
        resolve(hit);
      }
    };
    conn.on('values', l);
  });
}

/** A port on 127.0.0.1 where nothing listens (an appliance that is switched off). */
async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('ApplianceConnection against the simulator (integration)', function () {
  this.timeout(15000);
  let sim: ApplianceSimulator | undefined;
  let conn: ApplianceConnection | undefined;

  afterEach(async () => {
    await conn?.stop();
    conn = undefined;
    await sim?.stop();
    sim = undefined;
  });

  async function live(
    record: ApplianceRecord,
    services: ServiceSetName = 'iz',
    timing: Partial<ConnectionTiming> = {},
    recordPatch: Partial<ApplianceRecord> = {},
  ): Promise<ApplianceConnection> {
    sim = new ApplianceSimulator({ record, services });
    await sim.start();
    conn = new ApplianceConnection({
      record: { ...record, host: sim.hostPort, ...recordPatch },
      deviceId: 'integration-test',
      timing: { ...FAST, ...timing },
    });
    return conn;
  }

  async function connected(
    record: ApplianceRecord,
    services: ServiceSetName = 'iz',
    timing: Partial<ConnectionTiming> = {},
  ): Promise<ApplianceConnection> {
    const c = await live(record, services, timing);
    const up = waitFor(c, 'connected');
    c.start();
    await up;
    return c;
  }

  for (const [record, transport] of [
    [demoDishwasher, 'TLS'],
    [demoWasher, 'AES'],
  ] as const) {
    for (const services of ['iz', 'ci2', 'legacy'] as const) {
      it(`${transport}: handshake (${services}) and initial state, no simulator violations`, async () => {
        const c = await connected(record, services);
        const snap = c.snapshot();
        assert.strictEqual(snap['BSH.Common.Status.DoorState'], 'Closed');
        assert.strictEqual(snap['BSH.Common.Status.OperationState'], 'Ready');
        assert.ok(c.info && typeof c.info === 'object', 'device info read');
        assert.deepStrictEqual(sim!.violations, []);
        assert.deepStrictEqual(
          c.history().map((h) => h.state),
          ['connecting', 'handshaking', 'connected'],
        );
      });
    }

    it(`${transport}: 'connected' comes before the initial values (one batch), on every connect`, async () => {
      const c = await live(record);
      const events: string[] = [];
      c.on('state', (s) => events.push(`state:${s.state}`));
      c.on('values', () => events.push('values'));
      const up = waitFor(c, 'connected');
      const first = valuesMatching(c, () => true);
      c.start();
      await up;
      await first;
      assert.deepStrictEqual(events, ['state:connecting', 'state:handshaking', 'state:connected', 'values']);
      // A reconnect reads the state again: anything that changed meanwhile also comes after 'connected'.
      events.length = 0;
      const back = waitFor(c, 'connected');
      const changed = valuesMatching(c, (v) => v.key === 'BSH.Common.Status.DoorState');
      sim!.faults.drop(); // sockets gone at once: the change below is only seen by the next initial read
      sim!.setValue('BSH.Common.Status.DoorState', 'Open');
      await back;
      await changed;
      assert.deepStrictEqual(events.slice(-2), ['state:connected', 'values']);
    });

    it(`${transport}: value notifications arrive as typed changes with previous values`, async () => {
      const c = await connected(record);
      const change = valuesMatching(c, (v) => v.key === 'BSH.Common.Status.DoorState');
      sim!.setValue('BSH.Common.Status.DoorState', 'Open');
      const v = await change;
      assert.strictEqual(v.value, 'Open');
      assert.strictEqual(v.previous, 'Closed');
      assert.strictEqual(c.snapshot()['BSH.Common.Status.DoorState'], 'Open');
    });

    it(`${transport}: reconnects after a drop, re-reads state, emits only differences`, async () => {
      const c = await connected(record);
      const batches: ValueChange[][] = [];
      c.on('values', (v) => batches.push(v));
      const back = waitFor(c, 'connected');
      sim!.faults.drop();
      await back;
      assert.deepStrictEqual(batches, [], 'nothing changed, nothing replayed');
      assert.strictEqual(c.snapshot()['BSH.Common.Status.DoorState'], 'Closed');
      assert.deepStrictEqual(
        sim!.violations.filter((v) => !/second concurrent/.test(v)),
        [],
      );
    });
  }

  it('TLS: every write kind reaches the simulator and is confirmed by NOTIFY', async () => {
    const c = await connected(demoDishwasher);
    const lock = valuesMatching(c, (v) => v.key === 'BSH.Common.Setting.ChildLock');
    const r = await c.setValues({ 'BSH.Common.Setting.ChildLock': true });
    assert.deepStrictEqual(r.sent, [{ uid: 524, value: true }]);
    assert.strictEqual((await lock).value, true);

    const selected = valuesMatching(c, (v) => v.key === 'BSH.Common.Root.SelectedProgram');
    await c.selectProgram('Dishcare.Dishwasher.Program.Eco50', { 'Dishcare.Dishwasher.Option.IntensivZone': true });
    assert.strictEqual((await selected).value, 'Dishcare.Dishwasher.Program.Eco50');

    const running = valuesMatching(c, (v) => v.key === 'BSH.Common.Status.OperationState' && v.value !== 'Ready');
    await c.startProgram();
    assert.ok(['DelayedStart', 'Run'].includes(String((await running).value)));

    const stopped = valuesMatching(
      c,
      (v) => v.key === 'BSH.Common.Status.OperationState' && v.value !== 'DelayedStart' && v.value !== 'Run',
    );
    await c.stopProgram();
    await stopped;

    const raw = await c.request('/ci/registeredDevices', 'GET');
    assert.strictEqual(raw.action, 'RESPONSE');
    assert.deepStrictEqual(sim!.violations, []);
  });

  it('AES: start with options, pause and resume', async () => {
    const c = await connected(demoWasher);
    const op = (state: string): Promise<ValueChange> =>
      valuesMatching(c, (v) => v.key === 'BSH.Common.Status.OperationState' && v.value === state);
    let next = op('Run');
    await c.startProgram('LaundryCare.Washer.Program.Cotton', { 'LaundryCare.Washer.Option.SpinSpeed': 'RPM800' });
    await next;
    next = op('Pause');
    await c.pauseProgram();
    await next;
    next = op('Run');
    await c.resumeProgram();
    await next;
    await c.stopProgram();
    assert.deepStrictEqual(sim!.violations, []);
  });

  it('appliance error codes come back named (pause while idle → DeviceStateNotCompliant)', async () => {
    const c = await connected(demoDishwasher);
    await assert.rejects(c.pauseProgram(), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError);
      assert.strictEqual(e.kind, 'appliance-error');
      assert.strictEqual(e.code, 540);
      assert.strictEqual(e.codeName, 'BSH.Common.Error.DeviceStateNotCompliant');
      return true;
    });
  });

  it('remote start disabled on the appliance is refused before sending', async () => {
    const c = await connected(demoDishwasher);
    const off = valuesMatching(c, (v) => v.key === 'BSH.Common.Status.RemoteControlStartAllowed');
    sim!.setValue('BSH.Common.Status.RemoteControlStartAllowed', false);
    await off;
    const before = sim!.received.length;
    await assert.rejects(c.startProgram('Eco50'), /enable Remote Start/);
    assert.strictEqual(sim!.received.length, before);
  });

  it('500 on allMandatoryValues: not connected, retried until it works', async () => {
    const c = await live(demoDishwasher);
    sim!.faults.failMandatoryValues(true);
    const failed = waitFor(c, 'error', /allMandatoryValues/);
    c.start();
    await failed;
    assert.notStrictEqual(c.state, 'connected');
    const up = waitFor(c, 'connected');
    sim!.faults.failMandatoryValues(false);
    await up;
  });

  it('a stalled link is declared dead and reconnected', async () => {
    const c = await connected(demoWasher, 'iz', { pingIntervalMs: 50, deadAfterMs: 300 });
    const dead = waitFor(c, 'disconnected', /No frame/);
    sim!.faults.stall(true);
    await dead;
    const up = waitFor(c, 'connected');
    sim!.faults.stall(false);
    await up;
  });

  for (const [record, transport] of [
    [demoDishwasher, 'TLS'],
    [demoWasher, 'AES'],
  ] as const) {
    it(`${transport}: a wrong key gives auth-failed`, async () => {
      const c = await live(record, 'iz', { backoffMinMs: 5000, backoffMaxMs: 5000 }, { key: Buffer.alloc(32, 7).toString('base64url') });
      const failed = waitFor(c, 'auth-failed');
      c.start();
      const change = await failed;
      assert.match(change.reason!, /key/);
      assert.ok(!change.reason!.includes(record.key));
    });
  }

  it('404 on the websocket upgrade: "power cycle" error, then recovers', async () => {
    const c = await live(demoWasher);
    sim!.faults.rejectUpgrade(404);
    const failed = waitFor(c, 'error');
    c.start();
    const change = await failed;
    assert.match(change.reason!, /power.cycle/i);
    const up = waitFor(c, 'connected');
    sim!.faults.rejectUpgrade(undefined);
    await up;
  });

  it('an appliance that is off (nothing listening) is offline, retried with backoff, logged once', async () => {
    const port = await deadPort();
    const infos: string[] = [];
    let attempts = 0;
    conn = new ApplianceConnection({
      record: { ...demoDishwasher, host: `127.0.0.1:${port}` },
      deviceId: 'integration-test',
      timing: { ...FAST, backoffMinMs: 10, backoffMaxMs: 40 },
      logger: {
        debug: (m) => /next connection attempt/.test(m) && attempts++,
        info: (m) => infos.push(m),
        warn: (m) => infos.push(m),
        error: (m) => infos.push(m),
      },
    });
    const offline = waitFor(conn, 'offline');
    conn.start();
    await offline;
    while (attempts < 4) await new Promise((r) => setTimeout(r, 20));
    assert.deepStrictEqual(
      conn.history().map((h) => h.state),
      ['connecting', 'offline'],
    );
    assert.strictEqual(infos.length, 1, 'one log line for the whole offline streak');
    await assert.rejects(conn.setValues({ ChildLock: true }), { kind: 'not-connected' });
  });
});
