import * as assert from 'assert';
import type { ApplianceRecord } from '../../src/profile/types';
import type { Message } from '../../src/protocol/message';
import { demoDishwasher, demoWasher } from '../../src/simulator/demo-profiles';
import type { RawClient } from '../support/raw-client';
import { simulatorHarness } from '../support/simulator-harness';

const ECO50 = 0x2004;
const START_IN = 0x022e;
const CHILD_LOCK = 0x020c;
const POWER = 0x021b;
const DOOR = 0x020f;

/** Write validation with the real error codes of protocol.md §3.9. */
describe('simulator writes (integration)', function () {
  this.timeout(10000);
  const h = simulatorHarness();

  async function ready(record: ApplianceRecord = demoDishwasher): Promise<RawClient> {
    const client = await h.open({ record, services: 'iz' });
    await client.handshake();
    return client;
  }

  async function write(c: RawClient, items: unknown[]): Promise<number | undefined> {
    return (await c.request('/ro/values', 'POST', items))!.code;
  }

  it('a successful write answers RESPONSE without code, then NOTIFY /ro/values with the new value', async () => {
    const c = await ready();
    const res = (await c.request('/ro/values', 'POST', [{ uid: CHILD_LOCK, value: true }]))!;
    assert.strictEqual(res.code, undefined);
    assert.strictEqual(res.data, undefined);
    const n = await c.waitFor((m) => m.action === 'NOTIFY' && m.resource === '/ro/values', 'NOTIFY');
    assert.deepStrictEqual(n.data, [{ uid: CHILD_LOCK, value: true }]);
    assert.ok(c.inbox.indexOf(res) < c.inbox.indexOf(n), 'RESPONSE before NOTIFY');
    assert.strictEqual(h.sim!.getValue('BSH.Common.Setting.ChildLock'), true);
    assert.deepStrictEqual(h.sim!.violations, []);
  });

  it('unknown uid → 513 (WriteRequest.UnknownUID); nothing of a partly bad write is applied', async () => {
    const c = await ready();
    assert.strictEqual(
      await write(c, [
        { uid: CHILD_LOCK, value: true },
        { uid: 0x7ff1, value: 1 },
      ]),
      513,
    );
    assert.strictEqual(h.sim!.getValue('BSH.Common.Setting.ChildLock'), false);
  });

  it('read-only status → 519; access NONE via description change → 519; not available → 525', async () => {
    const c = await ready();
    assert.strictEqual(await write(c, [{ uid: DOOR, value: 0 }]), 519);
    h.sim!.setDescription('BSH.Common.Setting.ChildLock', { access: 'none' });
    assert.strictEqual(await write(c, [{ uid: CHILD_LOCK, value: true }]), 519);
    h.sim!.setDescription('BSH.Common.Setting.ChildLock', { access: 'readWrite', available: false });
    assert.strictEqual(await write(c, [{ uid: CHILD_LOCK, value: true }]), 525);
    h.sim!.setDescription('BSH.Common.Setting.ChildLock', { available: true });
    assert.strictEqual(await write(c, [{ uid: CHILD_LOCK, value: true }]), undefined);
  });

  it('enum value not allowed → 532; wrong JSON type → 536', async () => {
    const c = await ready();
    assert.strictEqual(await write(c, [{ uid: POWER, value: 99 }]), 532);
    assert.strictEqual(await write(c, [{ uid: POWER, value: 'On' }]), 536);
    assert.strictEqual(await write(c, [{ uid: CHILD_LOCK, value: 1 }]), 536);
    assert.strictEqual(await write(c, [{ uid: POWER, value: 1 }]), undefined, 'Off is a member');
    assert.strictEqual(h.sim!.getValue('BSH.Common.Status.OperationState'), 'Inactive', 'switched off');
  });

  it('options: read-only without a program, per-program access once selected, range/step → 531', async () => {
    const c = await ready();
    assert.strictEqual(await write(c, [{ uid: START_IN, value: 600 }]), 519, 'static access is read');
    const sel = (await c.request('/ro/selectedProgram', 'POST', [{ program: ECO50 }]))!;
    assert.strictEqual(sel.code, undefined);
    assert.strictEqual(h.sim!.getValue('BSH.Common.Root.SelectedProgram'), 'Dishcare.Dishwasher.Program.Eco50');
    assert.strictEqual(await write(c, [{ uid: START_IN, value: 90 }]), 531, 'not a multiple of stepSize 60');
    assert.strictEqual(await write(c, [{ uid: START_IN, value: 90000 }]), 531, 'above max');
    assert.strictEqual(await write(c, [{ uid: START_IN, value: 600 }]), undefined);
  });

  it('program start errors: unknown program → 512, remote start off → 538, running → 540', async () => {
    const c = await ready();
    const start = async (data: unknown[]): Promise<Message> => (await c.request('/ro/activeProgram', 'POST', data))!;
    assert.strictEqual((await start([{ program: 0x7777 }])).code, 512);
    assert.strictEqual((await start([{ program: 0 }])).code, 512);
    assert.strictEqual((await start([{ program: ECO50, options: [{ uid: START_IN, value: 61 }] }])).code, 531);
    assert.strictEqual((await start([{ options: [], program: ECO50 }])).code, 400, 'program must come first');
    h.sim!.setValue('BSH.Common.Status.RemoteControlStartAllowed', false);
    assert.strictEqual((await start([{ program: ECO50 }])).code, 538);
    h.sim!.setValue('BSH.Common.Status.RemoteControlStartAllowed', true);
    h.sim!.setValue('BSH.Common.Status.DoorState', 'Open');
    assert.strictEqual((await start([{ program: ECO50 }])).code, 540, 'door open');
    h.sim!.setValue('BSH.Common.Status.DoorState', 'Closed');
    assert.strictEqual((await start([{ program: ECO50 }])).code, undefined);
    assert.strictEqual((await start([{ program: ECO50 }])).code, 540, 'already running');
    assert.strictEqual((await c.request('/ro/selectedProgram', 'POST', [{ program: 0x2003 }]))!.code, 540);
  });

  it('commands need the right state: Abort/Pause/Resume when idle → 540', async () => {
    const c = await ready();
    assert.strictEqual(await write(c, [{ uid: 0x0200, value: true }]), 540);
    assert.strictEqual(await write(c, [{ uid: 0x0219, value: true }]), 540);
    assert.strictEqual(await write(c, [{ uid: 0x0222, value: true }]), 540);
    assert.strictEqual(await write(c, [{ uid: 0x0200, value: 'yes' }]), 536);
  });

  it('washer: unavailable program → 525, per-program enum max → 532, FinishInRelative writable per program', async () => {
    const c = await ready(demoWasher);
    const start = async (data: unknown[]): Promise<Message> => (await c.request('/ro/activeProgram', 'POST', data))!;
    assert.strictEqual((await start([{ program: 0x7a02 }])).code, 525);
    assert.strictEqual((await start([{ program: 0x7001, options: [{ uid: 0x6001, value: 9 }] }])).code, 532);
    // Finish in 4 h: later than Cotton's 3 h run, so the start is delayed.
    assert.strictEqual((await start([{ program: 0x7001, options: [{ uid: 0x0227, value: 14400 }] }])).code, undefined);
    const delayed = await c.waitFor(
      (m) =>
        m.resource === '/ro/values' && (m.data as Array<{ uid: number; value: unknown }>).some((i) => i.uid === 0x0228 && i.value === 2),
      'DelayedStart',
    );
    assert.ok(delayed);
    assert.strictEqual(h.sim!.getValue('BSH.Common.Option.FinishInRelative'), 14400);
    assert.deepStrictEqual(h.sim!.violations, []);
  });

  it('writing a program uid to ActiveProgram via /ro/values starts it (dryer path, §3.7)', async () => {
    const c = await ready();
    assert.strictEqual(await write(c, [{ uid: 256, value: ECO50 }]), undefined);
    await c.waitFor(
      (m) =>
        m.resource === '/ro/values' && (m.data as Array<{ uid: number; value: unknown }>).some((i) => i.uid === 256 && i.value === ECO50),
      'ActiveProgram',
    );
    assert.strictEqual(h.sim!.programPhase, 'running');
  });
});
