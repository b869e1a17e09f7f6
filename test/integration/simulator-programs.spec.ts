import * as assert from 'assert';
import type { ApplianceRecord } from '../../src/profile/types';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import { type RawClient, realRecord } from '../support/raw-client';
import { simulatorHarness } from '../support/simulator-harness';

const ECO50 = 0x2004;
const OP = 0x0228;
const PROGRESS = 0x021e;
const REMAINING = 0x0220;
const FINISHED_EVENT = 0x021c;
const ABORTED_EVENT = 0x0221;
const ABORT = 0x0200;
const OpState = { Ready: 1, DelayedStart: 2, Run: 3, Pause: 4, Finished: 6, Aborting: 8 };

/** Programs that run in scaled time (protocol.md §3.7, §7.3). */
describe('simulator programs (integration)', function () {
  this.timeout(10000);
  const h = simulatorHarness();

  async function ready(timeScale: number, record: ApplianceRecord = demoDishwasher): Promise<RawClient> {
    const client = await h.open({ record, services: 'iz', timeScale });
    await client.handshake();
    return client;
  }

  const has = (uid: number, value: unknown) => (m: { resource: string; action: string; data?: unknown[] }) =>
    m.action === 'NOTIFY' &&
    m.resource === '/ro/values' &&
    ((m.data ?? []) as Array<{ uid: number; value: unknown }>).some((i) => i.uid === uid && i.value === value);

  function history(c: RawClient, uid: number): unknown[] {
    return c
      .notifiedValues()
      .filter((i) => i.uid === uid)
      .map((i) => i.value);
  }

  it('runs Eco50 to Finished: Run, progress 0→100, remaining time down to 0, ProgramFinished Present', async () => {
    const c = await ready(20000);
    const res = (await c.request('/ro/activeProgram', 'POST', [{ program: ECO50 }]))!;
    assert.strictEqual(res.code, undefined);
    await c.waitFor(has(OP, OpState.Finished), 'OperationState Finished', 8000);
    const ops = history(c, OP);
    assert.deepStrictEqual(ops, [OpState.Run, OpState.Finished]);
    const progress = history(c, PROGRESS) as number[];
    assert.ok(progress[0] < 50, 'progress starts low');
    assert.strictEqual(progress[progress.length - 1], 100);
    assert.ok(progress.length > 3, 'progress reported on the way');
    assert.ok(
      progress.every((v, i) => i === 0 || v >= progress[i - 1]),
      'progress never goes back',
    );
    const remaining = history(c, REMAINING) as number[];
    assert.strictEqual(remaining[remaining.length - 1], 0);
    assert.ok(
      remaining.every((v, i) => i === 0 || v <= remaining[i - 1]),
      'remaining time only goes down',
    );
    assert.ok(history(c, FINISHED_EVENT).includes(1), 'ProgramFinished = Present');
    assert.deepStrictEqual(history(c, 256), [ECO50, 0]);
    assert.strictEqual(h.sim!.getValue('BSH.Common.Event.ProgramFinished'), 'Present');
    // Appliance NOTIFY ids only ever increase.
    const ids = c.inbox.filter((m) => m.action === 'NOTIFY').map((m) => m.msgID);
    assert.ok(ids.every((v, i) => i === 0 || v === ids[i - 1] + 1));
    assert.deepStrictEqual(h.sim!.violations, []);
  });

  it('StartInRelative delays the start: DelayedStart counting down, then Run', async () => {
    const c = await ready(20000);
    const res = (await c.request('/ro/activeProgram', 'POST', [{ program: ECO50, options: [{ uid: 0x022e, value: 600 }] }]))!;
    assert.strictEqual(res.code, undefined);
    await c.waitFor(has(OP, OpState.Run), 'Run');
    const ops = history(c, OP);
    assert.deepStrictEqual(ops.slice(0, 2), [OpState.DelayedStart, OpState.Run]);
    const startIn = history(c, 0x022e) as number[];
    assert.strictEqual(startIn[0], 600);
    assert.strictEqual(startIn[startIn.length - 1], 0);
  });

  it('AbortProgram: Aborting, then Ready with ProgramAborted Present', async () => {
    const c = await ready(100);
    assert.strictEqual((await c.request('/ro/activeProgram', 'POST', [{ program: ECO50 }]))!.code, undefined);
    await c.waitFor(has(OP, OpState.Run), 'Run');
    assert.strictEqual((await c.request('/ro/values', 'POST', [{ uid: ABORT, value: true }]))!.code, undefined);
    await c.waitFor(has(OP, OpState.Aborting), 'Aborting');
    await c.waitFor(has(OP, OpState.Ready), 'Ready');
    assert.ok(history(c, ABORTED_EVENT).includes(1));
    assert.strictEqual(h.sim!.programPhase, 'idle');
    assert.strictEqual(h.sim!.getValue('BSH.Common.Root.ActiveProgram'), null);
  });

  it('Pause/Resume commands and the door pause and resume a run', async () => {
    const c = await ready(100);
    await c.request('/ro/activeProgram', 'POST', [{ program: ECO50 }]);
    await c.waitFor(has(OP, OpState.Run), 'Run');
    assert.strictEqual((await c.request('/ro/values', 'POST', [{ uid: 0x0219, value: true }]))!.code, undefined);
    await c.waitFor(has(OP, OpState.Pause), 'Pause');
    assert.strictEqual((await c.request('/ro/values', 'POST', [{ uid: 0x0219, value: true }]))!.code, 540, 'already paused');
    assert.strictEqual((await c.request('/ro/values', 'POST', [{ uid: 0x0222, value: true }]))!.code, undefined);
    await c.waitFor(has(OP, OpState.Run), 'Run again');
    h.sim!.setValue('DoorState', 'Open');
    await c.waitFor(has(OP, OpState.Pause), 'paused by the door');
    h.sim!.setValue('DoorState', 'Closed');
    await c.waitFor(has(OP, OpState.Run), 'resumed after closing the door');
  });

  it('an hcpy record (features only, no XML) runs a program too', async () => {
    const enumOf = (...names: string[]) => Object.fromEntries(names.map((n, i) => [String(i), n]));
    const record: ApplianceRecord = {
      haId: 'HCPY-TEST-0001',
      name: 'hcpy dishwasher',
      brand: 'SIEMENS',
      type: 'Dishwasher',
      vib: 'SX65EX56CN',
      host: '127.0.0.1',
      connectionType: 'TLS',
      key: demoDishwasher.key,
      features: {
        '527': {
          name: 'BSH.Common.Status.DoorState',
          access: 'read',
          refCID: '03',
          refDID: '80',
          values: enumOf('Open', 'Closed', 'Locked'),
        },
        '552': {
          name: 'BSH.Common.Status.OperationState',
          access: 'read',
          refCID: '03',
          refDID: '80',
          values: enumOf('Inactive', 'Ready', 'DelayedStart', 'Run', 'Pause', 'ActionRequired', 'Finished', 'Error', 'Aborting'),
        },
        '517': { name: 'BSH.Common.Status.RemoteControlStartAllowed', access: 'read', refCID: '01', refDID: '00' },
        '542': { name: 'BSH.Common.Option.ProgramProgress', access: 'read', refCID: '11', refDID: 'A0' },
        '544': { name: 'BSH.Common.Option.RemainingProgramTime', access: 'read', refCID: '10', refDID: '82' },
        '540': { name: 'BSH.Common.Event.ProgramFinished', refCID: '03', refDID: '80', values: enumOf('Off', 'Present', 'Confirmed') },
        '256': { name: 'BSH.Common.Root.ActiveProgram', access: 'readWrite' },
        '257': { name: 'BSH.Common.Root.SelectedProgram', access: 'readWrite' },
        '8196': { name: 'Dishcare.Dishwasher.Program.Eco50' },
      },
    };
    const c = await ready(20000, record);
    assert.strictEqual(h.sim!.getValue('BSH.Common.Status.OperationState'), 'Ready');
    assert.strictEqual(h.sim!.getValue('BSH.Common.Status.RemoteControlStartAllowed'), true);
    assert.strictEqual((await c.request('/ro/activeProgram', 'POST', [{ program: ECO50 }]))!.code, undefined);
    await c.waitFor(has(552, OpState.Finished), 'Finished', 8000);
    assert.ok(history(c, 540).includes(1));
    assert.deepStrictEqual(h.sim!.violations, []);
  });

  it('real profile: AbortProgram is access none until a run makes it writable by description change', async () => {
    const c = await ready(100, realRecord('SIEMENS-SX65EX56CN', 'TLS'));
    assert.strictEqual((await c.request('/ro/values', 'POST', [{ uid: ABORT, value: true }]))!.code, 519);
    await c.request('/ro/activeProgram', 'POST', [{ program: ECO50 }]);
    const change = await c.waitFor((m) => m.resource === '/ro/descriptionChange', 'descriptionChange');
    assert.ok((change.data as Array<{ uid: number; access?: string }>).some((d) => d.uid === ABORT && d.access === 'WRITEONLY'));
    assert.strictEqual((await c.request('/ro/values', 'POST', [{ uid: ABORT, value: true }]))!.code, undefined);
    await c.waitFor(has(OP, OpState.Ready), 'Ready after abort');
    const back = await c.waitFor((m) => m.resource === '/ro/descriptionChange', 'access back to none');
    assert.ok((back.data as Array<{ uid: number; access?: string }>).some((d) => d.uid === ABORT && d.access === 'NONE'));
  });
});
