/**
 * `npm start` (test/scripts/start-demo.js) as a newcomer meets it: the editor URL only once Node-RED
 * answers, the user's flows kept across starts (--reset / DEMO_RESET=1 restore the demo), every
 * demo appliance of the library in the demo account, a clear hint when the port is taken, and no
 * second build after the one the test run already did.
 */
import * as assert from 'assert';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { fetch } from 'undici';
import { demoRecords } from '../../src/simulator/demo-profiles';
import { freePort } from '../support/browser-node-red';
import { repoRoot } from '../support/paths';

interface Run {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first output line matching re (rejects when the process ends first). */
  line(re: RegExp): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

function start(demoDir: string, port: number, extra: { args?: string[]; env?: Record<string, string> } = {}): Run {
  const child = spawn(process.execPath, [path.join(repoRoot, 'test', 'scripts', 'start-demo.js'), ...(extra.args ?? [])], {
    cwd: repoRoot,
    env: { ...process.env, DEMO_DIR: demoDir, PORT: String(port), DEMO_RESET: '', ...(extra.env ?? {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const waiters: Array<() => void> = [];
  const feed = (d: Buffer) => {
    out += d.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout.on('data', feed);
  child.stderr.on('data', feed);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => {
    ended = true;
    for (const w of waiters.splice(0)) w();
  });
  return {
    child,
    output: () => out,
    exited,
    line(re) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(re);
          if (m) return resolve(m);
          if (ended) return reject(new Error(`start-demo ended before ${re}:\n${out}`));
          waiters.push(check);
        };
        check();
      });
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await exited;
      }
    },
  };
}

async function flowsOf(port: number): Promise<Array<Record<string, any>>> {
  const res = await fetch(`http://127.0.0.1:${port}/flows`, { headers: { 'Node-RED-API-Version': 'v1' } });
  assert.strictEqual(res.status, 200);
  return (await res.json()) as Array<Record<string, any>>;
}

describe('npm start demo (test/scripts/start-demo.js)', function () {
  this.timeout(60000);
  let dir: string;
  let run: Run | undefined;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcl-demo-'));
  });
  afterEach(async () => {
    await run?.stop();
    run = undefined;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function startAndWait(
    extra: { args?: string[]; env?: Record<string, string> } = {},
  ): Promise<{ port: number; hosts: Map<string, string> }> {
    const port = await freePort();
    run = start(dir, port, extra);
    const [, url] = await run.line(/Node-RED editor: (http:\/\/\S+)/);
    assert.strictEqual(url, `http://127.0.0.1:${port}/`);
    // Printed only once Node-RED listens: the editor answers right away.
    const res = await fetch(`${url}settings`);
    assert.strictEqual(res.status, 200);
    await res.arrayBuffer();
    assert.match(run.output(), /build is up to date/, 'npm test built already: no second build');
    const hosts = new Map<string, string>();
    for (const m of run.output().matchAll(/simulated (\S+) \((TLS|AES)\) on (127\.0\.0\.1:\d+)/g)) hosts.set(m[1], m[3]);
    return { port, hosts };
  }

  it('first start: the demo flow with every demo appliance of the library, each on its own simulator', async function () {
    const { port, hosts } = await startAndWait();
    const records = demoRecords();
    assert.strictEqual(hosts.size, records.length);
    const account = (await flowsOf(port)).find((n) => n.type === 'homeconnect-local-account')!;
    assert.deepStrictEqual(
      account.appliances.map((a: { haId: string; host: string; connectionType: string }) => [a.haId, a.host, a.connectionType]),
      records.map((r) => [r.haId, hosts.get(r.name), r.connectionType]),
    );
  });

  it("keeps the user's flows on the next start and points the demo account at the new simulators", async function () {
    const file = path.join(dir, 'flows.json');
    const flows = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
    flows.push({ id: 'user000000000001', type: 'comment', z: flows[0].id, name: 'my own node', info: '', x: 100, y: 600, wires: [] });
    fs.writeFileSync(file, JSON.stringify(flows));
    const { port, hosts } = await startAndWait();
    const now = await flowsOf(port);
    assert.ok(
      now.some((n) => n.id === 'user000000000001'),
      "the user's node is still there",
    );
    const account = now.find((n) => n.type === 'homeconnect-local-account')!;
    for (const r of demoRecords()) {
      assert.strictEqual(account.appliances.find((a: { haId: string }) => a.haId === r.haId).host, hosts.get(r.name));
    }
  });

  for (const how of ['--reset', 'DEMO_RESET=1'] as const) {
    it(`${how} writes the demo flow again`, async function () {
      const file = path.join(dir, 'flows.json');
      const flows = JSON.parse(fs.readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
      if (!flows.some((n) => n.id === 'user000000000001')) {
        flows.push({ id: 'user000000000001', type: 'comment', z: flows[0].id, name: 'my own node', info: '', x: 100, y: 600, wires: [] });
        fs.writeFileSync(file, JSON.stringify(flows));
      }
      const { port } = await startAndWait(how === '--reset' ? { args: ['--reset'] } : { env: { DEMO_RESET: '1' } });
      assert.ok(!(await flowsOf(port)).some((n) => n.id === 'user000000000001'));
    });
  }

  it('a taken port: says how to pick another and exits non-zero', async function () {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      run = start(dir, port);
      const code = await run.exited;
      assert.strictEqual(code, 1);
      assert.match(run.output(), new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is in use.*PORT=\\d+ npm start`));
      assert.doesNotMatch(run.output(), /Node-RED editor:/);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });
});
