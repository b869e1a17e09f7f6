/**
 * What the README shows is what users get: the sample out-node error text is the real one, and
 * every `--raw` example of the README and of `send --help` works against a simulated appliance
 * (which, like real appliances, answers GET /ro/values with 400).
 */
import assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { main } from '../../src/cli/main';
import { EXPIRED_CODE_MESSAGE } from '../../src/cloud';
import { ApplianceSimulator } from '../../src/simulator/appliance-simulator';
import { demoDishwasher } from '../../src/simulator/demo-profiles';
import { repoRoot } from '../support/paths';
import {
  ACCOUNT_ID,
  coreNode,
  homeconnectNodes,
  nodeRedHelper,
  testAccount,
  useServerWithDemoSimulators,
  waitFor,
  type FlowNode,
} from '../support/node-red-helper';

const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const stdin = new PassThrough();
  stdin.end();
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    stdin,
    env: {},
  });
  return { code, stdout, stderr };
}

describe('README samples match reality', function () {
  describe('CLI --raw examples', () => {
    let sim: ApplianceSimulator;
    let dir: string;
    let file: string;
    before(async () => {
      sim = new ApplianceSimulator({ record: { ...demoDishwasher }, host: '127.0.0.1', port: 0 });
      const { port } = await sim.start();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-readme-'));
      file = path.join(dir, 'dw.json');
      fs.writeFileSync(file, JSON.stringify([{ ...demoDishwasher, host: `127.0.0.1:${port}` }]));
    });
    after(async () => {
      await sim.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('every --raw example of the README and of send --help succeeds', async () => {
      const help = (await cli(['send', '--help'])).stdout;
      const examples = [
        ...[...readme.matchAll(/--raw '(\{[^']*\})'/g)].map((m) => m[1]),
        ...[...help.matchAll(/--raw JSON\s+(\{.*\})$/gm)].map((m) => m[1]),
      ];
      assert.ok(examples.length >= 2, `found ${examples.length} examples`);
      for (const raw of examples) {
        const r = await cli(['send', file, '--raw', raw]);
        assert.strictEqual(r.code, 0, `${raw}: ${r.stderr}`);
      }
    });

    it('the sample connection error has the real wording', async () => {
      const sample = /^homeconnect-local: Could not connect to .*$/m.exec(readme)?.[0];
      assert.ok(sample, 'the README shows a connection error');
      const closed = path.join(dir, 'closed.json');
      fs.writeFileSync(closed, JSON.stringify([{ ...demoDishwasher, host: '127.0.0.1:1' }]));
      const r = await cli(['send', closed, '--stop']);
      // Same sentence, with this appliance, address and socket error in place of the sample's.
      const pattern = sample
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace('dishwasher \\(SIEMENS-SN658X06TE-68A40E000001\\)', `${demoDishwasher.name} \\(${demoDishwasher.haId}\\)`)
        .replace('192\\.168\\.1\\.20', '127\\.0\\.0\\.1:1')
        .replace('EHOSTUNREACH', 'ECONNREFUSED');
      assert.match(r.stderr.trimEnd(), new RegExp(`^${pattern}$`));
    });

    it('the simulator answers GET /ro/values with 400, as real appliances do', async () => {
      const r = await cli(['send', file, '--raw', '{"resource":"/ro/values","action":"GET"}']);
      assert.strictEqual(r.code, 1);
      // The out node's sentence (one command model).
      assert.match(r.stderr, /The appliance answered GET \/ro\/values with error 400/);
    });
  });

  it('every text says how long the login code lasts the same way as the expiry error ("within a minute")', () => {
    assert.match(EXPIRED_CODE_MESSAGE, /within a minute/);
    const read = (rel: string): string => fs.readFileSync(path.join(repoRoot, rel), 'utf8');
    const english = [
      'README.md',
      'locales/en-US/homeconnect-local.html',
      'locales/en-US/homeconnect-local.json',
      'src/cli/login-command.ts',
    ];
    const said = english.flatMap((f) => [...read(f).matchAll(/within (?:a few|several|a|one|\d+) minutes?/g)].map((m) => `${f}: ${m[0]}`));
    assert.ok(said.length >= 4, said.join('; '));
    for (const s of said) assert.match(s, /: within a minute$/);
    const german = ['locales/de/homeconnect-local.html', 'locales/de/homeconnect-local.json'];
    const gesagt = german.flatMap((f) =>
      [...read(f).matchAll(/innerhalb (?:weniger|einiger|einer) Minuten?/g)].map((m) => `${f}: ${m[0]}`),
    );
    assert.strictEqual(gesagt.length, 2, gesagt.join('; '));
    for (const s of gesagt) assert.match(s, /: innerhalb einer Minute$/);
  });

  describe('out node error sample', function () {
    const helper = nodeRedHelper();
    const sims = useServerWithDemoSimulators(helper);

    it('msg.error.message, code and cause are what the README shows', async () => {
      const sample = /msg\.error\.message\s+\/\/ "([^"]+)"/.exec(readme)?.[1];
      const code = Number(/msg\.error\.code\s+\/\/ (\d+)/.exec(readme)?.[1]);
      assert.ok(sample, 'the README shows a msg.error.message sample');
      const account = testAccount(sims.records);
      const TAB = 'tab1';
      const flow: FlowNode[] = [
        { id: TAB, type: 'tab', label: 't' },
        account.node,
        {
          id: 'out1',
          type: 'homeconnect-local-out',
          z: TAB,
          account: ACCOUNT_ID,
          appliance: sims.records[0].haId,
          allowDangerous: false,
          wires: [[]],
        },
        { id: 'c1', type: 'catch', z: TAB, scope: null, uncaught: false, wires: [['h2']] },
        { id: 'h2', type: 'helper', z: TAB },
      ];
      await helper.load([coreNode('common/25-catch.js'), homeconnectNodes()], flow, account.credentials);
      const caught: Array<Record<string, any>> = [];
      helper.getNode('h2').on('input', (msg: Record<string, any>) => caught.push(msg));
      const out = helper.getNode('out1');
      await waitFor(() => out.status.calledWithMatch({ text: 'homeconnect-local.status.connected' }), 'connected');
      // The write the README's table shows as the raw form: uid 527 (DoorState) is read-only.
      out.receive({ payload: { resource: '/ro/values', action: 'POST', data: [{ uid: 527, value: 0 }] } });
      await waitFor(() => caught.length > 0, 'the error reaches the Catch node');
      assert.strictEqual(caught[0].error.message, sample);
      assert.strictEqual(caught[0].error.code, code);
    });
  });
});
