/**
 * `homeconnect-local send PROFILE --start PROGRAM --prices FILE --deadline …` through the built
 * bin against the simulator: the delayed start the appliance receives is the plan's, on the step.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import { runCli } from './cli-runner';

const H = 3_600_000;
const T0 = Date.parse('2026-12-08T20:00:00Z');
const ECO = 'Dishcare.Dishwasher.Program.Eco50';
const START_IN = 'BSH.Common.Option.StartInRelative';

/** The options of the POSTs to /ro/activeProgram the simulator received. */
function startsReceived(sim: ApplianceSimulator): Array<Array<{ uid: number; value: unknown }>> {
  return sim.received
    .filter((m) => m.resource === '/ro/activeProgram' && m.action === 'POST')
    .map((m) => (m.data as Array<{ options?: Array<{ uid: number; value: unknown }> }> | undefined)?.[0]?.options ?? []);
}

describe('homeconnect-local send --prices (smart start)', function () {
  this.timeout(30_000);
  let dir: string;
  let sim: ApplianceSimulator;
  let file: string;
  let prices: string;

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-send-prices-'));
    sim = new ApplianceSimulator({ record: { ...demoDishwasher }, host: '127.0.0.1', port: 0 });
    const { port } = await sim.start();
    file = path.join(dir, 'dishwasher.json');
    const record: ApplianceRecord = { ...demoDishwasher, host: `127.0.0.1:${port}` };
    fs.writeFileSync(file, JSON.stringify([record]));
    // Hourly prices from T0: expensive, except three cheap hours from +3 h.
    prices = path.join(dir, 'prices.json');
    const series = Array.from({ length: 12 }, (_, i) => ({
      start: new Date(T0 + i * H).toISOString(),
      price: [3, 4, 5].includes(i) ? 0.1 : 0.4,
    }));
    fs.writeFileSync(prices, JSON.stringify(series));
  });
  afterEach(async () => {
    await sim.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("plans with the appliance's estimate for the selected program and arms StartInRelative to the plan: DelayedStart", async () => {
    // Eco 50 selected on the appliance, which expects 1 h 30 for it.
    sim.setValue('BSH.Common.Root.SelectedProgram', sim.profile.resolve(ECO).uid);
    sim.setValue('BSH.Common.Option.RemainingProgramTime', 5400);
    const deadline = new Date(T0 + 10 * H).toISOString();
    const r = await runCli(['send', file, '--start', ECO, '--prices', prices, '--deadline', deadline, '--now', new Date(T0).toISOString()]);
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 1, 'one JSON line');
    const line = JSON.parse(lines[0]) as Record<string, any>;
    assert.strictEqual(line.ok, true);
    assert.strictEqual(line.action, 'start');
    assert.strictEqual(line.haId, demoDishwasher.haId);
    assert.strictEqual(line.startPath, 'direct', "the command model's start result");
    const plan = line.plan as Record<string, any>;
    assert.strictEqual(plan.program, ECO);
    assert.strictEqual(plan.armedWith, 'StartInRelative');
    // --now shifts the clock, and the time spent connecting still counts: the start lies within one step of +3 h.
    const offBy = Date.parse(plan.start as string) - (T0 + 3 * H);
    assert.ok(offBy >= 0 && offBy < 60_000, `the cheap hours: ${String(plan.start)}`);
    assert.strictEqual(plan.durationS, 5400, "the appliance's estimate");
    assert.strictEqual(Date.parse(plan.finish as string) - Date.parse(plan.start as string), 5400 * 1000);
    assert.ok(plan.saving > 0);
    assert.strictEqual(plan.optionValue, 3 * 3600);
    // exactly one start, carrying the plan's value
    const starts = startsReceived(sim);
    assert.strictEqual(starts.length, 1);
    const uid = sim.profile.resolve(START_IN).uid;
    assert.strictEqual(starts[0].find((o) => o.uid === uid)?.value, plan.optionValue);
    assert.strictEqual(sim.getValue('BSH.Common.Status.OperationState'), 'DelayedStart');
  });

  it('without a known duration it names --duration; with it, a refused remote start is exit 1 and nothing is sent', async () => {
    const args = [
      'send',
      file,
      '--start',
      ECO,
      '--prices',
      prices,
      '--deadline',
      new Date(T0 + 10 * H).toISOString(),
      '--now',
      new Date(T0).toISOString(),
    ];
    const unknown = await runCli(args);
    assert.strictEqual(unknown.code, 1);
    assert.match(
      unknown.stderr,
      /duration of Dishcare\.Dishwasher\.Program\.Eco50 is not known: select it on the appliance or give --duration SECONDS/,
    );
    sim.setValue('BSH.Common.Status.RemoteControlStartAllowed', false);
    const r = await runCli([...args, '--duration', '7200']);
    assert.strictEqual(r.code, 1);
    const line = JSON.parse(r.stdout) as Record<string, any>;
    assert.strictEqual(line.ok, false);
    assert.strictEqual(line.error.kind, 'validation');
    assert.match(line.error.message, /remote start is not allowed/);
    assert.strictEqual(startsReceived(sim).length, 0);
    assert.notStrictEqual(sim.getValue('BSH.Common.Status.OperationState'), 'DelayedStart');
  });

  it('flag mistakes are usage errors (exit 2) before connecting', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['--stop', '--prices', prices, '--deadline', '07:00'], /--prices goes with --start/],
      [['--start', ECO, '--deadline', '07:00'], /--deadline goes with --prices/],
      [['--start', ECO, '--prices', prices], /send needs --deadline/],
      [['--start', ECO, '--prices', prices, '--deadline', '07:00', '--start-in', '60'], /leave out --start-in/],
    ];
    for (const [args, message] of cases) {
      const r = await runCli(['send', file, ...args]);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
    }
    assert.strictEqual(sim.received.length, 0, 'nothing reached the appliance');
  });
});
