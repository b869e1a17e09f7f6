/**
 * `simulate --quirk` and `send --start-path` through the built bin, on 127.0.0.1.
 */
import assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import { runCli, startCli, type CliProcess } from './cli-runner';

function jsonLines(text: string): Array<Record<string, any>> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, any>);
}

describe('homeconnect-local simulate --quirk / send --start-path (127.0.0.1)', function () {
  this.timeout(30_000);
  let dir: string;
  let sim: CliProcess | undefined;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-start-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    sim?.kill();
    await sim?.exited;
    sim = undefined;
  });

  /** A demo dishwasher simulated with the quirks, and a records file pointing at it. */
  async function simulate(quirks: string[]): Promise<string> {
    sim = startCli(['simulate', '--demo', 'dishwasher', '--port', '0', ...quirks.flatMap((q) => ['--quirk', q])]);
    const line = await sim.waitForLine((l) => 'listening' in l);
    assert.deepStrictEqual(line.quirks, quirks);
    const file = path.join(dir, `dw-${quirks.join('-') || 'plain'}.json`);
    fs.writeFileSync(file, JSON.stringify([{ ...demoDishwasher, host: new URL(String(line.listening)).host }]));
    return file;
  }

  const START = ['--start', 'Dishcare.Dishwasher.Program.Eco50', '--option', 'VarioSpeedPlus=true'];

  it('--quirk refusals make send fall back, and the line names the path that worked', async () => {
    const file = await simulate(['refuse-start-with-options', 'refuse-options-on-select']);
    const r = await runCli(['send', file, ...START]);
    assert.strictEqual(r.code, 0, r.stderr);
    const line = jsonLines(r.stdout)[0];
    assert.strictEqual(line.ok, true);
    assert.strictEqual(line.startPath, 'options-as-values');
    assert.deepStrictEqual(
      line.refused.map((x: any) => [x.startPath, x.code]),
      [
        ['direct', 400],
        ['select-then-start', 403],
      ],
    );
  });

  it('--start-path forces one path: used as given, and no fallback when it is refused', async () => {
    const file = await simulate(['refuse-options-on-select']);
    const refused = await runCli(['send', file, ...START, '--start-path', 'select-then-start']);
    assert.strictEqual(refused.code, 1, refused.stdout);
    const outcome = jsonLines(refused.stdout)[0];
    assert.strictEqual(outcome.ok, false);
    assert.strictEqual(outcome.error.code, 403);
    assert.match(refused.stderr, /^homeconnect-local: [^\n]*403[^\n]*\n$/);

    const forced = await runCli(['send', file, ...START, '--start-path', 'options-as-values']);
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.strictEqual(jsonLines(forced.stdout)[0].startPath, 'options-as-values');
  });

  it('bad --quirk and --start-path words are usage errors (exit 2)', async () => {
    for (const args of [
      ['simulate', '--demo', 'dishwasher', '--quirk', 'grumpy'],
      ['send', 'x.json', '--start', 'Eco50', '--start-path', 'sideways'],
      ['send', 'x.json', '--set', 'ChildLock=true', '--start-path', 'direct'],
    ]) {
      const r = await runCli(args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /quirk|start-path/);
    }
  });
});
