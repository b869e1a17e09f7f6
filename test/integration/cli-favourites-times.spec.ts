/**
 * Issue 13 §2 in the CLI: `send --select/--start <favourite name>` and `--start-at` /
 * `--finish-at`, against demo simulators on 127.0.0.1.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ApplianceRecord } from '../../src/profile/types';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoRecord } from '../../src/simulator/demo-profiles';
import { runCli } from './cli-runner';

function jsonLine(text: string): Record<string, any> {
  const lines = text.split('\n').filter((l) => l.trim().startsWith('{'));
  assert.strictEqual(lines.length, 1, text);
  return JSON.parse(lines[0]);
}

describe('homeconnect-local send: favourites by name, --start-at/--finish-at (127.0.0.1)', function () {
  this.timeout(30_000);
  let dir: string;
  const simulators: ApplianceSimulator[] = [];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-fav-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const s of simulators.splice(0)) await s.stop();
  });

  async function simulated(
    name: 'oven' | 'dryer' | 'dishwasher',
  ): Promise<{ file: string; sim: ApplianceSimulator; record: ApplianceRecord }> {
    const record = demoRecord(name)!;
    const sim = new ApplianceSimulator({ record: { ...record }, host: '127.0.0.1', port: 0, timeScale: 60 });
    simulators.push(sim);
    const { port } = await sim.start();
    const file = path.join(dir, `${name}.json`);
    fs.writeFileSync(file, JSON.stringify([{ ...record, host: `127.0.0.1:${port}` }]));
    return { file, sim, record };
  }

  it('--select "<favourite name>" selects the oven favourite; an unavailable favourite is refused, a typo still fails', async () => {
    const { file, sim } = await simulated('oven');
    const r = await runCli(['send', file, '--select', 'Sunday roast']);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(jsonLine(r.stdout).ok, true);
    assert.strictEqual(sim.getValue('BSH.Common.Root.SelectedProgram'), 'BSH.Common.Program.Favorite.001');

    sim.setValue('BSH.Common.Setting.Favorite.002.Name', 'Pizza night');
    const refused = await runCli(['send', file, '--select', 'Pizza night']);
    assert.strictEqual(refused.code, 1);
    assert.match(
      jsonLine(refused.stdout).error.message,
      /favourite "Pizza night" \(BSH\.Common\.Program\.Favorite\.002\) is reported unavailable/,
    );

    const typo = await runCli(['send', file, '--select', 'Sunday rost']);
    assert.strictEqual(typo.code, 1);
    assert.strictEqual(jsonLine(typo.stdout).ok, false);
  });

  it('--finish-at ISO → FinishInRelative on the dryer, rounded up to 60 s; --start-at HH:MM → StartInRelative on the dishwasher', async () => {
    const dryer = await simulated('dryer');
    const finishAt = new Date(Date.now() + 3 * 3600_000 + 10_000).toISOString();
    const r = await runCli(['send', dryer.file, '--start', 'LaundryCare.Dryer.Program.Mix', '--finish-at', finishAt]);
    assert.strictEqual(r.code, 0, r.stderr);
    const sent = JSON.stringify(jsonLine(r.stdout).sent);
    const m = /"uid":551,"value":(\d+)/.exec(sent);
    assert.ok(m, sent);
    const finishIn = Number(m[1]);
    assert.strictEqual(finishIn % 60, 0);
    assert.ok(finishIn >= 3 * 3600 && finishIn <= 3 * 3600 + 120, String(finishIn));

    const dw = await simulated('dishwasher');
    const at = new Date(Date.now() + 90 * 60_000);
    const hhmm = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
    const s = await runCli(['send', dw.file, '--start', 'Dishcare.Dishwasher.Program.Eco50', '--start-at', hhmm]);
    assert.strictEqual(s.code, 0, s.stderr);
    const sm = /"uid":558,"value":(\d+)/.exec(JSON.stringify(jsonLine(s.stdout).sent));
    assert.ok(sm, s.stdout);
    assert.ok(Number(sm[1]) > 90 * 60 - 120 && Number(sm[1]) <= 90 * 60, sm[1]);

    const bad = await runCli(['send', dw.file, '--start', 'Dishcare.Dishwasher.Program.Eco50', '--start-at', 'soon']);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /"startAt" must be an ISO date-time or "HH:MM"/);
    const both = await runCli(['send', dw.file, '--select', 'Dishcare.Dishwasher.Program.Eco50', '--finish-at', '10:00']);
    assert.strictEqual(both.code, 2);
    assert.match(both.stderr, /--start-at and --finish-at go with --start/);
  });
});
