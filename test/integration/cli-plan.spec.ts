import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixturesDir } from '../support/paths';
import { runCli } from './cli-runner';

const prices = path.join(fixturesDir, 'prices', 'tibber-2026-12-08.json');

describe('homeconnect-local plan', function () {
  it('prints the cheapest start before the deadline as one JSON line', async () => {
    const r = await runCli([
      'plan',
      '--prices',
      prices,
      '--duration',
      '7200',
      '--deadline',
      '2026-12-09T07:00:00+01:00',
      '--now',
      '2026-12-08T20:00:00+01:00',
    ]);
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.strictEqual(lines.length, 1);
    const plan = JSON.parse(lines[0]) as Record<string, unknown>;
    // the two cheapest consecutive hours are 03:00–05:00 on the 9th (0.2287, 0.2315)
    assert.strictEqual(plan.start, '2026-12-09T02:00:00.000Z');
    assert.strictEqual(plan.finish, '2026-12-09T04:00:00.000Z');
    assert.strictEqual(plan.startIn, 7 * 3600);
    assert.strictEqual(plan.cost, 0.2301);
    assert.strictEqual(plan.costIfNow, 0.3627);
    assert.ok((plan.saving as number) > 0.13);
  });

  it('--step puts the start on the delayed-start grid; --objective solar reads a forecast', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-plan-'));
    try {
      const solar = path.join(dir, 'solcast.json');
      fs.writeFileSync(
        solar,
        JSON.stringify({
          forecasts: [9, 10, 11, 12, 13, 14].map((h, i) => ({
            period_end: `2026-12-08T${String(h + 1).padStart(2, '0')}:00:00Z`,
            period: 'PT60M',
            pv_estimate: [0.2, 1.1, 2.5, 2.9, 1.4, 0.3][i],
          })),
        }),
      );
      const r = await runCli([
        'plan',
        '--prices',
        solar,
        '--objective',
        'solar',
        '--duration',
        '7200',
        '--deadline',
        '2026-12-08T18:00:00Z',
        '--now',
        '2026-12-08T08:10:00Z',
        '--step',
        '1800',
      ]);
      assert.strictEqual(r.code, 0, r.stderr);
      const plan = JSON.parse(r.stdout) as Record<string, unknown>;
      assert.strictEqual(plan.objective, 'solar');
      assert.strictEqual((plan.startIn as number) % 1800, 0);
      assert.strictEqual(plan.start, '2026-12-08T11:10:00.000Z');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing flag is a usage error (exit 2); an unknown shape is one line naming the file (exit 1)', async () => {
    const usage = await runCli(['plan', '--prices', prices, '--deadline', '07:00']);
    assert.strictEqual(usage.code, 2);
    assert.match(usage.stderr, /^homeconnect-local: plan needs --duration SECONDS\n$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-plan-'));
    try {
      const bad = path.join(dir, 'prices.json');
      fs.writeFileSync(bad, '{"rates":[1,2,3]}');
      const r = await runCli(['plan', '--prices', bad, '--duration', '60', '--deadline', '07:00']);
      assert.strictEqual(r.code, 1);
      assert.strictEqual(r.stdout, '');
      assert.match(r.stderr, /^homeconnect-local: prices\.json: The series has an unknown shape; expected .*\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
