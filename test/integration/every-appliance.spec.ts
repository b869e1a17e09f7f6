import * as assert from 'assert';
import { HomeConnectError } from '../../src/errors';
import type { ApplianceRecord, Feature } from '../../src/profile/types';
import { ApplianceConnection, type ConnectionTiming } from '../../src/protocol/appliance-connection';
import type { StateChange, ValueChange } from '../../src/protocol/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoRecord, demoRecords } from '../../src/simulator/demo-profiles';
import { rawProfilePairs } from '../support/paths';
import { realRecord } from '../support/raw-client';

const FAST: Partial<ConnectionTiming> = {
  connectTimeoutMs: 3000,
  handshakeTimeoutMs: 5000,
  requestTimeoutMs: 3000,
  backoffMinMs: 20,
  backoffMaxMs: 200,
};

/** What each demo type allows: a start (program and options) or a refusal, and a type-specific write. */
const DEMO_CASES: Record<string, { start?: { program: string; options?: Record<string, unknown> }; write: Record<string, unknown> }> = {
  dishwasher: { start: { program: 'Dishcare.Dishwasher.Program.Eco50' }, write: { 'Dishcare.Dishwasher.Setting.ExtraDry': true } },
  washer: { start: { program: 'LaundryCare.Washer.Program.Cotton', options: { SpinSpeed: 'RPM1000' } }, write: { SignalVolume: 'Low' } },
  oven: {
    start: { program: 'Cooking.Oven.Program.HeatingMode.HotAir', options: { SetpointTemperature: 200, FastPreHeat: true } },
    write: { 'Favorite.001.Name': 'Roast', 'Cavity.001.Lighting': true },
  },
  hob: { write: { 'BSH.Common.Setting.AlarmClock': 300 } },
  hood: {
    start: { program: 'Cooking.Common.Program.Hood.Venting', options: { VentingLevel: 'FanStage03', IntensiveLevel: 'IntensiveStageOff' } },
    write: { 'Cooking.Common.Setting.Lighting': true, 'Cooking.Common.Setting.LightingBrightness': 40 },
  },
  fridge: { write: { SetpointTemperatureFreezer: -20, SuperModeRefrigerator: true } },
  dryer: {
    start: { program: 'LaundryCare.Dryer.Program.Cotton', options: { DryingTarget: 'ExtraDry', WrinkleGuard: 'Min120' } },
    write: { ChildLock: true },
  },
  coffee: {
    start: {
      program: 'ConsumerProducts.CoffeeMaker.Program.Beverage.Espresso',
      options: { FillQuantity: 40, BeanAmount: 'Strong', CoffeeTemperature: '94C' },
    },
    write: { 'ConsumerProducts.CoffeeMaker.Setting.CupWarmer': true },
  },
};

function writable(access: string | undefined): boolean {
  const a = access?.toLowerCase();
  return a === 'readwrite' || a === 'writeonly';
}

describe('every appliance type end to end: handshake, initial state, write, start or refusal (integration)', function () {
  this.timeout(20000);
  let sim: ApplianceSimulator | undefined;
  let conn: ApplianceConnection | undefined;
  let values: ValueChange[] = [];

  afterEach(async () => {
    await conn?.stop();
    conn = undefined;
    await sim?.stop();
    sim = undefined;
  });

  async function connected(record: ApplianceRecord, timeScale = 1): Promise<ApplianceConnection> {
    sim = new ApplianceSimulator({ record, timeScale });
    await sim.start();
    const c = new ApplianceConnection({ record: { ...record, host: sim.hostPort }, deviceId: 'every-appliance', timing: FAST });
    conn = c;
    values = [];
    c.on('values', (vs: ValueChange[]) => values.push(...vs));
    await new Promise<void>((resolve) => {
      const l = (s: StateChange): void => {
        if (s.state === 'connected') {
          c.off('state', l);
          resolve();
        }
      };
      c.on('state', l);
      c.start();
    });
    return c;
  }

  async function seen(key: string, value: unknown, what = `${key} = ${String(value)}`): Promise<void> {
    for (let i = 0; i < 400; i++) {
      if (values.some((v) => v.key === key && v.value === value)) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  const postedStarts = (): number => sim!.received.filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST').length;

  async function expectRefusal(c: ApplianceConnection, program: string | undefined, pattern: RegExp): Promise<void> {
    const before = postedStarts();
    await assert.rejects(c.startProgram(program), (e: unknown) => {
      assert.ok(e instanceof HomeConnectError, String(e));
      assert.strictEqual(e.kind, 'validation');
      assert.match(e.message, pattern);
      return true;
    });
    assert.strictEqual(postedStarts(), before, 'refused locally: nothing sent');
  }

  for (const record of demoRecords()) {
    const name = record.name;
    const want = DEMO_CASES[name];
    it(`demo ${name} (${record.connectionType}): handshake, initial state, write ${Object.keys(want.write).join(' + ')}, ${want.start ? 'start' : 'start refused locally'}`, async () => {
      const c = await connected(demoRecord(name)!);
      const snap = c.snapshot();
      assert.ok(Object.keys(snap).length >= 10, `${Object.keys(snap).length} initial values`);
      assert.strictEqual(snap['BSH.Common.Status.WiFiSignalStrength'] !== undefined, true);
      assert.deepStrictEqual(sim!.violations, []);

      await c.setValues(want.write);
      for (const [key, value] of Object.entries(want.write)) {
        const full = c.profile.resolve(key).key;
        await seen(full, value);
        assert.strictEqual(sim!.getValue(full), value);
      }

      if (want.start) {
        await c.startProgram(want.start.program, want.start.options);
        await seen('BSH.Common.Status.OperationState', 'Run');
        assert.strictEqual(c.snapshot()['BSH.Common.Root.ActiveProgram'], want.start.program);
        for (const [key, value] of Object.entries(want.start.options ?? {})) {
          assert.strictEqual(sim!.getValue(key), value, key);
        }
      } else {
        await expectRefusal(
          c,
          (c.profile as unknown as { programs(): Feature[] }).programs()[0]?.key ?? 'anything',
          new RegExp(`^${name} \\(${record.haId}\\) does not allow remote starts`),
        );
      }
      assert.deepStrictEqual(sim!.violations, []);
    });
  }

  it('every demo type completes the handshake with each service set (iz, ci2, legacy) without simulator violations', async () => {
    for (const record of demoRecords()) {
      for (const services of ['iz', 'ci2', 'legacy'] as const) {
        const s = new ApplianceSimulator({ record, services });
        await s.start();
        const c = new ApplianceConnection({ record: { ...record, host: s.hostPort }, deviceId: 'every-appliance', timing: FAST });
        try {
          await new Promise<void>((resolve, reject) => {
            c.on('state', (st: StateChange) => {
              if (st.state === 'connected') resolve();
              if (st.state === 'error') reject(new Error(`${record.name} ${services}: ${st.reason}`));
            });
            c.start();
          });
          assert.ok(c.currentValues().length > 5, `${record.name} ${services}`);
          assert.deepStrictEqual(s.violations, [], `${record.name} ${services}`);
        } finally {
          await c.stop();
          await s.stop();
        }
      }
    }
  });

  rawProfilePairs().forEach((pair, i) => {
    const transport = i % 2 === 0 ? 'TLS' : 'AES';
    it(`real profile ${pair.name} (${transport}): handshake, initial state, a setting write, start or refusal`, async () => {
      const record = realRecord(pair.name, transport);
      const c = await connected(record);
      const profile = c.profile as unknown as { settings(): Feature[]; programs(): Feature[]; roots: { activeProgram?: Feature } };
      assert.ok(Object.keys(c.snapshot()).length > 5);
      assert.deepStrictEqual(sim!.violations, []);

      const setting = profile
        .settings()
        .find((f) => writable(f.access) && f.available !== false && f.protocolType === 'Boolean' && !/Wifi|WiFi|Reset/i.test(f.key));
      assert.ok(setting, `${pair.name} has a writable boolean setting`);
      const next = !(sim!.getValue(setting.key) === true);
      await c.setValues({ [setting.key]: next });
      await seen(setting.key, next);

      const blocked = profile.programs().find((p) => p.execution === 'none');
      if (blocked) await expectRefusal(c, blocked.key, /does not allow remote starts of/);
      // Real washers mark every program unavailable until the appliance is ready: any startable one will do then.
      const startable = profile.programs().filter((p) => p.execution !== 'none' && p.execution !== 'selectOnly');
      const program = startable.find((p) => p.available !== false) ?? startable[0];
      assert.ok(program, `${pair.name} has a program`);
      if (writable(profile.roots.activeProgram?.access)) {
        await c.startProgram(program.key);
        await seen('BSH.Common.Status.OperationState', 'Run');
      } else {
        // Read-only ActiveProgram (washers, coffee machine, cook processor): refused before sending.
        await expectRefusal(c, program.key, /does not accept a request to start a program right now/);
      }
      assert.deepStrictEqual(sim!.violations, []);
    });
  });
});

describe('appliance type behaviour in the simulator (integration)', function () {
  this.timeout(20000);
  let sim: ApplianceSimulator | undefined;
  let conn: ApplianceConnection | undefined;
  let values: ValueChange[] = [];

  afterEach(async () => {
    await conn?.stop();
    conn = undefined;
    await sim?.stop();
    sim = undefined;
  });

  async function connected(name: string, timeScale: number): Promise<ApplianceConnection> {
    const record = demoRecord(name)!;
    sim = new ApplianceSimulator({ record, timeScale });
    await sim.start();
    const c = new ApplianceConnection({ record: { ...record, host: sim.hostPort }, deviceId: 'type-behaviour', timing: FAST });
    conn = c;
    values = [];
    c.on('values', (vs: ValueChange[]) => values.push(...vs));
    await new Promise<void>((resolve) => {
      c.on('state', (s: StateChange) => s.state === 'connected' && resolve());
      c.start();
    });
    values = [];
    return c;
  }

  async function until(check: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 500; i++) {
      if (check()) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`timed out waiting for ${what}`);
  }
  const history = (key: string): unknown[] => values.filter((v) => v.key === key).map((v) => v.value);

  it('oven: the cavity heats toward the setpoint, reports preheated, and cools after the stop', async () => {
    const c = await connected('oven', 600);
    await c.startProgram('Cooking.Oven.Program.HeatingMode.HotAir', { SetpointTemperature: 200 });
    const T = 'Cooking.Oven.Status.Cavity.001.CurrentTemperature';
    await until(() => history('Cooking.Oven.Event.PreheatFinished').includes('Present'), 'PreheatFinished');
    const temps = history(T) as number[];
    assert.ok(temps.length >= 3, `temperatures on the way: ${temps.join(',')}`);
    assert.ok(
      temps.every((t, i) => i === 0 || t > temps[i - 1]),
      `rising: ${temps.join(',')}`,
    );
    assert.strictEqual(temps[temps.length - 1], 200);
    assert.strictEqual(sim!.getValue('Cavity.001.Preheated'), true);
    assert.strictEqual(sim!.programPhase, 'running', 'no timer set: it keeps heating');
    await c.stopProgram();
    await until(() => sim!.programPhase === 'idle', 'stopped');
    await until(() => (sim!.getValue(T) as number) < 190, 'cooling');
    assert.strictEqual(sim!.getValue('Cavity.001.Preheated'), false);
  });

  it('oven: with the meat probe plugged in, the core warms up and the program ends at the probe target', async () => {
    const c = await connected('oven', 3000);
    sim!.setValue('Cooking.Oven.Status.Cavity.001.MeatProbePlugged', true);
    await c.startProgram('Cooking.Oven.Program.HeatingMode.TopBottomHeating', { SetpointTemperature: 180, MeatProbeTemperature: 60 });
    await until(() => history('BSH.Common.Status.OperationState').includes('Finished'), 'Finished at the probe target');
    assert.ok(history('Cooking.Oven.Event.Cavity.001.MeatProbeTargetReached').includes('Present'));
    const core = history('Cooking.Oven.Status.Cavity.001.MeatProbeCurrentTemperature') as number[];
    assert.ok(core.length >= 3 && core.every((t, i) => i === 0 || t >= core[i - 1]), core.join(','));
    assert.ok(core[core.length - 1] >= 60 && core[0] < 30, core.join(','));
    // Without the probe the same program keeps heating (no timer set).
    sim!.setValue('MeatProbePlugged', false);
    values = [];
    await c.startProgram('Cooking.Oven.Program.HeatingMode.TopBottomHeating', { SetpointTemperature: 180, MeatProbeTemperature: 60 });
    await until(() => history('Cooking.Oven.Event.PreheatFinished').includes('Present'), 'preheated');
    assert.strictEqual(sim!.programPhase, 'running');
    assert.deepStrictEqual(history('Cooking.Oven.Status.Cavity.001.MeatProbeCurrentTemperature'), []);
  });

  it('coffee: a beverage finishes in seconds and counts one more cup', async () => {
    const c = await connected('coffee', 10);
    const before = sim!.getValue('BeverageCounterRistrettoEspresso') as number;
    await c.startProgram('ConsumerProducts.CoffeeMaker.Program.Beverage.Espresso', { FillQuantity: 40 });
    await until(() => history('BSH.Common.Status.OperationState').includes('Finished'), 'Finished');
    assert.strictEqual(sim!.getValue('BeverageCounterRistrettoEspresso'), before + 1);
    assert.ok(history('BSH.Common.Option.ProgramProgress').includes(100));
    assert.ok(history('ConsumerProducts.CoffeeMaker.Status.ProcessPhase').includes('Grinding'));
    assert.strictEqual(sim!.getValue('ProcessPhase'), 'None');
    const water = sim!.getValue('BeverageCounterHotWater') as number;
    await c.startProgram('ConsumerProducts.CoffeeMaker.Program.Beverage.HotWater', { FillQuantity: 100 });
    await until(() => sim!.getValue('BeverageCounterHotWater') === water + 100, 'hot water counted in ml');
  });

  it('hood: venting runs until stopped; PowerState Off stops it and the fan stage returns to FanOff', async () => {
    const c = await connected('hood', 100000);
    await c.startProgram('Cooking.Common.Program.Hood.Venting', { VentingLevel: 'FanStage02' });
    await until(() => history('BSH.Common.Status.OperationState').includes('Run'), 'Run');
    // 100000× time: half a second is more than half a day of venting, and it still runs.
    await new Promise((r) => setTimeout(r, 500));
    assert.strictEqual(sim!.programPhase, 'running');
    assert.strictEqual(sim!.getValue('VentingLevel'), 'FanStage02');
    await c.setValues({ 'BSH.Common.Setting.PowerState': 'Off' });
    await until(() => sim!.getValue('OperationState') === 'Inactive', 'Inactive');
    assert.strictEqual(sim!.programPhase, 'idle');
    assert.strictEqual(sim!.getValue('VentingLevel'), 'FanOff');
    assert.ok(!history('BSH.Common.Event.ProgramAborted').includes('Present'), 'switching off is no abort');
  });

  it('fridge: a door left open raises its alarm event, closing clears it', async () => {
    await connected('fridge', 600);
    sim!.setValue('Refrigeration.Common.Status.Door.Freezer', 'Open');
    await until(() => history('Refrigeration.FridgeFreezer.Event.DoorAlarmFreezer').includes('Present'), 'DoorAlarmFreezer Present');
    assert.deepStrictEqual(history('Refrigeration.FridgeFreezer.Event.DoorAlarmRefrigerator'), [], 'only the open compartment');
    sim!.setValue('Door.Freezer', 'Closed');
    await until(() => history('Refrigeration.FridgeFreezer.Event.DoorAlarmFreezer').includes('Off'), 'DoorAlarmFreezer Off');
    // A door closed before the alarm time raises nothing.
    sim!.setValue('Door.Refrigerator', 'Open');
    sim!.setValue('Door.Refrigerator', 'Closed');
    assert.deepStrictEqual(history('Refrigeration.FridgeFreezer.Event.DoorAlarmRefrigerator'), []);
  });

  it('hob: a zone switched on at the hob shows Run, the power level mode and residual heat; the remote start stays refused', async () => {
    const c = await connected('hob', 1);
    sim!.setValue('Cooking.Hob.Status.Zone.200.PowerLevel', 'Level07');
    await until(() => history('BSH.Common.Status.OperationState').includes('Run'), 'Run');
    assert.strictEqual(c.snapshot()['BSH.Common.Root.ActiveProgram'], 'Cooking.Hob.Program.PowerLevelMode');
    assert.strictEqual(c.snapshot()['Cooking.Hob.Status.Zone.200.ResidualHeat'], true);
    assert.strictEqual(c.snapshot()['Cooking.Hob.Status.Zone.100.ResidualHeat'], false);
    await assert.rejects(c.startProgram('Cooking.Hob.Program.FryingSensor'), /does not allow remote starts/);
    sim!.setValue('Zone.200.PowerLevel', 'Off');
    await until(() => history('BSH.Common.Status.OperationState').includes('Ready'), 'Ready');
    assert.strictEqual(sim!.getValue('Zone.200.ResidualHeat'), true, 'the zone stays hot');
  });

  it('dryer: remaining time counts down to 0 and the program finishes; FinishInRelative delays the start', async () => {
    const c = await connected('dryer', 20000);
    await c.startProgram('LaundryCare.Dryer.Program.Super40');
    await until(() => history('BSH.Common.Status.OperationState').includes('Finished'), 'Finished');
    const remaining = history('BSH.Common.Option.RemainingProgramTime') as number[];
    assert.strictEqual(remaining[0], 2400);
    assert.strictEqual(remaining[remaining.length - 1], 0);
    assert.ok(remaining.length > 3 && remaining.every((v, i) => i === 0 || v <= remaining[i - 1]), remaining.join(','));
    values = [];
    await c.startProgram('LaundryCare.Dryer.Program.Cotton', { FinishInRelative: 4 * 3600 });
    await until(() => history('BSH.Common.Status.OperationState').includes('DelayedStart'), 'DelayedStart');
  });
});
