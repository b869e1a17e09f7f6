import * as assert from 'assert';
import { runCommand, StartPathMemory, type ApplianceCommand, type RunOptions } from '../../src/appliance/commands';
import { profileFromRecord, type ApplianceProfile } from '../../src/profile';
import type { ApplianceRecord } from '../../src/profile/types';
import type { Message } from '../../src/protocol/message';
import { ApplianceConnection, type ConnectionTiming } from '../../src/protocol/appliance-connection';
import type { StateChange } from '../../src/protocol/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import type { SimulatorQuirkOptions } from '../../src/simulator/quirks';

const FAST: Partial<ConnectionTiming> = {
  connectTimeoutMs: 3000,
  handshakeTimeoutMs: 5000,
  requestTimeoutMs: 3000,
  pingIntervalMs: 1000,
  deadAfterMs: 5000,
  backoffMinMs: 20,
  backoffMaxMs: 200,
};

const ECO50 = 'Dishcare.Dishwasher.Program.Eco50';
const ECO50_UID = 0x2004;
const START_IN = 0x022e;
const INTENSIV_ZONE = 0x1406;
const OPTIONS = { 'Dishcare.Dishwasher.Option.IntensivZone': true };

/** Each start path against the simulator mode that refuses the others the way users report. */
describe('start strategies against fussy simulators (integration)', function () {
  this.timeout(15000);
  let sim: ApplianceSimulator | undefined;
  let conn: ApplianceConnection | undefined;
  let profile: ApplianceProfile;

  afterEach(async () => {
    await conn?.stop();
    conn = undefined;
    await sim?.stop();
    sim = undefined;
  });

  async function connect(
    quirks: SimulatorQuirkOptions,
    timing: Partial<ConnectionTiming> = {},
    record: ApplianceRecord = demoDishwasher,
  ): Promise<ApplianceConnection> {
    sim = new ApplianceSimulator({ record, quirks, timeScale: 100 });
    await sim.start();
    profile = profileFromRecord(record);
    conn = new ApplianceConnection({
      record: { ...record, host: sim.hostPort },
      profile,
      deviceId: 'start-strategies',
      timing: { ...FAST, ...timing },
    });
    const c = conn;
    const up = new Promise<void>((resolve) => {
      const l = (s: StateChange): void => {
        if (s.state === 'connected') {
          c.off('state', l);
          resolve();
        }
      };
      c.on('state', l);
    });
    c.start();
    await up;
    return c;
  }

  /** Program requests and value writes the simulator received from `from` on. */
  function writes(from = 0): Array<{ resource: string; data: unknown }> {
    return sim!.received
      .slice(from)
      .filter((m: Message) => m.action === 'POST' && ['/ro/activeProgram', '/ro/selectedProgram', '/ro/values'].includes(m.resource))
      .map((m) => ({ resource: m.resource, data: m.data }));
  }

  function run(command: ApplianceCommand, options: RunOptions = {}, memory?: StartPathMemory) {
    return runCommand({ client: conn!, profile, ...(memory ? { startPaths: memory } : {}) }, command, options);
  }

  const start = (extra: Partial<Extract<ApplianceCommand, { type: 'program' }>> = {}): ApplianceCommand => ({
    type: 'program',
    action: 'start',
    program: ECO50,
    options: OPTIONS,
    ...extra,
  });

  /** The appliance closes its write window while connected, announcing it by a description change. */
  async function closeWindow(): Promise<void> {
    const told = new Promise<void>((resolve) => conn!.once('description', () => resolve()));
    sim!.quirks.set({ delayedStartWriteWindow: { closedMs: 0 } });
    await told;
  }

  async function idle(): Promise<void> {
    await run({ type: 'stop' });
    for (let i = 0; i < 200 && sim!.programPhase !== 'idle'; i++) await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(sim!.programPhase, 'idle');
  }

  it('direct: an appliance that takes the start with options gets exactly one POST /ro/activeProgram', async () => {
    await connect({});
    const r = await run(start());
    assert.strictEqual(r.startPath, 'direct');
    assert.strictEqual(r.refused, undefined);
    assert.deepStrictEqual(writes(), [
      { resource: '/ro/activeProgram', data: [{ program: ECO50_UID, options: [{ uid: INTENSIV_ZONE, value: true }] }] },
    ]);
    assert.strictEqual(sim!.programPhase, 'running');
  });

  it('select-then-start: start with options refused with 400 (coffee machines) → select with options, start the selected program', async () => {
    await connect({ refuseStartWithOptions: 400 });
    const r = await run(start());
    assert.strictEqual(r.startPath, 'select-then-start');
    assert.deepStrictEqual(
      (r.refused as Array<{ startPath: string; code: number }>).map((x) => [x.startPath, x.code]),
      [['direct', 400]],
    );
    assert.deepStrictEqual(writes(), [
      { resource: '/ro/activeProgram', data: [{ program: ECO50_UID, options: [{ uid: INTENSIV_ZONE, value: true }] }] },
      { resource: '/ro/selectedProgram', data: [{ program: ECO50_UID, options: [{ uid: INTENSIV_ZONE, value: true }] }] },
      { resource: '/ro/activeProgram', data: [{ program: ECO50_UID }] },
    ]);
    assert.strictEqual(sim!.programPhase, 'running');
    assert.strictEqual(sim!.getValue('Dishcare.Dishwasher.Option.IntensivZone'), true);
  });

  it('select-then-start: a start refused with 526 unless selected first (ovens), no options at all', async () => {
    await connect({ requireSelectBeforeStart: 526 });
    const r = await run(start({ options: {} }));
    assert.strictEqual(r.startPath, 'select-then-start');
    assert.deepStrictEqual(
      (r.refused as Array<{ code: number }>).map((x) => x.code),
      [526],
    );
    assert.strictEqual(sim!.programPhase, 'running');
  });

  it('options-as-values: options refused on start (400) and on select (403, washer-dryers) → select, each option as a value, start', async () => {
    await connect({ refuseStartWithOptions: 400, refuseOptionsOnSelect: 403 });
    const r = await run(start({ options: { ...OPTIONS, 'Dishcare.Dishwasher.Option.BrillianceDry': false }, startIn: 600 }));
    assert.strictEqual(r.startPath, 'options-as-values');
    assert.deepStrictEqual(
      (r.refused as Array<{ startPath: string; code: number }>).map((x) => [x.startPath, x.code]),
      [
        ['direct', 400],
        ['select-then-start', 403],
      ],
    );
    assert.deepStrictEqual(writes().slice(2), [
      { resource: '/ro/selectedProgram', data: [{ program: ECO50_UID }] },
      { resource: '/ro/values', data: [{ uid: INTENSIV_ZONE, value: true }] },
      { resource: '/ro/values', data: [{ uid: 0x1408, value: false }] },
      { resource: '/ro/values', data: [{ uid: START_IN, value: 600 }] },
      { resource: '/ro/activeProgram', data: [{ program: ECO50_UID }] },
    ]);
    // The options written as values took effect: the start is delayed by StartInRelative.
    assert.strictEqual(sim!.programPhase, 'delayed');
    assert.strictEqual(sim!.getValue('Dishcare.Dishwasher.Option.IntensivZone'), true);
  });

  it('write-window: the delayed-start option is read-only until a description change opens the window', async () => {
    await connect({});
    await closeWindow();
    const before = sim!.received.length;
    const pending = run(start({ startIn: 600 }));
    // The appliance announces its window a little later; nothing may be sent before it.
    await new Promise((r) => setTimeout(r, 150));
    assert.deepStrictEqual(writes(before), [], 'nothing sent while the window is closed');
    sim!.quirks.writeWindow(true);
    const r = await pending;
    assert.strictEqual(r.startPath, 'write-window');
    assert.deepStrictEqual(writes(before), [
      {
        resource: '/ro/activeProgram',
        data: [
          {
            program: ECO50_UID,
            options: [
              { uid: INTENSIV_ZONE, value: true },
              { uid: START_IN, value: 600 },
            ],
          },
        ],
      },
    ]);
    assert.strictEqual(sim!.programPhase, 'delayed');
  });

  it('write-window: a 541 refusal of the delayed start sends the next attempt only after the window opens', async () => {
    // Closed before the client connected: its static profile still says the option is writable.
    await connect({ delayedStartWriteWindow: { closedMs: 0 } });
    const pending = run(start({ options: {}, startIn: 600 }));
    await new Promise((r) => setTimeout(r, 150));
    assert.deepStrictEqual(
      writes().map((w) => w.resource),
      ['/ro/activeProgram'],
      'one refused start, then waiting',
    );
    sim!.quirks.writeWindow(true);
    const r = await pending;
    assert.strictEqual(r.startPath, 'write-window');
    assert.deepStrictEqual(
      (r.refused as Array<{ startPath: string; code: number }>).map((x) => [x.startPath, x.code]),
      [['direct', 541]],
    );
    assert.deepStrictEqual(
      writes().map((w) => w.resource),
      ['/ro/activeProgram', '/ro/activeProgram'],
    );
  });

  it('write-window: a window that never opens ends in a timeout with nothing sent', async () => {
    await connect({});
    await closeWindow();
    await assert.rejects(run(start({ startIn: 600 }), { writeWindowTimeoutMs: 300 }), (e: any) => {
      assert.strictEqual(e.kind, 'timeout');
      assert.match(e.message, /write window within 0\.3 s; nothing was started/);
      return true;
    });
    assert.deepStrictEqual(writes(), []);
  });

  it('a lost start answer is never followed by a second start: exactly one start received, outcome unknown', async () => {
    // Even with every fallback available (options, a select root), the unanswered start ends it.
    await connect({ swallowStartAnswer: true, refuseOptionsOnSelect: 403 }, { requestTimeoutMs: 400 });
    await assert.rejects(run(start()), (e: any) => {
      assert.strictEqual(e.kind, 'unknown-outcome');
      assert.match(e.message, /may or may not have started/);
      return true;
    });
    // Give any (wrong) fallback time to reach the simulator before counting.
    await new Promise((r) => setTimeout(r, 200));
    assert.deepStrictEqual(
      writes().map((w) => w.resource),
      ['/ro/activeProgram'],
    );
    assert.strictEqual(sim!.programPhase, 'running', 'the start was carried out; only its answer was lost');
  });

  it('a refusal no other path can help (540: door open) is not retried another way', async () => {
    await connect({ refuseStartWithOptions: 400 });
    sim!.setValue('BSH.Common.Status.DoorState', 'Open');
    await new Promise((r) => setTimeout(r, 50));
    await assert.rejects(run(start()), (e: any) => {
      assert.strictEqual(e.kind, 'appliance-error');
      assert.strictEqual(e.code, 540);
      assert.match(e.message, /every path it was offered: direct 400 .*select-then-start 540/);
      assert.deepStrictEqual(
        e.details.refused.map((x: any) => x.startPath),
        ['direct', 'select-then-start'],
      );
      return true;
    });
    // direct 400, then select-then-start: select fine, start refused 540 → stop (no options-as-values).
    assert.deepStrictEqual(
      writes().map((w) => w.resource),
      ['/ro/activeProgram', '/ro/selectedProgram', '/ro/activeProgram'],
    );
  });

  it('a forced path is not fallen back from', async () => {
    await connect({ refuseOptionsOnSelect: 403 });
    await assert.rejects(run(start(), { startPath: 'select-then-start' }), (e: any) => {
      assert.strictEqual(e.code, 403, 'a forced path is not fallen back from');
      return true;
    });
    assert.deepStrictEqual(
      writes().map((w) => w.resource),
      ['/ro/selectedProgram'],
    );
  });

  it('the account memory: the path that worked is tried first next time', async () => {
    await connect({ refuseStartWithOptions: 400 });
    const memory = new StartPathMemory();
    const first = await run(start(), {}, memory);
    assert.strictEqual(first.startPath, 'select-then-start');
    assert.strictEqual(memory.get(demoDishwasher.haId), 'select-then-start');
    await idle();
    const n = sim!.received.length;
    const second = await run(start(), {}, memory);
    assert.strictEqual(second.startPath, 'select-then-start');
    assert.strictEqual(second.refused, undefined, 'no refused attempt the second time');
    assert.deepStrictEqual(
      writes(n).map((w) => w.resource),
      ['/ro/selectedProgram', '/ro/activeProgram'],
    );
  });

  it('a forced path is used as given (CLI --start-path)', async () => {
    await connect({});
    const r = await run(start(), { startPath: 'options-as-values' });
    assert.strictEqual(r.startPath, 'options-as-values');
    assert.deepStrictEqual(
      writes().map((w) => w.resource),
      ['/ro/selectedProgram', '/ro/values', '/ro/activeProgram'],
    );
    await assert.rejects(
      run(start({ options: {} }), { startPath: 'write-window' }),
      /does not fit this start: the start has no delayed-start option/,
    );
  });
});
