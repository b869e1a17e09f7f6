import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { importPath } from '../../src/profile/import';
import { ApplianceConnection } from '../../src/protocol/appliance-connection';
import { DEMO_NAMES, demoRecord } from '../../src/simulator/demo-profiles';
import { runCli, startCli, type CliProcess } from './cli-runner';

/** `homeconnect-local simulate --demo T` for every demo type, served over the type's own transport. */
describe('cli simulate --demo for every appliance type (integration)', function () {
  this.timeout(20000);
  const running: CliProcess[] = [];
  const connections: ApplianceConnection[] = [];
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-demo-types-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  afterEach(async () => {
    for (const c of connections.splice(0)) await c.stop();
    for (const p of running.splice(0)) {
      p.kill();
      await p.exited;
    }
  });

  for (const name of DEMO_NAMES.filter((n) => n !== 'dishwasher' && n !== 'washer')) {
    const record = demoRecord(name)!;
    it(`--demo ${name} (${record.type}, ${record.connectionType}) --save-profile: the saved ZIP imports and drives it; stops on SIGINT`, async () => {
      const zip = path.join(dir, `${name}.zip`);
      const p = startCli(['simulate', '--demo', name, '--bind', '127.0.0.1', '--port', '0', '--save-profile', zip]);
      running.push(p);
      const line = await p.waitForLine((l) => 'listening' in l);
      assert.strictEqual(line.haId, record.haId);
      assert.strictEqual(line.transport, record.connectionType.toLowerCase());
      // The saved profile is all a client needs: key, transport, address and both XML files.
      const [saved] = await importPath(zip);
      assert.strictEqual(saved.haId, record.haId);
      assert.strictEqual(saved.type, record.type);
      assert.strictEqual(saved.deviceDescription, record.deviceDescription);
      assert.strictEqual(saved.featureMapping, record.featureMapping);
      const client = new ApplianceConnection({ record: saved });
      connections.push(client);
      await new Promise<void>((resolve) => {
        client.on('state', (s) => s.state === 'connected' && resolve());
        client.start();
      });
      assert.ok(client.currentValues().some((v) => v.key === 'BSH.Common.Status.WiFiSignalStrength'));
      await client.stop();
      p.child.kill('SIGINT');
      assert.strictEqual((await p.exited).code, 0);
    });
  }

  it('--demo with an unknown type names the demo types', async () => {
    const r = await runCli(['simulate', '--demo', 'toaster']);
    assert.strictEqual(r.code, 2);
    assert.match(r.stderr, /--demo must be one of dishwasher, washer, oven, hob, hood, fridge, dryer, coffee/);
  });
});
