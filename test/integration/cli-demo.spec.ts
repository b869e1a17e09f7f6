/**
 * The demo appliances from the command line, as a newcomer meets them (built bin, 127.0.0.1):
 * `simulate --demo X --save-profile F`, then `watch F` and `send F` against it, for every demo in
 * the demo list and both transports; `--time-scale` runs programs faster.
 */
import assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importPath } from '../../src/profile/import';
import type { ApplianceRecord } from '../../src/profile/types';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { profileFromRecord } from '../../src/profile';
import { runCli, startCli, type CliProcess } from './cli-runner';

function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Every demo over its own transport, and over the other one when it has what that needs (an iv for AES). */
function cases(): Array<{ demo: ApplianceRecord; transport: 'tls' | 'aes' }> {
  return demoRecords().flatMap((demo) => {
    const own = demo.connectionType === 'AES' ? 'aes' : 'tls';
    const other = own === 'aes' ? 'tls' : 'aes';
    return [{ demo, transport: own }, ...(other === 'tls' || demo.iv ? [{ demo, transport: other }] : [])] as Array<{
      demo: ApplianceRecord;
      transport: 'tls' | 'aes';
    }>;
  });
}

describe('demo appliances from the CLI (bin, 127.0.0.1)', function () {
  this.timeout(30_000);
  let dir: string;
  const running: CliProcess[] = [];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-cli-demo-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const p of running.splice(0)) {
      p.kill();
      await p.exited;
    }
  });

  function cli(args: string[]): CliProcess {
    const p = startCli(args);
    running.push(p);
    return p;
  }

  /** Starts the demo with --save-profile; checks the file is complete when "listening" is printed. */
  async function simulate(name: string, transport: string, extra: string[] = []): Promise<{ file: string; host: string; sim: CliProcess }> {
    const file = path.join(dir, `${name}-${transport}.zip`);
    const sim = cli(['simulate', '--demo', name, '--transport', transport, '--save-profile', file, ...extra]);
    let atListening: fs.Stats | undefined;
    const line = await sim.waitForLine((l) => {
      if (!('listening' in l)) return false;
      atListening = fs.statSync(file);
      return true;
    });
    assert.ok(atListening?.isFile(), 'the profile exists when "listening" is printed');
    return { file, host: new URL(String(line.listening)).host, sim };
  }

  for (const { demo, transport } of cases()) {
    const name = demo.name;
    it(`simulate --demo ${name} --transport ${transport} --save-profile F; watch F and send F work`, async () => {
      const { file, host, sim } = await simulate(name, transport);
      if (process.platform !== 'win32') assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
      const [saved] = await importPath(file);
      assert.strictEqual(saved?.haId, demo.haId);
      assert.strictEqual(saved?.host, host, 'the saved profile points at the simulator');
      assert.strictEqual(saved?.connectionType, transport.toUpperCase());
      assert.strictEqual(saved?.key, demo.key);

      // As the newcomer runs it: the saved file, with --host.
      const watch = cli(['watch', file, '--host', host]);
      await watch.waitForLine((l) => l.event === 'connected');
      await watch.waitForLine((l) => typeof l.key === 'string'); // the initial state (a fridge has no OperationState)

      const raw = await runCli(['send', file, '--host', host, '--raw', '{"resource":"/ro/allMandatoryValues","action":"GET"}']);
      assert.strictEqual(raw.code, 0, raw.stderr);
      assert.strictEqual(jsonLines(raw.stdout)[0]?.ok, true);

      // The saved host alone is enough too.
      const lock = await runCli(['send', file, '--set', 'BSH.Common.Setting.ChildLock=true']);
      const childLock = profileFromRecord(saved).find('BSH.Common.Setting.ChildLock');
      if (childLock && (childLock.access === 'readWrite' || childLock.access === undefined)) {
        assert.strictEqual(lock.code, 0, lock.stderr);
        await watch.waitForLine((l) => l.key === 'BSH.Common.Setting.ChildLock' && l.value === true);
      }

      watch.child.kill('SIGINT');
      assert.strictEqual((await watch.exited).code, 0);
      sim.child.kill('SIGINT');
      const result = await sim.exited;
      assert.strictEqual(result.code, 0, result.stderr);
      assert.strictEqual(result.stderr, '');
    });
  }

  for (const [name, program, seconds] of [
    ['dishwasher', 'Dishcare.Dishwasher.Program.Quick45', 45 * 60],
    ['washer', 'LaundryCare.Washer.Program.Quick15', 15 * 60],
  ] as const) {
    it(`--time-scale runs ${program} (${seconds / 60} min) to its end`, async () => {
      const { file, sim } = await simulate(name, name === 'washer' ? 'aes' : 'tls', ['--time-scale', '2000']);
      const watch = cli(['watch', file]);
      await watch.waitForLine((l) => l.event === 'connected');
      const start = await runCli(['send', file, '--start', program]);
      assert.strictEqual(start.code, 0, start.stderr);
      const remaining = await watch.waitForLine((l) => l.key === 'BSH.Common.Option.RemainingProgramTime' && Number(l.value) > 0);
      assert.strictEqual(remaining.value, seconds, 'the program starts with its realistic duration');
      // At real speed this would take minutes: ending within the test's timeout is the time scale.
      await watch.waitForLine((l) => l.key === 'BSH.Common.Status.OperationState' && l.value === 'Finished');
      sim.child.kill('SIGINT');
      assert.strictEqual((await sim.exited).code, 0);
    });
  }

  it('--demo accepts every name of the demo list and refuses others, naming them', async () => {
    const r = await runCli(['simulate', '--demo', 'toaster']);
    assert.strictEqual(r.code, 2);
    assert.strictEqual(
      r.stderr,
      `homeconnect-local: --demo must be one of ${demoRecords()
        .map((d) => d.name)
        .join(', ')}\n`,
    );
    const help = await runCli(['simulate', '--help']);
    for (const d of demoRecords()) assert.match(help.stdout, new RegExp(`\\b${d.name}\\b`));
    assert.match(help.stdout, /--save-profile <file>/);
    assert.match(help.stdout, /--time-scale <n>/);
  });

  it('--save-profile into a missing folder fails before listening, with one line', async () => {
    const r = await runCli(['simulate', '--demo', 'washer', '--save-profile', path.join(dir, 'no', 'such', 'w.zip')]);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /^homeconnect-local: Cannot write .*w\.zip: the folder does not exist\n$/);
    assert.strictEqual(r.stdout, '');
  });
});
